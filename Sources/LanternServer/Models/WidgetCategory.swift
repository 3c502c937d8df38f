import Fluent

/// A category linked to a widget. A widget with no linked categories shows all of the account's categories.
final class WidgetCategory: Model, @unchecked Sendable {
    static let schema = "widget_categories"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "account_id") var accountID: Int
    @Field(key: "widget_id") var widgetID: Int
    @Field(key: "category_id") var categoryID: Int

    init() {}

    init(accountID: Int, widgetID: Int, categoryID: Int) {
        self.accountID = accountID
        self.widgetID = widgetID
        self.categoryID = categoryID
    }
}
