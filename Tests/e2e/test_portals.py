"""The agent portal and the customer portal in real headless Chromium, together with the widget: an agent builds
a companies-only folder and article in /agent and only the right customer sees it in the widget; resetting the
shared secret in /agent ends the signed-in widget session; a customer's language chosen in /support is the one
the widget uses; the agent sees that customer's vote by name; the core tasks (sign in, write and publish an article,
find it in /support, sign out) work with JavaScript switched off. Screenshots of each page go to artifacts/e2e/."""
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS, start_chromium
from test_widget import Widget, hook

AGENT_EMAIL, AGENT_PASSWORD = "admin@brightbill.example", "lantern-demo"
CATEGORY = "Administration"
FOLDER = "Globex quokka runbooks"
TITLE = "Globex quarterly quokka checklist"
BODY = "<p>Only for Globex: the <strong>quokka</strong> checklist.</p><script>alert('x')</script>"
RIGHT, WRONG = "bruno@globex.example", "alice@acme.example"
WAIT = 10


class Portal:
    """Drives /agent and /support in the shared browser."""

    def __init__(self, driver, lantern):
        self.d, self.base, self.lantern = driver, lantern.base, lantern

    def wait(self, condition, message="", timeout=WAIT):
        return WebDriverWait(self.d, timeout, poll_frequency=0.05,
                             ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)).until(condition, message)

    def shot(self, name):
        self.d.save_screenshot(str(ARTIFACTS / f"portal-{name}.png"))

    def go(self, path):
        self.d.switch_to.default_content()
        self.d.get(self.base + path)

    def h1(self):
        return self.d.find_element(By.TAG_NAME, "h1").text

    def field(self, field_id, text):
        element = self.d.find_element(By.ID, field_id)
        if not element.is_displayed() and element.get_attribute("data-editor") is not None:
            # The article editor hides its textarea: its HTML source view shows it again.
            element.find_element(By.XPATH, "ancestor::div[@class='editor']//button[@data-command='source']").click()
        element.clear()
        element.send_keys(text)

    def press(self, text):
        self.d.find_element(By.XPATH, f'//button[normalize-space()="{text}"]').click()

    def flash(self):
        # Read in one script call: a flash replaced between finding it and reading its text made Chromium answer
        # "Node with given id does not belong to the document", which the waits do not take as a stale element.
        return self.d.execute_script(
            "const flash = document.querySelector('.flash'); return flash ? flash.innerText.trim() : '';")

    def click_for_flash(self, element, expected, message):
        """Clicks `element` and waits for the page it leads to to show `expected` as its flash. The flash already shown
        is removed first: a page that shows the same message from an earlier save would otherwise pass the wait at once."""
        self.d.execute_script("document.querySelectorAll('.flash').forEach(flash => flash.remove());")
        element.click()
        self.wait(lambda d: self.flash() == expected, message)

    def sign_in_agent(self):
        self.go("/agent/login")
        if "/agent/login" not in self.d.current_url:
            return  # still signed in from an earlier test
        self.field("f-email", AGENT_EMAIL)
        self.field("f-password", AGENT_PASSWORD)
        self.press("Sign in")
        self.wait(lambda d: "/agent/kb" in d.current_url, "agent signed in")

    def support_sign_in(self, host, email):
        """As the customer's site does: mint a token on its server, send the browser to /support/login/jwt."""
        with urllib.request.urlopen(f"{host.base}/token?email={urllib.parse.quote(email)}&ttl=3600", timeout=10) as r:
            token = json.loads(r.read())["token"]
        self.go("/support/login/jwt?token=" + urllib.parse.quote(token) + "&redirect_to=/support/profile")
        self.wait(lambda d: d.current_url.endswith("/support/profile"), "signed in to /support")


@pytest.fixture
def widget(driver):
    return Widget(driver)


@pytest.fixture
def portal(driver, lantern):
    return Portal(driver, lantern)


@pytest.fixture(scope="module")
def article(browser, lantern):
    """The agent signs in and, through the portal's forms only, creates a folder for Globex with one article."""
    portal = Portal(browser, lantern)
    browser.set_window_size(1280, 900)
    portal.go("/agent/login")
    portal.shot("01-agent-login")
    assert portal.h1() == "Sign in"
    portal.sign_in_agent()
    assert portal.h1() == "Knowledge base"
    portal.shot("02-agent-knowledge-base")

    browser.find_element(By.LINK_TEXT, CATEGORY).click()
    portal.wait(lambda d: portal.h1() == f"Category: {CATEGORY}")
    portal.field("folder-name", FOLDER)
    portal.field("folder-description", "Runbooks for the Globex finance team.")
    browser.find_element(By.CSS_SELECTOR, "label[for=vis-4]").click()
    browser.find_element(By.XPATH, '//label[normalize-space()="Globex"]').click()
    portal.shot("03-agent-new-folder")
    portal.press("Create folder")
    portal.wait(lambda d: portal.h1() == f"Folder: {FOLDER}", "folder page")
    assert "Selected companies" in browser.find_element(By.CSS_SELECTOR, "main").text
    portal.shot("04-agent-folder")

    browser.find_element(By.LINK_TEXT, "New article").click()
    portal.wait(lambda d: portal.h1() == "New article")
    portal.field("new-title", TITLE)
    portal.field("new-body", BODY)
    portal.press("Preview")
    preview = portal.wait(lambda d: d.find_element(By.CSS_SELECTOR, ".article-body"))
    assert preview.find_element(By.TAG_NAME, "strong").text == "quokka"
    assert not preview.find_elements(By.TAG_NAME, "script")
    portal.shot("05-agent-article-preview")
    portal.press("Publish")
    portal.wait(lambda d: "/agent/kb/articles/" in d.current_url, "article saved")
    assert portal.flash() == "Saved and published."
    portal.shot("06-agent-article-side-by-side")
    article_id = int(re.search(r"/agent/kb/articles/(\d+)", browser.current_url).group(1))
    # What was saved went through the sanitiser.
    assert "<script" not in browser.find_element(By.ID, "pr-body").get_attribute("value")
    return article_id


def test_companies_only_folder_shows_to_the_right_customer_only(article, widget, host, portal):
    widget.load(host.url())
    widget.sign_in(RIGHT)
    widget.open()
    widget.wait(lambda d: TITLE in widget.search("quokka"), message="Globex customer sees the article")
    widget.shot("portal-07-widget-right-customer")

    widget.load(host.url())
    widget.sign_in(WRONG)
    widget.open()
    widget.wait(lambda d: "Alice" in d.find_element(By.ID, "footer").text, message="Acme customer signed in")
    assert widget.search("quokka") == []
    widget.shot("portal-08-widget-wrong-customer")

    widget.load(host.url()).open()
    assert widget.search("quokka") == []


def test_customer_language_from_support_profile_is_used_by_the_widget(article, widget, host, portal):
    portal.support_sign_in(host, RIGHT)
    assert portal.h1() == "My profile"
    assert "Bruno Keller" in portal.d.find_element(By.CSS_SELECTOR, "header").text
    portal.shot("09-support-profile")
    try:
        portal.d.find_element(By.CSS_SELECTOR, "#f-language option[value=fr]").click()
        portal.press("Save")
        portal.wait(lambda d: portal.flash() == "Your preferences are saved.")
        assert portal.d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
        portal.shot("10-support-profile-saved")
        portal.go("/support/search?term=" + urllib.parse.quote("mot de passe"))
        assert "Comment changer mon mot de passe ?" in portal.d.find_element(By.TAG_NAME, "main").text
        portal.shot("11-support-search")

        widget.load(host.url())
        widget.sign_in(RIGHT)
        widget.open()
        widget.wait(lambda d: d.find_element(*hook("search-input")).get_attribute("placeholder") == "Rechercher une réponse",
                    message="the widget speaks French for this customer")
        assert "Comment changer mon mot de passe ?" in widget.search("mot de passe")
        widget.shot("portal-12-widget-follows-language")
    finally:
        # Leave the demo customer as the other browser tests expect them.
        portal.go("/support/profile")
        portal.d.find_element(By.CSS_SELECTOR, "#f-language option[value='']").click()
        portal.press("Save")
        portal.go("/support/profile")
        portal.press("Sign out")


def test_agent_sees_the_customers_vote_by_name(article, widget, host, portal):
    widget.load(host.url())
    widget.sign_in(RIGHT)
    widget.open()
    widget.wait(lambda d: TITLE in widget.search("quokka"))
    widget.d.find_element(*hook("result")).click()
    widget.wait(lambda d: d.find_element(*hook("article-title")).text == TITLE)
    widget.d.find_element(*hook("vote-down")).click()
    widget.wait(lambda d: d.find_element(*hook("vote-down")).get_attribute("aria-pressed") == "true")

    portal.sign_in_agent()
    portal.go(f"/agent/kb/articles/{article}/feedback")
    table = portal.d.find_element(By.CSS_SELECTOR, "table").text
    assert "Bruno Keller" in table and "bruno@globex.example" in table and "Not helpful" in table
    portal.shot("13-agent-feedback-by-name")
    portal.go("/agent/feedback")
    assert TITLE in portal.d.find_element(By.TAG_NAME, "main").text
    portal.shot("14-agent-least-helpful")


def test_secret_reset_in_the_agent_portal_ends_the_signed_in_widget_session(article, widget, host, portal):
    widget.load(host.url())
    widget.sign_in(RIGHT, callback=False)
    widget.open()
    widget.wait(lambda d: TITLE in widget.search("quokka"), message="signed in")
    widget_tab = widget.d.current_window_handle

    widget.d.switch_to.new_window("tab")
    portal.sign_in_agent()
    portal.go("/agent/security/widget")
    secret = portal.d.find_element(By.ID, "shared-secret")
    assert not secret.is_displayed()
    portal.d.find_element(By.CSS_SELECTOR, "#secret-details summary").click()
    assert secret.is_displayed() and len(secret.text) >= 32
    portal.shot("15-agent-secret-revealed")
    portal.d.find_element(By.LINK_TEXT, "Reset shared secret…").click()
    warning = portal.d.find_element(By.CSS_SELECTOR, ".warning").text
    assert "Every signed-in customer will be signed out" in warning
    portal.shot("16-agent-reset-confirmation")
    portal.press("Reset shared secret")
    portal.wait(lambda d: "signed out" in portal.flash())
    portal.shot("17-agent-secret-reset")
    portal.d.close()

    widget.d.switch_to.window(widget_tab)
    widget.enter()
    widget.wait(lambda d: widget.search("quokka") == [], message="the widget session ended with the reset")
    assert "Bruno" not in widget.d.find_element(By.ID, "footer").text
    widget.shot("portal-18-widget-after-reset")


def test_portal_pages_at_phone_width(article, portal, host):
    portal.d.set_window_size(375, 800)
    portal.sign_in_agent()
    for name, path in [("19-phone-agent-article", f"/agent/kb/articles/{article}"), ("20-phone-agent-widgets", f"/agent/widgets/{portal.lantern.widget_id}"),
                       ("21-phone-agent-contacts", "/agent/contacts"), ("22-phone-agent-tickets", "/agent/tickets")]:
        portal.go(path)
        assert portal.d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), path
        portal.shot(name)
    portal.go("/support")
    assert portal.d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
    portal.shot("23-phone-support-home")


def send_ticket(lantern, subject, attachment=("jam-log.txt", b"paper jam at tray 2\n")):
    """A visitor's ticket through the widget's contact form endpoint, as multipart with one attachment."""
    boundary = uuid.uuid4().hex
    fields = {"name": "Visitor Vera", "email": "vera@example.org", "subject": subject,
              "description": "The printer jams on every invoice."}
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="attachments[]"; filename="{attachment[0]}"\r\n'
                 f'Content-Type: text/plain\r\n\r\n'.encode() + attachment[1] + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    req = urllib.request.Request(f"{lantern.base}/widget/v1/widgets/{lantern.widget_id}/tickets", data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            status, data = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, data = e.code, e.read()
    assert status == 201, (status, data)
    return json.loads(data)["id"]


def test_screenshots_of_the_remaining_agent_pages(portal, lantern):
    """Pages the other tests do not photograph, each opened as an admin agent and checked for its key content."""
    portal.sign_in_agent()
    main = lambda: portal.d.find_element(By.TAG_NAME, "main").text  # noqa: E731

    # Ticket detail, with its attachment.
    subject = f"Printer jams {time.time():.0f}"
    send_ticket(lantern, subject)
    portal.go("/agent/tickets?email=" + urllib.parse.quote("vera@example.org"))
    portal.d.find_element(By.LINK_TEXT, subject).click()
    portal.wait(lambda d: portal.h1() == subject, "ticket detail")
    assert "Visitor Vera" in main() and "vera@example.org" in main() and "Not verified" in main()
    assert "The printer jams on every invoice." in portal.d.find_element(By.CSS_SELECTOR, "#description .entry-body").text
    attachment = portal.d.find_element(By.LINK_TEXT, "jam-log.txt")
    assert re.search(r"/agent/tickets/\d+/attachments/0$", attachment.get_attribute("href"))
    portal.shot("24-agent-ticket-detail")

    # Widgets list.
    portal.go("/agent/widgets")
    assert portal.h1() == "Widgets"
    assert portal.d.find_element(By.CSS_SELECTOR, f'a[href="/agent/widgets/{lantern.widget_id}"]').text == "Brightbill help"
    assert portal.d.find_element(By.XPATH, '//button[normalize-space()="Create widget"]')
    portal.shot("25-agent-widgets")

    # Contact detail: found through the contacts search.
    portal.go("/agent/contacts?q=bruno")
    portal.d.find_element(By.LINK_TEXT, "Bruno Keller").click()
    portal.wait(lambda d: portal.h1() == "Contact: Bruno Keller", "contact detail")
    assert portal.d.find_element(By.ID, "f-email").get_attribute("value") == "bruno@globex.example"
    globex = portal.d.find_element(By.XPATH, '//label[normalize-space()="Globex"]/preceding-sibling::input')
    acme = portal.d.find_element(By.XPATH, '//label[normalize-space()="Acme Corporation"]/preceding-sibling::input')
    assert globex.is_selected() and not acme.is_selected()
    portal.shot("26-agent-contact")

    # Companies list and one company.
    portal.go("/agent/companies")
    assert portal.h1() == "Companies"
    rows = [r.text for r in portal.d.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert any(r.startswith("Acme Corporation") for r in rows) and any(r.startswith("Globex") for r in rows), rows
    assert portal.d.find_element(By.XPATH, '//button[normalize-space()="Create company"]')
    portal.shot("27-agent-companies")
    portal.d.find_element(By.LINK_TEXT, "Globex").click()
    portal.wait(lambda d: portal.h1() == "Company: Globex", "company detail")
    assert "globex.example" in portal.d.find_element(By.ID, "f-domains").get_attribute("value")
    members = portal.d.find_element(By.XPATH, '//section[h2="Contacts"]').text
    assert "Bruno Keller" in members and "Alice Martin" not in members
    portal.shot("28-agent-company")

    # The team (admins only).
    portal.go("/agent/agents")
    assert portal.h1() == "Agents"
    me = portal.d.find_element(By.XPATH, f'//tbody/tr[td[2]="{AGENT_EMAIL}"]').text
    assert "(you)" in me and "Admin" in me
    assert portal.d.find_element(By.XPATH, '//button[normalize-space()="Add agent"]')
    portal.shot("29-agent-agents")

    # My API key: create one (shown once), photograph it, revoke it again.
    portal.go("/agent/api-key")
    assert portal.h1() == "My API key"
    key_name = f"Screenshot key {uuid.uuid4().hex[:6]}"
    portal.field("f-name", key_name)
    portal.press("Create API key")
    new_key = portal.wait(lambda d: d.find_element(By.ID, "new-api-key"), "new key shown")
    assert new_key.text.startswith("lantern_")
    assert "will not be shown again" in portal.d.find_element(By.CSS_SELECTOR, ".warning").text
    assert key_name in portal.d.find_element(By.CSS_SELECTOR, "table").text
    portal.shot("30-agent-api-key")
    portal.d.find_element(By.CSS_SELECTOR, f'button[aria-label="Revoke {key_name}"]').click()
    portal.wait(lambda d: portal.flash() == "API key revoked.")
    assert key_name not in main()


def test_screenshots_of_the_support_folder_article_and_rejected_sign_in(portal, lantern):
    """/support as an anonymous visitor: a public folder, one of its articles, and the 401 page of a bad SSO token."""
    portal.go("/support")
    link = portal.d.find_element(By.CSS_SELECTOR, 'main a[href^="/support/solutions/folders/"]')
    folder_name = link.text
    link.click()
    portal.wait(lambda d: portal.h1() == folder_name, "support folder page")
    articles = portal.d.find_elements(By.CSS_SELECTOR, 'main a[href^="/support/solutions/articles/"]')
    assert articles, "the folder lists its articles"
    portal.shot("31-support-folder")

    title = articles[0].text
    articles[0].click()
    portal.wait(lambda d: portal.h1() == title, "support article page")
    assert portal.d.find_element(By.CSS_SELECTOR, "article .article-body").text.strip()
    assert portal.d.find_element(By.ID, "vote-h").text == "Was this article helpful?"
    assert portal.d.find_element(By.CSS_SELECTOR, 'button[name=helpful][value=yes]')
    portal.shot("32-support-article")

    status, _, _ = lantern.request("GET", "/support/login/jwt?token=garbage", auth=False)
    assert status == 401
    portal.go("/support/login/jwt?token=garbage")
    assert portal.h1() == "Sign-in failed"
    reason = portal.d.find_element(By.XPATH, '//main//p[starts-with(normalize-space(), "Reason:")]').text
    assert "malformed_token" in reason and "three dot-separated segments" in reason
    assert portal.d.find_element(By.LINK_TEXT, "Continue to the help center without signing in")
    portal.shot("33-support-sso-rejected")


@pytest.fixture(scope="module")
def nojs_browser():
    """A second headless Chromium with JavaScript switched off by content setting (its own cookies too)."""
    driver = start_chromium({"profile.managed_default_content_settings.javascript": 2})
    yield driver
    driver.quit()


PROBE = ('<p id="probe">scripts did not run</p>'
         '<script>document.getElementById("probe").textContent = "scripts ran";</script>')


def test_core_tasks_work_without_javascript(nojs_browser, browser, lantern, host):
    """Agent signs in, creates a category, a public folder and an article, previews and publishes it; an anonymous
    customer finds it with /support/search and opens it; the agent signs out — all with scripts switched off."""
    # JavaScript really is off: a page script that rewrites a paragraph runs in the normal browser, not in this one.
    browser.get(host.url(extra=PROBE))
    assert browser.find_element(By.ID, "probe").text == "scripts ran"
    nojs_browser.get(host.url(extra=PROBE))
    assert nojs_browser.find_element(By.ID, "probe").text == "scripts did not run"
    assert not nojs_browser.find_elements(By.TAG_NAME, "iframe"), "the widget loader must not have run"

    portal = Portal(nojs_browser, lantern)
    word = "nojs" + uuid.uuid4().hex[:8]
    category, folder, title = f"No-script category {word}", f"No-script folder {word}", f"Printing without scripts {word}"

    portal.go("/agent/login")
    assert portal.h1() == "Sign in"
    portal.field("f-email", AGENT_EMAIL)
    portal.field("f-password", AGENT_PASSWORD)
    portal.press("Sign in")
    portal.wait(lambda d: "/agent/kb" in d.current_url, "agent signed in without JavaScript")
    assert portal.h1() == "Knowledge base"

    portal.field("f-name", category)
    portal.field("f-description", "Created with JavaScript switched off.")
    portal.press("Create category")
    portal.wait(lambda d: portal.h1() == f"Category: {category}", "category page")
    assert portal.flash() == "Created."

    portal.field("folder-name", folder)
    portal.d.find_element(By.CSS_SELECTOR, "label[for=vis-1]").click()  # All users
    assert portal.d.find_element(By.ID, "vis-1").is_selected()
    portal.press("Create folder")
    portal.wait(lambda d: portal.h1() == f"Folder: {folder}", "folder page")
    assert "All users" in portal.d.find_element(By.TAG_NAME, "main").text

    portal.d.find_element(By.LINK_TEXT, "New article").click()
    portal.wait(lambda d: portal.h1() == "New article")
    portal.field("new-title", title)
    portal.field("new-body", f"<p>Every <em>{word}</em> invoice prints fine.</p>")
    portal.press("Preview")  # a round trip to the server, not a script
    preview = portal.wait(lambda d: d.find_element(By.CSS_SELECTOR, ".article-body"))
    assert preview.find_element(By.TAG_NAME, "em").text == word
    assert portal.d.find_element(By.ID, "new-title").get_attribute("value") == title
    portal.shot("34-nojs-agent-article-preview")
    portal.press("Publish")
    portal.wait(lambda d: "/agent/kb/articles/" in d.current_url, "article saved")
    assert portal.flash() == "Saved and published."
    assert portal.h1() == title and "Published" in portal.d.find_element(By.TAG_NAME, "main").text
    portal.shot("35-nojs-agent-article-published")

    portal.go("/support/search?term=" + urllib.parse.quote(word))
    assert portal.h1() == "Search results"
    hit = portal.d.find_element(By.LINK_TEXT, title)
    assert "1 article for" in portal.d.find_element(By.TAG_NAME, "main").text
    portal.shot("36-nojs-support-search")
    hit.click()
    portal.wait(lambda d: portal.h1() == title, "article opened from the search")
    assert word in portal.d.find_element(By.CSS_SELECTOR, ".article-body").text

    portal.go("/agent/kb")
    portal.press("Sign out")
    portal.wait(lambda d: "/agent/login" in d.current_url, "signed out")
    assert portal.flash() == "You are signed out."
    portal.go("/agent/kb")
    assert "/agent/login" in portal.d.current_url and portal.h1() == "Sign in"
    portal.shot("37-nojs-agent-signed-out")
