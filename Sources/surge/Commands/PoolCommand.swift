import ArgumentParser
import SurgeCore
import SurgeStore

struct PoolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pool", abstract: "The reserve personnel pool.", subcommands: [List.self, Add.self])

    static let kinds = PoolMembership.Kind.allCases.map(\.rawValue).joined(separator: ", ")

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List pool memberships.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this kind: \(PoolCommand.kinds).") var kind: String?
        @Option(help: "Only memberships active on this day (yyyy-mm-dd).") var activeOn: String?
        @Option(help: "At most this many rows (1–1000).") var limit: Int = 1000

        func validate() throws {
            if let kind, PoolMembership.Kind(rawValue: kind) == nil { throw ValidationError("--kind must be one of \(PoolCommand.kinds), not '\(kind)'") }
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be from 1 to 1000") }
        }

        func run() async throws {
            let filter = PoolRepository.Filter(kind: kind.flatMap(PoolMembership.Kind.init(rawValue:)),
                                               activeOn: try DateArgument.parse(activeOn, option: "--active-on"))
            let limit = limit
            let page = try await global.withDatabase { db, reader in
                try await PoolRepository(db: db).list(org: global.organisation(reader), filter: filter, page: PageRequest(limit: limit))
            }
            let rows = page.items.map { v -> [String] in
                let m = v.value
                return [String(m.id ?? 0), m.personnelNo, m.kind.rawValue, m.validFrom.iso, m.validUntil?.iso ?? "", DateArgument.fixed(m.maxHoursWeek, 1),
                        m.releasedBy ?? "", m.consentAt?.iso ?? "", m.lendingOrg ?? ""]
            }
            print(TextTable(header: ["id", "personnel no", "kind", "from", "until", "max h/week", "released by", "consent", "lent by"]).render(rows))
            if page.nextCursor != nil { print("(more than \(limit); narrow with --kind or --active-on)") }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a person to the pool.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Personnel number.") var personnelNo: String
        @Option(help: "Kind: \(PoolCommand.kinds).") var kind: String
        @Option(help: "First day (yyyy-mm-dd).") var from: String
        @Option(help: "Last day (yyyy-mm-dd; open-ended when left out).") var until: String?
        @Option(help: "Maximum hours per week (more than 0, at most 60).") var maxHours: Double
        @Option(help: "Who released the person (e.g. the head of their department).") var releasedBy: String?
        @Option(help: "Day a volunteer's consent was recorded (required for volunteers).") var consentAt: String?
        @Option(help: "Organisation that lent the person (required for lent).") var lendingOrg: String?

        func validate() throws {
            guard PoolMembership.Kind(rawValue: kind) != nil else { throw ValidationError("--kind must be one of \(PoolCommand.kinds), not '\(kind)'") }
        }

        func run() async throws {
            guard let k = PoolMembership.Kind(rawValue: kind) else { throw ValidationError("--kind must be one of \(PoolCommand.kinds)") }
            let m = PoolMembership(personnelNo: personnelNo, kind: k, validFrom: try DateArgument.parse(from, option: "--from"),
                                   validUntil: try DateArgument.parse(until, option: "--until"), maxHoursWeek: maxHours,
                                   releasedBy: releasedBy, consentAt: try DateArgument.parse(consentAt, option: "--consent-at"), lendingOrg: lendingOrg)
            // Checked here too, so the message names the option before any database is started.
            do { try m.validate() } catch { throw ValidationError(error.errors.map { "\(Self.option($0.field)): \($0.problem)" }.joined(separator: "; ")) }
            let created = try await global.withDatabase { db, reader in
                try await PoolRepository(db: db).create(org: global.organisation(reader), m, actor: .cli)
            }
            print("added pool membership \(created.value.id ?? 0) for \(m.personnelNo) (\(m.kind.rawValue))")
        }

        static func option(_ field: String) -> String {
            switch field {
            case "consentAt": return "--consent-at"
            case "lendingOrg": return "--lending-org"
            case "maxHoursWeek": return "--max-hours"
            case "validUntil": return "--until"
            case "personnelNo": return "--personnel-no"
            default: return field
            }
        }
    }
}
