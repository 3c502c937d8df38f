"""The agent portal and the customer portal in real headless Chromium, together with the widget: an agent builds
a companies-only folder and article in /agent and only the right customer sees it in the widget; resetting the
shared secret in /agent ends the signed-in widget session; a customer's language chosen in /support is the one
the widget uses; the agent sees that customer's vote by name. Screenshots of each page go to artifacts/e2e/."""
import json
import re
import urllib.parse
import urllib.request

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ARTIFACTS
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
        element.clear()
        element.send_keys(text)

    def press(self, text):
        self.d.find_element(By.XPATH, f'//button[normalize-space()="{text}"]').click()

    def flash(self):
        found = self.d.find_elements(By.CSS_SELECTOR, ".flash")
        return found[0].text if found else ""

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
