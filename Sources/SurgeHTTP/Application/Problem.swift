import Foundation
import HTTPTypes
import Hummingbird
import SurgeCore
import SurgeStore

/// An RFC 9457 problem document (`application/problem+json`): every error the API returns.
public struct Problem: Error, Codable, Sendable {
    public struct InvalidParam: Codable, Sendable {
        public var name: String
        public var reason: String
    }

    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var invalidParams: [InvalidParam]?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail
        case invalidParams = "invalid-params"
    }

    public init(status: HTTPResponse.Status, detail: String?, invalidParams: [InvalidParam]? = nil) {
        self.type = "about:blank"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.invalidParams = invalidParams
    }

    public static func unauthorized(_ detail: String) -> Problem { Problem(status: .unauthorized, detail: detail) }
    public static func forbidden(_ detail: String) -> Problem { Problem(status: .forbidden, detail: detail) }
    public static func notFound(_ detail: String) -> Problem { Problem(status: .notFound, detail: detail) }
    public static func badRequest(_ field: String, _ reason: String) -> Problem {
        Problem(status: .badRequest, detail: "\(field): \(reason)", invalidParams: [InvalidParam(name: field, reason: reason)])
    }

    /// The single mapping from anything a handler throws to a problem.
    public static func from(_ error: any Error) -> Problem {
        switch error {
        case let p as Problem: return p
        case let v as ValidationFailure: return unprocessable(v)
        case let s as StoreError:
            switch s {
            case .notFound: return Problem(status: .notFound, detail: s.description)
            case .conflict: return Problem(status: .conflict, detail: s.description)
            case .versionMismatch: return Problem(status: .preconditionFailed, detail: s.description)
            case .invalid(let v): return unprocessable(v)
            case .invalidConfiguration, .migration, .unavailable: return Problem(status: .serviceUnavailable, detail: s.description)
            }
        case let d as DecodingError: return decoding(d)
        case let h as HTTPError:
            return Problem(status: h.status, detail: h.body ?? h.status.reasonPhrase)
        default:
            return Problem(status: .internalServerError, detail: "internal error")
        }
    }

    static func unprocessable(_ v: ValidationFailure) -> Problem {
        Problem(status: .unprocessableContent, detail: v.description,
                invalidParams: v.errors.map { InvalidParam(name: $0.field, reason: $0.problem) })
    }

    static func decoding(_ error: DecodingError) -> Problem {
        func path(_ context: DecodingError.Context, _ extra: CodingKey? = nil) -> String {
            let keys = context.codingPath + (extra.map { [$0] } ?? [])
            let p = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
            return p.isEmpty ? "body" : p
        }
        switch error {
        case .keyNotFound(let key, let context):
            return badRequest(path(context, key), "is required")
        case .typeMismatch(let type, let context):
            return badRequest(path(context), "must be of type \(type)")
        case .valueNotFound(let type, let context):
            return badRequest(path(context), "must not be null (expected \(type))")
        case .dataCorrupted(let context):
            let reason = context.debugDescription.contains("JSON") ? "is not valid JSON" : context.debugDescription
            return badRequest(path(context), reason)
        @unknown default:
            return badRequest("body", "could not be read")
        }
    }

    public func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
