import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing

/// Sign-in under a burst of parallel requests over real sockets. Run after the rest of the suite
/// with the fault tests (`scripts/test.sh`): beside a hundred other suites on two cores, the
/// client's connections waited past their timeouts (the single-connection client and
/// AsyncHTTPClient's pool alike) — a measure of the machine, not of the throttle.
@Suite struct ParallelLoginTests {
    /// 40 guesses at once from one address: only the free ones reach the password check; the
    /// user, from another address, still signs in. Through AsyncHTTPClient's pool (several
    /// connections at once); the store's own test
    /// (`AccountTests.parallelAttemptsAreAdmittedOnlyUpToTheFreeCount`) races the statement itself.
    @Test func parallelGuessesAreCheckedOnlyUpToTheAllowanceAndCannotLockTheUserOut() async throws {
        try await AppHarness.withApp(over: .ahc(.http), configure: { $0.trustedProxies = ["127.0.0.1", "::1"] }) { _, client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await client.execute(
                            uri: "/api/v1/auth/login",
                            method: .post,
                            headers: [.contentType: "application/json", .forwardedFor: "203.0.113.9"],
                            body: ByteBuffer(string: #"{"username":"xa.an.hoa","password":"doan-mo-sai"}"#)
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5, "\(statuses.map(\.code))")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 35)
            let own = try await client.execute(
                uri: "/api/v1/auth/login",
                method: .post,
                headers: [.contentType: "application/json", .forwardedFor: "198.51.100.20"],
                body: ByteBuffer(string: #"{"username":"xa.an.hoa","password":"\#(AppHarness.password)"}"#)
            )
            #expect(own.status == .ok)
        }
    }

}
