import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Imports HR-system CSV files into the register: all or nothing (one transaction), every bad row
/// reported with its line and column, a dry run that writes nothing, and idempotent (a second
/// import of the same file changes nothing: upserts only touch rows that differ).
///
/// Rows go to PostgreSQL in bulk (`unnest` of array binds), one statement per chunk, not one round
/// trip per row. Every import that changes something writes one audit row (action `import`)
/// listing the keys inserted and updated.
public struct RegisterImport: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    /// Rows per statement: bounded so bind messages stay a few megabytes.
    static let chunk = 20_000

    /// Thrown inside the transaction of a dry run so that it rolls back; carries the report.
    struct DryRun: Error { var report: ImportReport }

    /// Imports `csv` (the raw bytes of the file). Throws `ImportFailure` when any row is bad (nothing written).
    public func run(org: String, kind: ImportKind, csv: [UInt8], dryRun: Bool, source: String, actor: AuditActor) async throws -> ImportReport {
        let table: CSVTable
        do {
            table = try CSVParser.parse(bytes: csv)
        } catch {
            throw ImportFailure(report: ImportReport(kind: kind, dryRun: dryRun, rows: 0,
                                                     errors: [CSVRowError(line: error.line, field: "file", problem: error.problem)]))
        }
        do {
            return try await db.transaction { c in
                var report: ImportReport
                switch kind {
                case .staff: report = try await importStaff(c, org: org, table: table, source: source, actor: actor)
                case .competences: report = try await importHoldings(c, org: org, table: table, source: source, actor: actor)
                case .absences: report = try await importAbsences(c, org: org, table: table, source: source, actor: actor)
                }
                report.dryRun = dryRun
                if dryRun { throw DryRun(report: report) }
                return report
            }
        } catch let dry as DryRun {
            return dry.report
        } catch var failure as ImportFailure {
            failure.report.dryRun = dryRun
            throw failure
        }
    }

    func fail(_ kind: ImportKind, _ table: CSVTable, _ errors: [CSVRowError]) -> ImportFailure {
        ImportFailure(report: ImportReport(kind: kind, dryRun: false, rows: table.records.count, errors: errors))
    }

    struct ImportAudit: Encodable {
        var source: String
        var rows: Int
        var inserted: [String]
        var updated: [String]
    }

    func audit(_ c: PostgresConnection, org: String, entity: String, source: String, rows: Int, inserted: [String], updated: [String], actor: AuditActor) async throws {
        guard !inserted.isEmpty || !updated.isEmpty else { return }
        try await AuditLog.record(c, org: org, actor: actor, action: .import, entity: entity, key: source,
                                  change: ImportAudit(source: source, rows: rows, inserted: inserted, updated: updated), logger: db.logger)
    }

    // MARK: staff

    func importStaff(_ c: PostgresConnection, org: String, table: CSVTable, source: String, actor: AuditActor) async throws -> ImportReport {
        var departments: Set<String> = []
        for try await code in try await c.query("SELECT code FROM department WHERE org_id = \(org)", logger: db.logger).decode(String.self) {
            departments.insert(code)
        }
        let (rows, errors) = StaffCSV.read(table, departments: departments)
        if !errors.isEmpty { throw fail(.staff, table, errors) }
        var inserted: [String] = []
        var updated: [String] = []
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(start + Self.chunk, rows.count)].map(\.member)
            start += Self.chunk
            let result = try await c.query("""
                INSERT INTO staff AS s (org_id, personnel_no, first_name, last_name, department_code, contract_hours_week, fte,
                                        status_group, rule_profile, email, phone)
                SELECT \(org), t.pno, t.first, t.last, t.dept, t.hours, t.fte, t.status, t.profile, NULLIF(t.email, ''), NULLIF(t.phone, '')
                FROM unnest(\(part.map(\.personnelNo))::text[], \(part.map(\.firstName))::text[], \(part.map(\.lastName))::text[],
                            \(part.map(\.departmentCode))::text[], \(part.map(\.contractHoursWeek))::float8[], \(part.map(\.fte))::float8[],
                            \(part.map(\.statusGroup.rawValue))::text[], \(part.map(\.ruleProfile))::text[],
                            \(part.map { $0.email ?? "" })::text[], \(part.map { $0.phone ?? "" })::text[])
                     AS t (pno, first, last, dept, hours, fte, status, profile, email, phone)
                ON CONFLICT (org_id, personnel_no) DO UPDATE SET
                    first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, department_code = EXCLUDED.department_code,
                    contract_hours_week = EXCLUDED.contract_hours_week, fte = EXCLUDED.fte, status_group = EXCLUDED.status_group,
                    rule_profile = EXCLUDED.rule_profile, email = EXCLUDED.email, phone = EXCLUDED.phone, version = s.version + 1
                WHERE (s.first_name, s.last_name, s.department_code, s.contract_hours_week, s.fte, s.status_group, s.rule_profile, s.email, s.phone)
                      IS DISTINCT FROM
                      (EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.department_code, EXCLUDED.contract_hours_week, EXCLUDED.fte,
                       EXCLUDED.status_group, EXCLUDED.rule_profile, EXCLUDED.email, EXCLUDED.phone)
                RETURNING s.personnel_no, (s.xmax::text = '0')
                """, logger: db.logger)
            for try await (pno, isNew) in result.decode((String, Bool).self) {
                if isNew { inserted.append(pno) } else { updated.append(pno) }
            }
        }
        try await audit(c, org: org, entity: "staff", source: source, rows: rows.count, inserted: inserted, updated: updated, actor: actor)
        return ImportReport(kind: .staff, dryRun: false, rows: rows.count, inserted: inserted.count, updated: updated.count,
                            unchanged: rows.count - inserted.count - updated.count)
    }

    // MARK: competences (holdings)

    func importHoldings(_ c: PostgresConnection, org: String, table: CSVTable, source: String, actor: AuditActor) async throws -> ImportReport {
        let catalogue = try await CompetenceRepository.catalogue(c, org: org, logger: db.logger)
        let staff = try await existingStaff(c, org: org, table: table, columns: HoldingCSV.columns)
        let (rows, errors) = HoldingCSV.read(table, catalogue: catalogue, staff: staff)
        if !errors.isEmpty { throw fail(.competences, table, errors) }
        var inserted: [String] = []
        var updated: [String] = []
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(start + Self.chunk, rows.count)].map(\.holding)
            start += Self.chunk
            let result = try await c.query("""
                INSERT INTO staff_competence AS h (org_id, personnel_no, competence_code, level, valid_from, valid_until, verified_by, verified_at)
                SELECT \(org), t.pno, t.code, t.level::smallint, COALESCE(NULLIF(t.vfrom, '')::date, DATE '1900-01-01'),
                       NULLIF(t.vuntil, '')::date, NULLIF(t.vby, ''), NULLIF(t.vat, '')::date
                FROM unnest(\(part.map(\.personnelNo))::text[], \(part.map(\.competenceCode))::text[], \(part.map(\.level))::int8[],
                            \(part.map { $0.validFrom?.iso ?? "" })::text[], \(part.map { $0.validUntil?.iso ?? "" })::text[],
                            \(part.map { $0.verifiedBy ?? "" })::text[], \(part.map { $0.verifiedAt?.iso ?? "" })::text[])
                     AS t (pno, code, level, vfrom, vuntil, vby, vat)
                ON CONFLICT (org_id, personnel_no, competence_code) DO UPDATE SET
                    level = EXCLUDED.level, valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
                    verified_by = EXCLUDED.verified_by, verified_at = EXCLUDED.verified_at, version = h.version + 1
                WHERE (h.level, h.valid_from, h.valid_until, h.verified_by, h.verified_at)
                      IS DISTINCT FROM (EXCLUDED.level, EXCLUDED.valid_from, EXCLUDED.valid_until, EXCLUDED.verified_by, EXCLUDED.verified_at)
                RETURNING h.personnel_no || '/' || h.competence_code, (h.xmax::text = '0')
                """, logger: db.logger)
            for try await (key, isNew) in result.decode((String, Bool).self) {
                if isNew { inserted.append(key) } else { updated.append(key) }
            }
        }
        try await audit(c, org: org, entity: "staff_competence", source: source, rows: rows.count, inserted: inserted, updated: updated, actor: actor)
        return ImportReport(kind: .competences, dryRun: false, rows: rows.count, inserted: inserted.count, updated: updated.count,
                            unchanged: rows.count - inserted.count - updated.count)
    }

    /// The personnel numbers named in the file's personnel number column that exist.
    func existingStaff(_ c: PostgresConnection, org: String, table: CSVTable, columns: [CSVColumn]) async throws -> Set<String> {
        guard let layout = try? CSVLayout(columns: columns, header: table.header) else { return [] }
        let named = Set(table.records.compactMap { layout.row($0).optional("personnel_no") })
        guard !named.isEmpty else { return [] }
        return try await StaffRepository.existing(c, org: org, Array(named), logger: db.logger)
    }

    // MARK: absences

    func importAbsences(_ c: PostgresConnection, org: String, table: CSVTable, source: String, actor: AuditActor) async throws -> ImportReport {
        let staff = try await existingStaff(c, org: org, table: table, columns: AbsenceCSV.columns)
        let (rows, errors) = AbsenceCSV.read(table, staff: staff)
        if !errors.isEmpty { throw fail(.absences, table, errors) }
        var inserted: [String] = []
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(start + Self.chunk, rows.count)].map(\.absence)
            start += Self.chunk
            let result = try await c.query("""
                INSERT INTO absence (org_id, personnel_no, category, starts_on, ends_on)
                SELECT \(org), t.pno, t.category, t.starts::date, t.ends::date
                FROM unnest(\(part.map(\.personnelNo))::text[], \(part.map(\.category.rawValue))::text[],
                            \(part.map(\.startsOn.iso))::text[], \(part.map(\.endsOn.iso))::text[]) AS t (pno, category, starts, ends)
                ON CONFLICT (org_id, personnel_no, category, starts_on, ends_on) DO NOTHING
                RETURNING personnel_no || '/' || category || '/' || starts_on::text || '/' || ends_on::text
                """, logger: db.logger)
            for try await key in result.decode(String.self) { inserted.append(key) }
        }
        try await audit(c, org: org, entity: "absence", source: source, rows: rows.count, inserted: inserted, updated: [], actor: actor)
        return ImportReport(kind: .absences, dryRun: false, rows: rows.count, inserted: inserted.count, updated: 0,
                            unchanged: rows.count - inserted.count)
    }
}
