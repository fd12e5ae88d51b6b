/// The demo municipality's competence catalogue (about 60 German entries) and how common each one is.
public struct DemoCompetenceSpec: Sendable, Hashable {
    public var competence: CompetenceDefinition
    /// Share of all staff holding it.
    public var share: Double
    /// Units where it is far more common (the health office's physicians, the fire brigade's licences).
    public var homes: [String]

    init(_ code: String, _ name: String, _ category: CompetenceDefinition.Category, maxLevel: Int? = nil, expires: Bool = false,
         implies: [String] = [], share: Double, homes: [String] = []) {
        self.competence = CompetenceDefinition(code: code, name: name, category: category, maxLevel: maxLevel, expires: expires, implies: implies)
        self.share = share
        self.homes = homes
    }

    /// Implied competences come before the ones implying them.
    public static let all: [DemoCompetenceSpec] = [
        .init("ERSTE_HILFE", "Erste Hilfe", .certificate, expires: true, share: 0.35),
        .init("ERSTE_HILFE_AUSB", "Ausbilder/in Erste Hilfe", .certificate, expires: true, implies: ["ERSTE_HILFE"], share: 0.005),
        .init("SANITAETER", "Sanitätshelfer/in", .certificate, expires: true, implies: ["ERSTE_HILFE"], share: 0.02, homes: ["A37", "A37.1"]),
        .init("NOTFALLSANITAETER", "Notfallsanitäter/in", .certificate, expires: true, implies: ["SANITAETER"], share: 0.004, homes: ["A37.1"]),
        .init("ARZT", "Arzt/Ärztin", .skill, implies: ["ERSTE_HILFE"], share: 0.004, homes: ["A53", "A53.1"]),
        .init("PFLEGE", "Pflegefachkraft", .skill, implies: ["ERSTE_HILFE"], share: 0.008, homes: ["A53", "A53.1", "A50"]),
        .init("MFA", "Medizinische/r Fachangestellte/r", .skill, share: 0.008, homes: ["A53", "A53.1"]),
        .init("BRANDSCHUTZHELFER", "Brandschutzhelfer/in", .certificate, expires: true, share: 0.06),
        .init("ATEMSCHUTZ", "Atemschutzgeräteträger/in", .certificate, expires: true, share: 0.01, homes: ["A37"]),
        .init("HYGIENE", "Hygieneschulung nach IfSG", .training, expires: true, share: 0.04, homes: ["A53", "A53.1", "A51.1"]),
        .init("DATENSCHUTZ", "Datenschutzschulung", .training, expires: true, share: 0.3),
        .init("SOZIALARBEIT", "Soziale Arbeit", .skill, share: 0.03, homes: ["A50", "A50.1", "A51"]),
        .init("PSNV", "Psychosoziale Notfallversorgung", .training, share: 0.01, homes: ["A51", "A37"]),
        .init("ERZIEHUNG", "Erzieher/in", .skill, share: 0.04, homes: ["A51.1"]),
        .init("IT_SUPPORT", "IT-Support", .skill, maxLevel: 3, share: 0.05, homes: ["A12", "A12.1"]),
        .init("IT_NETZ", "Netzwerkadministration", .skill, maxLevel: 3, share: 0.01, homes: ["A12"]),
        .init("OFFICE", "Office-Anwendungen", .skill, maxLevel: 3, share: 0.5),
        .init("SAP", "SAP-Anwendung", .skill, maxLevel: 3, share: 0.07, homes: ["A20", "A21", "A22"]),
        .init("HOTLINE", "Bürgertelefon / Hotline", .skill, share: 0.07, homes: ["A33", "A10.1"]),
        .init("KONTAKTNACHVERFOLGUNG", "Kontaktnachverfolgung", .training, share: 0.04, homes: ["A53", "A53.1"]),
        .init("IMPFASSISTENZ", "Impfassistenz", .training, share: 0.01, homes: ["A53"]),
        .init("VL1", "Verwaltungslehrgang I", .training, share: 0.3),
        .init("VL2", "Verwaltungslehrgang II", .training, share: 0.12),
        .init("VFW", "Verwaltungsfachwirt/in", .training, share: 0.05),
        .init("GD_LAUFBAHN", "Laufbahnausbildung gehobener Dienst", .training, share: 0.1),
        .init("VERWALTUNGSRECHT", "Verwaltungsrecht", .skill, maxLevel: 3, share: 0.1),
        .init("AUFENTHALTSRECHT", "Aufenthaltsrecht", .skill, share: 0.02, homes: ["A33.1"]),
        .init("MELDEWESEN", "Melde- und Passwesen", .skill, share: 0.04, homes: ["A33"]),
        .init("SOZIALRECHT", "Sozialrecht (SGB)", .skill, maxLevel: 3, share: 0.03, homes: ["A50", "A50.1", "A51"]),
        .init("BUCHHALTUNG", "Buchhaltung", .skill, share: 0.07, homes: ["A20", "A21"]),
        .init("STABSARBEIT", "Stabsarbeit im Krisenstab", .training, share: 0.01, homes: ["A37", "A32", "A10"]),
        .init("KATS", "Katastrophenschutz-Grundlehrgang", .training, share: 0.02, homes: ["A37", "A32"]),
        .init("FUEHRUNG", "Führungskräfteschulung", .training, share: 0.07),
        .init("MODERATION", "Moderation", .skill, share: 0.03),
        .init("PRESSE", "Presse- und Öffentlichkeitsarbeit", .skill, share: 0.01, homes: ["A13"]),
        .init("GIS", "Geoinformationssysteme", .skill, maxLevel: 3, share: 0.02, homes: ["A61", "A62"]),
        .init("HAUSTECHNIK", "Haustechnik", .skill, share: 0.02, homes: ["A10.1", "A23"]),
        .init("ELEKTRO", "Elektrofachkraft", .certificate, share: 0.01, homes: ["A66", "A10.1"]),
        .init("LOGISTIK", "Logistik und Lager", .skill, share: 0.02, homes: ["A10.1", "A67"]),
        .init("STAPLER", "Flurförderzeugschein (Stapler)", .certificate, share: 0.01, homes: ["A66", "A67"]),
        .init("BEWACHUNG", "Sachkunde Bewachung (§ 34a GewO)", .certificate, share: 0.005, homes: ["A32"]),
        .init("DIGITALFUNK", "BOS-Digitalfunk", .training, share: 0.02, homes: ["A37", "A32"]),
        .init("DOLMETSCHEN", "Dolmetschen und Übersetzen", .skill, share: 0.01),
        .init("FS_B", "Führerschein Klasse B", .drivingLicence, share: 0.7),
        .init("FS_BE", "Führerschein Klasse BE", .drivingLicence, implies: ["FS_B"], share: 0.08),
        .init("FS_C1", "Führerschein Klasse C1", .drivingLicence, implies: ["FS_B"], share: 0.04, homes: ["A37", "A66", "A67"]),
        .init("FS_C", "Führerschein Klasse C", .drivingLicence, implies: ["FS_C1"], share: 0.015, homes: ["A37", "A66", "A67"]),
        .init("SPR_EN", "Englisch", .language, maxLevel: 6, share: 0.55),
        .init("SPR_FR", "Französisch", .language, maxLevel: 6, share: 0.12),
        .init("SPR_ES", "Spanisch", .language, maxLevel: 6, share: 0.05),
        .init("SPR_IT", "Italienisch", .language, maxLevel: 6, share: 0.03),
        .init("SPR_TR", "Türkisch", .language, maxLevel: 6, share: 0.02),
        .init("SPR_AR", "Arabisch", .language, maxLevel: 6, share: 0.01),
        .init("SPR_UK", "Ukrainisch", .language, maxLevel: 6, share: 0.008),
        .init("SPR_RU", "Russisch", .language, maxLevel: 6, share: 0.03),
        .init("SPR_PL", "Polnisch", .language, maxLevel: 6, share: 0.015),
        .init("SPR_FA", "Persisch (Farsi/Dari)", .language, maxLevel: 6, share: 0.006),
        .init("SPR_KU", "Kurdisch", .language, maxLevel: 6, share: 0.006),
        .init("SPR_RO", "Rumänisch", .language, maxLevel: 6, share: 0.008),
        .init("SPR_SQ", "Albanisch", .language, maxLevel: 6, share: 0.006),
        .init("SPR_BKS", "Bosnisch/Kroatisch/Serbisch", .language, maxLevel: 6, share: 0.012),
        .init("SPR_DGS", "Deutsche Gebärdensprache", .language, maxLevel: 6, share: 0.004),
        .init("SPR_VI", "Vietnamesisch", .language, maxLevel: 6, share: 0.004),
    ]
}
