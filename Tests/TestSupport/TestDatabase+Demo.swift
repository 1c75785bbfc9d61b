import Storage

extension TestDatabase {
    /// Loads the whole demo, as `make run` does: units, accounts, councils, the criteria sets with
    /// their assessments and programme, the workflows with their rounds and dossiers.
    public func loadDemo() async throws {
        let root = Self.migrationsDirectory.deletingLastPathComponent()
        _ = try await DemoData.load(
            client: client,
            hasher: PasswordHasher(cost: 4),
            logger: Self.logger,
            criteria: root.appendingPathComponent("criteria"),
            workflows: root.appendingPathComponent("workflows"),
            targets: root.appendingPathComponent("targets")
        )
    }
}
