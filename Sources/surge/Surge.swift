import ArgumentParser
import Logging

@main
struct Surge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surge",
        abstract: "Crisis staffing: competence register, reserve pool, task priorities and the scheduling core.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DBCommand.self, TokenCommand.self,
            DepartmentCommand.self,
            // Section A: staff, competences, search, import/export.

            // Section B: pool, tasks, quotas, seed.
            PoolCommand.self, QuotaCommand.self, SeedCommand.self,

            // Scheduling core.

        ]
    )

    /// The one place logging is bootstrapped; libraries only take a `Logger`.
    static func bootstrapLogging(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
