import Storage

extension TestDatabase {
    /// Loads the small province of `UnitListBuilder.smallProvince` (two districts until
    /// 30/06/2025, their communes merged into two from 01/07/2025): what most tests start from.
    public func loadSmallProvince() async throws {
        try await UnitRepository(client: client, logger: Self.logger).importList(UnitListBuilder.smallProvince().bytes)
    }
}
