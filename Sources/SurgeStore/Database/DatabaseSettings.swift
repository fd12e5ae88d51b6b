import Foundation
import PostgresNIO

/// Where the database is: a URL (`postgres://user:password@host:port/db`) or a Unix socket folder.
public struct DatabaseSettings: Sendable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case unixSocket(path: String)
    }

    public var endpoint: Endpoint
    public var username: String
    public var password: String?
    public var database: String
    public var requireTLS: Bool

    public init(endpoint: Endpoint, username: String, password: String? = nil, database: String, requireTLS: Bool = false) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
        self.requireTLS = requireTLS
    }

    /// Parses `postgres://user:password@host:port/database?sslmode=require`; `host=/path` selects a socket folder.
    public init(url text: String) throws {
        guard let c = URLComponents(string: text), c.scheme == "postgres" || c.scheme == "postgresql" else {
            throw StoreError.invalidConfiguration("DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        let query = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let db = String(c.path.drop(while: { $0 == "/" }))
        guard !db.isEmpty else { throw StoreError.invalidConfiguration("DATABASE_URL names no database (the path after the host)") }
        if let socket = query["host"], socket.hasPrefix("/") {
            endpoint = .unixSocket(path: socket + "/.s.PGSQL.\(c.port ?? 5432)")
        } else {
            guard let host = c.host, !host.isEmpty else { throw StoreError.invalidConfiguration("DATABASE_URL names no host") }
            endpoint = .tcp(host: host, port: c.port ?? 5432)
        }
        username = c.user ?? "postgres"
        password = c.password
        database = db
        requireTLS = query["sslmode"] == "require" || query["sslmode"] == "verify-full"
    }

    /// The same server, another database (tests clone a template per test).
    public func with(database: String) -> DatabaseSettings {
        var copy = self
        copy.database = database
        return copy
    }

    /// True for Unix sockets and the loopback range: the only servers tests may drop databases on.
    public var isLocal: Bool {
        switch endpoint {
        case .unixSocket: return true
        case .tcp(let host, _):
            return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
        }
    }

    public func clientConfiguration() -> PostgresClient.Configuration {
        var config: PostgresClient.Configuration
        switch endpoint {
        case .tcp(let host, let port):
            config = .init(host: host, port: port, username: username, password: password, database: database,
                           tls: requireTLS ? .require(.makeClientConfiguration()) : .disable)
        case .unixSocket(let path):
            config = .init(unixSocketPath: path, username: username, password: password, database: database)
        }
        config.options.maximumConnections = 20
        return config
    }

    /// Never includes the password: this is what logs show.
    public var description: String {
        switch endpoint {
        case .tcp(let host, let port): return "postgres://\(username)@\(host):\(port)/\(database)"
        case .unixSocket(let path): return "postgres://\(username)@\(path)/\(database)"
        }
    }
}
