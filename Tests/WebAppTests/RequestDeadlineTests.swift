import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import WebApp

/// A request never waits for ever: past the deadline its handler is cancelled (a waiting
/// connection lease with it) and the request refused; quicker ones pass untouched.
@Suite struct RequestDeadlineTests {
    final class Flag: Sendable {
        let cancelled = Mutex(false)
    }

    @Test func aHandlerPastTheDeadlineIsCancelledAndTheRequestRefusedAtOnce() async throws {
        let flag = Flag()
        let router = Router()
        router.add(middleware: RequestDeadlineMiddleware(limit: .milliseconds(300)))
        router.get("/slow") { _, _ -> String in
            do {
                try await Task.sleep(for: .seconds(30))
            } catch {
                flag.cancelled.withLock { $0 = true }
                throw error
            }
            return "late"
        }
        router.get("/quick") { _, _ -> String in "ok" }
        try await Application(router: router).test(.router) { client in
            let started = ContinuousClock.now
            let slow = try await client.execute(uri: "/slow", method: .get)
            #expect(slow.status != .ok)
            // Well before the handler's 30 s: it was cancelled, not waited for (the margin is
            // for a runner busy with the rest of the suite).
            #expect(ContinuousClock.now - started < .seconds(25))
            #expect(flag.cancelled.withLock { $0 })
            let quick = try await client.execute(uri: "/quick", method: .get)
            #expect(quick.status == .ok)
            #expect(String(buffer: quick.body) == "ok")
        }
    }

    @Test func theDeadlineAnswersAsAProblemSayingToTryAgain() {
        let error = RequestDeadlineExceeded(limit: .seconds(120))
        #expect(error.description.contains("120 giây"))
        #expect(error.description.contains("thử lại"))
    }
}
