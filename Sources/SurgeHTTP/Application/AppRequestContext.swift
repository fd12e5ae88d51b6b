import Hummingbird
import SurgeStore

/// Per-request identity only: who is calling (set by `TokenAuthMiddleware`).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var caller: Caller?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.caller = nil
    }

    /// The authenticated caller; routes behind the auth middleware always have one.
    public func requireCaller() throws -> Caller {
        guard let caller else { throw Problem.unauthorized("missing API token") }
        return caller
    }
}
