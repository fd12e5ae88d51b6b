import Foundation

/// A problem with one input field: what the API turns into a 422 and the CLI into a message.
public struct FieldError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var field: String
    public var problem: String

    public init(_ field: String, _ problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field): \(problem)" }
}

/// Several field problems found at once, so a caller can fix them all in one go.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "; ") }
}

/// Collects field problems while a value is checked.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []
    public init() {}

    public mutating func require(_ condition: Bool, _ field: String, _ problem: @autoclosure () -> String) {
        if !condition { errors.append(FieldError(field, problem())) }
    }

    public mutating func code(_ value: String, _ field: String, maxLength: Int = 40) {
        let ok = !value.isEmpty && value.count <= maxLength
            && value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "._/-".unicodeScalars.contains($0)) }
            && value.unicodeScalars.first.map { $0.properties.isAlphabetic || $0.properties.numericType != nil } == true
        require(ok, field, "must be 1–\(maxLength) characters of letters, digits, '.', '_', '/', '-', starting with a letter or digit")
    }

    public mutating func text(_ value: String, _ field: String, maxLength: Int = 200) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        require(!trimmed.isEmpty, field, "must not be empty")
        require(value.count <= maxLength, field, "must be at most \(maxLength) characters")
    }

    public func check() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}
