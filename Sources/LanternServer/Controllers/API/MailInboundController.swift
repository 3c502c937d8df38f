import Fluent
import Vapor

/// `POST /api/v2/mail/inbound`: one raw RFC 5322 message as the body (an admin's key, or a mail key from `lantern mail
/// key`), taken as `lantern mail receive` takes it. `GET /api/v2/mail/inbound/{id}/original`: a received message as
/// it arrived (agents).
struct MailInboundController: RouteCollection {
    /// Who may post mail.
    static let posting = APIRoleGuard(allowed: [.admin, .mail], refusal: "Posting mail needs an admin's API key or a mail key.")

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped(Self.posting)
            .on(.POST, "mail", "inbound", body: .collect(maxSize: ByteCount(value: MailIntake.maximumBytes)), use: receive)
            .bodyLimit(MailIntake.maximumBytes)
        routes.grouped(APIRoleGuard.agents).get("mail", "inbound", ":id", "original", use: original)
    }

    @Sendable
    func receive(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        guard let body = request.body.data, body.readableBytes > 0 else {
            throw AppError(.mailRefused, "Send the raw message (RFC 5322) as the request body.")
        }
        let outcome = try await MailIntake.receive(Array(body.readableBytesView), accountID: caller.accountID,
                                                   envelopeRecipient: nil, context: .init(settings: request.application.lantern),
                                                   on: request.db)
        switch outcome {
        case .stored(let mail): return try created(try InboundMailDTO(mail, duplicate: false))
        case .duplicate(let mail): return try ok(try InboundMailDTO(mail, duplicate: true))
        case .ignored(let reason): return try ok(IgnoredDTO(ignored: true, reason: "Nothing was created: the message is \(reason)."))
        }
    }

    /// The original bytes, as `message/rfc822`, to download (never rendered by the browser).
    @Sendable
    func original(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let id = try request.id(notFound: AppError(.mailNotFound, "There is no such received message."))
        let mail = try await MailIntake.original(id, accountID: caller.accountID, on: request.db)
        return Response.originalMail(mail)
    }

    /// The answer for automatic mail (bounces, auto-replies) and mail from Lantern itself.
    struct IgnoredDTO: Content {
        let ignored: Bool
        let reason: String
    }
}

extension Response {
    /// A received message as it arrived, as a download (`message/rfc822`, `nosniff`).
    static func originalMail(_ mail: InboundMail) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "message/rfc822")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"message-\(mail.id ?? 0).eml\"")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: mail.raw))
    }
}
