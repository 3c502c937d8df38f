/// A regular expression that always answers in linear time: compiled to a Thompson automaton and run as a
/// Pike VM (every alternative advances together, one step per input character), so no pattern can backtrack
/// catastrophically. The cost of a match is at most `program size × input length` steps, and both are bounded:
/// a pattern of at most `maximumPatternLength` characters, compiled to at most `maximumProgramSize` instructions.
///
/// The syntax is the common core of JavaScript's and PCRE's: literals, `.`, `[…]` classes (ranges, `^`
/// negation, `\d \w \s` inside), `\d \D \w \W \s \S`, escaped punctuation, `^` and `$`, groups `(…)` and `(?:…)`,
/// `|`, and the quantifiers `* + ? {n} {n,} {n,m}` (each optionally lazy, which does not change whether a match
/// exists). Backreferences, lookaround, named groups and inline flags are refused with a clear message rather
/// than misread. A match is searched anywhere in the input (`^` and `$` anchor it), case-sensitively.
public struct SafeRegex: Sendable {
    public static let maximumPatternLength = 300
    public static let maximumProgramSize = 2_000
    /// The largest count in `{n,m}`.
    public static let maximumRepeat = 100

    /// Why a pattern is refused, in words for the person who wrote it.
    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    private let program: [Instruction]

    /// `limit`: the longest pattern accepted (a glob's translation may be longer than the glob).
    public init(_ pattern: String, limit: Int = SafeRegex.maximumPatternLength) throws(SyntaxError) {
        guard pattern.count <= limit else {
            throw SyntaxError(message: "is longer than \(limit) characters")
        }
        var parser = Parser(Array(pattern.unicodeScalars))
        let tree = try parser.parse()
        var compiler = Compiler()
        try compiler.emit(tree)
        compiler.program.append(.match)
        program = compiler.program
    }

    /// Whether the expression matches somewhere in `text`.
    public func matches(_ text: String) -> Bool {
        matches(Array(text.unicodeScalars))
    }

    /// Whether the expression matches somewhere in `input`: all threads advance in lockstep, a new one starting
    /// at every position, each program counter at most once per position.
    public func matches(_ input: [Unicode.Scalar]) -> Bool {
        var current = ThreadList(size: program.count)
        var next = ThreadList(size: program.count)
        for position in 0...input.count {
            if add(0, at: position, of: input, to: &current) { return true }
            guard position < input.count else { break }
            let scalar = input[position]
            next.clear()
            for pc in current.items {
                if case .scalar(let test) = program[pc], test.accepts(scalar),
                   add(pc + 1, at: position + 1, of: input, to: &next) {
                    return true
                }
            }
            swap(&current, &next)
        }
        return false
    }

    /// Adds the thread at `pc` and everything reachable from it without reading input; true when one of them
    /// is the match.
    private func add(_ start: Int, at position: Int, of input: [Unicode.Scalar], to list: inout ThreadList) -> Bool {
        var stack = [start]
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .jump(let target): stack.append(target)
            case .split(let first, let second): stack.append(second); stack.append(first)
            case .lineStart: if position == 0 { stack.append(pc + 1) }
            case .lineEnd: if position == input.count { stack.append(pc + 1) }
            case .scalar: list.items.append(pc)
            }
        }
        return false
    }

    /// The threads alive at one position: a program counter is visited at most once.
    private struct ThreadList {
        /// The threads waiting for the next character.
        var items: [Int] = []
        private var visited: [Int] = []
        private var seen: [Bool]

        init(size: Int) { seen = Array(repeating: false, count: size) }

        mutating func insert(_ pc: Int) -> Bool {
            if seen[pc] { return false }
            seen[pc] = true
            visited.append(pc)
            return true
        }

        mutating func clear() {
            for pc in visited { seen[pc] = false }
            visited.removeAll(keepingCapacity: true)
            items.removeAll(keepingCapacity: true)
        }
    }

    // MARK: - The program

    enum Instruction: Sendable {
        case scalar(ScalarTest)
        case split(Int, Int)
        case jump(Int)
        case lineStart
        case lineEnd
        case match
    }

    /// What one input character must be.
    struct ScalarTest: Sendable {
        var ranges: [ClosedRange<UInt32>]
        var negated = false

        static let any = ScalarTest(ranges: [0...0x10FFFF])
        static let digit: [ClosedRange<UInt32>] = [0x30...0x39]
        static let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
        static let space: [ClosedRange<UInt32>] = [0x09...0x0D, 0x20...0x20]

        func accepts(_ scalar: Unicode.Scalar) -> Bool {
            ranges.contains { $0.contains(scalar.value) } != negated
        }
    }

    // MARK: - Parsing

    indirect enum Node {
        case empty
        case scalar(ScalarTest)
        case lineStart
        case lineEnd
        case concatenation([Node])
        case alternation([Node])
        case repeated(Node, minimum: Int, maximum: Int?)
    }

    struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        var depth = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func parse() throws(SyntaxError) -> Node {
            let node = try alternation()
            if index < scalars.count { throw SyntaxError(message: "has an unmatched ')' at position \(index + 1)") }
            return node
        }

        private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        private mutating func alternation() throws(SyntaxError) -> Node {
            var branches = [try concatenation()]
            while peek == "|" {
                index += 1
                branches.append(try concatenation())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        private mutating func concatenation() throws(SyntaxError) -> Node {
            var items: [Node] = []
            while let next = peek, next != "|", next != ")" {
                var atom = try self.atom()
                atom = try quantified(atom)
                items.append(atom)
            }
            return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concatenation(items)
        }

        private mutating func quantified(_ atom: Node) throws(SyntaxError) -> Node {
            guard let next = peek else { return atom }
            var node: Node
            switch next {
            case "*": index += 1; node = .repeated(atom, minimum: 0, maximum: nil)
            case "+": index += 1; node = .repeated(atom, minimum: 1, maximum: nil)
            case "?": index += 1; node = .repeated(atom, minimum: 0, maximum: 1)
            case "{":
                guard let (minimum, maximum) = try counts() else { return atom }
                node = .repeated(atom, minimum: minimum, maximum: maximum)
            default: return atom
            }
            if case .lineStart = atom { throw SyntaxError(message: "repeats an anchor at position \(index)") }
            if case .lineEnd = atom { throw SyntaxError(message: "repeats an anchor at position \(index)") }
            if peek == "?" { index += 1 }  // lazy: the same set of matches
            if let following = peek, following == "*" || following == "+" || following == "?" || following == "{" {
                throw SyntaxError(message: "has a quantifier with nothing to repeat at position \(index + 1)")
            }
            return node
        }

        /// `{n}`, `{n,}` or `{n,m}` after an atom; `nil` (nothing read) when the brace starts no count, as in
        /// JavaScript, where such a brace is a literal.
        private mutating func counts() throws(SyntaxError) -> (Int, Int?)? {
            let start = index
            index += 1
            func number(_ parser: inout Parser) -> Int? {
                var value: Int? = nil
                while let scalar = parser.peek, ("0"..."9").contains(scalar) {
                    value = min((value ?? 0) * 10 + Int(scalar.value - 48), 100_000)
                    parser.index += 1
                }
                return value
            }
            guard let minimum = number(&self) else { index = start; return nil }
            var maximum: Int? = minimum
            if peek == "," {
                index += 1
                maximum = number(&self)
            }
            guard peek == "}" else { index = start; return nil }
            index += 1
            if minimum > SafeRegex.maximumRepeat || (maximum ?? 0) > SafeRegex.maximumRepeat {
                throw SyntaxError(message: "repeats more than \(SafeRegex.maximumRepeat) times at position \(start + 1)")
            }
            if let maximum, maximum < minimum {
                throw SyntaxError(message: "has a repeat count whose maximum is below its minimum at position \(start + 1)")
            }
            return (minimum, maximum)
        }

        private mutating func atom() throws(SyntaxError) -> Node {
            let position = index + 1
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case ".": return .scalar(.any)
            case "^": return .lineStart
            case "$": return .lineEnd
            case "(":
                if peek == "?" {
                    guard index + 1 < scalars.count, scalars[index + 1] == ":" else {
                        throw SyntaxError(message: "uses lookaround, a named group or an inline flag at position \(position), which are not supported")
                    }
                    index += 2
                }
                depth += 1
                guard depth <= 20 else { throw SyntaxError(message: "nests groups more than 20 deep") }
                let inner = try alternation()
                guard peek == ")" else { throw SyntaxError(message: "has an unclosed '(' at position \(position)") }
                index += 1
                depth -= 1
                return inner
            case "[": return .scalar(try characterClass(from: position))
            case "\\": return .scalar(try escape(at: position, inClass: false))
            case "*", "+", "?":
                throw SyntaxError(message: "has a quantifier with nothing to repeat at position \(position)")
            default: return .scalar(ScalarTest(ranges: [scalar.value...scalar.value]))
            }
        }

        private mutating func escape(at position: Int, inClass: Bool) throws(SyntaxError) -> ScalarTest {
            guard let scalar = peek else { throw SyntaxError(message: "ends with a lone backslash") }
            index += 1
            switch scalar {
            case "d": return ScalarTest(ranges: ScalarTest.digit)
            case "D": return ScalarTest(ranges: ScalarTest.digit, negated: true)
            case "w": return ScalarTest(ranges: ScalarTest.word)
            case "W": return ScalarTest(ranges: ScalarTest.word, negated: true)
            case "s": return ScalarTest(ranges: ScalarTest.space)
            case "S": return ScalarTest(ranges: ScalarTest.space, negated: true)
            case "t": return ScalarTest(ranges: [9...9])
            case "n": return ScalarTest(ranges: [10...10])
            case "r": return ScalarTest(ranges: [13...13])
            default:
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    let what = ("1"..."9").contains(scalar) ? "a backreference" : "the escape \\\(scalar)"
                    throw SyntaxError(message: "uses \(what) at position \(position), which is not supported")
                }
                return ScalarTest(ranges: [scalar.value...scalar.value])
            }
        }

        private mutating func characterClass(from position: Int) throws(SyntaxError) -> ScalarTest {
            var test = ScalarTest(ranges: [])
            if peek == "^" { test.negated = true; index += 1 }
            var first = true
            while true {
                guard let scalar = peek else { throw SyntaxError(message: "has an unclosed '[' at position \(position)") }
                if scalar == "]" && !first { index += 1; break }
                first = false
                let low: ScalarTest
                index += 1
                if scalar == "\\" {
                    low = try escape(at: index, inClass: true)
                } else {
                    low = ScalarTest(ranges: [scalar.value...scalar.value])
                }
                // A range `a-z`: both ends single characters.
                if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]", !low.negated, low.ranges.count == 1,
                   low.ranges[0].lowerBound == low.ranges[0].upperBound {
                    index += 1
                    var upperScalar = scalars[index]
                    index += 1
                    if upperScalar == "\\" {
                        let escaped = try escape(at: index, inClass: true)
                        guard !escaped.negated, escaped.ranges.count == 1, escaped.ranges[0].lowerBound == escaped.ranges[0].upperBound,
                              let single = Unicode.Scalar(escaped.ranges[0].lowerBound) else {
                            throw SyntaxError(message: "has a range ending in a class at position \(index)")
                        }
                        upperScalar = single
                    }
                    let lower = low.ranges[0].lowerBound
                    guard lower <= upperScalar.value else {
                        throw SyntaxError(message: "has a range out of order at position \(index)")
                    }
                    test.ranges.append(lower...upperScalar.value)
                } else if low.negated {
                    // `[\D]`, `[\W]`, `[\S]`: the complement of the class, as ranges.
                    test.ranges += Self.complement(low.ranges)
                } else {
                    test.ranges += low.ranges
                }
            }
            return test
        }

        private static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
            var result: [ClosedRange<UInt32>] = []
            var next: UInt32 = 0
            for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
                next = max(next, range.upperBound + 1)
            }
            if next <= 0x10FFFF { result.append(next...0x10FFFF) }
            return result
        }
    }

    // MARK: - Compiling

    struct Compiler {
        var program: [Instruction] = []

        mutating func emit(_ node: Node) throws(SyntaxError) {
            guard program.count <= SafeRegex.maximumProgramSize else {
                throw SyntaxError(message: "is too complex (its repeats expand past \(SafeRegex.maximumProgramSize) steps)")
            }
            switch node {
            case .empty: break
            case .scalar(let test): program.append(.scalar(test))
            case .lineStart: program.append(.lineStart)
            case .lineEnd: program.append(.lineEnd)
            case .concatenation(let items): for item in items { try emit(item) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (offset, branch) in branches.enumerated() {
                    if offset < branches.count - 1 {
                        let split = program.count
                        program.append(.split(split + 1, 0))
                        try emit(branch)
                        jumps.append(program.count)
                        program.append(.jump(0))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(branch)
                    }
                }
                for jump in jumps { program[jump] = .jump(program.count) }
            case .repeated(let inner, let minimum, let maximum):
                for _ in 0..<minimum { try emit(inner) }
                if let maximum {
                    // Each optional copy may be skipped to the end.
                    var splits: [Int] = []
                    for _ in minimum..<maximum {
                        splits.append(program.count)
                        program.append(.split(program.count + 1, 0))
                        try emit(inner)
                    }
                    for split in splits { program[split] = .split(split + 1, program.count) }
                } else {
                    let loop = program.count
                    program.append(.split(loop + 1, 0))
                    try emit(inner)
                    program.append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
            }
            guard program.count <= SafeRegex.maximumProgramSize else {
                throw SyntaxError(message: "is too complex (its repeats expand past \(SafeRegex.maximumProgramSize) steps)")
            }
        }
    }
}
