import Testing
@testable import LanternCore

@Suite("Multipart reader")
struct MultipartReaderTests {
    static let boundary = "----LanternTestBoundary7MA4YWxk"

    /// A body of these parts (name, filename, content), framed as a browser frames it.
    static func body(_ parts: [(String, String?, [UInt8])], boundary: String = boundary) -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, filename, content) in parts {
            var header = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\""
            if let filename { header += "; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream" }
            bytes += Array((header + "\r\n\r\n").utf8) + content + Array("\r\n".utf8)
        }
        return bytes + Array("--\(boundary)--\r\n".utf8)
    }

    /// The parts read from `body` fed in pieces of `size` bytes: headers and joined content.
    static func read(_ body: [UInt8], pieces size: Int, limits: MultipartReader.Limits = .init()) throws -> [(MultipartReader.PartHeaders, [UInt8])] {
        var reader = try MultipartReader(boundary: boundary, limits: limits)
        var parts: [(MultipartReader.PartHeaders, [UInt8])] = []
        var open = false
        var index = 0
        while index < body.count {
            for event in try reader.feed(body[index..<min(index + size, body.count)]) {
                switch event {
                case .partStart(let headers):
                    #expect(!open)
                    parts.append((headers, []))
                    open = true
                case .content(let bytes):
                    #expect(open)
                    parts[parts.count - 1].1 += bytes
                case .partEnd:
                    #expect(open)
                    open = false
                }
            }
            index += size
        }
        try reader.finish()
        #expect(!open)
        return parts
    }

    @Test("Fields and files come out whole however the body is cut into pieces")
    func anySplit() throws {
        let file: [UInt8] = Array("\r\n--\(Self.boundary.dropLast())\r\n-- almost a delimiter\r\n".utf8) + (0..<300).map { UInt8($0 % 256) }
        let body = Self.body([("subject", nil, Array("Hello".utf8)), ("attachments[]", "a.png", file), ("description", nil, [])])
        for size in [1, 2, 3, 7, 64, 1000, body.count] {
            let parts = try Self.read(body, pieces: size)
            #expect(parts.count == 3)
            #expect(parts[0].0 == .init(name: "subject"))
            #expect(parts[0].1 == Array("Hello".utf8))
            #expect(parts[1].0 == .init(name: "attachments[]", filename: "a.png", contentType: "application/octet-stream"))
            #expect(parts[1].1 == file)
            #expect(parts[2].1.isEmpty)
        }
    }

    @Test("Quoted names keep escaped quotes and backslashes of paths; a preamble and an epilogue are skipped")
    func headersAndFraming() throws {
        let body = Array("preamble\r\n--\(Self.boundary)  \r\ncontent-disposition: form-data; filename=\"C:\\dir\\a \\\"b\\\".txt\"; name=x\r\n\r\nv\r\n--\(Self.boundary)--\r\nepilogue --\(Self.boundary)\r\n".utf8)
        let parts = try Self.read(body, pieces: 5)
        #expect(parts.count == 1)
        #expect(parts[0].0.name == "x")
        #expect(parts[0].0.filename == #"C:\dir\a "b".txt"#)
        #expect(parts[0].1 == Array("v".utf8))
    }

    @Test("The boundary comes from the content type, only for multipart/form-data and only when valid")
    func boundaryParameter() {
        #expect(MultipartReader.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartReader.boundary(contentType: "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b\"") == "a b")
        #expect(MultipartReader.boundary(contentType: "application/json; boundary=abc") == nil)
        #expect(MultipartReader.boundary(contentType: "multipart/form-data") == nil)
        #expect(MultipartReader.boundary(contentType: "multipart/form-data; boundary=") == nil)
        #expect(MultipartReader.boundary(contentType: "multipart/form-data; boundary=\(String(repeating: "x", count: 71))") == nil)
        #expect(MultipartReader.boundary(contentType: "multipart/form-data; boundary=a\u{0}b") == nil)
    }

    @Test("Broken framing, headers and limits are failures, and a failed reader stays failed")
    func failures() throws {
        func failure(_ text: String, limits: MultipartReader.Limits = .init()) -> MultipartReader.Failure? {
            do {
                _ = try Self.read(Array(text.utf8), pieces: 3, limits: limits)
                return nil
            } catch let error as MultipartReader.Failure {
                return error
            } catch {
                return nil
            }
        }
        let b = Self.boundary
        #expect(failure("--\(b)\r\nContent-Disposition: form-data; name=a\r\n\r\nno end") == .truncated)
        #expect(failure("") == .truncated)
        #expect(failure("--\(b)x\r\n") == .malformed("a boundary is not followed by a line break"))
        #expect(failure("--\(b)\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--\(b)--") == .malformed("a part that is not form-data"))
        #expect(failure("--\(b)\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--\(b)--") == .malformed("an unclosed quoted string"))
        #expect(failure("--\(b)\r\nX: 1\r\n folded\r\n\r\nv\r\n--\(b)--") == .malformed("a folded header line"))
        #expect(failure("--\(b)\r\nNo colon here\r\n\r\nv\r\n--\(b)--") == .malformed("a header line without a colon"))
        #expect(failure("--\(b)\r\nX: a\u{1}b\r\n\r\nv\r\n--\(b)--") == .malformed("a control character in a header"))
        let header = "--\(b)\r\nX: \(String(repeating: "h", count: 200))\r\n\r\nv\r\n--\(b)--"
        #expect(failure(header, limits: .init(maximumHeaderBytes: 100)) == .headersTooLarge)
        let unterminated = "--\(b)\r\nX: \(String(repeating: "h", count: 200))"
        #expect(failure(unterminated, limits: .init(maximumHeaderBytes: 100)) == .headersTooLarge)
        let three = String(repeating: "--\(b)\r\n\r\nv\r\n", count: 3) + "--\(b)--"
        #expect(failure(three, limits: .init(maximumParts: 2)) == .tooManyParts)
        #expect(throws: MultipartReader.Failure.invalidBoundary) { try MultipartReader(boundary: "") }

        var reader = try MultipartReader(boundary: b)
        #expect(throws: MultipartReader.Failure.self) { try reader.feed(Array("--\(b)?x".utf8)) }
        #expect(throws: MultipartReader.Failure.malformed("a boundary is not followed by a line break")) { try reader.feed(Array("\r\n".utf8)) }
        #expect(throws: MultipartReader.Failure.self) { try reader.finish() }
    }

    @Test("Random bytes and mangled bodies never trap: each ends in parts or a failure")
    func randomInput() throws {
        var generator = SystemRandomNumberGenerator()
        let valid = Self.body([("a", nil, Array("x".utf8)), ("attachments[]", "f.txt", Array("data\r\n".utf8))])
        for _ in 0..<2_000 {
            var body = valid
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                let position = Int.random(in: 0..<body.count, using: &generator)
                switch Int.random(in: 0...2, using: &generator) {
                case 0: body[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: body.remove(at: position)
                default: body.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                }
            }
            if Bool.random(using: &generator) { body = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) } }
            _ = try? Self.read(body, pieces: Int.random(in: 1...40, using: &generator))
        }
    }
}
