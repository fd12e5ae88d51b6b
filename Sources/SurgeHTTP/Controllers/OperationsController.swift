import HTTPTypes
import Hummingbird
import Prometheus
import SurgeStore

/// `/healthz` (the process answers), `/readyz` (database reachable, migrations current),
/// `/metrics` (Prometheus text).
struct OperationsController {
    let db: Database
    let migrator: Migrator
    let metrics: PrometheusCollectorRegistry

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ in
            try JSONReply.make(["status": "ok"])
        }
        router.get("metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
        router.get("readyz") { _, _ in
            do {
                let pending = try await migrator.pending(client: db.client, logger: db.logger)
                guard pending.isEmpty else {
                    return Problem(status: .serviceUnavailable, detail: "migrations pending: \(pending.map(String.init).joined(separator: ", "))").response()
                }
                return try JSONReply.make(["status": "ready"])
            } catch {
                return Problem(status: .serviceUnavailable, detail: "database unreachable").response()
            }
        }
    }
}
