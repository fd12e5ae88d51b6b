/// Names for demo staff, grouped by origin, so that the city looks like a German city today and
/// native speakers of the catalogue's languages occur where they would.
struct DemoNameOrigin: Sendable {
    var share: Double
    var firstNames: [String]
    var lastNames: [String]
    /// The language such a person most likely speaks natively (level 6), if it is in the catalogue.
    var nativeLanguage: String?

    static let all: [DemoNameOrigin] = [
        DemoNameOrigin(share: 0.78, firstNames: [
            "Anna", "Julia", "Laura", "Sarah", "Lisa", "Katharina", "Sabine", "Petra", "Andrea", "Claudia", "Monika", "Birgit",
            "Susanne", "Stefanie", "Nicole", "Christina", "Jana", "Lena", "Marie", "Sophie", "Hannah", "Lea", "Ursula", "Renate",
            "Thomas", "Michael", "Andreas", "Stefan", "Christian", "Markus", "Frank", "Jürgen", "Klaus", "Peter", "Wolfgang",
            "Matthias", "Alexander", "Daniel", "Tobias", "Jan", "Lukas", "Felix", "Jonas", "Maximilian", "Sebastian", "Florian",
            "Martin", "Uwe", "Dirk", "Holger", "Jörg", "Björn", "Kai", "Tim", "Niklas", "Paul", "Heike", "Gabriele", "Doris", "Ines",
        ], lastNames: [
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer",
            "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger",
            "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze",
            "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz",
            "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler",
            "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus",
        ], nativeLanguage: nil),
        DemoNameOrigin(share: 0.07, firstNames: ["Ayşe", "Elif", "Zeynep", "Fatma", "Emine", "Merve", "Mehmet", "Mustafa", "Ahmet", "Ali", "Emre", "Can", "Deniz", "Murat", "Serkan"],
                       lastNames: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Polat", "Koç"],
                       nativeLanguage: "SPR_TR"),
        DemoNameOrigin(share: 0.04, firstNames: ["Agnieszka", "Katarzyna", "Magdalena", "Anna", "Joanna", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Marek"],
                       lastNames: ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak"],
                       nativeLanguage: "SPR_PL"),
        DemoNameOrigin(share: 0.03, firstNames: ["Olga", "Natalia", "Irina", "Swetlana", "Tatjana", "Sergej", "Dmitri", "Alexej", "Andrej", "Wladimir"],
                       lastNames: ["Iwanow", "Petrow", "Smirnow", "Kusnezow", "Popow", "Wolkow", "Sokolow", "Lebedew", "Morosow", "Nowikow"],
                       nativeLanguage: "SPR_RU"),
        DemoNameOrigin(share: 0.02, firstNames: ["Oksana", "Olena", "Iryna", "Kateryna", "Mykola", "Oleksandr", "Taras", "Bohdan"],
                       lastNames: ["Kowalenko", "Bondarenko", "Tkatschenko", "Schewtschenko", "Melnyk", "Kravtschenko", "Oliynyk", "Marchenko"],
                       nativeLanguage: "SPR_UK"),
        DemoNameOrigin(share: 0.03, firstNames: ["Fatima", "Amira", "Leila", "Nour", "Yasmin", "Mohammed", "Ahmad", "Omar", "Khaled", "Youssef"],
                       lastNames: ["Haddad", "Khalil", "Nasser", "Mansour", "Saleh", "Hussein", "Ibrahim", "Hamdan", "Aziz", "Darwish"],
                       nativeLanguage: "SPR_AR"),
        DemoNameOrigin(share: 0.02, firstNames: ["Giulia", "Francesca", "Chiara", "Marco", "Luca", "Giuseppe", "Antonio", "Alessandro"],
                       lastNames: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"],
                       nativeLanguage: "SPR_IT"),
        DemoNameOrigin(share: 0.01, firstNames: ["Ana", "Ivana", "Marija", "Jelena", "Ivan", "Marko", "Nikola", "Dragan"],
                       lastNames: ["Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Petrović", "Jovanović"],
                       nativeLanguage: "SPR_BKS"),
    ]

    /// Plain ASCII for e-mail addresses ("Jürgen Weiß" → "juergen.weiss").
    static func ascii(_ s: String) -> String {
        var out = ""
        for ch in s.lowercased() {
            switch ch {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            case "ş", "ś": out += "s"
            case "ç", "č", "ć": out += "c"
            case "ğ": out += "g"
            case "ı": out += "i"
            case "ł": out += "l"
            case "ń": out += "n"
            case "ó": out += "o"
            case "ź", "ż": out += "z"
            case "ę": out += "e"
            case "ą": out += "a"
            case "a"..."z", "0"..."9", "-": out.append(ch)
            default: break
            }
        }
        return out
    }
}
