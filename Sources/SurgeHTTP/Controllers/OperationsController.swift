import Hummingbird
import SurgeStore

/// `/healthz` (the process answers), `/readyz` (database reachable, migrations current).
struct OperationsController {
    let db: Database
    let migrator: Migrator

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ in
            try JSONReply.make(["status": "ok"])
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
