import Foundation

/// Reads a raw RFC 5322 message with MIME (what an MTA hands over): headers, `multipart/mixed`, `/alternative`,
/// `/related` and `/report` bodies, quoted-printable and base64 parts, text in the charsets `MailCharset` reads,
/// RFC 2047 and RFC 2231 names. What it cannot read is a `Refusal` that says why, never a crash.
public struct MIMEReader: Sendable {
    /// Bounds on the work one message may cause.
    public struct Limits: Sendable {
        public var maximumDepth = 12
        public var maximumParts = 200
        public var maximumHeaderBytes = 256 * 1024

        public init() {}
    }

    /// Why a message was not read.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }

        public init(message: String) {
            self.message = message
        }
    }

    public var limits = Limits()

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Reads one message.
    public func read(_ bytes: [UInt8]) throws(Refusal) -> IncomingMail {
        var start = 0
        // An mbox "From " line (a pipe transport may prepend one) is not a header.
        if bytes.starts(with: Array("From ".utf8)) { start = Self.lineEnd(bytes, from: 0).next }
        guard start < bytes.count, Self.startsWithHeader(bytes, at: start) else {
            throw Refusal(message: "This is not a mail message: it does not start with a header line such as \"From: …\".")
        }
        var state = WalkState()
        let entity = try entity(bytes, start..<bytes.count, state: &state, depth: 0, defaultType: "text/plain")
        let html = state.html.isEmpty ? nil : state.html.joined(separator: "\n")
        let text = state.plain.isEmpty && html != nil
            ? HTMLSanitizer.plainText(HTMLSanitizer.sanitize(html ?? ""))
            : state.plain.joined(separator: "\n\n")
        return IncomingMail(headers: entity.headers, contentType: entity.contentType, text: text, html: html,
                            attachments: state.attachments)
    }

    /// What the walk through the parts has collected.
    private struct WalkState {
        var plain: [String] = []
        var html: [String] = []
        var attachments: [IncomingMail.Attachment] = []
        var parts = 0
    }

    private struct Entity {
        let headers: [IncomingMail.Header]
        let contentType: MIMEHeaderValue
    }

    private func entity(_ bytes: [UInt8], _ range: Range<Int>, state: inout WalkState, depth: Int,
                        defaultType: String) throws(Refusal) -> Entity {
        state.parts += 1
        guard state.parts <= limits.maximumParts else {
            throw Refusal(message: "The message has more than \(limits.maximumParts) MIME parts.")
        }
        guard depth <= limits.maximumDepth else {
            throw Refusal(message: "The message's MIME parts are nested more than \(limits.maximumDepth) deep.")
        }
        let (headers, bodyStart) = try readHeaders(bytes, range)
        let body = bodyStart..<range.upperBound
        func first(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
        let contentType = MIMEHeaderValue(first("content-type") ?? defaultType)
        let typeName = contentType.value.contains("/") ? contentType.value : defaultType
        let disposition = MIMEHeaderValue(first("content-disposition") ?? "")
        let parsed = Entity(headers: headers, contentType: contentType)

        if typeName.hasPrefix("multipart/") {
            guard let boundary = contentType.parameters["boundary"], !boundary.isEmpty else {
                throw Refusal(message: "A \(typeName) part has no boundary parameter.")
            }
            let parts = try Self.split(bytes, body, boundary: boundary, type: typeName)
            let childDefault = typeName == "multipart/digest" ? "message/rfc822" : "text/plain"
            if typeName == "multipart/alternative" {
                // Each alternative alone; the text comes from the last one that has plain text, the HTML from the
                // last one that has HTML; files from all of them.
                var chosenPlain: [String]? = nil, chosenHTML: [String]? = nil
                for part in parts {
                    var inner = WalkState(parts: state.parts)
                    _ = try entity(bytes, part, state: &inner, depth: depth + 1, defaultType: childDefault)
                    state.parts = inner.parts
                    if !inner.plain.isEmpty { chosenPlain = inner.plain }
                    if !inner.html.isEmpty { chosenHTML = inner.html }
                    state.attachments += inner.attachments
                }
                state.plain += chosenPlain ?? []
                state.html += chosenHTML ?? []
            } else {
                for part in parts {
                    _ = try entity(bytes, part, state: &state, depth: depth + 1, defaultType: childDefault)
                }
            }
            return parsed
        }

        let content = try Self.decodeBody(bytes[body], encoding: first("content-transfer-encoding"), type: typeName)
        let filename = disposition.parameters["filename"] ?? contentType.parameters["name"]
        let isAttachment = disposition.value == "attachment" || filename != nil
        if (typeName == "text/plain" || typeName == "text/html") && !isAttachment {
            let text = MailCharset.decode(content, charset: contentType.parameters["charset"])
            if typeName == "text/plain" { state.plain.append(text.replacingLineBreaks()) } else { state.html.append(text) }
            return parsed
        }
        if typeName == "message/delivery-status" || typeName == "message/disposition-notification" { return parsed }
        let contentID = first("content-id").flatMap { IncomingMail.messageIDs(in: $0).first }
        state.attachments.append(IncomingMail.Attachment(
            filename: filename ?? Self.defaultFilename(for: typeName), contentType: typeName, data: content,
            contentID: contentID, isInline: disposition.value != "attachment"))
        return parsed
    }

    private static func defaultFilename(for type: String) -> String {
        switch type {
        case "message/rfc822": "message.eml"
        case "image/png": "image.png"
        case "image/jpeg": "image.jpg"
        case "image/gif": "image.gif"
        case "application/pdf": "document.pdf"
        case "text/plain": "text.txt"
        case "text/html": "page.html"
        default: "attachment"
        }
    }

    private static func decodeBody(_ body: ArraySlice<UInt8>, encoding: String?, type: String) throws(Refusal) -> [UInt8] {
        switch (encoding ?? "7bit").trimmedOfWhitespace.lowercased() {
        case "7bit", "8bit", "binary", "": return Array(body)
        case "quoted-printable": return QuotedPrintable.decode(body)
        case "base64":
            var clean = [UInt8]()
            clean.reserveCapacity(body.count)
            for byte in body {
                switch byte {
                case 0x0D, 0x0A, 0x20, 0x09: continue
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
                    clean.append(byte)
                default:
                    throw Refusal(message: "A base64 \(type) part holds characters that are not base64.")
                }
            }
            while let last = clean.last, last == UInt8(ascii: "=") { clean.removeLast() }
            if clean.count % 4 == 1 { throw Refusal(message: "A base64 \(type) part is cut off in the middle of a character.") }
            while clean.count % 4 != 0 { clean.append(UInt8(ascii: "=")) }
            guard let data = Data(base64Encoded: Data(clean)) else {
                throw Refusal(message: "A base64 \(type) part could not be decoded.")
            }
            return Array(data)
        case let other:
            throw Refusal(message: "A \(type) part uses the transfer encoding \"\(other.prefix(40))\", which Lantern does not read.")
        }
    }

    // MARK: Lines and headers

    /// The end of the line starting at `from` (before its CRLF or LF) and where the next line starts.
    static func lineEnd(_ bytes: [UInt8], from: Int, limit: Int? = nil) -> (end: Int, next: Int) {
        let upper = limit ?? bytes.count
        var index = from
        while index < upper && bytes[index] != 0x0A { index += 1 }
        guard index < upper else { return (upper, upper) }
        let end = index > from && bytes[index - 1] == 0x0D ? index - 1 : index
        return (end, index + 1)
    }

    private static func startsWithHeader(_ bytes: [UInt8], at start: Int) -> Bool {
        var index = start
        while index < bytes.count, index - start < 200 {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return index > start }
            guard byte > 0x20 && byte < 0x7F else { return false }
            index += 1
        }
        return false
    }

    private func readHeaders(_ bytes: [UInt8], _ range: Range<Int>) throws(Refusal) -> ([IncomingMail.Header], Int) {
        var headers: [IncomingMail.Header] = []
        var current: [UInt8]? = nil
        var position = range.lowerBound
        func finish() {
            guard let line = current, let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
            let name = String(decoding: line[..<colon], as: UTF8.self).trimmedOfWhitespace
            let rawValue = line[(colon + 1)...]
            let value = String(validating: Array(rawValue), as: UTF8.self) ?? MailCharset.decode(rawValue, charset: "windows-1252")
            if !name.isEmpty && !name.contains(" ") { headers.append(.init(name: name, value: value.trimmedOfWhitespace)) }
        }
        while position < range.upperBound {
            guard position - range.lowerBound <= limits.maximumHeaderBytes else {
                throw Refusal(message: "A header block is longer than \(limits.maximumHeaderBytes / 1024) KiB.")
            }
            let (end, next) = Self.lineEnd(bytes, from: position, limit: range.upperBound)
            if end == position {
                finish()
                return (headers, next)
            }
            let line = bytes[position..<end]
            if line.first == 0x20 || line.first == 0x09 {
                current?.append(contentsOf: line)
            } else {
                finish()
                current = line.contains(UInt8(ascii: ":")) ? Array(line) : nil
            }
            position = next
        }
        finish()
        return (headers, range.upperBound)
    }

    /// The byte ranges of a multipart body's parts, each without the line break before the next delimiter.
    private static func split(_ bytes: [UInt8], _ body: Range<Int>, boundary: String, type: String) throws(Refusal) -> [Range<Int>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [Range<Int>] = []
        var partStart: Int? = nil
        var position = body.lowerBound
        var closed = false
        while position < body.upperBound {
            let (end, next) = lineEnd(bytes, from: position, limit: body.upperBound)
            let line = bytes[position..<end]
            if line.starts(with: delimiter) {
                var rest = line.dropFirst(delimiter.count)
                let isClose = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                if isClose { rest = rest.dropFirst(2) }
                if rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    if let start = partStart {
                        // The part ends before the line break that precedes the delimiter line.
                        var partEnd = max(start, position)
                        if partEnd > start && bytes[partEnd - 1] == 0x0A { partEnd -= 1 }
                        if partEnd > start && bytes[partEnd - 1] == 0x0D { partEnd -= 1 }
                        parts.append(start..<partEnd)
                    }
                    partStart = isClose ? nil : next
                    if isClose { closed = true; break }
                }
            }
            position = next
        }
        if !closed, let start = partStart, start < body.upperBound {
            // No closing delimiter (a cut-off message): the last part runs to the end, as mail clients read it.
            parts.append(start..<body.upperBound)
        }
        guard !parts.isEmpty else {
            throw Refusal(message: "The \(type) body has no part: its boundary never appears.")
        }
        return parts
    }
}
