import Foundation
import LanternCore
import Vapor

/// `/support`'s side of analytics: a page that records what the reader did (`Request.recordSupportEvent`) gives
/// the reader a visit id for the day, a random value in a cookie that expires at the next midnight UTC, so the
/// next day's visit cannot be tied to this one. Readers whose pages record nothing get no cookie.
struct SupportVisitMiddleware: AsyncMiddleware {
    static let cookie = "lantern_support_visit"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if let visitorID = request.storage[NewVisitKey.self] {
            let now = Date()
            let secondsLeft = Int(AnalyticsDay(now).adding(1).start.timeIntervalSince(now).rounded(.up))
            response.cookies[Self.cookie] = PortalCookie.make(visitorID, path: "/support", request: request, maxAge: max(1, secondsLeft))
        }
        return response
    }

    struct NewVisitKey: StorageKey { typealias Value = String }
}

extension Request {
    /// Queues an analytics event of the `/support` reader (`details` fills in the kind's fields), under their
    /// visit id of the day (made, and set as a cookie, on first use).
    func recordSupportEvent(_ kind: AnalyticsEventKind, _ details: (inout AnalyticsEvent) -> Void = { _ in }) {
        let recorder = application.analytics
        guard recorder.enabled, let context = try? supportContext, let widgetID = context.widget.id else { return }
        var visitorID = storage[SupportVisitMiddleware.NewVisitKey.self]
            ?? (try? VoteService.visitorID(cookies[SupportVisitMiddleware.cookie]?.string)) ?? nil
        if visitorID == nil {
            let fresh = VoteService.newVisitorID()
            storage[SupportVisitMiddleware.NewVisitKey.self] = fresh
            visitorID = fresh
        }
        var event = AnalyticsEvent(accountID: context.widget.accountID, widgetID: widgetID, occurredAt: Date(),
                                   visit: AnalyticsVisit.key(visitorID!), signedIn: context.customer != nil, kind: kind)
        details(&event)
        recorder.record(event)
    }
}
