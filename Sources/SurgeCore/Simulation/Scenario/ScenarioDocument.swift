import Foundation
import Yams

/// One problem in a scenario file: the line (1-based, when known), the field path and what is wrong.
public struct ScenarioIssue: Sendable, Hashable, CustomStringConvertible {
    public var line: Int?
    public var field: String
    public var problem: String

    public var description: String { "\(line.map { "line \($0): " } ?? "")\(field): \(problem)" }
}

/// A scenario file that cannot be used, with every problem found.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [ScenarioIssue]

    public var description: String {
        issues.map { "\(file):\($0.line.map(String.init) ?? "-"): \($0.field): \($0.problem)" }.joined(separator: "\n")
    }
}

/// Reads a scenario from YAML or JSON (JSON is read as YAML, so both get line numbers): the text is
/// composed into YAML nodes, which keep their marks; every field path gets its line; decoding and
/// validation errors are reported against those lines; fields the model does not know are errors.
public enum ScenarioDocument {
    public static func load(text: String, file: String = "scenario", knownProfiles: Set<String>? = nil) throws(ScenarioError) -> SimulationScenario {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw ScenarioError(file: file, issues: [Self.issue(error)])
        } catch {
            throw ScenarioError(file: file, issues: [ScenarioIssue(line: nil, field: "(document)", problem: "\(error)")])
        }
        guard let node else { throw ScenarioError(file: file, issues: [ScenarioIssue(line: 1, field: "(document)", problem: "the file is empty")]) }
        var lines: [String: Int] = [:]
        let value: Any
        do { value = try plain(node, path: "", lines: &lines) } catch let issue as ScenarioIssue {
            throw ScenarioError(file: file, issues: [issue])
        } catch {
            throw ScenarioError(file: file, issues: [ScenarioIssue(line: nil, field: "(document)", problem: "\(error)")])
        }
        guard value is [String: Any] else {
            throw ScenarioError(file: file, issues: [ScenarioIssue(line: node.mark?.line, field: "(document)", problem: "must be a mapping of fields (name, startDay, days, tasks, …)")])
        }
        let scenario: SimulationScenario
        do {
            let data = try JSONSerialization.data(withJSONObject: value)
            scenario = try JSONDecoder().decode(SimulationScenario.self, from: data)
        } catch let error as DecodingError {
            throw ScenarioError(file: file, issues: [decodingIssue(error, lines)])
        } catch {
            throw ScenarioError(file: file, issues: [ScenarioIssue(line: nil, field: "(document)", problem: "\(error)")])
        }
        var issues = unknownFields(input: value, scenario: scenario, lines: lines)
        do { try scenario.validate(knownProfiles: knownProfiles) } catch {
            issues += error.errors.map { ScenarioIssue(line: line(of: $0.field, lines), field: $0.field, problem: $0.problem) }
        }
        guard issues.isEmpty else { throw ScenarioError(file: file, issues: issues.sorted { ($0.line ?? 0, $0.field) < ($1.line ?? 0, $1.field) }) }
        return scenario
    }

    /// The line of a field, or of its nearest enclosing field when it is not in the file (a default).
    static func line(of field: String, _ lines: [String: Int]) -> Int? {
        var path = field
        while true {
            if let l = lines[path] { return l }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return lines[""] }
            path = String(path[..<cut])
        }
    }

    private static func issue(_ error: YamlError) -> ScenarioIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ScenarioIssue(line: mark.line, field: "(syntax)", problem: problem)
        default:
            return ScenarioIssue(line: nil, field: "(syntax)", problem: "\(error)")
        }
    }

    /// YAML node → JSON-compatible value, recording the line of every path.
    private static func plain(_ node: Node, path: String, lines: inout [String: Int]) throws -> Any {
        if lines[path] == nil, let m = node.mark { lines[path] = m.line }
        switch node {
        case .mapping(let mapping):
            var out: [String: Any] = [:]
            for (k, v) in mapping {
                guard let key = k.string else { throw ScenarioIssue(line: k.mark?.line, field: path.isEmpty ? "(document)" : path, problem: "keys must be text") }
                let sub = path.isEmpty ? key : "\(path).\(key)"
                if out[key] != nil { throw ScenarioIssue(line: k.mark?.line, field: sub, problem: "given twice") }
                if let m = k.mark { lines[sub] = m.line }
                out[key] = try plain(v, path: sub, lines: &lines)
            }
            return out
        case .sequence(let seq):
            return try seq.enumerated().map { i, v in try plain(v, path: "\(path)[\(i)]", lines: &lines) }
        case .scalar(let s):
            let tag = node.tag
            if tag == Tag(.int), let i = node.int { return i }
            if tag == Tag(.float), let d = node.float, d.isFinite { return d }
            if tag == Tag(.bool), let b = node.bool { return b }
            if tag == Tag(.null) { return NSNull() }
            return s.string
        case .alias:
            throw ScenarioIssue(line: node.mark?.line, field: path, problem: "YAML aliases are not supported")
        }
    }

    private static func pathString(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for k in codingPath {
            if let i = k.intValue { out += "[\(i)]" } else { out += out.isEmpty ? k.stringValue : ".\(k.stringValue)" }
        }
        return out
    }

    private static func decodingIssue(_ error: DecodingError, _ lines: [String: Int]) -> ScenarioIssue {
        switch error {
        case .keyNotFound(let key, let ctx):
            let parent = pathString(ctx.codingPath)
            let field = parent.isEmpty ? key.stringValue : "\(parent).\(key.stringValue)"
            return ScenarioIssue(line: line(of: parent, lines), field: field, problem: "is required")
        case .typeMismatch(let type, let ctx):
            let field = pathString(ctx.codingPath)
            return ScenarioIssue(line: line(of: field, lines), field: field, problem: "must be \(describe(type))")
        case .valueNotFound(let type, let ctx):
            let field = pathString(ctx.codingPath)
            return ScenarioIssue(line: line(of: field, lines), field: field, problem: "must be \(describe(type)), not empty")
        case .dataCorrupted(let ctx):
            let field = pathString(ctx.codingPath)
            return ScenarioIssue(line: line(of: field, lines), field: field.isEmpty ? "(document)" : field, problem: ctx.debugDescription)
        @unknown default:
            return ScenarioIssue(line: nil, field: "(document)", problem: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is UInt64.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is String.Type: return "text"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "a mapping" }
            return "a mapping of fields"
        }
    }

    /// Keys of the input that the decoded model does not have: the model is encoded again (it writes
    /// every field it knows), and any input key missing there was not read (a typo, a wrong level).
    private static func unknownFields(input: Any, scenario: SimulationScenario, lines: [String: Int]) -> [ScenarioIssue] {
        guard let data = try? JSONEncoder().encode(scenario), let known = try? JSONSerialization.jsonObject(with: data) else { return [] }
        var issues: [ScenarioIssue] = []
        func walk(_ a: Any, _ b: Any?, _ path: String) {
            if let m = a as? [String: Any] {
                let k = b as? [String: Any] ?? [:]
                for key in m.keys.sorted() {
                    let sub = path.isEmpty ? key : "\(path).\(key)"
                    if m[key] is NSNull { continue }
                    guard let kv = k[key] else {
                        issues.append(ScenarioIssue(line: lines[sub], field: sub, problem: "unknown field"))
                        continue
                    }
                    walk(m[key]!, kv, sub)
                }
            } else if let s = a as? [Any], let t = b as? [Any] {
                for (i, v) in s.enumerated() where i < t.count { walk(v, t[i], "\(path)[\(i)]") }
            }
        }
        walk(input, known, "")
        return issues
    }
}

extension ScenarioIssue: Error {}
