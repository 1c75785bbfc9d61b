import Foundation
import Scoring
import Storage

extension TestDatabase {
    /// The repository's `criteria/` folder.
    public static var criteriaDirectory: URL {
        migrationsDirectory.deletingLastPathComponent().appendingPathComponent("criteria")
    }

    /// Loads the shipped criteria sets and returns `reference` among them.
    @discardableResult
    public func loadShippedCriteria(returning reference: String = "gia-dinh-hoc-tap@2021") async throws -> CriteriaSet {
        let criteria = CriteriaRepository(client: client, logger: Self.logger)
        try await criteria.load(files: try CriteriaCatalog.files(in: Self.criteriaDirectory))
        return try await criteria.set(reference)
    }
}
