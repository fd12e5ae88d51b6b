import ArgumentParser
import SurgeCore
import SurgeStore

struct QuotaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota",
        abstract: "Release quota per department: staff FTE (absent staff excluded), FTE its tasks need, quota, used by secondments, left.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Crisis level 0–3 (default: the organisation's current level).") var level: Int?
    @Option(help: "Day (yyyy-mm-dd; default: today).") var on: String?

    func validate() throws {
        if let level, CrisisLevel(rawValue: level) == nil { throw ValidationError("--level must be 0, 1, 2 or 3, not \(level)") }
    }

    func run() async throws {
        let lv = level.flatMap(CrisisLevel.init(rawValue:))
        let day = try DateArgument.parse(on, option: "--on") ?? DateArgument.today()
        let report = try await global.withDatabase { db, reader in
            try await ReleaseQuotaRepository(db: db).report(org: global.organisation(reader), level: lv, on: day)
        }
        let f = { (v: Double) in DateArgument.fixed(v) }
        var rows = report.items.map { line -> [String] in
            let q = line.quota
            return [q.departmentCode, line.departmentName, String(q.staffCount), f(q.staffFTE), f(q.neededFTE), f(q.quotaFTE),
                    String(q.quotaPersons), f(q.usedFTE), String(q.usedPersons), f(q.leftFTE)]
        }
        let items = report.items.map(\.quota)
        rows.append(["total", "", String(items.map(\.staffCount).reduce(0, +)), f(items.map(\.staffFTE).reduce(0, +)),
                     f(items.map(\.neededFTE).reduce(0, +)), f(items.map(\.quotaFTE).reduce(0, +)), String(items.map(\.quotaPersons).reduce(0, +)),
                     f(items.map(\.usedFTE).reduce(0, +)), String(items.map(\.usedPersons).reduce(0, +)), f(items.map(\.leftFTE).reduce(0, +))])
        print("release quotas at crisis level \(report.level) on \(report.on.iso)")
        print(TextTable(header: ["department", "name", "present", "staff FTE", "needed", "quota FTE", "quota persons", "used FTE", "used persons", "left FTE"])
            .render(rows))
    }
}
