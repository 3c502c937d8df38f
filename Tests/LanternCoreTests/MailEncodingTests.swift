import Foundation
import LanternCore
import Testing

/// The pieces of mail Lantern writes and reads: charsets, quoted-printable, encoded words, MIME parameters, mailboxes,
/// the message writer (and reading back what it wrote), reply addresses and automatic mail.
@Suite("Mail encoding")
struct MailEncodingTests {
    @Test("Charsets: UTF-8, ISO-8859-1, ISO-8859-15 and Windows-1252 decode as mail clients do; an unknown label falls back")
    func charsets() {
        #expect(MailCharset.decode([0x63, 0x61, 0x66, 0xC3, 0xA9], charset: "UTF-8") == "café")
        #expect(MailCharset.decode([0x63, 0x61, 0x66, 0xE9], charset: "iso-8859-1") == "café")
        #expect(MailCharset.decode([0x80, 0x96, 0x93, 0x94], charset: "Windows-1252") == "€–“”")
        #expect(MailCharset.decode([0xA4], charset: "latin9") == "€")
        #expect(MailCharset.decode([0xC3, 0xA9], charset: "x-unknown") == "é")
        #expect(MailCharset.decode([0xE9], charset: "x-unknown") == "é")
    }

    @Test("Quoted-printable: lines of at most 76 characters, escapes, soft breaks, trailing spaces escaped; decoding undoes it")
    func quotedPrintable() {
        let text = String(repeating: "Grüße, à bientôt = ok ", count: 12) + "\nend with space \nlast"
        let encoded = QuotedPrintable.encode(text)
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.count <= 76)
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII })
        }
        #expect(encoded.contains("space=20\r\n"))
        let decoded = String(decoding: QuotedPrintable.decode(Array(encoded.utf8)), as: UTF8.self)
        #expect(decoded == text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(QuotedPrintable.decode(Array("a=3Db=\r\nc =ZZ".utf8)) == Array("a=bc =ZZ".utf8))
    }

    @Test("Encoded words: written as UTF-8 base64 of at most 75 characters, read in B and Q, across words and charsets")
    func encodedWords() {
        #expect(EncodedWord.encode("Plain subject") == "Plain subject")
        let long = String(repeating: "Facture impayée – ", count: 8)
        let encoded = EncodedWord.encode(long)
        for word in encoded.components(separatedBy: "\r\n ") {
            #expect(word.count <= 75 && word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
        }
        #expect(EncodedWord.decode(encoded) == long)
        #expect(EncodedWord.decode("=?iso-8859-1?Q?R=E9sum=E9_Rechnung.pdf?=") == "Résumé Rechnung.pdf")
        #expect(EncodedWord.decode("Re: [#42] =?UTF-8?Q?Probl=C3=A8me?= de =?UTF-8?B?ZmFjdHVyZQ==?=") == "Re: [#42] Problème de facture")
        // A character split across two words (Outlook does this) and white space between words dropped.
        #expect(EncodedWord.decode("=?UTF-8?B?w6k=?= =?UTF-8?Q?=C3?= =?UTF-8?Q?=A9t=C3=A9?=") == "éété")
        #expect(EncodedWord.decode("=?UTF-8?X?bad?= stays") == "=?UTF-8?X?bad?= stays")
        #expect(EncodedWord.encode("looks =?like?= a word").hasPrefix("=?UTF-8?B?"))
    }

    @Test("MIME parameters: quoted, RFC 2231 with charset and continuations, encoded words in quotes")
    func parameters() {
        let type = MIMEHeaderValue("Multipart/Mixed; boundary=\"a;b\\\"c\"; charset=UTF-8")
        #expect(type.value == "multipart/mixed")
        #expect(type.parameters["boundary"] == "a;b\"c")
        let continued = MIMEHeaderValue("attachment; filename*0*=UTF-8''na%C3%AFve%20; filename*1=notes.txt")
        #expect(continued.parameters["filename"] == "naïve notes.txt")
        #expect(MIMEHeaderValue("attachment; filename*=iso-8859-1'fr'r%E9sum%E9.pdf").parameters["filename"] == "résumé.pdf")
        #expect(MIMEHeaderValue("attachment; filename=\"=?UTF-8?B?w6kucGRm?=\"").parameters["filename"] == "é.pdf")
    }

    @Test("Mailboxes: names quoted, encoded or in comments, groups, several per header; written back encoded")
    func mailboxes() {
        let list = Mailbox.list("\"Keller, Bruno\" <bruno@globex.example>, =?UTF-8?Q?Camille_Durand?= <camille@example.com>, alice@acme.example (Alice Martin), undisclosed-recipients:;")
        #expect(list == [Mailbox(name: "Keller, Bruno", address: "bruno@globex.example"),
                         Mailbox(name: "Camille Durand", address: "camille@example.com"),
                         Mailbox(name: "Alice Martin", address: "alice@acme.example")])
        #expect(Mailbox(name: "Ann \"A\" O'Neil", address: "a@x.example").headerValue == "\"Ann \\\"A\\\" O'Neil\" <a@x.example>")
        #expect(Mailbox(name: "Zoë", address: "z@x.example").headerValue == "=?UTF-8?B?Wm/Dqw==?= <z@x.example>")
        #expect(Mailbox(name: "Evil\r\nBcc: x@y.example", address: "a@x.example").headerValue == "\"Evil  Bcc: x@y.example\" <a@x.example>")
    }

    private func sample() -> OutgoingMail {
        var mail = OutgoingMail(
            from: Mailbox(name: "Brightbill Support", address: "support@brightbill.example"),
            to: [Mailbox(name: "Camille Durand", address: "camille@example.com")],
            replyTo: Mailbox(address: "support+t42.abcdefghijklmnop@brightbill.example"),
            subject: "Re: [#42] Problème de facture – très urgent, vraiment très urgent, s'il vous plaît",
            messageID: "lantern.abc@brightbill.example", inReplyTo: "lantern.root@brightbill.example",
            references: ["lantern.root@brightbill.example", "CAF3x+x@mail.gmail.com"], autoGenerated: true,
            date: Date(timeIntervalSince1970: 1_796_636_400),
            text: "##- Veuillez écrire votre réponse au-dessus de cette ligne -##\n\nBonjour Camille,\n.\nUne ligne " + String(repeating: "très longue ", count: 20),
            html: "<p>Bonjour <b>Camille</b></p>")
        mail.extraHeaders = [("X-Lantern-Ticket", "42")]
        return mail
    }

    @Test("The writer: RFC 5322 headers folded under 78 characters, all ASCII, multipart/alternative in UTF-8 quoted-printable")
    func writer() throws {
        let bytes = sample().bytes(boundary: "=_lantern_test")
        #expect(bytes.allSatisfy { $0 < 0x80 })
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 78 })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.contains("Date: Mon, 07 Dec 2026 09:40:00 +0000\r\n"))
        #expect(text.contains("Message-ID: <lantern.abc@brightbill.example>\r\n"))
        #expect(text.contains("In-Reply-To: <lantern.root@brightbill.example>\r\n"))
        #expect(text.contains("References: <lantern.root@brightbill.example> <CAF3x+x@mail.gmail.com>\r\n"))
        #expect(text.contains("Auto-Submitted: auto-generated\r\n"))
        #expect(text.contains("Content-Type: multipart/alternative; boundary=\"=_lantern_test\"\r\n"))
        #expect(text.contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"))
        #expect(text.hasSuffix("--=_lantern_test--\r\n"))
        var human = sample()
        human.autoGenerated = false
        #expect(!String(decoding: human.bytes(), as: UTF8.self).contains("Auto-Submitted"))
    }

    @Test("What the writer writes, the reader reads back: headers, threading ids, text and HTML")
    func roundTrip() throws {
        let mail = sample()
        let read = try MIMEReader().read(mail.bytes())
        #expect(read.subject == mail.subject)
        #expect(read.from == mail.from)
        #expect(read.recipients == mail.to)
        #expect(read.header("Reply-To").map(Mailbox.list) == [mail.replyTo!])
        #expect(read.messageID == mail.messageID)
        #expect(read.inReplyTo == ["lantern.root@brightbill.example"])
        #expect(read.references == mail.references)
        #expect(read.text == mail.text)
        #expect(read.html == mail.html)
        #expect(read.header("X-Lantern-Ticket") == "42")
    }

    @Test("No header value from input carries CR or LF: names, subjects, ids and extra headers are cleaned")
    func headerInjection() throws {
        var mail = sample()
        mail.subject = "Hi\r\nBcc: victim@example.net\r\n\r\nbody"
        mail.to = [Mailbox(name: "A\nB", address: "a@example.net")]
        mail.from = Mailbox(name: "Support\r\nX-Evil: 1", address: "support@brightbill.example")
        mail.messageID = "id\r\nX-Evil: 2@x"
        mail.extraHeaders = [("X-Lantern-Ticket\r\nX-Evil", "3\r\nX-Evil: 3")]
        let read = try MIMEReader().read(mail.bytes())
        #expect(read.header("Bcc") == nil)
        #expect(read.header("X-Evil") == nil)
        #expect(read.subject == "Hi  Bcc: victim@example.net    body")
        #expect(read.headers.map(\.name) == ["Date", "From", "To", "Reply-To", "Subject", "Message-ID", "In-Reply-To",
                                             "References", "Auto-Submitted", "X-Lantern-TicketX-Evil", "MIME-Version", "Content-Type"])
    }

    @Test("Reply addresses: made from the support address, checked with the account's key, refused when forged")
    func replyAddresses() throws {
        let key = Array("account-7-reply-key".utf8)
        let address = try #require(ReplyAddress.make(supportAddress: "Support@Brightbill.example", ticketID: 42, key: key))
        #expect(address.hasPrefix("support+t42.") && address.hasSuffix("@brightbill.example"))
        let parsed = try #require(ReplyAddress.parse(address.uppercased()))
        #expect(parsed.ticketID == 42 && parsed.supportAddress == "support@brightbill.example")
        #expect(parsed.isValid(key: key))
        #expect(!parsed.isValid(key: Array("another-account".utf8)))
        // Another ticket's id with this ticket's MAC, or a MAC one letter off, is refused.
        let forged = try #require(ReplyAddress.parse(address.replacingOccurrences(of: "+t42.", with: "+t43.")))
        #expect(!forged.isValid(key: key))
        var mac = Array(address.split(separator: ".")[1].prefix(16))
        mac[0] = mac[0] == "a" ? "b" : "a"
        #expect(ReplyAddress.parse("support+t42.\(String(mac))@brightbill.example")?.isValid(key: key) == false)
        #expect(ReplyAddress.parse("support@brightbill.example") == nil)
        #expect(ReplyAddress.parse("support+t42.short@brightbill.example") == nil)
        #expect(ReplyAddress.make(supportAddress: "not an address", ticketID: 1, key: key) == nil)
        let tagged = try #require(ReplyAddress.make(supportAddress: "help+acme@brightbill.example", ticketID: 7, key: key))
        #expect(ReplyAddress.parse(tagged)?.supportAddress == "help+acme@brightbill.example")
    }

    @Test("Notices: the recipient's language (else English), the reply marker first for requesters, links in text and HTML")
    func notices() {
        let ticket = MailNotice.Ticket(id: 42, subject: "Facture <fausse>", requesterName: "Camille", requesterEmail: "camille@example.com",
                                       bodyText: "Nous avons corrigé.", bodyHTML: "<p>Nous avons corrigé.</p>",
                                       link: "https://help.example/support/tickets/42")
        #expect(MailNotice.language(["fr-CA", "en"]) == "fr")
        #expect(MailNotice.language([nil, "de"]) == "de")
        #expect(MailNotice.language(["ja", nil]) == "en")
        for language in MailNotice.languages {
            for kind in MailNotice.Kind.allCases {
                let notice = MailNotice(kind, language: language, ticket: ticket)
                #expect(notice.subject.contains("[#42]"))
                #expect(notice.text.contains(ticket.link))
                #expect(notice.html.contains("<a href=\"https://help.example/support/tickets/42\">"))
                #expect(!notice.html.contains("<fausse>"))
                #expect(notice.text.hasPrefix("##- ") == kind.toRequester)
                #expect(ReplyTrimmer.trim("Merci\n\n> " + notice.text.replacingOccurrences(of: "\n", with: "\n> ")) == "Merci")
            }
        }
        #expect(MailNotice(.requesterTicketCreated, language: "fr", ticket: ticket).text.contains("Bonjour Camille,"))
        #expect(MailNotice(.agentsCustomerReply, language: "de", ticket: ticket).subject == "[#42] Neue Antwort: Facture <fausse>")
    }
}
