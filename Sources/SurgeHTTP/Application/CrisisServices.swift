import Foundation
import Hummingbird
import SurgeCore
import SurgeStore

/// The crisis-deployment side of the service: repositories, the rule profiles, the solver job
/// runner and the clock (`now` is a parameter so tests and replays control time).
public struct CrisisServices: Sendable {
    public let catalogue: RuleProfileCatalogue
    public let runner: SolverJobRunner
    public let now: @Sendable () -> Date
    public let crises: CrisisRepository
    public let demand: DemandRepository
    public let allocations: AllocationRepository
    public let positions: PositionRepository
    public let releases: ReleaseRepository
    public let assignments: AssignmentRepository
    public let staffShifts: StaffShiftRepository
    public let reports: CrisisReportRepository

    public init(db: Database, catalogue: RuleProfileCatalogue? = nil, threads: Int = 1, now: @escaping @Sendable () -> Date = { Date() }) {
        let profiles = catalogue ?? (try? RuleProfileCatalogue.bundled())
            ?? RuleProfileCatalogue(profiles: [RuleProfile.arbZGNormal(id: "normal"), RuleProfile.arbZGCrisis(id: "emergency-14")])
        self.catalogue = profiles
        self.now = now
        self.runner = SolverJobRunner(db: db, threads: threads, now: now)
        self.crises = CrisisRepository(db: db, catalogue: profiles)
        self.demand = DemandRepository(db: db)
        self.allocations = AllocationRepository(db: db)
        self.positions = PositionRepository(db: db)
        self.releases = ReleaseRepository(db: db)
        self.assignments = AssignmentRepository(db: db)
        self.staffShifts = StaffShiftRepository(db: db)
        self.reports = CrisisReportRepository(db: db, catalogue: profiles)
    }
}

/// Who may do what with crises.
enum CrisisAccess {
    static let writers: Set<Role> = [.admin, .crisisStaff]
    static let readers: Set<Role> = [.admin, .crisisStaff, .hr, .auditor]
    static let timeRecorders: Set<Role> = [.admin, .crisisStaff, .hr]
}

extension Request {
    /// An ISO 8601 instant from the query (`?at=2026-12-07T08:00:00Z`), or nil when absent.
    func instant(_ name: String) throws -> Date? {
        guard let raw = uri.queryParameters.get(name), !raw.isEmpty else { return nil }
        guard let d = Instant.parse(raw) else { throw Problem.badRequest(name, "must be an ISO 8601 instant such as 2026-12-07T08:00:00Z, not '\(raw)'") }
        return d
    }

    /// CSV when asked for (`?format=csv` or `Accept: text/csv`), else JSON.
    var wantsCSV: Bool {
        uri.queryParameters.get("format") == "csv" || (headers[.accept]?.contains("text/csv") ?? false)
    }

    /// A JSON body that may be left out entirely (nil then); a malformed one is a 400 naming the field.
    func decodeOptionalJSON<T: Decodable>(as type: T.Type) async throws -> T? {
        let buffer = try await body.collect(upTo: 64 * 1024)
        guard buffer.readableBytes > 0 else { return nil }
        do { return try JSONDecoder().decode(T.self, from: Data(buffer: buffer)) } catch let e as DecodingError { throw Problem.decoding(e) }
    }

    func bodyText(limit: Int = 8 * 1024 * 1024) async throws -> String {
        let buffer = try await body.collect(upTo: limit)
        guard buffer.readableBytes > 0 else { throw Problem.badRequest("body", "is empty") }
        return String(buffer: buffer)
    }
}

enum TextReply {
    static func make(_ text: String, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
