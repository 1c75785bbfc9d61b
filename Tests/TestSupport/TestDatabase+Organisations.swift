import Storage

extension TestDatabase {
    /// Sets up a commune's (or the province's) Hội Khuyến học, as `thidua organisations add` does.
    @discardableResult
    public func addAssociation(unit: String, name: String, parent: String? = nil) async throws -> Organisation {
        try await OrganisationStore(client: client, logger: Self.logger).add(
            code: "HKH-\(unit)",
            kind: "hoi-khuyen-hoc",
            name: name,
            unitCode: unit,
            parentCode: parent,
            symbol: "QĐ-HKH",
            charterBasis: "Điều lệ Hội Khuyến học Việt Nam"
        )
    }
}
