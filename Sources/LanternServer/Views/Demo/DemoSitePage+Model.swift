/// `/demo`: the stand-in for a customer's website. It embeds the widget the documented way and signs the demo
/// customers in through `POST /demo/token`, as a customer's own site and server would.
struct DemoSitePage: Sendable {
    /// A demo customer the page can sign in as.
    struct Customer: Sendable {
        let name: String
        let email: String
    }

    let widgetID: Int
    /// Where the visitor reached Lantern (`https://help.example`): the loader comes from there.
    let baseURL: String
    let customers: [Customer]
}
