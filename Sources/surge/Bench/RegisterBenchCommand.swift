import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import ServiceLifecycle
import SurgeCore
import SurgeHTTP
import SurgeStore

/// `surge bench import` and `surge bench search`: benchmarks of the register (not unit tests).
/// They work on their own organisation (`bench` unless --org is given) and replace its staff.
/// Registered under `BenchCommand` beside the scheduling benchmarks.
enum RegisterBenchCommand {

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a register CSV (seeded), import staff and competences and time it; re-import (must change nothing); import a copy with one bad row (must change nothing).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Number of staff.") var staff: Int = 50_000
        @Option(help: "Seed of the generated register.") var seed: UInt64 = 42

        func run() async throws {
            let (count, seed) = (staff, seed)
            guard count >= 20 else { throw ValidationError("--staff must be at least 20") }
            try await global.withDatabase { db, _ in
                let org = global.org ?? "bench"
                let files = try BenchRegister.writeFiles(count: count, seed: seed)
                print("generated \(count) staff into \(files.folder.path)")
                try await BenchRegister.prepareOrganisation(db, org: org, wipe: true)
                let importer = RegisterImport(db: db)
                let started = ContinuousClock.now
                let staffReport = try await importer.run(org: org, kind: .staff, csv: try files.bytes(.staff), dryRun: false, source: "bench", actor: .cli)
                let staffDone = ContinuousClock.now
                let holdingReport = try await importer.run(org: org, kind: .competences, csv: try files.bytes(.competences), dryRun: false, source: "bench", actor: .cli)
                let done = ContinuousClock.now
                print(staffReport.summary)
                print(holdingReport.summary)
                print("import staff: \(BenchRegister.seconds(staffDone - started)) s, competences: \(BenchRegister.seconds(done - staffDone)) s, total: \(BenchRegister.seconds(done - started)) s")

                let before = try await BenchRegister.fingerprint(db, org: org)
                let again = ContinuousClock.now
                let r1 = try await importer.run(org: org, kind: .staff, csv: try files.bytes(.staff), dryRun: false, source: "bench", actor: .cli)
                let r2 = try await importer.run(org: org, kind: .competences, csv: try files.bytes(.competences), dryRun: false, source: "bench", actor: .cli)
                print("re-import (idempotent): \(BenchRegister.seconds(ContinuousClock.now - again)) s; changes: \(r1.inserted + r1.updated + r2.inserted + r2.updated)")
                guard r1.inserted + r1.updated + r2.inserted + r2.updated == 0, try await BenchRegister.fingerprint(db, org: org) == before else {
                    throw ValidationError("FAILED: the second import changed the register")
                }

                let bad = Array(BenchRegisterData.staffCSV(count: count, seed: seed &+ 7, badRow: count - 10).utf8)
                let badStarted = ContinuousClock.now
                do {
                    _ = try await importer.run(org: org, kind: .staff, csv: bad, dryRun: false, source: "bench-bad", actor: .cli)
                    throw ValidationError("FAILED: a file with a bad row was imported")
                } catch let failure as ImportFailure {
                    print("bad file refused in \(BenchRegister.seconds(ContinuousClock.now - badStarted)) s: \(failure.report.errors.map(\.description).joined(separator: "; "))")
                }
                guard try await BenchRegister.fingerprint(db, org: org) == before else {
                    throw ValidationError("FAILED: the refused import changed the register")
                }
                print("register unchanged after the refused import: ok")
                try await BenchRegister.completeRegister(db, org: org, files: files)
                try? FileManager.default.removeItem(at: files.folder)
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fire competence searches through the HTTP API (in-process server on a loopback port) and print latency percentiles.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Number of staff the register must hold (generated and imported if it holds fewer).") var staff: Int = 50_000
        @Option(help: "Number of timed requests.") var requests: Int = 2000
        @Option(help: "Untimed requests first.") var warmup: Int = 200
        @Option(help: "Seed of the generated register and of the request mix.") var seed: UInt64 = 42

        func run() async throws {
            let (count, requests, warmup, seed) = (staff, requests, warmup, seed)
            guard count >= 20, requests >= 1 else { throw ValidationError("--staff must be at least 20 and --requests at least 1") }
            try await global.withDatabase { db, _ in
                let org = global.org ?? "bench"
                try await BenchRegister.ensureRegister(db, org: org, count: count, seed: seed)
                let token = TokenSecret.generate()
                _ = try await TokenRepository(db: db).create(org: org, name: "bench", role: .crisisStaff, departmentCode: nil, personnelNo: nil,
                                                             secret: token, actor: .cli)
                let paths = BenchRegister.searchPaths(count: warmup + requests, seed: seed)
                var logger = Logger(label: "surge.bench")
                logger.logLevel = .warning
                let router = buildRouter(repositories: Repositories(db: db), migrator: try Migrator.bundled())
                let port = PortBox()
                let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "surge-bench"),
                                      onServerRunning: { channel in await port.set(channel.localAddress?.port ?? 0) }, logger: logger)
                let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
                let server = Task { try await group.run() }
                var listening = 0
                for _ in 0..<200 where listening == 0 {
                    listening = await port.value
                    if listening == 0 { try await Task.sleep(for: .milliseconds(25)) }
                }
                guard listening > 0 else { throw ValidationError("the benchmark server did not start") }
                print("server on 127.0.0.1:\(listening); \(warmup) warm-up and \(requests) timed requests, one connection, sequential")
                let serverPort = listening
                let result: Result<BenchRegister.Timings, any Error> = await withCheckedContinuation { continuation in
                    let thread = Thread {
                        continuation.resume(returning: Result { try BenchRegister.fire(port: serverPort, token: token, paths: paths, warmup: warmup) })
                    }
                    thread.start()
                }
                await group.triggerGracefulShutdown()
                _ = try? await server.value
                let timings = try result.get()
                let sorted = timings.milliseconds.sorted()
                func percentile(_ p: Double) -> String {
                    let i = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
                    return String(format: "%.2f", sorted[i])
                }
                let mean = sorted.reduce(0, +) / Double(sorted.count)
                print("requests: \(sorted.count), non-200: \(timings.failures), mean matches per request: \(timings.matches / max(1, sorted.count))")
                print("latency ms: p50 \(percentile(50))  p95 \(percentile(95))  p99 \(percentile(99))  max \(String(format: "%.2f", sorted.last ?? 0))  mean \(String(format: "%.2f", mean))")
                if timings.failures > 0 { throw ValidationError("FAILED: \(timings.failures) request(s) did not answer 200") }
            }
        }
    }
}

/// The port the in-process server listens on, once it does.
actor PortBox {
    var value = 0
    func set(_ port: Int) { value = port }
}

/// Shared steps of the register benchmarks.
enum BenchRegister {
    struct Files: Sendable {
        var folder: URL
        func url(_ kind: ImportKind) -> URL { folder.appendingPathComponent("\(kind.rawValue).csv") }
        func bytes(_ kind: ImportKind) throws -> [UInt8] { Array(try Data(contentsOf: url(kind))) }
    }

    static func seconds(_ d: Duration) -> String {
        let (s, atto) = d.components
        return String(format: "%.2f", Double(s) + Double(atto) / 1e18)
    }

    static func writeFiles(count: Int, seed: UInt64) throws -> Files {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("surge-bench-\(getpid())-\(seed)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = Files(folder: folder)
        try Data(BenchRegisterData.staffCSV(count: count, seed: seed).utf8).write(to: files.url(.staff))
        try Data(BenchRegisterData.holdingsCSV(count: count, seed: seed).utf8).write(to: files.url(.competences))
        try Data(BenchRegisterData.absencesCSV(count: count, seed: seed).utf8).write(to: files.url(.absences))
        return files
    }

    /// The organisation, its departments and the catalogue (created when missing); `wipe` removes its staff.
    static func prepareOrganisation(_ db: Database, org: String, wipe: Bool) async throws {
        try await OrganisationRepository(db: db).ensure(Organisation(id: org, name: "Benchmark city"), actor: .cli)
        let departments = DepartmentRepository(db: db)
        let existing = Set(try await departments.list(org: org, page: PageRequest(limit: 1000)).items.map(\.value.code))
        for d in BenchRegisterData.departments where !existing.contains(d.code) {
            _ = try await departments.create(org: org, d, actor: .cli)
        }
        let competences = CompetenceRepository(db: db)
        let known = Set(try await competences.list(org: org, page: PageRequest(limit: 1000)).items.map(\.value.code))
        for c in BenchRegisterData.catalogue where !known.contains(c.code) {
            _ = try await competences.create(org: org, c, actor: .cli)
        }
        if wipe {
            try await db.transaction { c in
                try await c.query("DELETE FROM api_token WHERE org_id = \(org) AND personnel_no IS NOT NULL", logger: db.logger)
                try await c.query("DELETE FROM staff WHERE org_id = \(org)", logger: db.logger)
            }
        }
    }

    /// Imports a generated register unless the organisation already holds `count` staff;
    /// every 20th person joins the reserve pool.
    static func ensureRegister(_ db: Database, org: String, count: Int, seed: UInt64) async throws {
        let rows = try await db.read { c in
            try await c.query("SELECT count(*) FROM staff WHERE org_id = \(org)", logger: db.logger).collect()
        }
        let have = try rows.first?.decode(Int64.self) ?? 0
        if have == count {
            print("register of \(org) holds \(count) staff: reused")
            return
        }
        print("building a register of \(count) staff for \(org) ...")
        try await prepareOrganisation(db, org: org, wipe: true)
        let files = try writeFiles(count: count, seed: seed)
        let importer = RegisterImport(db: db)
        for kind in [ImportKind.staff, .competences] {
            let report = try await importer.run(org: org, kind: kind, csv: try files.bytes(kind), dryRun: false, source: "bench", actor: .cli)
            print(report.summary)
        }
        try await completeRegister(db, org: org, files: files)
        try? FileManager.default.removeItem(at: files.folder)
    }

    /// Absences (about one per five people) and pool membership (every 20th person), then ANALYZE.
    static func completeRegister(_ db: Database, org: String, files: Files) async throws {
        let report = try await RegisterImport(db: db).run(org: org, kind: .absences, csv: try files.bytes(.absences), dryRun: false, source: "bench", actor: .cli)
        print(report.summary)
        try await db.transaction { c in
            try await c.query("""
                INSERT INTO pool_membership (org_id, personnel_no, kind, valid_from, max_hours_week, released_by)
                SELECT org_id, personnel_no, 'designated', DATE '2026-01-01', 20, 'bench' FROM staff
                WHERE org_id = \(org) AND substr(personnel_no, 2)::int % 20 = 0
                ON CONFLICT DO NOTHING
                """, logger: db.logger)
            try await c.query("ANALYZE", logger: db.logger)
        }
    }

    /// Staff and holdings as they are, to show an import changed nothing.
    static func fingerprint(_ db: Database, org: String) async throws -> String {
        try await db.read { c in
            let rows = try await c.query("""
                SELECT (SELECT count(*) || ':' || COALESCE(sum(version), 0) || ':' ||
                               COALESCE(md5(string_agg(personnel_no || first_name || last_name || department_code || fte::text || contract_hours_week::text, ',' ORDER BY personnel_no)), '')
                        FROM staff WHERE org_id = \(org))
                    || '/' ||
                       (SELECT count(*) || ':' || COALESCE(sum(version), 0) FROM staff_competence WHERE org_id = \(org))
                """, logger: db.logger).collect()
            return try rows.first?.decode(String.self) ?? ""
        }
    }

    /// A deterministic mix of searches: every competence, levels 1–3, half with an availability
    /// week, a fifth pool only.
    static func searchPaths(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed &+ 99)
        let day = BenchRegisterData.day
        return (0..<count).map { _ in
            let c = BenchRegisterData.catalogue[Int(rng.next() % UInt64(BenchRegisterData.catalogue.count))]
            let level = 1 + Int(rng.next() % UInt64(min(3, c.maxLevel ?? 1)))
            var path = "/v1/search/competence?competence=\(c.code)&minLevel=\(level)&validOn=\(day.iso)"
            if rng.next() % 2 == 0 { path += "&availableFrom=\(day.iso)&availableUntil=\(day.adding(days: 6).iso)" }
            if rng.next() % 5 == 0 { path += "&poolOnly=true" }
            return path
        }
    }

    struct Timings: Sendable {
        var milliseconds: [Double]
        var failures: Int
        var matches: Int
    }

    /// Runs on a plain thread: blocking socket I/O must stay off the concurrency pool.
    static func fire(port: Int, token: String, paths: [String], warmup: Int) throws -> Timings {
        let client = try LoopbackHTTPClient(port: port)
        var timings = Timings(milliseconds: [], failures: 0, matches: 0)
        timings.milliseconds.reserveCapacity(paths.count)
        for (i, path) in paths.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            let (status, body) = try client.get(path, token: token)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            if i < warmup { continue }
            timings.milliseconds.append(elapsed)
            if status != 200 { timings.failures += 1 }
            timings.matches += LoopbackHTTPClient.countOccurrences(of: Array("\"personnelNo\"".utf8), in: body)
        }
        return timings
    }
}

extension LoopbackHTTPClient {
    static func countOccurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard !needle.isEmpty, haystack.count >= needle.count else { return 0 }
        var n = 0
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && Array(haystack[i..<(i + needle.count)]) == needle { n += 1; i += needle.count } else { i += 1 }
        }
        return n
    }
}
