import Foundation
import HTTPTypes
import Hummingbird
import SurgeCore
import SurgeStore

/// `POST /v1/import/{staff|competences|absences}` (text/csv body, `?dryRun=true`) and
/// `GET /v1/export/{staff|competences|absences}` (text/csv), for admin and hr.
struct ImportExportController {
    let importer: RegisterImport
    let exporter: RegisterExport

    /// Largest CSV body accepted (50,000 staff with competences is about 10 MB).
    static let maxBody = 256 * 1024 * 1024

    func addImportRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(":kind", use: importCSV)
    }

    func addExportRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(":kind", use: exportCSV)
    }

    static func kind(_ context: AppRequestContext) throws -> ImportKind {
        let raw = try context.parameters.require("kind")
        guard let kind = ImportKind(rawValue: raw) else {
            throw Problem(status: .notFound, detail: "kind: '\(raw)' is not staff, competences or absences",
                          invalidParams: [Problem.InvalidParam(name: "kind", reason: "must be staff, competences or absences")])
        }
        return kind
    }

    /// A refused import: problem+json with every bad row (`errors`) besides the usual fields.
    struct ImportProblem: Encodable {
        var type = "about:blank"
        var title: String
        var status: Int
        var detail: String
        var invalidParams: [Problem.InvalidParam]
        var report: ImportReport
        enum CodingKeys: String, CodingKey {
            case type, title, status, detail, report
            case invalidParams = "invalid-params"
        }
    }

    @Sendable func importCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let kind = try Self.kind(context)
        let dryRun = try RegisterQuery.bool(request, "dryRun") ?? false
        let body = try await request.body.collect(upTo: Self.maxBody)
        guard body.readableBytes > 0 else { throw Problem.badRequest("body", "is empty; expected a CSV file (text/csv)") }
        do {
            let report = try await importer.run(org: caller.org, kind: kind, csv: Array(body.readableBytesView), dryRun: dryRun,
                                                source: "api:\(kind.rawValue)", actor: caller.actor)
            return try JSONReply.make(report)
        } catch let failure as ImportFailure {
            let status = HTTPResponse.Status.unprocessableContent
            let problem = ImportProblem(
                title: status.reasonPhrase, status: status.code, detail: failure.report.summary,
                invalidParams: failure.report.errors.map { Problem.InvalidParam(name: $0.field, reason: "line \($0.line): \($0.problem)") },
                report: failure.report)
            var headers = HTTPFields()
            headers[.contentType] = "application/problem+json"
            let data = try JSONReply.encoder.encode(problem)
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    @Sendable func exportCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try Access.require(context, Access.registerWriters)
        let kind = try Self.kind(context)
        let csv = try await exporter.csv(org: caller.org, kind: kind)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(kind.rawValue).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
