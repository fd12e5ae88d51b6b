import Foundation
import HTTPTypes
import Hummingbird
import SurgeStore

extension Request {
    /// Decodes a JSON body; decoding errors become 400 problems naming the field.
    func decodeJSON<T: Decodable>(as type: T.Type, context: AppRequestContext) async throws -> T {
        let buffer = try await body.collect(upTo: 16 * 1024 * 1024)
        guard buffer.readableBytes > 0 else { throw Problem.badRequest("body", "is empty; expected a JSON object") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw Problem.decoding(error)
        }
    }

    /// The version in `If-Match: "3"` (or W/"3"); nil when absent. A malformed value is a 400.
    func ifMatchVersion() throws -> Int? {
        guard let raw = headers[.ifMatch] else { return nil }
        let cleaned = raw.replacingOccurrences(of: "W/", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard let v = Int(cleaned) else { throw Problem.badRequest("If-Match", "must be an ETag this API returned, like \"3\"") }
        return v
    }

    func pageRequest() throws -> PageRequest {
        var limit = 100
        if let raw = uri.queryParameters.get("limit") {
            guard let v = Int(raw), (1...1000).contains(v) else { throw Problem.badRequest("limit", "must be an integer from 1 to 1000") }
            limit = v
        }
        return PageRequest(cursor: uri.queryParameters.get("cursor"), limit: limit)
    }

    func requiredQuery(_ name: String) throws -> String {
        guard let v = uri.queryParameters.get(name), !v.isEmpty else { throw Problem.badRequest(name, "is required") }
        return v
    }
}

/// JSON responses with the ETag of the version read.
enum JSONReply {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, version: Int? = nil, location: String? = nil) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let version { headers[.eTag] = "\"\(version)\"" }
        if let location { headers[.location] = location }
        let data = try encoder.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func versioned<T: Encodable & Sendable>(_ v: Versioned<T>, status: HTTPResponse.Status = .ok, location: String? = nil) throws -> Response {
        try make(VersionedBody(value: v.value, version: v.version), status: status, version: v.version, location: location)
    }

    static func page<T: Encodable & Sendable>(_ page: Page<T>) throws -> Response {
        try make(page)
    }

    static func page<T: Encodable & Sendable>(_ page: Page<Versioned<T>>) throws -> Response {
        try make(Page(items: page.items.map { VersionedBody(value: $0.value, version: $0.version) }, nextCursor: page.nextCursor))
    }

    static func noContent() -> Response { Response(status: .noContent) }
}

/// A resource with its version beside its fields (`"version": 3`), mirroring the ETag.
struct VersionedBody<T: Encodable & Sendable>: Encodable, Sendable {
    var value: T
    var version: Int
    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(version, forKey: .version)
    }
    enum Key: String, CodingKey { case version }
}
