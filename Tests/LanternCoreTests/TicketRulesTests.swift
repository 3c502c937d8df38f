import Testing
@testable import LanternCore

@Suite("Ticket rules")
struct TicketRulesTests {
    @Test("A verified requester's identity replaces whatever the form claims")
    func verifiedIdentityWins() throws {
        let draft = TicketDraft(name: "Mallory", email: "mallory@evil.example", subject: " Hi ", description: "Body")
        let verified = try TicketRules.validate(draft, from: .verified(name: "Alice", email: EmailAddress("alice@acme.example")!)).get()
        #expect(verified.name == "Alice")
        #expect(verified.email.value == "alice@acme.example")
        #expect(verified.subject == "Hi")
        #expect(verified.verified)
        let anonymous = try TicketRules.validate(draft, from: .anonymous).get()
        #expect(anonymous.email.value == "mallory@evil.example")
        #expect(!anonymous.verified)
    }

    @Test("Every problem is reported at once, one message per field")
    func allProblems() {
        let draft = TicketDraft(name: "", email: "nope", subject: nil, description: "tab\tand\nnewline are fine", honeypot: "x")
        guard case .failure(let problems) = TicketRules.validate(draft, from: .anonymous) else {
            Issue.record("expected a failure")
            return
        }
        #expect(problems.messages == ["name": "must not be blank", "email": "must be a valid email address",
                                      "subject": "is required", "website": "must be left empty"])
    }

    @Test("The description limit counts UTF-8 bytes")
    func descriptionBytes() {
        let fits = String(repeating: "é", count: 32 * 1024)  // 64 KiB in UTF-8
        let tooLong = fits + "e"
        let base = TicketDraft(name: "N", email: "n@x.example", subject: "S")
        var draft = base
        draft.description = fits
        #expect((try? TicketRules.validate(draft, from: .anonymous).get()) != nil)
        draft.description = tooLong
        #expect((try? TicketRules.validate(draft, from: .anonymous).get()) == nil)
    }
}

@Suite("Attachment policy")
struct AttachmentPolicyTests {
    @Test("Types come from the extension, and signatures must match")
    func types() throws {
        let pdf = AttachmentPolicy.Upload(filename: "C:\\Users\\me\\Invoice.PDF", bytes: Array("%PDF-1.7 ...".utf8))
        let accepted = try AttachmentPolicy.check([pdf]).get()
        #expect(accepted == [.init(filename: "Invoice.PDF", contentType: "application/pdf", size: 12)])
        #expect(AttachmentPolicy.check([.init(filename: "a.pdf", bytes: [1, 2, 3])]) == .failure(.invalid("a.pdf is not a valid .pdf file")))
        #expect(AttachmentPolicy.check([.init(filename: "run.sh", bytes: [1])]) ==
                .failure(.invalid("run.sh is not an accepted type (documents, images, text, zip)")))
        #expect(AttachmentPolicy.check([.init(filename: "x.webp", bytes: Array("RIFF0000WEBPVP8 ".utf8))]).map(\.count) == .success(1))
    }

    @Test("Counts and sizes: five files, 10 MiB each, 20 MiB in all")
    func limits() {
        let small = AttachmentPolicy.Upload(filename: "a.txt", bytes: [65])
        #expect(AttachmentPolicy.check(Array(repeating: small, count: 5)).map(\.count) == .success(5))
        #expect(AttachmentPolicy.check(Array(repeating: small, count: 6)) == .failure(.tooMany))
        let tenMiB = AttachmentPolicy.Upload(filename: "big.txt", bytes: Array(repeating: 65, count: AttachmentPolicy.maximumFileBytes))
        #expect(AttachmentPolicy.check([tenMiB, tenMiB]).map(\.count) == .success(2))
        #expect(AttachmentPolicy.check([tenMiB, tenMiB, small]) == .failure(.tooLarge("the attachments add up to more than 20 MiB")))
        let over = AttachmentPolicy.Upload(filename: "over.txt", bytes: Array(repeating: 65, count: AttachmentPolicy.maximumFileBytes + 1))
        #expect(AttachmentPolicy.check([over]) == .failure(.tooLarge("over.txt is larger than 10 MiB")))
    }

    @Test("File names lose paths, control characters, quotes and leading dots", arguments: [
        ("../../etc/passwd.txt", "passwd.txt"), ("a\"b\u{0}c.txt", "abc.txt"), ("...hidden.txt", "hidden.txt"),
        ("/", "attachment"), ("  spaced name.pdf ", "spaced name.pdf"),
    ])
    func filenames(raw: String, cleaned: String) {
        #expect(AttachmentPolicy.cleanFilename(raw) == cleaned)
    }
}

@Suite("Rate limit")
struct RateLimitTests {
    @Test("Parses COUNT/SECONDS and off; refuses anything else")
    func parsing() throws {
        #expect(try RateLimit.parse("20/600") == RateLimit(count: 20, seconds: 600))
        #expect(try RateLimit.parse(" OFF ") == nil)
        for bad in ["", "20", "20/", "/600", "0/600", "20/0", "-1/5", "a/b", "20/600/1"] {
            #expect(throws: RateLimitSyntaxError.self) { try RateLimit.parse(bad) }
        }
    }

    @Test("Retry-After is when the oldest event that fills the window leaves it")
    func retryAfter() {
        let limit = RateLimit(count: 3, seconds: 600)
        #expect(limit.retryAfter(recentEvents: [100, 50], now: 120) == nil)
        #expect(limit.retryAfter(recentEvents: [110, 100, 50], now: 120) == 530)
        // Events that left the window do not count.
        #expect(limit.retryAfter(recentEvents: [700, 650, 50], now: 700) == nil)
    }
}
