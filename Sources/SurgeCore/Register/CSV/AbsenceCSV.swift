/// The absences file: one row per absence period (a category only, never a diagnosis). See docs/csv.md.
public enum AbsenceCSV {
    public static let columns: [CSVColumn] = [
        CSVColumn("personnel_no", aliases: ["personnelNo", "personalnummer", "persnr", "pers_nr"]),
        CSVColumn("category", aliases: ["kategorie", "art", "abwesenheitsart"]),
        CSVColumn("starts_on", aliases: ["startsOn", "from", "von", "beginn"]),
        CSVColumn("ends_on", aliases: ["endsOn", "until", "bis", "ende"]),
    ]

    static let fieldColumns = ["personnelNo": "personnel_no", "category": "category", "startsOn": "starts_on", "endsOn": "ends_on"]

    static let categoryAliases: [String: Absence.Category] = [
        "vacation": .vacation, "urlaub": .vacation, "sick": .sick, "krank": .sick, "krankheit": .sick, "au": .sick,
        "training": .training, "fortbildung": .training, "schulung": .training, "other": .other, "sonstiges": .other, "sonstige": .other,
    ]

    public struct Row: Sendable, Hashable {
        public var line: Int
        public var absence: Absence
    }

    public static func read(_ table: CSVTable, staff: Set<String>?) -> (rows: [Row], errors: [CSVRowError]) {
        let layout: CSVLayout
        do { layout = try CSVLayout(columns: columns, header: table.header) } catch { return ([], error.errors) }
        var rows: [Row] = []
        rows.reserveCapacity(table.records.count)
        var errors: [CSVRowError] = []
        for record in table.records {
            var r = layout.row(record)
            let pno = r.required("personnel_no")
            var category: Absence.Category?
            if let raw = r.optional("category") {
                category = categoryAliases[raw.lowercased()]
                if category == nil { r.fail("category", "'\(raw)' is not vacation, sick, training or other") }
            } else {
                r.fail("category", "is required but empty")
            }
            let starts = r.date("starts_on", required: true)
            let ends = r.date("ends_on", required: true)
            if let staff, !pno.isEmpty, !staff.contains(pno) {
                r.fail("personnel_no", "'\(pno)' is not in the staff register (import staff first)")
            }
            if r.errors.isEmpty, let category, let starts, let ends {
                let a = Absence(personnelNo: pno, category: category, startsOn: starts, endsOn: ends)
                do { try a.validate() } catch { r.add(error, columns: fieldColumns) }
                if r.errors.isEmpty { rows.append(Row(line: record.line, absence: a)) }
            }
            errors += r.errors
        }
        return (rows, errors)
    }

    public static var header: [String] { columns.map(\.name) }

    public static func line(_ a: Absence) -> String {
        CSVWriter.line([a.personnelNo, a.category.rawValue, a.startsOn.iso, a.endsOn.iso])
    }
}
