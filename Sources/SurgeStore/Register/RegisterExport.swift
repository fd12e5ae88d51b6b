import Foundation
import Logging
import PostgresNIO
import SurgeCore

/// Exports the register as CSV files the importer reads back (`;`, UTF-8 without BOM, ISO dates).
public struct RegisterExport: Sendable {
    let db: Database
    public init(db: Database) { self.db = db }

    public func csv(org: String, kind: ImportKind) async throws -> String {
        try await db.read { c in
            switch kind {
            case .staff:
                var out = CSVWriter.line(StaffCSV.header)
                let rows = try await c.query("SELECT \(unescaped: StaffRepository.columns) FROM staff WHERE org_id = \(org) ORDER BY personnel_no",
                                             logger: db.logger)
                for try await row in rows { out += StaffCSV.line(try StaffRepository.decode(row).value) }
                return out
            case .competences:
                var out = CSVWriter.line(HoldingCSV.header)
                let rows = try await c.query("""
                    SELECT \(unescaped: HoldingRepository.columns) FROM staff_competence WHERE org_id = \(org) ORDER BY personnel_no, competence_code
                    """, logger: db.logger)
                for try await row in rows { out += HoldingCSV.line(try HoldingRepository.decode(row).value) }
                return out
            case .absences:
                var out = CSVWriter.line(AbsenceCSV.header)
                let rows = try await c.query("""
                    SELECT personnel_no, category, starts_on::text, ends_on::text FROM absence WHERE org_id = \(org)
                    ORDER BY personnel_no, starts_on, category, ends_on
                    """, logger: db.logger)
                for try await (pno, category, starts, ends) in rows.decode((String, String, String, String).self) {
                    guard let s = LocalDate(parsing: starts), let e = LocalDate(parsing: ends), let cat = Absence.Category(rawValue: category) else { continue }
                    out += AbsenceCSV.line(Absence(personnelNo: pno, category: cat, startsOn: s, endsOn: e))
                }
                return out
            }
        }
    }
}
