import Foundation
import SurgeCore

/// A deterministic pseudo-random generator (SplitMix64): the same seed gives the same register.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A synthetic city register for benchmarks: departments, a catalogue with implications, and CSV
/// files of staff, competences held and absences the way an HR system exports them (`;`, BOM,
/// German dates in places, quoted names).
enum BenchRegisterData {
    /// The day searches ask about.
    static let day = LocalDate(year: 2026, month: 6, day: 1) ?? LocalDate(daysSinceEpoch: 20_605)

    static var departments: [Department] {
        var result: [Department] = []
        for d in 1...5 {
            result.append(Department(code: "D\(d)", name: "Dezernat \(d)", kind: .dezernat))
            for a in 1...4 {
                let amt = "A\(d)\(a)"
                result.append(Department(code: amt, name: "Amt \(d)\(a)", kind: .amt, parentCode: "D\(d)"))
                for b in 1...3 {
                    result.append(Department(code: "\(amt)-\(b)", name: "Abteilung \(d)\(a)-\(b)", kind: .abteilung, parentCode: amt))
                }
            }
        }
        return result
    }

    static var leafDepartments: [String] { departments.filter { $0.kind == .abteilung }.map(\.code) }

    /// Ordered so that implied competences come before the ones implying them.
    static let catalogue: [CompetenceDefinition] = [
        CompetenceDefinition(code: "FS_B", name: "Führerschein Klasse B", category: .drivingLicence),
        CompetenceDefinition(code: "FS_BE", name: "Führerschein Klasse BE", category: .drivingLicence, implies: ["FS_B"]),
        CompetenceDefinition(code: "FS_C1", name: "Führerschein Klasse C1", category: .drivingLicence, implies: ["FS_B"]),
        CompetenceDefinition(code: "FS_C1E", name: "Führerschein Klasse C1E", category: .drivingLicence, implies: ["FS_C1", "FS_BE"]),
        CompetenceDefinition(code: "FS_C", name: "Führerschein Klasse C", category: .drivingLicence, implies: ["FS_C1"]),
        CompetenceDefinition(code: "FS_CE", name: "Führerschein Klasse CE", category: .drivingLicence, implies: ["FS_C", "FS_C1E"]),
        CompetenceDefinition(code: "ERSTE_HILFE", name: "Erste Hilfe", category: .certificate, expires: true),
        CompetenceDefinition(code: "SANITAETER", name: "Sanitätsausbildung", category: .certificate, expires: true, implies: ["ERSTE_HILFE"]),
        CompetenceDefinition(code: "PFLEGE", name: "Pflegefachkraft", category: .certificate, implies: ["ERSTE_HILFE"]),
        CompetenceDefinition(code: "ARZT", name: "Ärztin/Arzt", category: .certificate, implies: ["SANITAETER"]),
        CompetenceDefinition(code: "SPRACHE_EN", name: "Englisch", category: .language, maxLevel: 6),
        CompetenceDefinition(code: "SPRACHE_AR", name: "Arabisch", category: .language, maxLevel: 6),
        CompetenceDefinition(code: "SPRACHE_UK", name: "Ukrainisch", category: .language, maxLevel: 6),
        CompetenceDefinition(code: "SPRACHE_RU", name: "Russisch", category: .language, maxLevel: 6),
        CompetenceDefinition(code: "SPRACHE_TR", name: "Türkisch", category: .language, maxLevel: 6),
        CompetenceDefinition(code: "DOLMETSCHEN", name: "Dolmetschen", category: .skill, maxLevel: 3),
        CompetenceDefinition(code: "VERWALTUNG", name: "Verwaltungsverfahren", category: .skill, maxLevel: 3),
        CompetenceDefinition(code: "IT_SUPPORT", name: "IT-Unterstützung", category: .skill, maxLevel: 3),
        CompetenceDefinition(code: "CALLCENTER", name: "Telefonberatung", category: .skill, maxLevel: 3),
        CompetenceDefinition(code: "SOZIALARBEIT", name: "Sozialarbeit", category: .skill, maxLevel: 3),
        CompetenceDefinition(code: "KONTAKTNACHVERFOLGUNG", name: "Kontaktnachverfolgung", category: .training),
        CompetenceDefinition(code: "IMPFZENTRUM", name: "Einweisung Impfzentrum", category: .training),
        CompetenceDefinition(code: "KRISENSTAB", name: "Stabsarbeit", category: .training),
        CompetenceDefinition(code: "STAPLER", name: "Staplerschein", category: .certificate, expires: true),
    ]

    static let firstNames = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannah", "Ilse", "Jonas", "Karl", "Lena",
                             "Mia", "Noah", "Ole", "Paula", "Quirin", "Rosa", "Sven", "Tilda", "Uwe", "Vera", "Wiebke", "Yusuf", "Zeynep"]
    static let lastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
                            "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Hofmann", "Zimmermann",
                            "Yılmaz", "Kowalski", "Nowak", "Schmitt, geb. Lang", "O\"Brien"]

    static func personnelNo(_ i: Int) -> String {
        let s = String(i)
        return "P" + String(repeating: "0", count: max(0, 6 - s.count)) + s
    }

    static func german(_ d: LocalDate) -> String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
        return "\(pad(d.day)).\(pad(d.month)).\(d.year)"
    }

    /// The staff file; `badLine` (a data row index) gets an unreadable FTE.
    static func staffCSV(count: Int, seed: UInt64, badRow: Int? = nil) -> String {
        var rng = SplitMix64(seed: seed)
        let leaves = leafDepartments
        var out = "\u{FEFF}" + CSVWriter.line(["Personalnummer", "Vorname", "Nachname", "Organisationseinheit", "Wochenstunden", "VZÄ", "Statusgruppe", "E-Mail"])
        out.reserveCapacity(count * 90)
        for i in 1...max(1, count) {
            let hours: Double = [39, 39, 39, 41, 19.5, 30, 20][Int(rng.next() % 7)]
            let status = ["Beschäftigte", "Beschäftigte", "Beamte", "Auszubildende"][Int(rng.next() % 4)]
            let full: Double = status == "Beamte" ? 41 : 39
            let fte = min(1, (hours / full * 1000).rounded() / 1000)
            let first = firstNames[Int(rng.next() % UInt64(firstNames.count))]
            let last = lastNames[Int(rng.next() % UInt64(lastNames.count))]
            let dept = leaves[Int(rng.next() % UInt64(leaves.count))]
            let fteText = i - 1 == badRow ? "viel" : CSVNumber.format(fte).replacingOccurrences(of: ".", with: ",")
            out += CSVWriter.line([personnelNo(i), first, last, dept, CSVNumber.format(hours).replacingOccurrences(of: ".", with: ","), fteText,
                                   status, "\(personnelNo(i).lowercased())@stadt.example"])
        }
        return out
    }

    /// Competences held: 0 to 6 per person, about 3 on average.
    static func holdingsCSV(count: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed &+ 1)
        var out = CSVWriter.line(["personnel_no", "competence", "level", "valid_from", "valid_until", "verified_by", "verified_at"])
        out.reserveCapacity(count * 3 * 60)
        for i in 1...max(1, count) {
            let n = Int(rng.next() % 7)
            var chosen: Set<Int> = []
            for _ in 0..<n { chosen.insert(Int(rng.next() % UInt64(catalogue.count))) }
            for index in chosen.sorted() {
                let c = catalogue[index]
                let level = c.maxLevel.map { 1 + Int(rng.next() % UInt64($0)) } ?? 1
                let from = day.adding(days: -Int(rng.next() % 2000))
                var until = ""
                if c.expires { until = german(max(from.adding(days: 30), day.adding(days: Int(rng.next() % 1200) - 200))) }
                let verified = rng.next() % 2 == 0
                out += CSVWriter.line([personnelNo(i), c.code, String(level), german(from), until, verified ? "Personalamt" : "",
                                       verified ? from.iso : ""])
            }
        }
        return out
    }

    /// About one absence per five people, around the benchmark day.
    static func absencesCSV(count: Int, seed: UInt64) -> String {
        var rng = SplitMix64(seed: seed &+ 2)
        var out = CSVWriter.line(["personnel_no", "category", "starts_on", "ends_on"])
        for _ in 0..<max(1, count / 5) {
            let who = 1 + Int(rng.next() % UInt64(max(1, count)))
            let start = day.adding(days: Int(rng.next() % 120) - 60)
            let end = start.adding(days: Int(rng.next() % 14))
            let category = ["Urlaub", "Krank", "Fortbildung", "vacation"][Int(rng.next() % 4)]
            out += CSVWriter.line([personnelNo(who), category, german(start), end.iso])
        }
        return out
    }
}
