import Foundation

/// JSON interchange of problems and plans (see docs/interchange.md). Dates are ISO 8601 with
/// offset, days "YYYY-MM-DD", durations in minutes. Every document carries format and version so
/// that files can be recognised and migrated.
public enum Interchange {
    public static let problemFormat = "surge.problem"
    public static let planFormat = "surge.plan"
    public static let version = 1

    public struct ProblemDocument: Codable, Sendable {
        public var format: String
        public var version: Int
        public var problem: SchedulingProblem
    }

    public struct PlanDocument: Codable, Sendable {
        public var format: String
        public var version: Int
        public var plan: Plan
        public var statistics: SolverStatistics?
    }

    /// A decoding failure phrased for people: which field, what was wrong.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    public static func encode(problem: SchedulingProblem) throws -> Data {
        try encoder().encode(ProblemDocument(format: problemFormat, version: version, problem: problem))
    }

    public static func encode(plan: Plan, statistics: SolverStatistics? = nil) throws -> Data {
        try encoder().encode(PlanDocument(format: planFormat, version: version, plan: plan, statistics: statistics))
    }

    struct Header: Decodable { var format: String; var version: Int }

    /// Checks format and version before the body, so a plan passed as problem is named as such.
    static func checkHeader(_ data: Data, _ format: String) throws {
        let h = try decode(Header.self, data)
        guard h.format == format else { throw FormatError(description: "format: expected \"\(format)\", got \"\(h.format)\"") }
        guard h.version == version else { throw FormatError(description: "version: unsupported version \(h.version) (supported: \(version))") }
    }

    public static func decodeProblem(_ data: Data) throws -> SchedulingProblem {
        try checkHeader(data, problemFormat)
        return try decode(ProblemDocument.self, data).problem
    }

    public static func decodePlan(_ data: Data) throws -> PlanDocument {
        try checkHeader(data, planFormat)
        return try decode(PlanDocument.self, data)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        do { return try decoder().decode(type, from: data) } catch let e as DecodingError { throw FormatError(description: describe(e)) }
    }

    /// "people[3].competences[0].level: expected Int, found a string" rather than Foundation's dump.
    public static func describe(_ error: DecodingError) -> String {
        func path(_ p: [CodingKey]) -> String {
            var s = ""
            for k in p {
                if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
            }
            return s.isEmpty ? "(document)" : s
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return "\(path(ctx.codingPath + [key])): required field is missing"
        case .typeMismatch(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(type) (\(ctx.debugDescription))"
        case .valueNotFound(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(type), found null"
        case .dataCorrupted(let ctx):
            let underlying = (ctx.underlyingError as NSError?)?.localizedDescription
            return "\(path(ctx.codingPath)): \(ctx.debugDescription)\(underlying.map { " (\($0))" } ?? "")"
        @unknown default:
            return "\(error)"
        }
    }
}
