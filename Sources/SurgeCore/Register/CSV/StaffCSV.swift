/// The staff file of an HR system: one row per person. See docs/csv.md.
public enum StaffCSV {
    public static let columns: [CSVColumn] = [
        CSVColumn("personnel_no", aliases: ["personnelNo", "personalnummer", "persnr", "pers_nr"]),
        CSVColumn("first_name", aliases: ["firstName", "vorname"]),
        CSVColumn("last_name", aliases: ["lastName", "nachname", "name"]),
        CSVColumn("department", aliases: ["departmentCode", "department_code", "organisationseinheit", "orgeinheit", "dienststelle", "amt"]),
        CSVColumn("contract_hours", aliases: ["contractHoursWeek", "contract_hours_week", "wochenstunden", "sollstunden"]),
        CSVColumn("fte", aliases: ["vzae", "vzä", "stellenanteil"]),
        CSVColumn("status_group", aliases: ["statusGroup", "statusgruppe", "status"]),
        CSVColumn("rule_profile", aliases: ["ruleProfile", "regelprofil"], required: false),
        CSVColumn("email", aliases: ["e_mail", "mail"], required: false),
        CSVColumn("phone", aliases: ["telefon", "tel"], required: false),
    ]

    /// Model field → column, for naming the column in domain validation errors.
    static let fieldColumns = [
        "personnelNo": "personnel_no", "firstName": "first_name", "lastName": "last_name", "departmentCode": "department",
        "contractHoursWeek": "contract_hours", "fte": "fte", "statusGroup": "status_group", "ruleProfile": "rule_profile",
        "email": "email", "phone": "phone",
    ]

    static let statusAliases: [String: StaffMember.StatusGroup] = [
        "employee": .employee, "beschaeftigte": .employee, "beschäftigte": .employee, "tarifbeschaeftigte": .employee,
        "tarifbeschäftigte": .employee, "angestellte": .employee,
        "civil_servant": .civilServant, "civilservant": .civilServant, "beamte": .civilServant, "beamter": .civilServant, "beamtin": .civilServant,
        "trainee": .trainee, "auszubildende": .trainee, "azubi": .trainee, "anwaerter": .trainee, "anwärter": .trainee,
    ]

    public struct Row: Sendable, Hashable {
        public var line: Int
        public var member: StaffMember
    }

    /// Reads and validates every row; `departments` (when given) are the codes that exist.
    public static func read(_ table: CSVTable, departments: Set<String>? = nil) -> (rows: [Row], errors: [CSVRowError]) {
        let layout: CSVLayout
        do { layout = try CSVLayout(columns: columns, header: table.header) } catch { return ([], error.errors) }
        var rows: [Row] = []
        rows.reserveCapacity(table.records.count)
        var errors: [CSVRowError] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            var r = layout.row(record)
            let pno = r.required("personnel_no")
            let first = r.required("first_name")
            let last = r.required("last_name")
            let dept = r.required("department")
            let hours = r.number("contract_hours")
            let fte = r.number("fte")
            var status: StaffMember.StatusGroup?
            if let raw = r.optional("status_group") {
                status = statusAliases[raw.lowercased()]
                if status == nil { r.fail("status_group", "'\(raw)' is not employee, civil_servant or trainee") }
            } else {
                r.fail("status_group", "is required but empty")
            }
            if !pno.isEmpty {
                if let first = seen[pno] { r.fail("personnel_no", "'\(pno)' appears twice in the file (first on line \(first))") }
                else { seen[pno] = record.line }
            }
            if let departments, !dept.isEmpty, !departments.contains(dept) {
                r.fail("department", "'\(dept)' is not a department of this organisation")
            }
            if r.errors.isEmpty, let hours, let fte, let status {
                let m = StaffMember(personnelNo: pno, firstName: first, lastName: last, departmentCode: dept, contractHoursWeek: hours,
                                    fte: fte, statusGroup: status, ruleProfile: r.optional("rule_profile") ?? "normal",
                                    email: r.optional("email"), phone: r.optional("phone"))
                do { try m.validate() } catch { r.add(error, columns: fieldColumns) }
                if r.errors.isEmpty { rows.append(Row(line: record.line, member: m)) }
            }
            errors += r.errors
        }
        return (rows, errors)
    }

    public static var header: [String] { columns.map(\.name) }

    public static func line(_ m: StaffMember) -> String {
        CSVWriter.line([m.personnelNo, m.firstName, m.lastName, m.departmentCode, CSVNumber.format(m.contractHoursWeek),
                        CSVNumber.format(m.fte), m.statusGroup.rawValue, m.ruleProfile, m.email ?? "", m.phone ?? ""])
    }
}

/// Numbers in exports: `.` as decimal point, no trailing zeros (39, 0.5, 19.25).
public enum CSVNumber {
    public static func format(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
        var s = String((v * 1000).rounded() / 1000)
        while s.contains(".") && s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
