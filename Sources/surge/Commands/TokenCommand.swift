import ArgumentParser
import Foundation
import SurgeCore
import SurgeStore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "API tokens.", subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token; prints the token alone on standard output (it is stored only as a hash).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Department code (required for department_head).") var department: String?
        @Option(help: "Personnel number (required for staff).") var personnelNo: String?
        @Option(help: "A name for the token, shown in the audit log.") var name: String?

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), not '\(role)'")
            }
        }

        func run() async throws {
            let role = Role(rawValue: role)!
            let (department, personnelNo, name) = (department, personnelNo, name)
            let token = TokenSecret.generate()
            try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                try await OrganisationRepository(db: db).ensure(Organisation(id: org, name: org), actor: .cli)
                _ = try await TokenRepository(db: db).create(org: org, name: name ?? role.rawValue, role: role, departmentCode: department,
                                                             personnelNo: personnelNo, secret: token, actor: .cli)
            }
            print(token)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        func run() async throws {
            let id = id
            try await global.withDatabase { db, reader in
                try await TokenRepository(db: db).revoke(org: global.organisation(reader), tokenId: id, actor: .cli)
            }
            print("revoked \(id)")
        }
    }
}

enum TokenSecret {
    /// 32 random bytes from the system generator, hex: secrets are the one thing that must not be seeded.
    static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        return "sg_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined()
    }
}
