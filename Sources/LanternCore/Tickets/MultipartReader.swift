/// A streaming `multipart/form-data` reader (RFC 7578, RFC 2046 §5.1): fed the body in chunks of any size, it
/// reports each part's headers, its content in pieces and its end, holding no more than one part's header block
/// and a delimiter's length of content. It never traps, whatever the input: malformed or over-limit input is a
/// `Failure`, and once failed the reader fails again on every call.
public struct MultipartReader: Sendable {
    /// What one body may hold.
    public struct Limits: Sendable, Equatable {
        /// Parts in the body.
        public var maximumParts: Int
        /// Bytes of one part's header block.
        public var maximumHeaderBytes: Int

        public init(maximumParts: Int = 32, maximumHeaderBytes: Int = 8 * 1024) {
            self.maximumParts = maximumParts
            self.maximumHeaderBytes = maximumHeaderBytes
        }
    }

    /// What a part's headers say about it.
    public struct PartHeaders: Sendable, Equatable {
        /// `Content-Disposition`'s `name`.
        public var name: String?
        /// `Content-Disposition`'s `filename`: present (maybe empty) for a file.
        public var filename: String?
        /// `Content-Type`, as sent.
        public var contentType: String?

        public init(name: String? = nil, filename: String? = nil, contentType: String? = nil) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
        }
    }

    /// What the bytes fed so far revealed, in order.
    public enum Event: Sendable, Equatable {
        case partStart(PartHeaders)
        case content([UInt8])
        case partEnd
    }

    /// Why a body cannot be read.
    public enum Failure: Error, Sendable, Equatable {
        /// The boundary is empty, longer than 70 characters or has characters RFC 2046 does not allow.
        case invalidBoundary
        /// The framing or a header is broken; the text says where.
        case malformed(String)
        case tooManyParts
        case headersTooLarge
        /// The body ended before the closing delimiter.
        case truncated
    }

    private enum State: Sendable {
        case preamble, afterDelimiter, headers, content, epilogue
        case failed(Failure)
    }

    private let delimiter: [UInt8]
    private let limits: Limits
    private var state = State.preamble
    private var pending: [UInt8]
    private var parts = 0

    /// A reader for `boundary` (the `boundary` parameter of the body's `Content-Type`).
    public init(boundary: String, limits: Limits = Limits()) throws(Failure) {
        guard Self.isValidBoundary(boundary) else { throw .invalidBoundary }
        delimiter = Array("\r\n--\(boundary)".utf8)
        self.limits = limits
        // The first delimiter may open the body without a line break before it.
        pending = [0x0D, 0x0A]
    }

    /// Whether the closing delimiter has been read.
    public var isComplete: Bool {
        if case .epilogue = state { return true }
        return false
    }

    /// The `boundary` parameter of a `multipart/form-data` content type; `nil` for another type or none.
    public static func boundary(contentType: String) -> String? {
        var parameters = contentType.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        guard let type = parameters.next(), type.trimmingSpaces.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parameters {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            guard parameter[..<equals].trimmingSpaces.lowercased() == "boundary" else { continue }
            var value = Substring(parameter[parameter.index(after: equals)...].trimmingSpaces)
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
            return isValidBoundary(String(value)) ? String(value) : nil
        }
        return nil
    }

    /// Reads `bytes`, returning what they completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(Failure) -> [Event] {
        if case .failed(let failure) = state { throw failure }
        if case .epilogue = state { return [] }
        pending.append(contentsOf: bytes)
        var events: [Event] = []
        var start = 0
        do {
            while try step(&start, &events) {}
        } catch {
            state = .failed(error)
            pending = []
            throw error
        }
        pending.removeFirst(start)
        return events
    }

    /// Ends the input: throws `truncated` unless the closing delimiter was read.
    public mutating func finish() throws(Failure) {
        switch state {
        case .epilogue: return
        case .failed(let failure): throw failure
        default:
            state = .failed(.truncated)
            pending = []
            throw .truncated
        }
    }

    /// One move of the state machine over `pending[start...]`; `false` when it needs more bytes.
    private mutating func step(_ start: inout Int, _ events: inout [Event]) throws(Failure) -> Bool {
        let available = pending.count - start
        switch state {
        case .preamble:
            if let found = find(delimiter, from: start) {
                start = found + delimiter.count
                state = .afterDelimiter
                return true
            }
            start = max(start, pending.count - (delimiter.count - 1))
            return false
        case .afterDelimiter:
            guard available >= 2 else { return false }
            if pending[start] == 0x2D, pending[start + 1] == 0x2D {
                state = .epilogue
                start = pending.count
                return false
            }
            // Transport padding (spaces and tabs) may follow a delimiter, then the line break.
            var index = start
            while index < pending.count, pending[index] == 0x20 || pending[index] == 0x09 { index += 1 }
            guard index - start <= 64 else { throw .malformed("too much padding after a boundary") }
            guard pending.count - index >= 2 else { return false }
            guard pending[index] == 0x0D, pending[index + 1] == 0x0A else {
                throw .malformed("a boundary is not followed by a line break")
            }
            parts += 1
            guard parts <= limits.maximumParts else { throw .tooManyParts }
            start = index + 2
            state = .headers
            return true
        case .headers:
            let end: Int
            let skip: Int
            if available >= 2, pending[start] == 0x0D, pending[start + 1] == 0x0A {
                end = start
                skip = 2
            } else if let found = find([0x0D, 0x0A, 0x0D, 0x0A], from: start) {
                end = found
                skip = 4
            } else {
                if available > limits.maximumHeaderBytes + 4 { throw .headersTooLarge }
                return false
            }
            guard end - start <= limits.maximumHeaderBytes else { throw .headersTooLarge }
            events.append(.partStart(try Self.parseHeaders(pending[start..<end])))
            start = end + skip
            state = .content
            return true
        case .content:
            if let found = find(delimiter, from: start) {
                if found > start { events.append(.content(Array(pending[start..<found]))) }
                events.append(.partEnd)
                start = found + delimiter.count
                state = .afterDelimiter
                return true
            }
            let safe = pending.count - (delimiter.count - 1)
            if safe > start {
                events.append(.content(Array(pending[start..<safe])))
                start = safe
            }
            return false
        case .epilogue:
            start = pending.count
            return false
        case .failed(let failure):
            throw failure
        }
    }

    /// The first index at or after `start` where `needle` begins in `pending`.
    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, pending.count - start >= needle.count else { return nil }
        return pending.withUnsafeBufferPointer { haystack -> Int? in
            var index = start
            let last = haystack.count - needle.count
            while index <= last {
                if haystack[index] == first {
                    var matched = 1
                    while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return index }
                }
                index += 1
            }
            return nil
        }
    }

    /// RFC 2046's boundary: 1–70 characters of `bchars`, not ending with a space.
    private static func isValidBoundary(_ boundary: String) -> Bool {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
        let bytes = Array(boundary.utf8)
        return (1...70).contains(bytes.count) && bytes.allSatisfy(allowed.contains) && bytes.last != 0x20
    }

    /// The header block of one part: `Name: value` lines; folded lines and control characters are refused.
    private static func parseHeaders(_ block: ArraySlice<UInt8>) throws(Failure) -> PartHeaders {
        var headers = PartHeaders()
        var seenDisposition = false
        var lineStart = block.startIndex
        while lineStart < block.endIndex {
            var lineEnd = lineStart
            while lineEnd < block.endIndex, !(block[lineEnd] == 0x0D && lineEnd + 1 < block.endIndex && block[lineEnd + 1] == 0x0A) {
                lineEnd += 1
            }
            let line = block[lineStart..<lineEnd]
            lineStart = min(lineEnd + 2, block.endIndex)
            guard let first = line.first else { throw .malformed("an empty header line") }
            guard first != 0x20, first != 0x09 else { throw .malformed("a folded header line") }
            guard !line.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else {
                throw .malformed("a control character in a header")
            }
            guard let colon = line.firstIndex(of: 0x3A) else { throw .malformed("a header line without a colon") }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces
            switch name {
            case "content-disposition":
                guard !seenDisposition else { throw .malformed("two Content-Disposition headers") }
                seenDisposition = true
                let parameters = try dispositionParameters(Substring(value))
                headers.name = parameters["name"]
                headers.filename = parameters["filename"]
            case "content-type":
                headers.contentType = value
            default:
                break
            }
        }
        return headers
    }

    /// `form-data; name="x"; filename="y"`: the parameters by lowercased name (the first of each wins). Values
    /// are tokens or quoted strings, in which a backslash escapes only `"` and `\` (browsers send paths as they are).
    private static func dispositionParameters(_ value: Substring) throws(Failure) -> [String: String] {
        var rest = value.unicodeScalars[...]
        func skipSpaces() { while let scalar = rest.first, scalar == " " || scalar == "\t" { rest.removeFirst() } }
        func token() -> String {
            var scalars = String.UnicodeScalarView()
            while let scalar = rest.first, scalar != ";", scalar != "=", scalar != " ", scalar != "\t" {
                scalars.append(scalar)
                rest.removeFirst()
            }
            return String(scalars)
        }
        skipSpaces()
        guard token().lowercased() == "form-data" else { throw .malformed("a part that is not form-data") }
        var parameters: [String: String] = [:]
        while true {
            skipSpaces()
            guard let separator = rest.first else { return parameters }
            guard separator == ";" else { throw .malformed("a malformed Content-Disposition") }
            rest.removeFirst()
            skipSpaces()
            if rest.isEmpty { return parameters }
            let key = token().lowercased()
            skipSpaces()
            guard !key.isEmpty, rest.first == "=" else { throw .malformed("a Content-Disposition parameter without a value") }
            rest.removeFirst()
            skipSpaces()
            var parameterValue: String
            if rest.first == "\"" {
                rest.removeFirst()
                var scalars = String.UnicodeScalarView()
                var closed = false
                while let scalar = rest.popFirst() {
                    if scalar == "\"" {
                        closed = true
                        break
                    }
                    if scalar == "\\", let next = rest.first, next == "\"" || next == "\\" {
                        scalars.append(next)
                        rest.removeFirst()
                    } else {
                        scalars.append(scalar)
                    }
                }
                guard closed else { throw .malformed("an unclosed quoted string") }
                parameterValue = String(scalars)
            } else {
                parameterValue = token()
            }
            if parameters[key] == nil { parameters[key] = parameterValue }
        }
    }
}

private extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
