import Foundation
import PostgresNIO
import SurgeCore

/// Every failure of the store, in domain terms. PostgreSQL errors are mapped here and only here.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case notFound(entity: String, key: String)
    /// A unique key or exclusion constraint: the thing exists already or overlaps another.
    case conflict(String)
    /// The row changed since the caller read it (optimistic locking, If-Match).
    case versionMismatch(entity: String, key: String, current: Int)
    /// A reference to something that does not exist, or a rule of the schema.
    case invalid(ValidationFailure)
    case invalidConfiguration(String)
    case migration(String)
    case unavailable(String)

    public var description: String {
        switch self {
        case .notFound(let entity, let key): return "\(entity) '\(key)' not found"
        case .conflict(let m): return m
        case .versionMismatch(let entity, let key, let current): return "\(entity) '\(key)' was changed by someone else (now version \(current))"
        case .invalid(let f): return f.description
        case .invalidConfiguration(let m): return "configuration: \(m)"
        case .migration(let m): return "migration: \(m)"
        case .unavailable(let m): return "database unavailable: \(m)"
        }
    }

    /// Maps any error thrown by postgres-nio (also wrapped in a transaction error) to a StoreError.
    public static func map(_ error: any Error) -> any Error {
        if let e = error as? StoreError { return e }
        if let e = error as? ValidationFailure { return StoreError.invalid(e) }
        if let t = error as? PostgresTransactionError {
            if let inner = t.closureError { return map(inner) }
            if let inner = t.beginError { return map(inner) }
            if let inner = t.commitError { return map(inner) }
            return StoreError.unavailable("transaction failed")
        }
        guard let psql = error as? PSQLError else { return error }
        guard let server = psql.serverInfo, let code = server[.sqlState] else {
            return StoreError.unavailable(String(describing: psql.code))
        }
        let constraint = server[.constraintName] ?? ""
        let detail = server[.detail] ?? server[.message] ?? ""
        switch code {
        case "23505": // unique_violation
            return StoreError.conflict("already exists (\(constraint)): \(detail)")
        case "23P01": // exclusion_violation
            return StoreError.conflict("overlaps an existing entry (\(constraint)): \(detail)")
        case "23503" where detail.contains("still referenced"):
            return StoreError.conflict("still in use: \(detail)")
        case "23503": // foreign_key_violation
            return StoreError.invalid(ValidationFailure([FieldError(Self.field(forConstraint: constraint), "refers to something that does not exist or is still referenced: \(detail)")]))
        case "23514", "23502", "22P02", "22007", "22008", "22003", "22001": // check, not null, bad text, date, range, length
            return StoreError.invalid(ValidationFailure([FieldError(Self.field(forConstraint: constraint, column: server[.columnName]), server[.message] ?? "invalid value")]))
        case "40001", "40P01": // serialization failure, deadlock
            return StoreError.conflict("concurrent update, try again")
        case "57P01", "57P02", "57P03", "08000", "08003", "08006":
            return StoreError.unavailable(server[.message] ?? code)
        default:
            return error
        }
    }

    /// Guesses the API field from a constraint name such as `staff_org_id_department_code_fkey`.
    static func field(forConstraint constraint: String, column: String? = nil) -> String {
        if let column, !column.isEmpty { return camelCase(column) }
        let known = ["department_code", "parent_code", "personnel_no", "competence_code", "implied_code", "consent_at", "lending_org", "valid_until", "ends_on", "fte", "contract_hours_week", "max_hours_week", "max_level", "level"]
        for k in known where constraint.contains(k) { return camelCase(k) }
        return constraint.isEmpty ? "body" : constraint
    }

    static func camelCase(_ s: String) -> String {
        let parts = s.split(separator: "_")
        guard let first = parts.first else { return s }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
