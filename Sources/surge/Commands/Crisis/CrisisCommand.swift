import ArgumentParser
import Foundation
import SurgeCore
import SurgeStore

/// `surge crisis …`: the crisis staff's operations from the command line, the same store calls
/// the HTTP API makes. Jobs run to their end inside the command.
struct CrisisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crisis",
        abstract: "Crisis deployment: declare, decide, tasks and demand, requests and jobs, releases, confirm, publish, sick calls, reports.",
        subcommands: [Declare.self, Decide.self, TaskCmd.self, DemandImport.self, Request.self, Plan.self, Job.self, Accept.self, Change.self,
                      Releases.self, Approve.self, Refuse.self, Expire.self, Confirm.self, Publish.self, Notify.self, Sick.self, Report.self])

    static func instant(_ text: String, _ option: String) throws -> Date {
        guard let d = Instant.parse(text) else { throw ValidationError("\(option) must be an ISO 8601 instant such as 2026-12-07T06:00:00+01:00") }
        return d
    }

    static func catalogue() throws -> RuleProfileCatalogue { try RuleProfileCatalogue.bundled() }

    /// Runs a queued job here and prints its summary and positions.
    static func runAndShow(_ db: Database, org: String, job: Int64) async throws {
        await SolverJobRunner(db: db, threads: 2).run(org: org, job: job)
        let record = try await AllocationRepository(db: db).job(org: org, id: job)
        print("job \(job): \(record.status); score \(record.bestScore ?? "-"); hard breaks \(record.result?.hardBreaks ?? -1); \(record.result?.positions ?? 0) positions"
              + (record.error.map { "; error: \($0)" } ?? ""))
        for u in record.result?.unfilled ?? [] { print("  unfilled demand \(u.demandId): \(u.assigned) of target \(u.target) (minimum \(u.minimum))") }
        let positions = try await PositionRepository(db: db).positions(org: org, job: job)
        print(TextTable(header: ["position", "task", "start", "person", "status", "why", "alternatives"]).render(positions.prefix(200).map {
            [String($0.id), $0.task, $0.start, $0.personnelNo, $0.status, $0.why?.summary ?? "", $0.alternatives.map(\.personnelNo).joined(separator: " ")]
        }))
    }

    struct Declare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Declare a crisis with its level and rule profile (recorded as a decision).")
        @OptionGroup var global: GlobalOptions
        @Option var name: String
        @Option(help: "First day (yyyy-mm-dd).") var starts: String
        @Option(help: "Last day (yyyy-mm-dd).") var ends: String
        @Option(help: "Crisis level 0–3.") var level: Int
        @Option(help: "Rule profile id (Config/rule-profiles).") var profile: String = "emergency-14"
        @Option var legalBasis: String?
        @Option(help: "§15(2): the authority's reference.") var reference: String?
        @Option(help: "§15(2): expiry of the approval (yyyy-mm-dd).") var expires: String?

        func run() async throws {
            let d = CrisisDeclaration(name: name, startsOn: try DateArgument.parse(starts, option: "--starts"), endsOn: try DateArgument.parse(ends, option: "--ends"),
                                      level: level, ruleProfile: profile, legalBasis: legalBasis, authorityReference: reference,
                                      authorityExpiresOn: try DateArgument.parse(expires, option: "--expires"))
            let c = try await global.withDatabase { db, reader in
                try await CrisisRepository(db: db, catalogue: try CrisisCommand.catalogue()).declare(org: global.organisation(reader), d, actor: .cli, now: Date())
            }
            print("crisis \(c.id) declared: \(c.name), level \(c.level), \(c.ruleProfile) (\(c.legalBasis))")
        }
    }

    struct Decide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change level and/or rule profile (a recorded decision); prints the recomputed quotas.")
        @OptionGroup var global: GlobalOptions
        @Option var crisis: Int64
        @Option var level: Int?
        @Option var profile: String?
        @Option var legalBasis: String
        @Option var reference: String?
        @Option var starts: String
        @Option var ends: String
        @Option(help: "Personnel numbers it applies to, comma-separated (default: everyone).") var people: String?

        func run() async throws {
            let input = RuleDecisionInput(level: level, ruleProfile: profile, legalBasis: legalBasis, reference: reference,
                                          startsOn: try DateArgument.parse(starts, option: "--starts"), endsOn: try DateArgument.parse(ends, option: "--ends"),
                                          appliesTo: people.map { $0.split(separator: ",").map(String.init) })
            let (c, quotas) = try await global.withDatabase { db, reader in
                try await CrisisRepository(db: db, catalogue: try CrisisCommand.catalogue()).decide(org: global.organisation(reader), crisis: crisis, input, actor: .cli, now: Date())
            }
            print("crisis \(c.id): level \(c.level), \(c.ruleProfile)")
            print(TextTable(header: ["department", "quota persons", "quota FTE", "left FTE"]).render(quotas.items.filter { $0.quota.quotaPersons > 0 }.prefix(30).map {
                [$0.quota.departmentCode, String($0.quota.quotaPersons), DateArgument.fixed($0.quota.quotaFTE), DateArgument.fixed($0.quota.leftFTE)]
            }))
        }
    }

    struct TaskCmd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "task", abstract: "Create or update a crisis task.")
        @OptionGroup var global: GlobalOptions
        @Option var crisis: Int64
        @Option var code: String
        @Option var name: String
        @Option var priority: Int = 3
        @Option var location: String?
        @Option var lead: String?

        func run() async throws {
            let t = CrisisTaskInput(code: code, name: name, location: location, lead: lead, priority: priority)
            _ = try await global.withDatabase { db, reader in try await DemandRepository(db: db).putTask(org: global.organisation(reader), crisis: crisis, t, actor: .cli) }
            print("task \(code) saved")
        }
    }

    struct DemandImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "demand-import",
            abstract: "Import demand from CSV (task;kind;start;end;minimum;target;maximum;requirements;mixes;priority).")
        @OptionGroup var global: GlobalOptions
        @Option var crisis: Int64
        @Option var file: String

        func run() async throws {
            let text = try readTextFile(file)
            let inputs = try DemandRepository.parseCSV(text)
            let lines = DemandRepository.csvLines(text)
            let saved = try await global.withDatabase { db, reader in
                try await DemandRepository(db: db).addDemands(org: global.organisation(reader), crisis: crisis, inputs,
                                                              fieldPrefix: { i in "line \(i < lines.count ? lines[i] : i + 2)" }, actor: .cli)
            }
            print("\(saved.count) demand lines saved")
        }
    }

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Request people for a task and period; runs the solver job and prints the proposal.")
        @OptionGroup var global: GlobalOptions
        @Option var crisis: Int64
        @Option var task: String
        @Option var from: String
        @Option var until: String
        @Option(help: "Idempotency key (default: derived from the arguments).") var key: String?
        @Option var headcount: Int?
        @Option(help: "Competences required of everyone, comma-separated.") var competences: String?
        @Flag var urgent = false
        @Option var seed: UInt64 = 1
        @Option(help: "Seconds the solver may search.") var time: Double = 0.3

        func run() async throws {
            let input = AllocationRequestInput(task: task, from: from, until: until, headcount: headcount,
                                               competences: competences.map { $0.split(separator: ",").map(String.init) }, urgent: urgent, seed: seed, timeLimitSeconds: time)
            let k = key ?? "cli:\(crisis):\(task):\(from):\(until):\(headcount ?? 0):\(seed)"
            try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                let s = try await AllocationRepository(db: db).submit(org: org, crisis: crisis, input, idempotencyKey: k, actor: .cli)
                if !s.created { print("request \(s.requestId) was made before with this key; showing its job") }
                try await CrisisCommand.runAndShow(db, org: org, job: s.job.id)
            }
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Plan all demand of the crisis (optionally within --from/--until) as one job.")
        @OptionGroup var global: GlobalOptions
        @Option var crisis: Int64
        @Option var from: String?
        @Option var until: String?
        @Option var seed: UInt64 = 1
        @Option var time: Double = 30

        func run() async throws {
            let f = try from.map { try CrisisCommand.instant($0, "--from") }, u = try until.map { try CrisisCommand.instant($0, "--until") }
            try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                let job = try await AllocationRepository(db: db).planJob(org: org, crisis: crisis, from: f, until: u, seed: seed, timeLimit: time, actor: .cli)
                try await CrisisCommand.runAndShow(db, org: org, job: job)
            }
        }
    }

    struct Job: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a job's status, score and positions.")
        @OptionGroup var global: GlobalOptions
        @Option var id: Int64

        func run() async throws {
            try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                let j = try await AllocationRepository(db: db).job(org: org, id: id)
                print("job \(j.id) (\(j.kind)): \(j.status), progress \(Int(j.progress * 100)) %, best \(j.bestScore ?? "-")")
                let positions = try await PositionRepository(db: db).positions(org: org, job: id)
                print(TextTable(header: ["position", "task", "start", "person", "status", "release"]).render(positions.map {
                    [String($0.id), $0.task, $0.start, $0.personnelNo, $0.status, $0.release.map { "\($0.department) \($0.status)" } ?? "pool"]
                }))
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept (or --pin) a job's proposed positions; departments get release requests.")
        @OptionGroup var global: GlobalOptions
        @Option var job: Int64
        @Flag var pin = false
        @Option var deadlineHours: Double = 24

        func run() async throws {
            let n = try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                let repo = PositionRepository(db: db)
                let ids = try await repo.positions(org: org, job: job).filter { $0.status == "proposed" }.map(\.id)
                guard !ids.isEmpty else { return 0 }
                return try await repo.accept(org: org, ids: ids, pin: pin, deadline: Date().addingTimeInterval(deadlineHours * 3600), actor: .cli).count
            }
            print("\(n) positions \(pin ? "pinned" : "accepted")")
        }
    }

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put another person on a position (--person), or pin it (--pin) so later solves keep it.")
        @OptionGroup var global: GlobalOptions
        @Option var position: Int64
        @Option var person: String?
        @Flag var pin = false
        @Option var deadlineHours: Double = 24

        func run() async throws {
            guard (person == nil) == pin else { throw ValidationError("give either --person or --pin") }
            let deadline = Date().addingTimeInterval(deadlineHours * 3600)
            let p = try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                if let person {
                    return try await PositionRepository(db: db).change(org: org, id: position, personnelNo: person, deadline: deadline, actor: .cli)
                }
                return try await PositionRepository(db: db).accept(org: org, ids: [position], pin: true, deadline: deadline, actor: .cli)[0]
            }
            print("position \(p.id): \(p.personnelNo) \(p.status)" + (p.release.map { ", release by \($0.department) \($0.status)" } ?? ""))
        }
    }

    struct Releases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List release requests.")
        @OptionGroup var global: GlobalOptions
        @Option var status: String?
        @Option var department: String?

        func run() async throws {
            let items = try await global.withDatabase { db, reader in
                try await ReleaseRepository(db: db).list(org: global.organisation(reader), departments: department.map { [$0] }, status: status)
            }
            print(TextTable(header: ["release", "department", "person", "task", "start", "deadline", "status"]).render(items.map {
                [String($0.id), $0.department, $0.personnelNo, $0.task, $0.start, $0.deadline, $0.status]
            }))
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a release request.")
        @OptionGroup var global: GlobalOptions
        @Option var id: Int64
        func run() async throws {
            let r = try await global.withDatabase { db, reader in
                try await ReleaseRepository(db: db).decide(org: global.organisation(reader), id: id, approve: true, note: nil, actor: .cli, now: Date()).0
            }
            print("release \(r.id) of \(r.personnelNo): \(r.status)")
        }
    }

    struct Refuse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse a release request; the shift is re-solved without the person.")
        @OptionGroup var global: GlobalOptions
        @Option var id: Int64
        @Option var note: String?
        func run() async throws {
            try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                let (r, job) = try await ReleaseRepository(db: db).decide(org: org, id: id, approve: false, note: note, actor: .cli, now: Date())
                print("release \(r.id) of \(r.personnelNo): \(r.status)")
                if let job { try await CrisisCommand.runAndShow(db, org: org, job: job) }
            }
        }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Expire release requests past their deadline as of --now (default: now) and re-solve.")
        @OptionGroup var global: GlobalOptions
        @Option var now: String?
        func run() async throws {
            let at = try now.map { try CrisisCommand.instant($0, "--now") } ?? Date()
            try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                let jobs = try await ReleaseRepository(db: db).expire(org: org, now: at, actor: .cli)
                print("\(jobs.count) re-solve jobs")
                for j in jobs { try await CrisisCommand.runAndShow(db, org: org, job: j) }
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm a position (or every accepted and pinned one of --job).")
        @OptionGroup var global: GlobalOptions
        @Option var position: Int64?
        @Option var job: Int64?
        @Option(help: "Reason to proceed without release or beyond the quota (recorded).") var override: String?

        func run() async throws {
            guard (position == nil) != (job == nil) else { throw ValidationError("give either --position or --job") }
            try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                var ids = position.map { [$0] } ?? []
                if let job {
                    ids = try await PositionRepository(db: db).positions(org: org, job: job).filter { ["accepted", "pinned"].contains($0.status) }.map(\.id)
                }
                var ok = 0
                for id in ids {
                    do {
                        let a = try await AssignmentRepository(db: db).confirm(org: org, position: id, override: override, actor: .cli, now: Date())
                        ok += 1
                        print("position \(id): assignment \(a.id) \(a.personnelNo) \(a.start)")
                    } catch let e as StoreError {
                        print("position \(id): refused: \(e)")
                    }
                }
                print("\(ok) of \(ids.count) confirmed")
            }
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish the crisis's confirmed assignments (notifications queued).")
        @OptionGroup var global: GlobalOptions
        @Option var crisis: Int64
        func run() async throws {
            let n = try await global.withDatabase { db, reader in
                try await AssignmentRepository(db: db).publish(org: global.organisation(reader), crisis: crisis, actor: .cli, now: Date())
            }
            print("\(n) assignments published")
        }
    }

    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deliver the notification outbox (this sender writes to the log; mail is a pluggable NotificationSender).")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            let logger = global.logger("surge.notify")
            let (sent, failed) = try await global.withDatabase { db, reader in
                try await NotificationOutbox(db: db).deliver(org: global.organisation(reader), via: LogNotificationSender(logger: logger), now: Date())
            }
            print("\(sent) notifications sent, \(failed) failed")
        }
    }

    struct Sick: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a sick call: cancels the person's shifts in the period and runs the repair.")
        @OptionGroup var global: GlobalOptions
        @Option var crisis: Int64
        @Option var person: String
        @Option var from: String
        @Option var until: String
        func run() async throws {
            let f = try CrisisCommand.instant(from, "--from"), u = try CrisisCommand.instant(until, "--until")
            try await global.withDatabase { db, reader in
                let org = global.organisation(reader)
                let r = try await AssignmentRepository(db: db).sickCall(org: org, crisis: crisis, personnelNo: person, from: f, until: u, actor: .cli, now: Date())
                print("cancelled \(r.cancelled.count), flagged \(r.flagged.count)")
                if let job = r.repairJob { try await CrisisCommand.runAndShow(db, org: org, job: job) }
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reports: coverage, departments (FTE against quota, paused tasks) or load, as a table or CSV.")
        enum Kind: String, ExpressibleByArgument { case coverage, departments, load }
        @OptionGroup var global: GlobalOptions
        @Option var crisis: Int64
        @Option var kind: Kind = .coverage
        @Option(help: "Day of the departments report (default: the crisis start).") var on: String?
        @Option(help: "Instant the load report looks back from (default: now).") var at: String?
        @Flag var csv = false

        func run() async throws {
            let day = try DateArgument.parse(on, option: "--on")
            let instant = try at.map { try CrisisCommand.instant($0, "--at") } ?? Date()
            let (kind, crisis, csv) = (kind, crisis, csv)
            let text = try await global.withDatabase { db, reader -> String in
                let org = global.organisation(reader)
                let reports = CrisisReportRepository(db: db, catalogue: try CrisisCommand.catalogue())
                switch kind {
                case .coverage:
                    let rows = try await reports.coverage(org: org, crisis: crisis)
                    return csv ? ReportCSV.render(rows) : TextTable(header: CoverageRow.csvHeader).render(rows.map(\.csvFields))
                case .departments:
                    let start = try await CrisisRepository(db: db, catalogue: try CrisisCommand.catalogue()).get(org: org, id: crisis).startsOn
                    let rows = try await reports.departments(org: org, crisis: crisis, day: day ?? start)
                    return csv ? ReportCSV.render(rows) : TextTable(header: DepartmentSecondmentRow.csvHeader).render(rows.map(\.csvFields))
                case .load:
                    let rows = try await reports.load(org: org, crisis: crisis, at: instant)
                    return csv ? ReportCSV.render(rows) : TextTable(header: PersonLoadFigures.csvHeader).render(rows.map(\.csvFields))
                }
            }
            print(text, terminator: csv ? "" : "\n")
        }
    }
}
