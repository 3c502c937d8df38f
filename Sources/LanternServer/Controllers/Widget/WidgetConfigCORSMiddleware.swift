import LanternCore
import Vapor

/// Lets the loader, running on a customer's page, read the widget config (`GET /widget/v1/widgets/{widget_id}`)
/// from the origins the widget allows (any origin when it allows all). Registered on the widget's route group; the
/// group's other routes are only called by the frame, from Lantern's own origin, and get no CORS headers.
struct WidgetConfigCORSMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let parts = request.url.path.split(separator: "/", omittingEmptySubsequences: false)
        guard request.method == .GET || request.method == .HEAD, parts.count == 5, parts[0].isEmpty,
              parts[1] == "widget", parts[2] == "v1", parts[3] == "widgets" else {
            return try await next.respond(to: request)
        }
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = JSONErrorMiddleware.response(for: error, request: request)
        }
        response.headers.add(name: .vary, value: "Origin")
        guard let origin = request.headers.first(name: .origin) else { return response }
        if response.status == .ok {
            guard let widgetID = Int(parts[4]), let widget = try? await WidgetRecord.find(widgetID, on: request.db), // or its Freshdesk id
                  EmbedOrigin.allows(origin, patterns: widget.allowedOrigins.compactMap { EmbedOrigin($0) })
            else { return response }
        }
        // Errors (an unknown widget) are readable everywhere, so the loader can say what went wrong.
        response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: response.status == .ok ? origin : "*")
        return response
    }
}
