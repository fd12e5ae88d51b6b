import Hummingbird
import SurgeStore

/// Resolves `Authorization: Bearer <token>` to a caller; 401 when missing, unknown or revoked.
public struct TokenAuthMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let tokens: TokenRepository

    public init(tokens: TokenRepository) { self.tokens = tokens }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw Problem.unauthorized("missing Authorization header (Bearer token)")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem.unauthorized("Authorization header must be 'Bearer <token>'")
        }
        guard let caller = try await tokens.authenticate(String(parts[1])) else {
            throw Problem.unauthorized("unknown or revoked token")
        }
        var context = context
        context.caller = caller
        context.logger[metadataKey: "caller"] = "\(caller.tokenId)"
        return try await next(request, context)
    }
}
