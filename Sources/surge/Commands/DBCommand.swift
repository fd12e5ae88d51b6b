import ArgumentParser
import SurgeStore

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "The private PostgreSQL cluster (used when no DATABASE_URL is set).",
        subcommands: [Status.self, Start.self, Stop.self])

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show whether the private cluster exists and runs.")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let reader = try await global.reader()
            if let url = reader.string(forKey: "database.url", isSecret: true), !url.isEmpty {
                print("using DATABASE_URL: \(try DatabaseSettings(url: url))")
                return
            }
            print(try global.embeddedCluster(reader, logger: global.logger()).status())
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create (if needed) and start the private cluster.")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let reader = try await global.reader()
            _ = try await global.databaseSettings(reader, logger: global.logger())
            print(try global.embeddedCluster(reader, logger: global.logger()).status())
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the private cluster.")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let reader = try await global.reader()
            let cluster = global.embeddedCluster(reader, logger: global.logger())
            try cluster.stop()
            print("stopped")
        }
    }
}
