import ArgumentParser
import Hummingbird
import Metrics
import Prometheus
import SurgeHTTP

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the HTTP API (migrates the database first).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on.") var port: Int?

    func run() async throws {
        let reader = try await global.reader()
        Surge.bootstrapLogging(level: global.verbose ? .debug : .info, json: reader.string(forKey: "log.format", default: "text") == "json")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = global.logger()
        var settings = ServerSettings(reader: reader)
        if let host { settings.host = host }
        if let port { settings.port = port }
        let database = try await global.databaseSettings(reader, logger: logger)
        let app = try await buildApplication(settings: settings, database: database, metrics: registry, logger: logger)
        try await app.runService()
    }
}
