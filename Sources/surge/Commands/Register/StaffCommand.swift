import ArgumentParser
import SurgeCore
import SurgeStore

/// `surge staff list [--department X]`.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "staff", abstract: "The staff register.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff, optionally of one department and the units below it.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Department code: that department and everything below it.") var department: String?

        func run() async throws {
            let department = department
            let rows = try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                let repository = StaffRepository(db: db)
                if let department { _ = try await DepartmentRepository(db: db).get(org: org, code: department) }
                var all: [StaffMember] = []
                var cursor: String?
                repeat {
                    let page = try await repository.list(org: org, department: department, page: PageRequest(cursor: cursor, limit: 1000))
                    all += page.items.map(\.value)
                    cursor = page.nextCursor
                } while cursor != nil
                return all
            }
            let table = TextTable(header: ["personnel_no", "name", "department", "hours", "fte", "status"])
            print(table.render(rows.map {
                [$0.personnelNo, "\($0.lastName), \($0.firstName)", $0.departmentCode, CSVNumber.format($0.contractHoursWeek),
                 CSVNumber.format($0.fte), $0.statusGroup.rawValue]
            }))
            print("\(rows.count) staff")
        }
    }
}

/// `surge competence search --competence X --min-level L --on D [--from D --until D] [--pool-only]`.
struct CompetenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "competence", abstract: "The competence catalogue and searches.", subcommands: [Search.self])

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Who has a competence (implied ones included) at a level on a day, available in a period.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "CompetenceDefinition code.") var competence: String
        @Option(help: "Lowest level accepted.") var minLevel: Int = 1
        @Option(help: "Day the holding must be valid (yyyy-mm-dd or dd.mm.yyyy).") var on: String
        @Option(help: "Must not be absent from this day ...") var from: String?
        @Option(help: "... to this day (inclusive).") var until: String?
        @Flag(help: "Only members of the reserve pool on that day.") var poolOnly = false
        @Option(help: "At most this many people (1-1000).") var limit: Int = 1000

        func parseDate(_ text: String?, _ option: String) throws -> LocalDate? {
            guard let text else { return nil }
            guard let d = LocalDate(parsing: text) else { throw ValidationError("--\(option): '\(text)' is not a date (yyyy-mm-dd or dd.mm.yyyy)") }
            return d
        }

        func run() async throws {
            guard let day = try parseDate(on, "on") else { throw ValidationError("--on is required") }
            let query = CompetenceQuery(competenceCode: competence, minLevel: minLevel, validOn: day,
                                        availableFrom: try parseDate(from, "from"), availableUntil: try parseDate(until, "until"),
                                        poolOnly: poolOnly, limit: limit)
            do { try query.validate() } catch { throw ValidationError(error.description) }
            let page = try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                _ = try await CompetenceRepository(db: db).get(org: org, code: query.competenceCode)
                return try await CompetenceSearch(db: db).search(org: org, query)
            }
            let table = TextTable(header: ["personnel_no", "name", "department", "level", "via", "pool"])
            print(table.render(page.items.map {
                [$0.personnelNo, "\($0.lastName), \($0.firstName)", $0.departmentCode, String($0.level), $0.viaCompetence, $0.inPool ? "yes" : ""]
            }))
            print("\(page.items.count) match(es)\(page.nextCursor != nil ? " (more: raise --limit)" : "")")
        }
    }
}
