import Fluent
import Vapor

/// `/api/v2/widgets` (admins only): which categories a widget shows, its contact form and where it may be embedded.
struct WidgetAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let widgets = routes.grouped("widgets")
        widgets.post(use: create)
        widgets.get(use: list)
        widgets.get(":id", use: show)
        widgets.put(":id", use: update)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(WidgetInput.self)
        let (widget, categoryIDs) = try await WidgetService.create(accountID: caller.accountID, input,
                                                                   languages: account.supportedLanguages, on: request.db)
        return try created(WidgetDTO(widget, categoryIDs: categoryIDs))
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let page = try PageRequest(from: request)
        let widgets = try await WidgetService.list(accountID: caller.accountID, page: page, on: request.db)
        let categories = try await WidgetService.categoryIDs(of: widgets.items.compactMap(\.id), on: request.db)
        return try widgets.map { try WidgetDTO($0, categoryIDs: categories[$0.requireID()] ?? []) }
            .response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let widget = try await widget(request)
        return try ok(WidgetDTO(widget, categoryIDs: try await storedCategoryIDs(of: widget, on: request.db)))
    }

    /// Changes what is given: `contact_form` may name only one of its settings, `category_ids` replaces the list,
    /// `default_language: null` falls back to the account's default language.
    @Sendable
    func update(request: Request) async throws -> Response {
        let caller = try request.apiCaller
        let widget = try await widget(request)
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(WidgetInput.self)
        try await WidgetService.update(widget, input, languages: account.supportedLanguages, on: request.db)
        return try ok(WidgetDTO(widget, categoryIDs: try await storedCategoryIDs(of: widget, on: request.db)))
    }

    private func widget(_ request: Request) async throws -> Widget {
        let caller = try request.apiCaller
        guard let widget = try await WidgetService.find(try request.id(notFound: .widgetNotFound),
                                                        accountID: caller.accountID, on: request.db)
        else { throw AppError.widgetNotFound }
        return widget
    }

    private func storedCategoryIDs(of widget: Widget, on db: any Database) async throws -> [Int] {
        let widgetID = try widget.requireID()
        return try await WidgetService.categoryIDs(of: [widgetID], on: db)[widgetID] ?? []
    }
}
