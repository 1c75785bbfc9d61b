import Foundation
import Synchronization

/// Runs another program (LibreOffice for PDF) without holding a thread while it works.
///
/// Swift's concurrency pool has one thread per core — two here — so `waitUntilExit()` or a
/// blocking pipe read inside a request stops every other request for as long as the program
/// runs (a PDF takes 4–6 s). The wait is a continuation resumed by the termination handler, the
/// output is read by a blocking loop on a Dispatch thread until end of file, and a program past
/// its deadline is killed.
///
/// Not `readabilityHandler`: on Linux its last chunks can arrive after, or instead of, the empty
/// read that marks the end, which cut a 300 KB output short on a busy CI machine.
public enum ChildProcess {
    public struct Outcome: Sendable {
        public let status: Int32
        /// Standard output and standard error together, at most `outputLimit` bytes of them.
        public var output: String { String(decoding: bytes, as: UTF8.self) }
        public let bytes: [UInt8]
        public let timedOut: Bool
    }

    public static let outputLimit = 4 * 1024 * 1024

    public static func run(
        _ executable: URL,
        arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil,
        deadline: Duration
    ) async throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice

        let output = Output()

        let watch = Watch()
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                watch.state.withLock { $0.exited = true }
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            // Ours is not the writer: with this end closed, the output ends when the program's does.
            try? pipe.fileHandleForWriting.close()
            DispatchQueue.global().async { output.read(pipe.fileHandleForReading) }
            let pid = process.processIdentifier
            let seconds = Double(deadline.components.seconds) + Double(deadline.components.attoseconds) / 1e18
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                // Checked under the lock the termination handler takes: a pid is never killed
                // after its program ended (it may belong to another by then).
                watch.state.withLock { state in
                    guard !state.exited else { return }
                    state.timedOut = true
                    kill(pid, SIGKILL)
                }
            }
        }
        // The rest of the output follows the exit at once — unless the machine is busy, or a
        // grandchild still holds the pipe: up to ten more seconds, then what was read by then.
        await output.end(waitingAtMost: .seconds(10))
        return Outcome(status: status, bytes: output.bytes, timedOut: watch.state.withLock { $0.timedOut })
    }

    /// Whether the program has ended, and whether the deadline ended it.
    private final class Watch: Sendable {
        let state = Mutex((exited: false, timedOut: false))
    }

    /// What the program wrote, kept up to `outputLimit`, and who waits for its end.
    private final class Output: Sendable {
        private struct State {
            var bytes: [UInt8] = []
            var ended = false
            var waiter: CheckedContinuation<Void, Never>?
        }
        private let state = Mutex(State())

        var bytes: [UInt8] { state.withLock { $0.bytes } }

        /// Reads until every writer has closed the pipe (the program and anything it started).
        /// Blocks its Dispatch thread, never one of Swift's concurrency pool.
        func read(_ handle: FileHandle) {
            let descriptor = handle.fileDescriptor
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    state.withLock { state in
                        guard !state.ended, state.bytes.count < outputLimit else { return }
                        state.bytes.append(contentsOf: buffer[0..<min(count, outputLimit - state.bytes.count)])
                    }
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            withExtendedLifetime(handle) {}
            let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
                guard !state.ended else { return nil }
                state.ended = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }

        func end(waitingAtMost limit: Duration) async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let waiting = state.withLock { state in
                    if state.ended { return false }
                    state.waiter = continuation
                    return true
                }
                guard waiting else { return continuation.resume() }
                let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
                    let late = state.withLock { state in
                        state.ended = true
                        defer { state.waiter = nil }
                        return state.waiter
                    }
                    late?.resume()
                }
            }
        }
    }
}
