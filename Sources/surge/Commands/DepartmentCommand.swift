import ArgumentParser
import SurgeCore
import SurgeStore

struct DepartmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "department", abstract: "The department tree.", subcommands: [List.self, Add.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List departments.")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let rows = try await global.withDatabase { db, reader in
                try await DepartmentRepository(db: db).list(org: global.organisation(reader), page: PageRequest(limit: 1000)).items
            }
            let table = TextTable(header: ["code", "kind", "parent", "name"])
            print(table.render(rows.map { [$0.value.code, $0.value.kind.rawValue, $0.value.parentCode ?? "", $0.value.name] }))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a department.")
        @OptionGroup var global: GlobalOptions
        @Option var code: String
        @Option var name: String
        @Option(help: "dezernat, amt or abteilung") var kind: String
        @Option var parent: String?
        func run() async throws {
            guard let k = Department.Kind(rawValue: kind) else { throw ValidationError("--kind must be dezernat, amt or abteilung") }
            let d = Department(code: code, name: name, kind: k, parentCode: parent)
            try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                try await OrganisationRepository(db: db).ensure(Organisation(id: org, name: org), actor: .cli)
                _ = try await DepartmentRepository(db: db).create(org: org, d, actor: .cli)
            }
            print("added \(d.code)")
        }
    }
}
