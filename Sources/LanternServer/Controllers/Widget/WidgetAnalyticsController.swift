import Vapor

/// `POST /widget/v1/widgets/{widget_id}/events`: what the visitor did in the panel, queued for analytics
/// (`AnalyticsRecorder`); answered `202` at once, before anything is written.
struct WidgetAnalyticsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("widget", "v1", "widgets", ":widget_id").grouped(WidgetContextMiddleware.caller)
            .post("events", use: events)
    }

    @Sendable
    func events(request: Request) async throws -> HTTPStatus {
        let context = try request.widgetContext
        let batch = try request.decodeBody(AnalyticsIntake.Batch.self)
        let origin = AnalyticsIntake.Origin(accountID: context.widget.accountID, widgetID: context.widget.id, signedIn: context.signedIn != nil)
        request.application.analytics.record(try AnalyticsIntake.events(batch, from: origin))
        return .accepted
    }
}
