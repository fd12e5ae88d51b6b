import Foundation
import Hummingbird
import SurgeHTTP
import SurgeStore
import SurgeTestSupport
import Testing

/// Every route the router serves must be documented in openapi.yaml (path and method).
@Suite struct OpenAPICoverageTests {
    @Test func everyRouteIsDocumented() async throws {
        let spec = try String(contentsOf: Self.specURL, encoding: .utf8)
        let documented = Self.documentedRoutes(spec)
        try await TestDatabase.shared.withDatabase { db in
            let router = buildRouter(repositories: Repositories(db: db), migrator: try Migrator.bundled())
            let served = router.routes.map { route -> String in
                // Hummingbird writes parameters as ":name"; OpenAPI as "{name}".
                let path = "/" + route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                return "\(route.method.rawValue.lowercased()) \(path)"
            }
            #expect(served.count > 5)
            let missing = served.filter { !documented.contains($0) }.sorted()
            #expect(missing.isEmpty, "routes missing from openapi.yaml: \(missing)")
        }
    }

    static var specURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi.yaml")
    }

    /// Reads "  /path:" lines and the "    method:" lines under them (the spec's own layout).
    static func documentedRoutes(_ spec: String) -> Set<String> {
        var result: Set<String> = []
        var currentPath: String?
        let methods: Set<String> = ["get", "post", "put", "patch", "delete", "head"]
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /") && line.hasSuffix(":") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    ") && !line.hasPrefix("     "), let p = currentPath {
                let key = line.trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
                if methods.contains(key) { result.insert("\(key) \(p)") }
            } else if !line.hasPrefix(" ") && !line.isEmpty && !line.hasPrefix("#") {
                currentPath = nil
            }
        }
        return result
    }
}
