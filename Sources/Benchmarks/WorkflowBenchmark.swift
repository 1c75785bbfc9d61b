import Foundation
import Workflow

/// The pure engine on one core: nominations walked through the 2-tier process, every transition
/// checked (role, award condition, guards, council vote).
struct WorkflowBenchmark {
    let workflows: URL

    func run() throws -> [(String, String, String)] {
        let url = workflows.appendingPathComponent("khen-thuong-2-cap@2025.yaml")
        let definition = try WorkflowReader.read(try String(contentsOf: url, encoding: .utf8), file: url.path)
        var facts = WorkflowEngine.Facts()
        facts.documentsComplete = true
        facts.titleRecognised = true
        facts.postingOver = true
        facts.comment = "Bổ sung báo cáo thành tích."
        facts.tally = .init(members: 9, present: 8, yes: 7, no: 1)
        let path: [(Action, Role)] = [
            (.submit, .submitter), (.return, .reviewer), (.resubmit, .submitter), (.toCouncil, .reviewer), (.recordVote, .councilSecretary),
            (.toCouncil, .reviewer), (.recordVote, .councilSecretary), (.forward, .provinceAdmin), (.decide, .provinceAdmin),
        ]
        let roleSets = path.map { Set([$0.1]) }
        let clock = ContinuousClock()
        let start = clock.now
        var transitions = 0
        var finished = 0
        while clock.now - start < .seconds(2) {
            for _ in 0..<1_000 {
                var nomination = WorkflowEngine.Nomination(state: definition.initial, award: "bang-khen-thu-tuong")
                for (index, step) in path.enumerated() {
                    guard
                        case .success(let outcome) = WorkflowEngine.apply(
                            definition,
                            nomination,
                            action: step.0,
                            roles: roleSets[index],
                            facts: facts
                        )
                    else { fatalError("the benchmark path was refused at \(step.0)") }
                    nomination = .init(state: outcome.to, award: nomination.award)
                }
                if nomination.state == "da_khen_thuong" { finished += 1 }
                transitions += path.count
            }
        }
        let rate = Double(transitions) / seconds(clock.now - start)
        print("workflow: \(formatted(rate)) transitions/s (\(finished) nominations)")
        return [("Pure workflow engine, 2-tier process, one core", "\(formatted(rate / 1e6, decimals: 2)) M transitions/s", "≥ 1 M/s")]
    }
}
