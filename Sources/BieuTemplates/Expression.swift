import BieuCore
import BieuModel
import Foundation

/// A computed column's formula over other columns of the same row:
/// `th_nam / kh_nam * 100`, `round(luy_ke / chi_tieu * 100, 1)`.
///
/// Grammar: numbers, column ids, `+ - * /`, unary minus, parentheses and the
/// functions `round(x, n)`, `abs(x)`, `min(a, b, …)`, `max(a, b, …)`.
/// Evaluation uses `Decimal`; a missing or non-numeric operand, or a
/// division by zero, gives no value (nil) — the same rule the Excel
/// translation follows (`COUNT(...)` guard and `IFERROR`).
public indirect enum Expression: Sendable, Hashable, CustomStringConvertible {
    case number(Decimal)
    case column(String)
    case negate(Expression)
    case binary(Operator, Expression, Expression)
    case call(Function, [Expression])

    public enum Operator: String, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        var precedence: Int { self == .add || self == .subtract ? 1 : 2 }
    }

    public enum Function: String, Sendable, Hashable, CaseIterable {
        case round, abs, min, max
        var arity: ClosedRange<Int> {
            switch self {
            case .round: return 2...2
            case .abs: return 1...1
            case .min, .max: return 1...16
            }
        }
    }

    /// Column ids the expression reads, in first-use order.
    public var references: [String] {
        var seen: [String] = []
        func walk(_ e: Expression) {
            switch e {
            case .number: break
            case .column(let id): if !seen.contains(id) { seen.append(id) }
            case .negate(let x): walk(x)
            case let .binary(_, a, b): walk(a); walk(b)
            case let .call(_, args): args.forEach(walk)
            }
        }
        walk(self)
        return seen
    }

    /// Evaluates with the given column values (nil: no numeric value).
    public func evaluate(_ value: (String) -> Decimal?) -> Decimal? {
        evaluate(in: Decimal.self, value)
    }

    /// Evaluates in binary floating point, as a spreadsheet does (used for the results
    /// cached in formula cells). Same rules as ``evaluate(_:)``: nil on a missing operand
    /// or a division by zero.
    public func evaluateDouble(_ value: (String) -> Double?) -> Double? {
        evaluate(in: Double.self, value)
    }

    /// The one evaluator behind both: the arithmetic differs only in how a literal
    /// becomes a number and how `round` rounds.
    func evaluate<N: ExpressionArithmetic>(in _: N.Type, _ value: (String) -> N?) -> N? {
        switch self {
        case .number(let d): return N(literal: d)
        case .column(let id): return value(id)
        case .negate(let x): return x.evaluate(in: N.self, value).map { -$0 }
        case let .binary(op, a, b):
            guard let x = a.evaluate(in: N.self, value), let y = b.evaluate(in: N.self, value) else { return nil }
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return y == 0 ? nil : x / y
            }
        case let .call(f, args):
            var values: [N] = []
            for a in args {
                guard let v = a.evaluate(in: N.self, value) else { return nil }
                values.append(v)
            }
            switch f {
            case .round:
                guard let places = values[1].exactInteger, (-10...10).contains(places) else { return nil }
                return values[0].rounded(places: places)
            case .abs: return values[0].absolute
            case .min: return values.min()
            case .max: return values.max()
            }
        }
    }

    /// The Excel formula body (no `=`) with column ids replaced by `cell(id)`.
    public func excel(_ cell: (String) -> String) -> String {
        switch self {
        case .number(let d): return DecimalFormatting.plain(d)
        case .column(let id): return cell(id)
        case .negate(let x): return "-" + x.excelOperand(cell, parentPrecedence: 3)
        case let .binary(op, a, b):
            return a.excelOperand(cell, parentPrecedence: op.precedence) + op.rawValue
                + b.excelOperand(cell, parentPrecedence: op.precedence + 1)
        case let .call(f, args):
            return f.rawValue.uppercased() + "(" + args.map { $0.excel(cell) }.joined(separator: ",") + ")"
        }
    }

    private func excelOperand(_ cell: (String) -> String, parentPrecedence: Int) -> String {
        if case let .binary(op, _, _) = self, op.precedence < parentPrecedence {
            return "(" + excel(cell) + ")"
        }
        return excel(cell)
    }

    public var description: String { excel { $0 } }
}


/// Parses expression text.
public struct ExpressionParser {
    public struct SyntaxError: Error, Sendable, Equatable {
        /// 0-based character offset in the expression.
        public var offset: Int
        public var reason: Bilingual
    }

    private enum Token: Equatable {
        case number(Decimal), identifier(String), op(Character), lparen, rparen, comma, end
    }

    private let scalars: [Unicode.Scalar]
    private var pos = 0
    private var token: Token = .end
    private var tokenStart = 0

    public static func parse(_ text: String) throws(SyntaxError) -> Expression {
        var p = ExpressionParser(scalars: Array(text.unicodeScalars))
        try p.advance()
        let e = try p.expression(depth: 0)
        guard p.token == .end else { throw p.error(vi: "có ký tự thừa sau biểu thức", en: "unexpected text after the expression") }
        return e
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private func error(vi: String, en: String) -> SyntaxError {
        SyntaxError(offset: tokenStart, reason: Bilingual(vi: vi, en: en))
    }

    private mutating func advance() throws(SyntaxError) {
        while pos < scalars.count, scalars[pos] == " " || scalars[pos] == "\t" { pos += 1 }
        tokenStart = pos
        guard pos < scalars.count else { token = .end; return }
        let c = scalars[pos]
        switch c {
        case "+", "-", "*", "/": token = .op(Character(c)); pos += 1
        case "(": token = .lparen; pos += 1
        case ")": token = .rparen; pos += 1
        case ",": token = .comma; pos += 1
        case "0"..."9", ".":
            var s = ""
            while pos < scalars.count, ("0"..."9").contains(scalars[pos]) || scalars[pos] == "." { s.unicodeScalars.append(scalars[pos]); pos += 1 }
            guard s.filter({ $0 == "." }).count <= 1, s != ".", let d = DecimalFormatting.parseLiteral(s) else {
                throw error(vi: "số không hợp lệ \"\(s)\"", en: "invalid number \"\(s)\"")
            }
            token = .number(d)
        default:
            guard c.properties.isAlphabetic || c == "_" else {
                throw error(vi: "ký tự không hợp lệ \"\(c)\"", en: "unexpected character \"\(c)\"")
            }
            var s = ""
            while pos < scalars.count, scalars[pos].properties.isAlphabetic || scalars[pos] == "_" || ("0"..."9").contains(scalars[pos]) || scalars[pos] == "-" {
                s.unicodeScalars.append(scalars[pos]); pos += 1
            }
            token = .identifier(s)
        }
    }

    private mutating func expression(depth: Int) throws(SyntaxError) -> Expression {
        guard depth < 64 else { throw error(vi: "biểu thức lồng quá sâu", en: "expression nested too deeply") }
        var lhs = try term(depth: depth)
        while case .op(let c) = token, c == "+" || c == "-" {
            try advance()
            let rhs = try term(depth: depth)
            lhs = .binary(c == "+" ? .add : .subtract, lhs, rhs)
        }
        return lhs
    }

    private mutating func term(depth: Int) throws(SyntaxError) -> Expression {
        var lhs = try unary(depth: depth)
        while case .op(let c) = token, c == "*" || c == "/" {
            try advance()
            let rhs = try unary(depth: depth)
            lhs = .binary(c == "*" ? .multiply : .divide, lhs, rhs)
        }
        return lhs
    }

    private mutating func unary(depth: Int) throws(SyntaxError) -> Expression {
        if case .op(let c) = token, c == "-" || c == "+" {
            try advance()
            let x = try unary(depth: depth + 1)
            return c == "-" ? .negate(x) : x
        }
        return try primary(depth: depth)
    }

    private mutating func primary(depth: Int) throws(SyntaxError) -> Expression {
        switch token {
        case .number(let d):
            try advance()
            return .number(d)
        case .identifier(let name):
            let start = tokenStart
            try advance()
            if token == .lparen {
                guard let f = Expression.Function(rawValue: name.lowercased()) else {
                    tokenStart = start
                    let list = Expression.Function.allCases.map(\.rawValue).joined(separator: ", ")
                    throw error(vi: "hàm không được hỗ trợ \"\(name)\" (hỗ trợ: \(list))", en: "unknown function \"\(name)\" (supported: \(list))")
                }
                try advance()
                var args: [Expression] = []
                if token != .rparen {
                    while true {
                        args.append(try expression(depth: depth + 1))
                        if token == .comma { try advance(); continue }
                        break
                    }
                }
                guard token == .rparen else { throw error(vi: "thiếu dấu đóng ngoặc", en: "missing ')'") }
                guard f.arity.contains(args.count) else {
                    tokenStart = start
                    throw error(vi: "hàm \(name) nhận \(f.arity.lowerBound == f.arity.upperBound ? "\(f.arity.lowerBound)" : "\(f.arity.lowerBound)–\(f.arity.upperBound)") đối số, có \(args.count)",
                                en: "function \(name) takes \(f.arity.lowerBound == f.arity.upperBound ? "\(f.arity.lowerBound)" : "\(f.arity.lowerBound)–\(f.arity.upperBound)") arguments, got \(args.count)")
                }
                try advance()
                return .call(f, args)
            }
            return .column(name)
        case .lparen:
            try advance()
            let e = try expression(depth: depth + 1)
            guard token == .rparen else { throw error(vi: "thiếu dấu đóng ngoặc", en: "missing ')'") }
            try advance()
            return e
        case .end:
            throw error(vi: "biểu thức kết thúc giữa chừng", en: "unexpected end of expression")
        default:
            throw error(vi: "cần một số, một mã cột hoặc dấu mở ngoặc", en: "expected a number, a column id or '('")
        }
    }
}

/// The arithmetic ``Expression`` evaluates in: exact decimals (checks) or
/// binary floating point (what a spreadsheet caches).
public protocol ExpressionArithmetic: SignedNumeric, Comparable {
    init(literal: Decimal)
    static func / (lhs: Self, rhs: Self) -> Self
    /// The value as an integer when it is one (the `n` of `round(x, n)`).
    var exactInteger: Int? { get }
    func rounded(places: Int) -> Self
    var absolute: Self { get }
}

extension Decimal: ExpressionArithmetic {
    public init(literal: Decimal) { self = literal }
    public var exactInteger: Int? { Int(exactly: NSDecimalNumber(decimal: self).doubleValue) }
    public func rounded(places: Int) -> Decimal { DecimalFormatting.rounded(self, scale: places) }
    public var absolute: Decimal { self < 0 ? -self : self }
}

extension Double: ExpressionArithmetic {
    public init(literal: Decimal) { self = literal.correctlyRoundedDouble }
    public var exactInteger: Int? { Int(exactly: self.rounded()) }
    public func rounded(places: Int) -> Double { Formulas.excelRound(self, places) }
    public var absolute: Double { Swift.abs(self) }
}
