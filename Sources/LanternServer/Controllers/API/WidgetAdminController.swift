import Fluent
import LanternCore
import Vapor

/// `/api/v2/widgets` (admins only): which categories a widget shows, its contact form and where it may be embedded.
struct WidgetAdminController: RouteCollection {
    static let maximumAllowedOrigins = 50

    func boot(routes: any RoutesBuilder) throws {
        let widgets = routes.grouped("widgets")
        widgets.post(use: create)
        widgets.get(use: list)
        widgets.get(":id", use: show)
        widgets.put(":id", use: update)
    }

    @Sendable
    func create(request: Request) async throws -> Response {
        let caller = try request.requireAdmin()
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(WidgetInput.self)
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: true)
        let language = errors.nullableLanguage(input.default_language, "default_language", supported: account.supportedLanguages)
        let categoryIDs = try await errors.ownedIDs(input.category_ids, of: SolutionCategory.self, "category_ids", accountID: caller.accountID, on: request.db) ?? []
        let origins = Self.allowedOrigins(input.allowed_origins, &errors) ?? []
        try errors.throwIfAny()
        let widget = Widget(accountID: caller.accountID, name: name!, defaultLanguage: language ?? nil,
                            contactFormEnabled: input.contact_form?.enabled ?? true,
                            contactFormLoggedInOnly: input.contact_form?.logged_in_only ?? false,
                            allowedOrigins: origins)
        try await request.db.writeTransaction { db in
            try await widget.create(on: db)
            try await Self.replaceCategories(of: widget, with: categoryIDs, on: db)
        }
        return try created(WidgetDTO(widget, categoryIDs: categoryIDs))
    }

    @Sendable
    func list(request: Request) async throws -> Response {
        let caller = try request.requireAdmin()
        let page = try PageRequest(from: request)
        let widgets = try await Widget.query(on: request.db).filter(\.$accountID == caller.accountID)
            .sort(\.$id).offset(page.offset).limit(page.perPage + 1).all()
        let categories = try await Self.categoryIDs(of: widgets.compactMap(\.id), on: request.db)
        return try Page(fetched: widgets, request: page)
            .map { try WidgetDTO($0, categoryIDs: categories[$0.requireID()] ?? []) }
            .response(for: request, pageRequest: page)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let widget = try await widget(request)
        let widgetID = try widget.requireID()
        return try ok(WidgetDTO(widget, categoryIDs: try await Self.categoryIDs(of: [widgetID], on: request.db)[widgetID] ?? []))
    }

    /// Changes what is given: `contact_form` may name only one of its settings, `category_ids` replaces the list,
    /// `default_language: null` falls back to the account's default language.
    @Sendable
    func update(request: Request) async throws -> Response {
        let caller = try request.requireAdmin()
        let widget = try await widget(request)
        let account = try await request.account(of: caller)
        let input = try request.decodeBody(WidgetInput.self)
        var errors = FieldErrors()
        let name = errors.text(input.name, "name", required: false)
        let language = errors.nullableLanguage(input.default_language, "default_language", supported: account.supportedLanguages)
        let categoryIDs = try await errors.ownedIDs(input.category_ids, of: SolutionCategory.self, "category_ids", accountID: caller.accountID, on: request.db)
        let origins = Self.allowedOrigins(input.allowed_origins, &errors)
        try errors.throwIfAny()
        if let name { widget.name = name }
        if let language { widget.defaultLanguage = language }
        if let enabled = input.contact_form?.enabled { widget.contactFormEnabled = enabled }
        if let loggedInOnly = input.contact_form?.logged_in_only { widget.contactFormLoggedInOnly = loggedInOnly }
        if let origins { widget.allowedOrigins = origins }
        let newCategoryIDs = categoryIDs
        try await request.db.writeTransaction { db in
            try await widget.save(on: db)
            if let newCategoryIDs { try await Self.replaceCategories(of: widget, with: newCategoryIDs, on: db) }
        }
        let widgetID = try widget.requireID()
        let stored = try await Self.categoryIDs(of: [widgetID], on: request.db)[widgetID] ?? []
        return try ok(WidgetDTO(widget, categoryIDs: stored))
    }

    private func widget(_ request: Request) async throws -> Widget {
        let caller = try request.requireAdmin()
        guard let widget = try await Widget.find(try request.id(notFound: .widgetNotFound),
                                                 inAccount: caller.accountID, on: request.db)
        else { throw APIError.widgetNotFound }
        return widget
    }


    /// Normalised origin patterns (see `EmbedOrigin`), de-duplicated, at most 50; `nil` when absent or invalid.
    static func allowedOrigins(_ raw: [String]?, _ errors: inout FieldErrors) -> [String]? {
        guard let raw else { return nil }
        var origins: [String] = []
        for entry in raw {
            guard let origin = EmbedOrigin(entry) else {
                errors.add("allowed_origins", "contains \"\(entry)\", which is not an origin such as https://help.example.com, "
                           + "https://*.example.com or http://localhost:* (scheme://host[:port], no path)")
                return nil
            }
            if !origins.contains(origin.description) { origins.append(origin.description) }
        }
        guard origins.count <= maximumAllowedOrigins else {
            errors.add("allowed_origins", "must list at most \(maximumAllowedOrigins) origins")
            return nil
        }
        return origins
    }

    static func replaceCategories(of widget: Widget, with categoryIDs: [Int], on db: any Database) async throws {
        let widgetID = try widget.requireID()
        try await WidgetCategory.query(on: db).filter(\.$widgetID == widgetID).delete()
        for categoryID in categoryIDs {
            try await WidgetCategory(accountID: widget.accountID, widgetID: widgetID, categoryID: categoryID).create(on: db)
        }
    }

    static func categoryIDs(of widgetIDs: [Int], on db: any Database) async throws -> [Int: [Int]] {
        guard !widgetIDs.isEmpty else { return [:] }
        let links = try await WidgetCategory.query(on: db).filter(\.$widgetID ~~ widgetIDs).all()
        return Dictionary(grouping: links, by: \.widgetID).mapValues { $0.map(\.categoryID).sorted() }
    }
}
