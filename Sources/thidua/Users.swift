import ArgumentParser
import Foundation
import Logging
import Storage

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tài khoản người dùng.",
        subcommands: [Create.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tạo tài khoản. Mật khẩu đọc từ dòng đầu của đầu vào chuẩn (stdin).",
            discussion: "Ví dụ: echo 'mật-khẩu-dài' | thidua users create --username xa.canbo --full-name 'Nguyễn Văn An' --role submitter@99010"
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Tên đăng nhập (chữ thường không dấu, số, . _ -).")
        var username: String

        @Option(help: "Họ và tên.")
        var fullName: String

        @Option(
            name: .customLong("role"),
            help:
                "Vai trò@mã đơn vị (hoặc @mã tổ chức, ví dụ chair@HKH-99010), lặp lại được: \(Role.allCases.map(\.rawValue).joined(separator: ", ")); system_admin không cần đơn vị."
        )
        var roles: [String] = []

        func run() async throws {
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw CommandFailure("Chưa nhập mật khẩu trên stdin.")
            }
            var grants: [(Role, unitCode: String?)] = []
            for text in roles {
                let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
                guard let role = Role(rawValue: parts[0]) else {
                    throw ValidationError("Vai trò không hợp lệ: \(parts[0]).")
                }
                grants.append((role, unitCode: parts.count > 1 ? parts[1] : nil))
            }
            let logger = Logger.cli()
            let cost = UInt8(ProcessInfo.processInfo.environment["THIDUA_BCRYPT_COST"].flatMap { Int($0) } ?? 12)
            let (username, fullName, sendableGrants) = (username, fullName, grants.map { ($0.0, $0.unitCode) })
            do {
                let id = try await database.withClient(logger: logger) { client in
                    try await AccountRepository(client: client, hasher: PasswordHasher(cost: cost), logger: logger)
                        .create(username: username, fullName: fullName, password: password, roles: sendableGrants.map { ($0.0, unitCode: $0.1) })
                }
                print("Đã tạo tài khoản \(username) (id \(id)).")
            } catch let error as AccountError {
                throw CommandFailure(error.description)
            }
        }
    }
}
