"""Issue 18 in real headless Chromium: page rules change the panel's first view as the host page's URL changes
(a new page, a hash change, `Lantern('suggest', …)`); the contact form's subject shows matching articles; the
not-helpful reason reaches the agent portal; the agent portal's reports, with their charts (screenshots)."""
import json
import time
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_portals import portal, widget  # noqa: F401 (the fixtures)
from test_widget import hook


@pytest.fixture(autouse=True)
def leave_signed_out(driver, lantern):
    """The browser is shared: the agent signed in here is signed out again for the other files' tests."""
    yield
    driver.switch_to.default_content()
    for path in ("/agent/", "/support/"):  # WebDriver deletes the cookies the page at hand can see (by path)
        driver.get(lantern.base + path)
        driver.delete_all_cookies()


def visible_article(lantern, query):
    """The id and title of the first article an anonymous visitor finds for `query`."""
    status, _, body = lantern.request("GET", f"/widget/v1/widgets/{lantern.widget_id}/articles?query={urllib.parse.quote(query)}", auth=False)
    assert status == 200 and body["articles"], (query, body)
    return body["articles"][0]["id"], body["articles"][0]["title"]


def suggested(widget):
    """The titles of the suggestions on the panel's first view, once settled."""
    widget.wait(lambda d: widget.settled() and d.find_elements(*hook("suggestion")), message="suggestions")
    return [e.text.split("\n")[0] for e in widget.d.find_elements(*hook("suggestion"))]


def heading(widget):
    return widget.d.find_element(*hook("suggestions-title")).text


def test_page_rules_change_the_first_view_as_the_url_changes(widget, host, lantern):
    invoice, invoice_title = visible_article(lantern, "first invoice")
    plan, plan_title = visible_article(lantern, "change plan")
    _, password_title = visible_article(lantern, "change my password")
    lantern.api("PUT", f"/widgets/{lantern.widget_id}/suggestions", {"rules": [
        {"match": "prefix", "pattern": "/lantern.html?section=billing", "articles": [invoice]},
        {"match": "glob", "pattern": "*#plans", "articles": [plan, invoice]},
        {"match": "regex", "pattern": "section=(account|profile)", "search": "pasword"},
    ]})
    try:
        widget.load(host.url(section="billing")).open()
        assert suggested(widget) == [invoice_title]
        assert heading(widget) == "Suggested for this page"
        widget.shot("deflection-01-billing-page-suggestions")

        widget.load(host.url(section="account")).open()
        assert password_title in suggested(widget)
        widget.shot("deflection-02-account-page-suggestions")

        # A single-page app: the hash changes, the open panel follows the rules of the new URL.
        widget.js("location.hash = 'plans'")
        widget.enter()
        widget.wait(lambda d: suggested(widget) == [plan_title, invoice_title], message="rules of the new hash")
        # The page chooses for itself, then goes back to its URL's rules.
        widget.js("Lantern('suggest', {search: 'first invoice'})")
        widget.enter()
        widget.wait(lambda d: suggested(widget)[0] == invoice_title and len(suggested(widget)) >= 1, message="the page's search")
        widget.js("history.pushState({}, '', '/lantern.html?section=nothing'); Lantern('suggest', {url: true})")
        widget.enter()
        widget.wait(lambda d: heading(widget) == "Popular articles", message="no rule: popular articles")
        widget.shot("deflection-03-no-rule-popular")
        # A bad call warns and changes nothing.
        widget.js("Lantern('suggest', {articles: [1, 2, 3, 4, 5, 6]})")
        logs = [e["message"] for e in widget.d.get_log("browser") if "Lantern:" in e["message"]]
        assert any("suggest takes one of" in line for line in logs), logs
    finally:
        lantern.api("PUT", f"/widgets/{lantern.widget_id}/suggestions", {"rules": []})


def test_subject_field_shows_matching_articles(widget, host, lantern):
    _, password_title = visible_article(lantern, "change my password")
    widget.load(host.url())
    widget.js("Lantern('open', 'ticketForm')")
    widget.enter()
    subject = widget.wait(lambda d: d.find_element(*hook("ticket-subject")))
    subject.send_keys("I need to change my password")
    box = widget.wait(lambda d: d.find_element(*hook("form-suggestions")).find_elements(*hook("suggestion")), message="form suggestions")
    titles = [e.text.split("\n")[0] for e in box]
    assert 1 <= len(titles) <= 3 and password_title in titles
    assert "Does one of these answer your question?" in widget.d.find_element(*hook("form-suggestions")).text
    widget.shot("deflection-04-subject-suggestions")
    # Opening one reads the article; Back returns to the form as typed.
    next(e for e in box if e.text.startswith(password_title)).click()
    widget.wait(lambda d: d.find_element(*hook("article-title")).text == password_title)
    widget.d.find_element(By.ID, "back").click()
    widget.wait(lambda d: d.find_element(*hook("ticket-subject")).get_attribute("value") == "I need to change my password")


def test_not_helpful_reason_reaches_the_agent_portal(widget, portal, host, lantern):
    article, title = visible_article(lantern, "two-factor authentication")
    comment = f"The screenshots show the old app ({int(time.time())})"
    widget.load(host.url())
    widget.js(f"Lantern('open', 'article', {{id: {article}}})")
    widget.enter()
    widget.wait(lambda d: d.find_element(*hook("article-title")).text == title)
    widget.d.find_element(*hook("vote-down")).click()
    widget.wait(lambda d: d.find_elements(*hook("feedback-reason")), message="the why form")
    widget.d.find_element(*hook("feedback-submit")).click()
    widget.wait(lambda d: "choose a reason" in d.find_element(By.CSS_SELECTOR, ".why .form-error").text)
    widget.d.find_element(By.CSS_SELECTOR, '[data-lantern="feedback-reason"][value="outdated"]').click()
    widget.d.find_element(*hook("feedback-comment")).send_keys(comment)
    widget.shot("deflection-05-why-not-helpful")
    widget.d.find_element(*hook("feedback-submit")).click()
    widget.wait(lambda d: d.find_elements(*hook("feedback-sent")), message="answer sent")

    portal.sign_in_agent()
    portal.go(f"/agent/kb/articles/{article}/feedback")
    text = portal.d.find_element(By.TAG_NAME, "main").text
    assert "Outdated" in text and comment in text, text
    portal.shot("deflection-06-agent-sees-the-reason")
    answers = lantern.api("GET", f"/solutions/articles/{article}/feedback")
    assert any(a["reason"] == "outdated" and a["comment"] == comment for a in answers)


def test_reports_in_the_agent_portal(widget, portal, host, lantern):
    # A little more traffic, as the widget frame reports it.
    for index in range(12):
        events = [{"type": "search", "query": ["invoice", "refund policy", "quokka"][index % 3], "results": [3, 2, 0][index % 3]},
                  {"type": "suggestion_shown", "source": "popular"}]
        if index % 3 == 0:
            events += [{"type": "result_click", "query": "invoice", "rank": 1 + index % 2, "article_id": visible_article(lantern, "invoice")[0]},
                       {"type": "article_view", "article_id": visible_article(lantern, "invoice")[0]}]
        if index % 4 == 1:
            events += [{"type": "contact_form_opened"}, {"type": "ticket_sent"}]
        visitor = f"e2e-visitor-{index:02d}-{int(time.time())}"
        status, _, body = lantern.request("POST", f"/widget/v1/widgets/{lantern.widget_id}/events",
                                          {"visitor_id": visitor.replace(".", "-"), "events": events}, auth=False)
        assert status == 202, body
    # `lantern serve` writes the queue within a second and rolls today up every 30 seconds: within a minute.
    deadline = time.time() + 75
    while time.time() < deadline:
        report = lantern.api("GET", "/analytics/search")
        if report["searches"] >= 12:
            break
        time.sleep(1)
    assert report["searches"] >= 12 and any(q["query"] == "quokka" for q in report["no_results"]), report
    portal.sign_in_agent()
    for path, name in [("/agent/analytics", "deflection"), ("/agent/analytics/search", "search"),
                       ("/agent/analytics/articles", "articles"), ("/agent/analytics/suggestions", "suggestions")]:
        portal.go(path)
        portal.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "main h1"))
        assert portal.d.find_elements(By.CSS_SELECTOR, "figure.chart svg rect"), name
        portal.shot(f"reports-{name}")
    portal.go("/agent/analytics/search")
    assert "quokka" in portal.d.find_element(By.TAG_NAME, "main").text
