import Foundation
import Logging

/// A private PostgreSQL cluster under a data folder, so that `surge` runs with no set-up.
///
/// It listens on a Unix socket inside its own folder only (no TCP port to collide with), trusts
/// local connections, and runs as the `postgres` user when we are root (initdb refuses root).
public struct EmbeddedCluster: Sendable {
    public struct Status: Sendable, CustomStringConvertible {
        public var initialised: Bool
        public var running: Bool
        public var dataDirectory: String
        public var socketDirectory: String
        public var description: String {
            "data folder: \(dataDirectory)\ninitialised: \(initialised ? "yes" : "no")\nrunning: \(running ? "yes" : "no")"
                + (running ? "\nsocket: \(socketDirectory)/.s.PGSQL.\(EmbeddedCluster.port)" : "")
        }
    }

    static let port = 5432
    public let root: URL
    /// Faster, crash-unsafe settings for throwaway test clusters.
    public let throwaway: Bool
    let logger: Logger

    public init(directory: String, throwaway: Bool = false, logger: Logger) {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        self.root = URL(fileURLWithPath: directory, relativeTo: cwd).standardizedFileURL
        self.throwaway = throwaway
        self.logger = logger
    }

    var dataDirectory: URL { root.appendingPathComponent("data") }
    var socketDirectory: URL { root }
    var logFile: URL { root.appendingPathComponent("postgres.log") }

    /// Settings to reach the cluster's database `database`.
    public func settings(database: String = "surge") -> DatabaseSettings {
        DatabaseSettings(endpoint: .unixSocket(path: socketDirectory.path + "/.s.PGSQL.\(Self.port)"),
                         username: "postgres", database: database)
    }

    public func status() throws -> Status {
        let initialised = FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
        var running = false
        if initialised {
            let r = try run(binary("pg_ctl"), ["status", "-D", dataDirectory.path], allowFailure: true)
            running = r.status == 0
        }
        return Status(initialised: initialised, running: running, dataDirectory: dataDirectory.path, socketDirectory: socketDirectory.path)
    }

    /// Creates the cluster if needed and starts it if it is not running.
    public func start() throws {
        let socketPath = socketDirectory.path + "/.s.PGSQL.\(Self.port)"
        guard socketPath.utf8.count < 100 else {
            throw StoreError.invalidConfiguration("the data folder path \(root.path) is too long for a PostgreSQL socket; choose a shorter --data-dir")
        }
        var current = try status()
        if !current.initialised {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
            try handOverToPostgresUser()
            logger.info("creating private PostgreSQL cluster", metadata: ["dataDirectory": "\(dataDirectory.path)"])
            var args = ["-D", dataDirectory.path, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]
            if throwaway { args.append("--no-sync") }
            try run(binary("initdb"), args)
            current = try status()
        }
        guard !current.running else { return }
        try handOverToPostgresUser()
        var options = "-c listen_addresses='' -c unix_socket_directories='\(socketDirectory.path)' -p \(Self.port)"
        if throwaway { options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" }
        logger.info("starting private PostgreSQL cluster", metadata: ["dataDirectory": "\(dataDirectory.path)"])
        let r = try run(binary("pg_ctl"), ["start", "-w", "-t", "60", "-D", dataDirectory.path, "-l", logFile.path, "-o", options], allowFailure: true)
        if r.status != 0 {
            let tail = (try? String(contentsOf: logFile, encoding: .utf8))?.split(separator: "\n").suffix(5).joined(separator: "\n") ?? ""
            throw StoreError.unavailable("the private PostgreSQL cluster did not start: \(r.output)\n\(tail)")
        }
    }

    public func stop() throws {
        guard try status().running else { return }
        try run(binary("pg_ctl"), ["stop", "-w", "-m", "fast", "-D", dataDirectory.path])
    }

    // MARK: - Processes

    var isRoot: Bool { getuid() == 0 }

    /// The server refuses root, so as root the folder belongs to `postgres`, who must be able to reach it.
    func handOverToPostgresUser() throws {
        guard isRoot else { return }
        var dir = root.deletingLastPathComponent()
        while dir.path != "/" {
            let attributes = try FileManager.default.attributesOfItem(atPath: dir.path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
            if mode & 0o001 == 0 {
                throw StoreError.invalidConfiguration("the postgres user cannot enter \(dir.path) (mode \(String(mode, radix: 8))); put the data folder elsewhere, e.g. --data-dir /var/tmp/surge")
            }
            dir = dir.deletingLastPathComponent()
        }
        try run("/bin/chown", ["-R", "postgres:postgres", root.path])
        try run("/bin/chmod", ["0700", dataDirectory.path])
    }

    func binary(_ name: String) throws -> String {
        var candidates: [String] = []
        if let bin = ProcessInfo.processInfo.environment["SURGE_PG_BIN"] { candidates.append(bin) }
        candidates += ["17", "16", "15", "14"].map { "/usr/lib/postgresql/\($0)/bin" }
        candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for dir in candidates {
            let path = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw StoreError.unavailable("PostgreSQL server programs (\(name)) not found; install them with `apt-get install postgresql` or set DATABASE_URL")
    }

    /// Runs a program and waits for it. posix_spawn rather than Foundation's Process: the server that
    /// `pg_ctl start` leaves behind inherits descriptors Process waits on, and the wait never ends.
    @discardableResult
    func run(_ executable: String, _ arguments: [String], allowFailure: Bool = false) throws -> (status: Int32, output: String) {
        let asPostgres = isRoot && !executable.hasPrefix("/bin/")
        // Through sh to start in /tmp, a folder every user may enter.
        let program = "/bin/sh"
        let command = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        let argv = [program, "-c", "cd /tmp && exec \"$@\"", "sh"] + command
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("surge-pg-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out").path
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        for fd in Self.openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }

        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let spawnStatus = posix_spawn(&pid, program, &actions, nil, &cArgs, environ)
        guard spawnStatus == 0 else {
            throw StoreError.unavailable("could not start \(executable): \(String(cString: strerror(spawnStatus)))")
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) == -1 && errno == EINTR {}
        let exitCode: Int32 = (waitStatus & 0x7f) == 0 ? (waitStatus >> 8) & 0xff : 128 + (waitStatus & 0x7f)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        if exitCode != 0 && !allowFailure {
            throw StoreError.unavailable("\(URL(fileURLWithPath: executable).lastPathComponent) failed: \(output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return (exitCode, output)
    }

    /// Descriptors open in this process (none may leak into the server).
    static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }.filter { fcntl($0, F_GETFD) != -1 }
    }
}
