/// The competences file: one row per person and competence held (a holding). See docs/csv.md.
public enum HoldingCSV {
    public static let columns: [CSVColumn] = [
        CSVColumn("personnel_no", aliases: ["personnelNo", "personalnummer", "persnr", "pers_nr"]),
        CSVColumn("competence", aliases: ["competence_code", "competenceCode", "kompetenz", "qualifikation"]),
        CSVColumn("level", aliases: ["stufe", "niveau"], required: false),
        CSVColumn("valid_from", aliases: ["validFrom", "gueltig_ab", "gültig_ab"], required: false),
        CSVColumn("valid_until", aliases: ["validUntil", "gueltig_bis", "gültig_bis"], required: false),
        CSVColumn("verified_by", aliases: ["verifiedBy", "geprueft_von", "geprüft_von"], required: false),
        CSVColumn("verified_at", aliases: ["verifiedAt", "geprueft_am", "geprüft_am"], required: false),
    ]

    static let fieldColumns = [
        "personnelNo": "personnel_no", "competenceCode": "competence", "level": "level", "validFrom": "valid_from",
        "validUntil": "valid_until", "verifiedBy": "verified_by", "verifiedAt": "verified_at",
    ]

    public struct Row: Sendable, Hashable {
        public var line: Int
        public var holding: StaffCompetence
    }

    /// Reads and validates every row against the catalogue and (when given) the staff who exist.
    /// A personnel number in `staff` or in `alsoKnownStaff` counts as existing.
    public static func read(_ table: CSVTable, catalogue: [String: CompetenceDefinition]?, staff: Set<String>?) -> (rows: [Row], errors: [CSVRowError]) {
        let layout: CSVLayout
        do { layout = try CSVLayout(columns: columns, header: table.header) } catch { return ([], error.errors) }
        var rows: [Row] = []
        rows.reserveCapacity(table.records.count)
        var errors: [CSVRowError] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            var r = layout.row(record)
            let pno = r.required("personnel_no")
            let code = r.required("competence")
            let level = r.integer("level") ?? 1
            let from = r.date("valid_from")
            let until = r.date("valid_until")
            let verifiedAt = r.date("verified_at")
            var competence: CompetenceDefinition?
            if !code.isEmpty, let catalogue {
                competence = catalogue[code]
                if competence == nil { r.fail("competence", "'\(code)' is not in the competence catalogue") }
            }
            if let staff, !pno.isEmpty, !staff.contains(pno) {
                r.fail("personnel_no", "'\(pno)' is not in the staff register (import staff first)")
            }
            if !pno.isEmpty && !code.isEmpty {
                let key = pno + "\u{1F}" + code
                if let first = seen[key] { r.fail("competence", "'\(code)' for '\(pno)' appears twice in the file (first on line \(first))") }
                else { seen[key] = record.line }
            }
            if r.errors.isEmpty {
                let h = StaffCompetence(personnelNo: pno, competenceCode: code, level: level, validFrom: from, validUntil: until,
                                        verifiedBy: r.optional("verified_by"), verifiedAt: verifiedAt)
                do { try h.validate(against: competence) } catch { r.add(error, columns: fieldColumns) }
                if r.errors.isEmpty { rows.append(Row(line: record.line, holding: h)) }
            }
            errors += r.errors
        }
        return (rows, errors)
    }

    public static var header: [String] { columns.map(\.name) }

    public static func line(_ h: StaffCompetence) -> String {
        CSVWriter.line([h.personnelNo, h.competenceCode, String(h.level), h.validFrom?.iso ?? "", h.validUntil?.iso ?? "",
                        h.verifiedBy ?? "", h.verifiedAt?.iso ?? ""])
    }
}
