import Foundation
import Logging
import PostgresNIO

/// The organisations of a province: set up by its administrators (`thidua organisations add`),
/// found by code, by the unit they serve, or by the kind a rule names at a unit.
public struct OrganisationStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public enum OrganisationError: Error, Equatable, CustomStringConvertible {
        case unknownUnit(String)
        case badCode(String)
        case badKind(String)
        case badSymbol(String)
        case blankName
        case codeTaken(String)
        case kindTaken(kind: String, unitName: String)
        case unknownParent(String)

        public var description: String {
            switch self {
            case .unknownUnit(let code): "Không có đơn vị hành chính mã \(code) đang có hiệu lực."
            case .badCode(let code):
                "Mã tổ chức \"\(code)\" không hợp lệ: chữ in hoa không dấu, số, dấu chấm, gạch ngang; 2–40 ký tự (ví dụ HKH-99010)."
            case .badKind(let kind): "Loại tổ chức \"\(kind)\" không hợp lệ: chữ thường không dấu, số, gạch ngang (ví dụ hoi-khuyen-hoc)."
            case .badSymbol(let symbol): "Ký hiệu số quyết định \"\(symbol)\" không hợp lệ (ví dụ QĐ-HKH)."
            case .blankName: "Cần tên tổ chức (không quá 200 ký tự)."
            case .codeTaken(let code): "Mã tổ chức \(code) đã được dùng."
            case .kindTaken(let kind, let unitName): "\(unitName) đã có tổ chức loại \(kind)."
            case .unknownParent(let code): "Không có tổ chức cấp trên mã \(code)."
            }
        }
    }

    static let columns = """
        o.id, o.province_code, o.code, o.kind, o.name, o.unit_id, u.code, p.name, o.symbol, o.issuer_title, o.signer_title, o.charter_basis
        """

    static let from = "organisations o JOIN admin_units u ON u.id = o.unit_id LEFT JOIN organisations p ON p.id = o.parent_id"

    /// Sets up an organisation at the unit (the version in force today) it serves.
    @discardableResult
    public func add(
        code: String,
        kind: String,
        name: String,
        unitCode: String,
        parentCode: String? = nil,
        symbol: String,
        issuerTitle: String? = nil,
        signerTitle: String = "CHỦ TỊCH",
        charterBasis: String
    ) async throws -> Organisation {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard code.range(of: #"^[A-Z][A-Z0-9.-]{1,39}$"#, options: .regularExpression) != nil else { throw OrganisationError.badCode(code) }
        guard kind.range(of: #"^[a-z][a-z0-9-]{1,39}$"#, options: .regularExpression) != nil else { throw OrganisationError.badKind(kind) }
        guard symbol.range(of: #"^[A-ZĐ0-9.-]{2,30}$"#, options: .regularExpression) != nil else { throw OrganisationError.badSymbol(symbol) }
        guard !name.isEmpty, name.count <= 200 else { throw OrganisationError.blankName }
        let logger = logger
        let id = try await client.transaction(logger: logger) { connection in
            var unit: (Int, String, String)?
            for try await row in try await connection.query(
                "SELECT id, province_code, name FROM admin_units WHERE code = \(unitCode) AND valid_to IS NULL",
                logger: logger
            ).decode((Int, String, String).self) { unit = row }
            guard let (unitID, province, unitName) = unit else { throw OrganisationError.unknownUnit(unitCode) }
            var parentID: Int?
            if let parentCode {
                for try await id in try await connection.query("SELECT id FROM organisations WHERE code = \(parentCode)", logger: logger)
                    .decode(Int.self)
                { parentID = id }
                guard parentID != nil else { throw OrganisationError.unknownParent(parentCode) }
            }
            for try await _ in try await connection.query("SELECT 1 FROM organisations WHERE code = \(code)", logger: logger) {
                throw OrganisationError.codeTaken(code)
            }
            for try await _ in try await connection.query("SELECT 1 FROM organisations WHERE kind = \(kind) AND unit_id = \(unitID)", logger: logger)
            {
                throw OrganisationError.kindTaken(kind: kind, unitName: unitName)
            }
            let issuer = issuerTitle ?? "CHỦ TỊCH \(name.uppercased())"
            let inserted = try await connection.query(
                """
                INSERT INTO organisations (province_code, code, kind, name, unit_id, parent_id, symbol, issuer_title, signer_title, charter_basis)
                VALUES (\(province), \(code), \(kind), \(name), \(unitID), \(parentID), \(symbol), \(issuer), \(signerTitle), \(charterBasis))
                RETURNING id
                """,
                logger: logger
            )
            var id = 0
            for try await value in inserted.decode(Int.self) { id = value }
            return id
        }
        guard let added = try await organisation(id: id) else { throw OrganisationError.unknownUnit(unitCode) }
        return added
    }

    public func organisation(code: String) async throws -> Organisation? {
        try await first("SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from) WHERE o.code = \(code)")
    }

    public func organisation(id: Int) async throws -> Organisation? {
        try await first("SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from) WHERE o.id = \(id)")
    }

    /// The organisation of `kind` set up at the unit `unitID` (the rule's "the Hội Khuyến học of
    /// this commune"), or at the unit that version replaced or was replaced by.
    public func serving(kind: String, unitID: Int) async throws -> Organisation? {
        try await first(
            """
            SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from)
            WHERE o.kind = \(kind) AND (o.unit_id = \(unitID) OR u.code = (SELECT code FROM admin_units WHERE id = \(unitID)))
            ORDER BY o.unit_id = \(unitID) DESC, o.id LIMIT 1
            """
        )
    }

    /// Every organisation of a province (nil: of all), by name.
    public func all(provinceCode: String?) async throws -> [Organisation] {
        try await list(
            """
            SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from)
            WHERE \(provinceCode)::text IS NULL OR o.province_code = \(provinceCode) ORDER BY o.name COLLATE vi_vn, o.code
            """
        )
    }

    private func first(_ query: PostgresQuery) async throws -> Organisation? { try await list(query).first }

    private func list(_ query: PostgresQuery) async throws -> [Organisation] {
        var out: [Organisation] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, province, code, kind, name, unitID, unitCode, parent, symbol, issuer, signer, basis) in rows.decode(
            (Int, String, String, String, String, Int, String, String?, String, String, String, String).self
        ) {
            out.append(
                Organisation(
                    id: id,
                    provinceCode: province,
                    code: code,
                    kind: kind,
                    name: name,
                    unitID: unitID,
                    unitCode: unitCode,
                    parentName: parent,
                    symbol: symbol,
                    issuerTitle: issuer,
                    signerTitle: signer,
                    charterBasis: basis
                )
            )
        }
        return out
    }
}
