import ArgumentParser

/// `thidua`: the command line of ThiDua. Each command is thin: it parses arguments and calls in.
@main
struct ThiDua: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thidua",
        abstract: "ThiDua — phong trào thi đua xây dựng xã hội học tập (QĐ 1315/QĐ-TTg).",
        subcommands: [
            Serve.self, Migrate.self, Demo.self, Generate.self, Units.self, Users.self, Criteria.self, Assessments.self, Registrations.self,
            Report.self,
            TargetsCommand.self,
            Recognition.self,
            Organisations.self,
            Workflows.self, Rounds.self, Nominations.self, Decisions.self, Audit.self, LookupCommand.self, Certificates.self, Citus.self,
        ]
    )
}
