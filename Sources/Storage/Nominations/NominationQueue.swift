import Logging
import PostgresNIO
import Tabular

/// The open nominations a person may see, with filters, paging and counts per state.
public struct NominationQueue: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    /// Counts per step kept between requests (the server's one cache); nil: counted every time.
    public let counts: QueueCountsCache?

    public init(client: PostgresClient, logger: Logger, counts: QueueCountsCache? = nil) {
        self.client = client
        self.logger = logger
        self.counts = counts
    }

    public struct Filter: Sendable, Equatable {
        /// Units whose scope the person works in; nil: everywhere (system administrators).
        public var scopes: [Int]?
        public var state: String?
        public var award: String?
        public var roundID: Int?
        public var nomineeKind: String?
        /// A unit (and what lies under it) to narrow the queue to.
        public var unitID: Int?
        /// Matches names without diacritics too ("nguyen van an" finds "Nguyễn Văn An"), or a key.
        public var search: String?
        public var overdueOnly = false
        /// Only these steps (the person's own: "Việc của tôi"); nil: every step.
        public var states: [String]?
        /// Only nominations whose last move sent them back for supplement.
        public var returnedOnly = false

        public init(scopes: [Int]?) { self.scopes = scopes }
    }

    public struct Page: Sendable {
        public let items: [NominationStore.Nomination]
        /// Per state, over every filter but the state (to show beside the state filter).
        public let countsByState: [String: Int]
        /// Items matching every filter, for paging.
        public let total: Int
    }

    /// By due date: overdue first (the longest overdue first), then what falls due soonest, then
    /// steps without a deadline, oldest in their step first. Answered from the queue indexes.
    public func list(_ filter: Filter, page: Int, pageSize: Int) async throws -> Page {
        let search = filter.search?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        // Only wildcards typed: match the identifier exactly and no name, never every name.
        let pattern = ListWindow.containsPattern(search, folded: true) ?? search.map { _ in "" }
        let matching = QueueStatements.Matching(filter: filter, pattern: pattern, search: search)
        let (client, logger) = (client, logger)
        let count: @Sendable () async throws -> [String: Int] = {
            var counts: [String: Int] = [:]
            for try await (state, count) in try await client.execute(QueueStatements.Counts(matching: matching), logger: logger) {
                counts[state] = count
            }
            return counts
        }
        let counts: [String: Int]
        if let cache = self.counts {
            counts = try await cache.counts(for: filter.countsKey(pattern: pattern, search: search), compute: count)
        } else {
            counts = try await count()
        }
        var items: [NominationStore.Nomination] = []
        if pageSize > 0 {
            let statement = QueueStatements.List(
                matching: matching,
                state: filter.state,
                limit: pageSize,
                offset: ListWindow.offset(page: page, size: pageSize)
            )
            for try await row in try await client.execute(statement, logger: logger) {
                items.append(try NominationStore.nomination(row))
            }
        }
        return Page(items: items, countsByState: counts, total: Self.total(counts, state: filter.state))
    }

    /// How many nominations match the filter, from the counts per step alone (no page read).
    public func total(_ filter: Filter) async throws -> Int {
        Self.total(try await list(filter, page: 1, pageSize: 0).countsByState, state: filter.state)
    }

    static func total(_ counts: [String: Int], state: String?) -> Int {
        state.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
    }
}

extension NominationQueue.Filter {
    /// Everything the counts depend on (every filter but the state), as one text.
    func countsKey(pattern: String?, search: String?) -> String {
        let parts: [String] = [
            scopes.map { $0.sorted().map(String.init).joined(separator: ",") } ?? "*", award ?? "-", pattern ?? "-", search ?? "-",
            roundID.map(String.init) ?? "-", nomineeKind ?? "-", unitID.map(String.init) ?? "-", String(overdueOnly),
            states?.joined(separator: ",") ?? "*", String(returnedOnly),
        ]
        return parts.joined(separator: "\u{1F}")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
