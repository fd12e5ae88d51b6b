import Foundation

/// Splits a plain SQL file into statements, since postgres-nio runs one statement per call.
/// Semicolons inside quotes, dollar quotes and comments do not end a statement.
public enum SQLScript {
    public static func statements(in sql: String) -> [String] {
        var result: [String] = []
        var current = ""
        let chars = Array(sql)
        var i = 0
        func flush() {
            let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !s.isEmpty { result.append(s) }
            current = ""
        }
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "-" && next == "-" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/" && next == "*" {
                i += 2
                while i + 1 < chars.count && !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                i += 2
                continue
            }
            if c == "'" || c == "\"" {
                current.append(c)
                i += 1
                while i < chars.count {
                    current.append(chars[i])
                    if chars[i] == c {
                        if i + 1 < chars.count && chars[i + 1] == c { current.append(c); i += 2; continue }
                        break
                    }
                    i += 1
                }
                i += 1
                continue
            }
            if c == "$" {
                // $tag$ ... $tag$
                var j = i + 1
                while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
                if j < chars.count && chars[j] == "$" {
                    let tag = String(chars[i...j])
                    current += tag
                    i = j + 1
                    while i < chars.count {
                        if chars[i] == "$" && i + tag.count <= chars.count && String(chars[i..<(i + tag.count)]) == tag {
                            current += tag
                            i += tag.count
                            break
                        }
                        current.append(chars[i])
                        i += 1
                    }
                    continue
                }
            }
            if c == ";" { flush(); i += 1; continue }
            current.append(c)
            i += 1
        }
        flush()
        return result
    }
}
