"""In a browser: an agent replies in the portal, the reply reaches the customer's Maildir through Postfix, and the
link in it opens the ticket in /support for the signed-in customer (headless Chromium, Debian's)."""
import json
import re
import shutil
import subprocess
import urllib.parse

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import wait_for

CUSTOMER = "hana@customers.test"


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    yield driver
    driver.quit()


def test_agent_reply_in_the_portal_reaches_the_inbox_and_its_link_opens_the_ticket_in_support(lantern, maildir, browser):
    ticket = lantern.api("POST", "/tickets", {"email": CUSTOMER, "name": "Hana Sato", "subject": "Where is my refund?",
                                              "description": "I returned the printer last week."})
    wait = WebDriverWait(browser, 20)
    browser.get(lantern.base + "/agent/login")
    browser.find_element(By.ID, "f-email").send_keys("admin@customers.test")
    browser.find_element(By.ID, "f-password").send_keys("mail-test-pass")
    browser.find_element(By.XPATH, "//button[normalize-space()='Sign in']").click()
    wait.until(lambda d: "/agent/kb" in d.current_url)
    browser.get(f"{lantern.base}/agent/tickets/{ticket['id']}")
    browser.find_element(By.ID, "f-reply-body").send_keys("Your refund left our bank today, Hana.")
    browser.find_element(By.XPATH, "//button[normalize-space()='Send reply']").click()
    wait.until(lambda d: "Reply sent." in d.page_source)

    reply = maildir.wait(CUSTOMER, subject_contains=f"Re: [#{ticket['id']}]")[0]
    text = reply.get_body(preferencelist=("plain",)).get_content()
    assert "Your refund left our bank today, Hana." in text
    link = re.search(r"http://127\.0\.0\.1:\d+/support/tickets/\d+", text).group(0)
    assert link == f"{lantern.base}/support/tickets/{ticket['id']}"

    # The customer signs in to /support (their site mints the token) and follows the link.
    token = subprocess.run([lantern.binary, "token", "mint", "--secret", lantern.shared_secret, "--name", "Hana Sato",
                            "--email", CUSTOMER, "--ttl", "600"], capture_output=True, text=True, check=True).stdout.strip()
    path = urllib.parse.urlparse(link).path
    browser.get(f"{lantern.base}/support/login/jwt?token={urllib.parse.quote(token)}&redirect_to={urllib.parse.quote(path)}")
    wait.until(lambda d: d.current_url.endswith(path) or "There is no such page." in d.page_source)
    if "There is no such page." in browser.page_source:
        pytest.skip("/support/tickets/{id} is not on this branch yet (the lead is building it in main)")
    assert "Where is my refund?" in browser.page_source
    assert "Your refund left our bank today, Hana." in browser.page_source
