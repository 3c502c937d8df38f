import Foundation
import LanternCore
import Testing

/// Every message of `MailCorpus/` (written in the shapes Gmail, Outlook, Apple Mail and Thunderbird send, plus
/// bounces, auto-replies and broken messages) read by `MIMEReader`, with LF and with CRLF line breaks, and what
/// Lantern makes of it: sender, subject, threading ids, the trimmed reply, files, or a clear refusal.
@Suite("Mail corpus")
struct MailCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MailCorpus")

    /// What one message must give.
    struct Expected: Sendable, CustomTestStringConvertible {
        let file: String
        var from: String? = nil
        var subject: String? = nil
        var inReplyTo: [String] = []
        var trimmed: String? = nil
        var attachments: [String] = []
        var automatic = false
        var refusal: String? = nil

        var testDescription: String { file }
    }

    static let lanternID = "lantern.1f2e3d4c5b6a79880716253443526170@brightbill.example"

    static let expectations: [Expected] = [
        Expected(file: "gmail-reply.eml", from: "alice@acme.example", subject: "Re: [#42] Invoice shows the wrong amount",
                 inReplyTo: [lanternID], trimmed: "Thanks, that fixed it — the invoice now says 42,00 €.\n\nAlice"),
        Expected(file: "gmail-new-attachment.eml", from: "camille@example.com", subject: "Ma facture est fausse – pourquoi ?",
                 trimmed: "Bonjour,\n\nLa facture ci-jointe indique 120 € au lieu de 100 €.\nPouvez-vous vérifier ?\n\nCamille",
                 attachments: ["facture-2026-12.pdf"]),
        Expected(file: "outlook-reply.eml", from: "bruno@globex.example", subject: "RE: [#42] Invoice shows the wrong amount",
                 inReplyTo: [lanternID],
                 trimmed: "Grüezi, the résumé of the invoice is still wrong – it says 120 €. It’s the second time.\n\nFreundliche Grüsse\nBruno Keller",
                 attachments: ["Résumé Rechnung.pdf"]),
        Expected(file: "outlook-new-windows1252.eml", from: "Bruno@Globex.example", subject: "Zugang gesperrt – dringend",
                 trimmed: "Guten Tag\n\nMein Konto ist seit heute Morgen gesperrt – ich komme nicht mehr hinein. Das Passwort „funktioniert nicht“.\n\nGruß\nBruno"),
        Expected(file: "apple-mail-inline-image.eml", from: "alice@acme.example", subject: "Re: [#42] Invoice shows the wrong amount",
                 inReplyTo: [lanternID], trimmed: "Here is a screenshot of the page à la fin.", attachments: ["screenshot.png"]),
        Expected(file: "thunderbird-rfc2231.eml", from: "camille@example.com", subject: "Re: [#42] Problème de facture",
                 inReplyTo: [lanternID], trimmed: "Merci, voici mes notes en pièce jointe.\n\nCamille",
                 attachments: ["notes naïves sur la facture.txt"]),
        Expected(file: "dsn-bounce.eml", from: "MAILER-DAEMON@mx.acme.example", automatic: true),
        Expected(file: "outlook-autoreply.eml", from: "bruno@globex.example", automatic: true),
        Expected(file: "vacation-x-autoreply.eml", from: "alice@acme.example", automatic: true),
        Expected(file: "broken-no-boundary.eml", refusal: "A multipart/mixed part has no boundary parameter."),
        Expected(file: "broken-base64.eml", refusal: "A base64 application/pdf part holds characters that are not base64."),
        Expected(file: "broken-boundary-missing.eml", refusal: "The multipart/alternative body has no part: its boundary never appears."),
    ]

    @Test("Every file of the corpus has an expectation")
    func corpusIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        #expect(files == Self.expectations.map(\.file).sorted())
    }

    @Test("Each message reads as expected, with LF and with CRLF line breaks", arguments: expectations)
    func message(_ expected: Expected) throws {
        let raw = try Data(contentsOf: Self.folder.appendingPathComponent(expected.file))
        let crlf = Data(String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        for bytes in [Array(raw), Array(crlf)] {
            if let refusal = expected.refusal {
                #expect(throws: MIMEReader.Refusal(message: refusal)) { try MIMEReader().read(bytes) }
                continue
            }
            let mail = try MIMEReader().read(bytes)
            #expect(mail.from?.address == expected.from)
            let isAutomatic = AutomaticMail.reason(mail, ownAddresses: ["support@brightbill.example"]) != nil
            #expect(isAutomatic == expected.automatic)
            guard !expected.automatic else { continue }
            #expect(mail.subject == expected.subject)
            #expect(mail.inReplyTo == expected.inReplyTo)
            #expect(ReplyTrimmer.trim(mail.text) == expected.trimmed)
            #expect(mail.attachments.map(\.filename) == expected.attachments)
        }
    }

    @Test("Files keep their bytes: the PDF, the inline image with its Content-ID, the RFC 2231 text file")
    func attachmentBytes() throws {
        func read(_ file: String) throws -> IncomingMail {
            try MIMEReader().read(Array(try Data(contentsOf: Self.folder.appendingPathComponent(file))))
        }
        let pdf = try #require(try read("gmail-new-attachment.eml").attachments.first)
        #expect(pdf.data.starts(with: Array("%PDF-1.4".utf8)) && !pdf.isInline)
        let image = try #require(try read("apple-mail-inline-image.eml").attachments.first)
        #expect(image.contentID == "1A2B3C4D-5E6F@acme.example" && image.isInline && image.contentType == "image/png")
        #expect(image.data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let notes = try #require(try read("thunderbird-rfc2231.eml").attachments.first)
        #expect(String(decoding: notes.data, as: UTF8.self) == "Total attendu : 100 €\n")
        #expect(try read("apple-mail-inline-image.eml").references.count == 2)
    }

    @Test("Not a message, too deep, too many parts: refused with a reason, never a crash")
    func refusals() {
        #expect(throws: MIMEReader.Refusal.self) { try MIMEReader().read(Array("just some text\n".utf8)) }
        #expect(throws: MIMEReader.Refusal.self) { try MIMEReader().read([]) }
        var nested = "From: a@b.example\nContent-Type: multipart/mixed; boundary=b0\n\n"
        for depth in 1...20 { nested += "--b\(depth - 1)\nContent-Type: multipart/mixed; boundary=b\(depth)\n\n" }
        #expect(throws: MIMEReader.Refusal(message: "The message's MIME parts are nested more than 12 deep.")) {
            try MIMEReader().read(Array(nested.utf8))
        }
        var many = "From: a@b.example\nContent-Type: multipart/mixed; boundary=x\n\n"
        for _ in 0..<250 { many += "--x\nContent-Type: text/plain\n\nhi\n" }
        #expect(throws: MIMEReader.Refusal(message: "The message has more than 200 MIME parts.")) {
            try MIMEReader().read(Array(many.utf8))
        }
        let unknown = "From: a@b.example\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 x\n"
        #expect(throws: MIMEReader.Refusal.self) { try MIMEReader().read(Array(unknown.utf8)) }
    }

    @Test("Trimming: quote introductions in four languages, Outlook blocks, signatures; never an empty result")
    func trimming() {
        #expect(ReplyTrimmer.trim("Yes.\n\nAm 07.12.2026 um 10:02 schrieb Brightbill Support <s@b.example>:\n> old") == "Yes.")
        #expect(ReplyTrimmer.trim("Sí.\n\nEl lun, 7 dic 2026 a las 10:02, Soporte (<s@b.example>) escribió:\n> old") == "Sí.")
        #expect(ReplyTrimmer.trim("Ok\n\n-----Original Message-----\nFrom: x\n") == "Ok")
        #expect(ReplyTrimmer.trim("Ok\nFrom: Support <s@b.example>\nSent: Monday\nold") == "Ok")
        #expect(ReplyTrimmer.trim("Ok\n-- \nAlice\nCEO") == "Ok")
        #expect(ReplyTrimmer.trim("> only a quote\n> nothing else") == "> only a quote\n> nothing else")
        #expect(ReplyTrimmer.trim("A line\n> quoted in the middle\nmore text") == "A line\n> quoted in the middle\nmore text")
    }
}
