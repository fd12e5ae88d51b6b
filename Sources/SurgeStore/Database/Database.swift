import Foundation
import Logging
import PostgresNIO

/// The store's handle on PostgreSQL: a client plus the one place where errors are mapped.
/// The client must be running (`client.run()` as a service or in a task group) before use.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Runs `body` in one transaction; PostgreSQL errors come out as `StoreError`.
    public func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(connection)
            }
        } catch {
            throw StoreError.map(error)
        }
    }

    /// Runs read-only work on one connection; errors mapped like `transaction`.
    public func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await body(connection)
            }
        } catch {
            throw StoreError.map(error)
        }
    }
}

/// A row with its optimistic-lock version (the API's ETag).
public struct Versioned<Value: Sendable>: Sendable {
    public var value: Value
    public var version: Int
    public init(value: Value, version: Int) {
        self.value = value
        self.version = version
    }
}

extension Versioned: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

/// One page of a list, with the cursor for the next page (nil on the last one).
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?
    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Encodable where Item: Encodable {}

/// Keyset pagination request: items after `cursor`, at most `limit`.
public struct PageRequest: Sendable {
    public var cursor: String?
    public var limit: Int
    public init(cursor: String? = nil, limit: Int = 100) {
        self.cursor = cursor
        self.limit = max(1, min(limit, 1000))
    }
}

/// Who made a change, as the audit log records it (a token's name and id, or the CLI user).
public struct AuditActor: Sendable, Hashable {
    public var name: String
    public init(_ name: String) { self.name = name }
    public static let cli = AuditActor("cli")
    public static let system = AuditActor("system")
}
