import Foundation
import Logging
import ServiceLifecycle
import SurgeStore

/// Runs beside the server: every `interval` it expires release requests whose deadline passed
/// (as of the services' clock) and queues the re-solves. The same step is
/// `POST /v1/release-requests/expire` and `surge crisis expire`.
public struct ReleaseExpiryService: Service {
    let services: CrisisServices
    let interval: Duration
    let logger: Logger

    public init(services: CrisisServices, interval: Duration = .seconds(60), logger: Logger) {
        self.services = services
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    await tick()
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// One round: what the loop does every `interval`.
    public func tick() async {
        let now = services.now()
        do {
            for org in try await services.releases.organisationsWithDueRequests(now: now) {
                for job in try await services.releases.expire(org: org, now: now, actor: .system) {
                    services.runner.enqueue(org: org, job: job, urgent: false)
                }
            }
        } catch {
            logger.warning("release expiry failed", metadata: ["error": "\(error)"])
        }
    }
}
