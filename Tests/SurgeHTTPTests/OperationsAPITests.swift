import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct OperationsAPITests {
    @Test func healthAndReadinessNeedNoToken() async throws {
        try await withAPI { api in
            let health = try await api.request(.get, "/healthz", as: nil)
            #expect(health.status == .ok)
            let ready = try await api.request(.get, "/readyz", as: nil)
            #expect(ready.status == .ok)
            #expect(ready.text.contains("ready"))
        }
    }

    @Test func readinessFailsWhenMigrationsArePending() async throws {
        try await withAPI { api in
            try await api.repositories.db.client.query("DELETE FROM schema_migration", logger: api.repositories.db.logger)
            let ready = try await api.request(.get, "/readyz", as: nil)
            #expect(ready.status == .serviceUnavailable)
            #expect(ready.text.contains("migrations pending"))
        }
    }

    @Test func metricsArePrometheusText() async throws {
        try await withAPI { api in
            let metrics = try await api.request(.get, "/metrics", as: nil)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
        }
    }
}
