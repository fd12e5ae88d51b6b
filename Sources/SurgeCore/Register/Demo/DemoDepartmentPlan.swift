/// The department tree of the demo municipality: 5 Dezernate, their Ämter and Abteilungen (40 units),
/// with each unit's relative size, its characteristic "must continue" duty and whether it is one of
/// the few units a crisis leaves with (almost) nothing to give.
public struct DemoDepartmentPlan: Sendable, Hashable {
    public var department: Department
    /// Relative share of the staff (not used for the reserve unit, which holds retirees and lent staff).
    public var weight: Double
    /// The unit's characteristic class-A duty.
    public var coreTask: String
    /// Essential services (fire brigade, health office…): their tasks need almost all staff at every level.
    public var tight: Bool
    /// The central reserve unit: retirees and staff lent by other organisations, no regular tasks.
    public var isReserve: Bool

    init(_ code: String, _ name: String, _ kind: Department.Kind, _ parent: String?, _ weight: Double, _ coreTask: String,
         tight: Bool = false, isReserve: Bool = false) {
        self.department = Department(code: code, name: name, kind: kind, parentCode: parent)
        self.weight = weight
        self.coreTask = coreTask
        self.tight = tight
        self.isReserve = isReserve
    }

    /// Parents come before their children.
    public static let all: [DemoDepartmentPlan] = [
        .init("D1", "Dezernat I – Allgemeine Verwaltung, Personal und IT", .dezernat, nil, 0.5, "Leitung des Dezernats"),
        .init("D2", "Dezernat II – Finanzen und Liegenschaften", .dezernat, nil, 0.5, "Leitung des Dezernats"),
        .init("D3", "Dezernat III – Ordnung, Sicherheit und Bürgerdienste", .dezernat, nil, 0.5, "Leitung des Dezernats"),
        .init("D4", "Dezernat IV – Soziales, Jugend und Gesundheit", .dezernat, nil, 0.5, "Leitung des Dezernats"),
        .init("D5", "Dezernat V – Planen, Bauen und Umwelt", .dezernat, nil, 0.5, "Leitung des Dezernats"),
        .init("A10", "Hauptamt", .amt, "D1", 1.5, "Ratsangelegenheiten und Sitzungsdienst"),
        .init("A10.1", "Abteilung Zentrale Dienste", .abteilung, "A10", 2.0, "Post, Poststelle und Gebäudebetrieb"),
        .init("A10.2", "Abteilung Organisation", .abteilung, "A10", 1.0, "Organisationsuntersuchungen"),
        .init("A11", "Personalamt", .amt, "D1", 1.5, "Personalgewinnung und Stellenbesetzung"),
        .init("A11.1", "Abteilung Personalservice", .abteilung, "A11", 1.5, "Entgelt- und Besoldungsabrechnung"),
        .init("A11.2", "Abteilung Aus- und Fortbildung", .abteilung, "A11", 1.0, "Ausbildung der Nachwuchskräfte"),
        .init("A11.3", "Zentrale Personalreserve", .abteilung, "A11", 0, "", isReserve: true),
        .init("A12", "Amt für Informationstechnik", .amt, "D1", 2.0, "Betrieb von Rechenzentrum und Netz"),
        .init("A12.1", "Abteilung IT-Support", .abteilung, "A12", 1.5, "IT-Störungsbehebung"),
        .init("A13", "Presse- und Informationsamt", .amt, "D1", 0.5, "Krisenkommunikation und Pressestelle"),
        .init("A20", "Kämmerei", .amt, "D2", 1.5, "Haushaltsbewirtschaftung"),
        .init("A21", "Stadtkasse", .amt, "D2", 1.5, "Zahlungsverkehr"),
        .init("A22", "Steueramt", .amt, "D2", 2.0, "Festsetzung der Gewerbe- und Grundsteuer"),
        .init("A23", "Liegenschaftsamt", .amt, "D2", 1.0, "Verwaltung städtischer Grundstücke"),
        .init("A32", "Ordnungsamt", .amt, "D3", 3.0, "Gefahrenabwehr und Ordnungsdienst", tight: true),
        .init("A32.1", "Abteilung Verkehrsüberwachung", .abteilung, "A32", 2.0, "Überwachung des ruhenden Verkehrs"),
        .init("A32.2", "Abteilung Gewerbeangelegenheiten", .abteilung, "A32", 1.0, "Gewerbeanmeldungen und -erlaubnisse"),
        .init("A33", "Bürgeramt", .amt, "D3", 3.0, "Pass-, Ausweis- und Meldewesen"),
        .init("A33.1", "Abteilung Ausländerangelegenheiten", .abteilung, "A33", 2.0, "Aufenthaltstitel und Duldungen"),
        .init("A34", "Standesamt", .amt, "D3", 1.0, "Beurkundung von Geburten und Sterbefällen"),
        .init("A37", "Feuerwehr", .amt, "D3", 6.0, "Brandschutz und Technische Hilfeleistung", tight: true),
        .init("A37.1", "Abteilung Rettungsdienst", .abteilung, "A37", 3.0, "Notfallrettung und Krankentransport", tight: true),
        .init("A50", "Sozialamt", .amt, "D4", 4.0, "Hilfe zum Lebensunterhalt und Grundsicherung"),
        .init("A50.1", "Abteilung Wohngeld", .abteilung, "A50", 1.5, "Wohngeldbewilligung"),
        .init("A51", "Jugendamt", .amt, "D4", 5.0, "Kinderschutz und Hilfen zur Erziehung"),
        .init("A51.1", "Abteilung Kindertagesstätten", .abteilung, "A51", 9.0, "Betreuung in städtischen Kitas"),
        .init("A52", "Sportamt", .amt, "D4", 1.0, "Betrieb der Sportstätten"),
        .init("A53", "Gesundheitsamt", .amt, "D4", 3.0, "Infektionsschutz und amtsärztlicher Dienst", tight: true),
        .init("A53.1", "Abteilung Infektionsschutz", .abteilung, "A53", 1.5, "Meldewesen nach IfSG und Ausbruchsmanagement", tight: true),
        .init("A36", "Umweltamt", .amt, "D5", 1.5, "Immissionsschutz und Wasserbehörde"),
        .init("A61", "Stadtplanungsamt", .amt, "D5", 2.0, "Bauleitplanung"),
        .init("A62", "Vermessungs- und Katasteramt", .amt, "D5", 1.5, "Liegenschaftskataster"),
        .init("A63", "Bauordnungsamt", .amt, "D5", 2.0, "Baugenehmigungen und Bauaufsicht"),
        .init("A66", "Tiefbauamt", .amt, "D5", 3.0, "Straßenunterhaltung und Verkehrssicherung"),
        .init("A67", "Grünflächenamt", .amt, "D5", 4.0, "Baumkontrolle und Verkehrssicherungspflicht"),
    ]

    /// Further duties every unit has, by priority class (A must continue, B may be reduced, C may pause).
    static let classATasks = ["Fristgebundene Bescheide und Zahlungen", "Publikumsverkehr im Notbetrieb", "Leitung und Koordination"]
    static let classBTasks = ["Laufende Sachbearbeitung", "Beratung und Auskunft", "Interne Dienstleistungen", "Berichtswesen und Controlling"]
    static let classCTasks = ["Projekte und Konzepte", "Statistik und Auswertungen", "Fortbildung und Qualitätszirkel",
                              "Aktenaufbereitung und Archivierung", "Veranstaltungen und Öffentlichkeitsarbeit"]
}
