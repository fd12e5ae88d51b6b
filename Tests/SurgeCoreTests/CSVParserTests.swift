import Testing
@testable import SurgeCore

@Suite struct CSVParserTests {
    @Test func byteOrderMarkAndSemicolons() throws {
        let table = try CSVParser.parse("\u{FEFF}personnel_no;first_name\r\nP1;Anna\r\nP2;Ben\r\n")
        #expect(table.separator == ";")
        #expect(table.header == ["personnel_no", "first_name"])
        #expect(table.records == [CSVRecord(line: 2, fields: ["P1", "Anna"]), CSVRecord(line: 3, fields: ["P2", "Ben"])])
    }

    @Test func commasDetectedAndQuotesHonoured() throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,row,here"
        let table = try CSVParser.parse(text)
        #expect(table.separator == ",")
        #expect(table.records.count == 2)
        #expect(table.records[0].fields == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(table.records[0].line == 2)
        // The quoted line break moved the next record to line 4.
        #expect(table.records[1].line == 4)
        #expect(table.records[1].fields == ["last", "row", "here"])
    }

    @Test func semicolonInsideQuotesDoesNotCountForDetection() throws {
        let table = try CSVParser.parse("\"a;b\",c\n1,2\n")
        #expect(table.separator == ",")
        #expect(table.header == ["a;b", "c"])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let table = try CSVParser.parse("h1;h2\n\nv1;v2\n\n")
        #expect(table.records == [CSVRecord(line: 3, fields: ["v1", "v2"])])
    }

    @Test func unterminatedQuoteNamesItsLine() {
        #expect(throws: CSVParseError(line: 3, problem: "a quoted field is never closed (missing \")")) {
            try CSVParser.parse("h1;h2\nok;ok\n\"broken;x\n")
        }
    }

    @Test func invalidUTF8IsRefused() {
        let bytes = Array("h1;h2\n".utf8) + [0x41, 0xFF, 0x3B, 0x42, 0x0A]
        #expect(throws: CSVParseError.self) { try CSVParser.parse(bytes: bytes) }
    }

    @Test func emptyFileIsRefused() {
        #expect(throws: CSVParseError.self) { try CSVParser.parse("\u{FEFF}") }
    }

    @Test func writerQuotesOnlyWhereNeeded() throws {
        #expect(CSVWriter.line(["a", "b;c", "say \"x\"", " pad"]) == "a;\"b;c\";\"say \"\"x\"\"\";\" pad\"\r\n")
        let back = try CSVParser.parse("h1;h2;h3;h4\r\n" + CSVWriter.line(["a", "b;c", "say \"x\"", "multi\nline"]))
        #expect(back.records.first?.fields == ["a", "b;c", "say \"x\"", "multi\nline"])
    }
}

@Suite struct RegisterCSVTests {
    static let staffHeader = "Personalnummer;Vorname;Nachname;Organisationseinheit;Wochenstunden;VZÄ;Statusgruppe;E-Mail\n"

    @Test func staffRowsWithGermanHeadersAndDecimalCommas() throws {
        let table = try CSVParser.parse(Self.staffHeader + "P1;Anna;\"Muster; geb. Lang\";A10;19,5;0,5;Beamte;anna@example.org\nP2;Ben;Bau;A20;39;1;employee;\n")
        let (rows, errors) = StaffCSV.read(table, departments: ["A10", "A20"])
        #expect(errors.isEmpty)
        #expect(rows.count == 2)
        #expect(rows[0].member == StaffMember(personnelNo: "P1", firstName: "Anna", lastName: "Muster; geb. Lang", departmentCode: "A10",
                                              contractHoursWeek: 19.5, fte: 0.5, statusGroup: .civilServant, email: "anna@example.org"))
        #expect(rows[1].member.email == nil)
        #expect(rows[1].line == 3)
    }

    @Test func everyBadStaffRowIsReportedWithLineAndField() throws {
        let text = Self.staffHeader
            + "P1;Anna;A;A10;39;1;employee;\n"          // line 2: fine
            + "P2;Ben;B;A10;39;viel;employee;\n"        // line 3: fte not a number
            + "P3;Cem;C;NOPE;39;1;employee;\n"          // line 4: unknown department
            + "P1;Dora;D;A10;39;1;employee;\n"          // line 5: duplicate personnel number
            + "P5;Eva;E;A10;70;1;Freelancer;x\n"        // line 6: hours out of range, status unknown, bad mail
        let (_, errors) = StaffCSV.read(try CSVParser.parse(text), departments: ["A10"])
        #expect(errors.contains(CSVRowError(line: 3, field: "fte", problem: "'viel' is not a number")))
        #expect(errors.contains { $0.line == 4 && $0.field == "department" })
        #expect(errors.contains { $0.line == 5 && $0.field == "personnel_no" && $0.problem.contains("line 2") })
        #expect(errors.contains { $0.line == 6 && $0.field == "status_group" })
        #expect(!errors.contains { $0.line == 2 })
        let (_, hoursErrors) = StaffCSV.read(try CSVParser.parse(Self.staffHeader + "P5;Eva;E;A10;70;1;employee;x\n"), departments: ["A10"])
        #expect(Set(hoursErrors.map(\.field)) == ["contract_hours", "email"])
    }

    @Test func missingColumnIsReportedOnLineOne() throws {
        let (_, errors) = StaffCSV.read(try CSVParser.parse("personnel_no;first_name;last_name\nP1;A;B\n"), departments: nil)
        #expect(errors.contains(CSVRowError(line: 1, field: "fte", problem: "column is missing from the header (expected a column named fte)")))
        #expect(errors.allSatisfy { $0.line == 1 })
    }

    static let catalogue: [String: CompetenceDefinition] = [
        "FS_B": CompetenceDefinition(code: "FS_B", name: "Klasse B", category: .drivingLicence),
        "EN": CompetenceDefinition(code: "EN", name: "Englisch", category: .language, maxLevel: 6),
        "EH": CompetenceDefinition(code: "EH", name: "Erste Hilfe", category: .certificate, expires: true),
    ]

    @Test func holdingDatesInBothFormats() throws {
        let text = "personnel_no,competence,level,valid_from,valid_until\nP1,EN,4,01.02.2024,\nP1,EH,,2024-03-05,31.12.2026\n"
        let (rows, errors) = HoldingCSV.read(try CSVParser.parse(text), catalogue: Self.catalogue, staff: ["P1"])
        #expect(errors.isEmpty)
        #expect(rows.map(\.holding.validFrom) == [LocalDate(year: 2024, month: 2, day: 1), LocalDate(year: 2024, month: 3, day: 5)])
        #expect(rows[1].holding.validUntil == LocalDate(year: 2026, month: 12, day: 31))
        #expect(rows[1].holding.level == 1)
    }

    @Test func badHoldingRows() throws {
        let text = "personnel_no;competence;level;valid_from;valid_until\n"
            + "P1;EN;7;;\n"               // line 2: level above max 6
            + "P1;EH;;31.02.2024;\n"      // line 3: no such date; expiring without valid_until
            + "P9;FS_B;;;\n"              // line 4: unknown person
            + "P1;XX;;;\n"                // line 5: unknown competence
            + "P1;FS_B;zwei;;\n"          // line 6: level not a number
        let (rows, errors) = HoldingCSV.read(try CSVParser.parse(text), catalogue: Self.catalogue, staff: ["P1"])
        #expect(rows.isEmpty)
        #expect(errors.contains { $0.line == 2 && $0.field == "level" })
        #expect(errors.contains(CSVRowError(line: 3, field: "valid_from", problem: "'31.02.2024' is not a date (dd.mm.yyyy or yyyy-mm-dd)")))
        #expect(errors.contains { $0.line == 4 && $0.field == "personnel_no" })
        #expect(errors.contains { $0.line == 5 && $0.field == "competence" })
        #expect(errors.contains { $0.line == 6 && $0.field == "level" })
    }

    @Test func absencesWithGermanCategories() throws {
        let text = "PersNr;Art;von;bis\nP1;Urlaub;01.06.2026;2026-06-14\nP1;Krank;10.06.2026;09.06.2026\nP1;Kur;01.06.2026;02.06.2026\n"
        let (rows, errors) = AbsenceCSV.read(try CSVParser.parse(text), staff: ["P1"])
        #expect(rows.map(\.absence.category) == [.vacation])
        #expect(errors.contains { $0.line == 3 && $0.field == "ends_on" })
        #expect(errors.contains { $0.line == 4 && $0.field == "category" })
    }

    @Test func exportReadsBackUnchanged() throws {
        let member = StaffMember(personnelNo: "P1", firstName: "Zeynep", lastName: "O\"Brien; Yılmaz", departmentCode: "A10",
                                 contractHoursWeek: 19.25, fte: 0.494, statusGroup: .trainee, ruleProfile: "normal", phone: "+49 221 1")
        let text = CSVWriter.line(StaffCSV.header) + StaffCSV.line(member)
        let (rows, errors) = StaffCSV.read(try CSVParser.parse(text), departments: ["A10"])
        #expect(errors.isEmpty)
        #expect(rows.first?.member == member)
    }
}
