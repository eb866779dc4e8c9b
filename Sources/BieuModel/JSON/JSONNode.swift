import BieuCore

/// A parsed JSON value that remembers where it came from, so that loading
/// errors can name the JSON path *and* the line and column.
public struct JSONNode: Sendable {
    public enum Kind: Sendable {
        case object([(key: String, value: JSONNode)])
        case array([JSONNode])
        case string(String)
        /// A number, kept as its literal so no precision is lost.
        case number(String)
        case bool(Bool)
        case null
    }

    public var kind: Kind
    /// 1-based line and column of the value's first character.
    public var line: Int
    public var column: Int

    public var typeName: String {
        switch kind {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        }
    }
}

/// A JSON path such as `$.tables[1].rows[12].cells.kh_nam`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public private(set) var components: [Component]

    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public static let root = JSONPath(components: [])

    public func appending(_ key: String) -> JSONPath { JSONPath(components: components + [.key(key)]) }
    public func appending(_ index: Int) -> JSONPath { JSONPath(components: components + [.index(index)]) }

    public var description: String {
        var s = "$"
        for c in components {
            switch c {
            case .key(let k):
                if !k.isEmpty, k.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "_" || ($0.value >= 48 && $0.value <= 57) || $0 == "-" }) {
                    s += "." + k
                } else {
                    s += "[\"" + k.replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
                }
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }
}
