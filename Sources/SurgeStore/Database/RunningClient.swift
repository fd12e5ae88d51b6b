import Logging
import PostgresNIO

extension Database {
    /// Runs `body` with a client that is running for exactly that long (a client serves nothing
    /// until `run()` runs); for commands and tests, where no service group owns the client.
    /// Errors come out mapped by `StoreError.map`.
    public static func withRunningClient<T: Sendable>(_ settings: DatabaseSettings, logger: Logger,
                                                      _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: settings.clientConfiguration(), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            do {
                try await waitUntilServing(client, logger: logger)
                return try await body(client)
            } catch {
                throw StoreError.map(error)
            }
        }
    }

    /// `run()` starts asynchronously: poll until the client answers.
    public static func waitUntilServing(_ client: PostgresClient, logger: Logger) async throws {
        var attempt = 0
        while true {
            do {
                try await client.query("SELECT 1", logger: logger)
                return
            } catch {
                attempt += 1
                if attempt > 100 { throw error }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
