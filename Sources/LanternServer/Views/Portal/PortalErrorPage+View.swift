extension PortalErrorPage {
    func render() -> HTML {
        let content: HTML = """
            <h1>\(title)</h1>
            <p>\(message)</p>
            <p><a href="\(startPage)">Back to the start page</a></p>
            """
        return PortalLayout.page(title: title, site: site, content)
    }
}
