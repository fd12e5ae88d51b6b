import ArgumentParser
import Logging

@main
struct Surge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surge",
        abstract: "Crisis staffing: competence register, reserve pool, task priorities and the scheduling core.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DBCommand.self, TokenCommand.self,
            DepartmentCommand.self, PlanCommand.self,
            // Section A: staff, competences, search, import/export.
            StaffCommand.self, CompetenceCommand.self, ImportCommand.self, ExportCommand.self,

            // Section B: pool, tasks, quotas, seed.
            PoolCommand.self, QuotaCommand.self, SeedCommand.self,

            // Crisis deployment (issue 5).
            CrisisCommand.self,

            // Scheduling core.
            SolveCommand.self, GenerateCommand.self, BenchCommand.self,

            // Scenario simulation.
            SimulateCommand.self,

        ]
    )

    /// The one place logging is bootstrapped; libraries only take a `Logger`.
    static func bootstrapLogging(level: Logger.Level, json: Bool) {
        LoggingSystem.bootstrap { label in
            if json {
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
