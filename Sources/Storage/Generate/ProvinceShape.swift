import Foundation
import Logging
import PostgresNIO
import Scoring
import Workflow

/// One generated province of a `NationalShape`: its communes and villages, the files its communes
/// send, its staff and its commendation round.
struct ProvinceShape: Sendable {
    let code: String
    let index: Int
    let shape: NationalShape

    struct Commune: Sendable {
        let code: String
        let name: String
        let isWard: Bool
        let villages: [Village]
    }

    struct Village: Sendable {
        let code: String
        let name: String
        let households: Int
    }

    var name: String { "Tỉnh \(VietnameseNames.place(500 + index * 37))" }

    /// The communes after the 2025 merger, one ward (phường) in five, with their thôn or tổ dân
    /// phố; households per village vary ±30 % around the province's mean.
    var communes: [Commune] {
        let count = shape.communesPerProvince
        let perVillage = Double(shape.householdsPerProvince) / Double(count * shape.proportions.villagesPerCommune)
        return (1...count).map { number in
            let communeCode = code + String(format: "%03d", number)
            let isWard = number % 5 == 1
            var random = ShapeRandom("villages \(communeCode)")
            let villages = (1...shape.proportions.villagesPerCommune).map { v in
                Village(
                    code: communeCode + String(format: "%03d", v),
                    name: (isWard ? "Tổ dân phố " : "Thôn ") + VietnameseNames.place(v * 11 + number),
                    households: max(1, Int(perVillage * (0.7 + 0.6 * Double(random.below(1000)) / 1000)))
                )
            }
            return Commune(
                code: communeCode,
                name: (isWard ? "Phường " : "Xã ") + VietnameseNames.place(number + index),
                isWard: isWard,
                villages: villages
            )
        }
    }

    /// The unit list in the layout `thidua units import` reads.
    func unitList(_ communes: [Commune]) -> [UInt8] {
        var lines = ["Mã,Tên,Cấp,Mã cấp trên,Hiệu lực từ,Hiệu lực đến,Thay thế", "\(code),\(name),Tỉnh,,01/07/2025,,"]
        for commune in communes {
            lines.append("\(commune.code),\(commune.name),\(commune.isWard ? "Phường" : "Xã"),\(code),01/07/2025,,")
            for village in commune.villages {
                lines.append("\(village.code),\(village.name),\(commune.isWard ? "Tổ dân phố" : "Thôn"),\(commune.code),01/07/2025,,")
            }
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Households and clans of each village and units of each commune, for each year: the bases
    /// the targets report divides by.
    func counts(_ communes: [Commune]) -> [UInt8] {
        var lines = ["Mã đơn vị,Năm,Hộ gia đình,Dòng họ,Đơn vị"]
        for year in NationalShape.years {
            for commune in communes {
                lines.append("\(commune.code),\(year),,,\(shape.proportions.unitsPerCommune)")
                for (v, village) in commune.villages.enumerated() {
                    lines.append("\(village.code),\(year),\(village.households),\(clans(in: commune, village: v)),")
                }
            }
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Clans of a commune spread over its first villages, one each, then round again.
    private func clans(in commune: Commune, village: Int) -> Int {
        let (whole, rest) = shape.proportions.clansPerCommune.quotientAndRemainder(dividingBy: commune.villages.count)
        return whole + (village < rest ? 1 : 0)
    }

    /// Who answers as meeting the criteria, in a hundred, by kind and year: the movement's
    /// progress the reports should show.
    private static func strongPercent(_ kind: SubjectKind, year: Int) -> Int {
        let base =
            switch kind {
            case .household: 78
            case .clan: 70
            case .community: 68
            case .unit: 75
            default: 62
            }
        return base + (year - 2025) * 4
    }

    private static let unitNames = [
        "Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở", "Trạm Y tế", "Ủy ban nhân dân", "Hợp tác xã nông nghiệp",
        "Trung tâm học tập cộng đồng", "Công ty TNHH", "Bưu điện văn hóa", "Trường Trung học phổ thông",
    ]

    /// A commune's file for one criteria set and year, and the keys of the subjects that answered
    /// as meeting the criteria (the dossiers are drawn from them).
    func file(_ kind: SubjectKind, set: CriteriaSet, year: Int, commune: Commune) -> (
        GeneratedAssessmentFile, strong: [(key: String, name: String, unit: String)]
    ) {
        var file = GeneratedAssessmentFile(set: set)
        var strong: [(String, String, String)] = []
        var random = ShapeRandom("\(set.reference) \(commune.code) \(year)")
        let percent = Self.strongPercent(kind, year: year)
        func add(unit: String, key: String, name: String) {
            // The subject's answers differ year by year; who it is does not.
            let isStrong = random.chance(percent)
            file.add(unit: unit, key: key, name: name, year: year, strong: isStrong, random: &random)
            if isStrong { strong.append((key, name, unit)) }
        }
        switch kind {
        case .household:
            for village in commune.villages {
                var names = ShapeRandom("households \(village.code)")
                let assessed = village.households * shape.proportions.householdsAssessedPercent / 100
                for n in 0..<assessed { add(unit: village.code, key: "HGD-\(village.code)-\(n + 1)", name: VietnameseNames.person(&names)) }
            }
        case .clan:
            for (v, village) in commune.villages.enumerated() {
                for n in 0..<clans(in: commune, village: v) {
                    let surname = VietnameseNames.surnames[(v * 7 + n * 13) % VietnameseNames.surnames.count]
                    add(
                        unit: village.code,
                        key: "DH-\(village.code)-\(n + 1)",
                        name:
                            "Dòng họ \(surname) \(village.name.lowercased().hasPrefix("thôn") ? "thôn" : "tổ dân phố") \(village.name.split(separator: " ").suffix(2).joined(separator: " "))"
                    )
                }
            }
        case .community:
            for village in commune.villages { add(unit: village.code, key: "CD-\(village.code)", name: village.name) }
        case .unit:
            for n in 0..<shape.proportions.unitsPerCommune {
                let place = commune.name.split(separator: " ").dropFirst().joined(separator: " ")
                add(unit: commune.code, key: "DV-\(commune.code)-\(n + 1)", name: "\(Self.unitNames[n % Self.unitNames.count]) \(place)")
            }
        default:
            for village in commune.villages {
                var names = ShapeRandom("citizens \(village.code)")
                let citizens = village.households * shape.proportions.citizensPerThousandHouseholds / 1000
                for n in 0..<citizens {
                    // Twelve digits like a citizen's identity number, the province's code first.
                    let key = "0\(code)" + String(format: "%09d", (Int(village.code.suffix(6)) ?? 0) * 1000 + n + 1)
                    add(unit: village.code, key: key, name: VietnameseNames.person(&names))
                }
            }
        }
        return (file, strong)
    }
}
