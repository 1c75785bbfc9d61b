import ArgumentParser
import Storage

/// `thidua citus plan`: the statements that place ThiDua's tables on a Citus coordinator
/// (docs/scaling.md), from the one layout the catalog test checks the migrations against.
struct Citus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chạy ThiDua trên cụm Citus (phân tán theo tỉnh).",
        subcommands: [Plan.self]
    )

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "In các câu lệnh SQL đặt các bảng lên cụm Citus: bảng tham chiếu, bảng phân tán theo province_code, hàm phân tán.",
            discussion: "Chạy trên máy điều phối (coordinator) sau `thidua migrate`; xem docs/scaling.md."
        )

        func run() async throws {
            print(CitusLayout.plan)
        }
    }
}
