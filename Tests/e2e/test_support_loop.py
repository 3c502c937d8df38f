"""The support loop in real headless Chromium: a signed-in customer sends a ticket from the widget, an agent answers
it in /agent, the customer reads the answer in the widget's "Your tickets" and replies there, reads the thread in
/support and replies again, and the agent sees the ticket open again with both replies. A private note never shows
to the customer. Screenshots of each step go to artifacts/e2e/loop-*.png."""
import re
import time

from selenium.webdriver.common.by import By

from test_portals import Portal
from test_widget import Widget, hook

CUSTOMER = "camille@example.com"  # her profile language is French: the widget speaks it


def test_agent_answers_and_the_customer_follows_in_the_widget_and_support(driver, lantern, host):
    widget, portal = Widget(driver), Portal(driver, lantern)
    subject = f"Export stuck at 99 % {time.time():.0f}"
    note = f"Internal: check the export queue {time.time():.0f}"
    answer = "Please retry the export now: the queue is clear."

    # The customer asks through the widget's contact form, signed in.
    widget.load(host.url())
    widget.sign_in(CUSTOMER)
    widget.js("Lantern('prefill', 'ticketForm', {subject: arguments[0]}); Lantern('open', 'ticketForm');", subject)
    widget.enter()
    widget.wait(lambda d: d.find_element(*hook("ticket-description"))).send_keys("The CSV export never finishes.")
    widget.d.find_element(*hook("ticket-submit")).click()
    widget.wait(lambda d: d.find_element(*hook("ticket-done")))

    # The agent finds it (open, unassigned), adds a private note, and answers.
    portal.sign_in_agent()
    portal.go("/agent/tickets?status=2")
    driver.find_element(By.LINK_TEXT, subject).click()
    portal.wait(lambda d: portal.h1() == subject, "ticket page")
    ticket_id = int(re.search(r"/agent/tickets/(\d+)", driver.current_url).group(1))
    portal.field("f-note-body", note)
    portal.press("Add private note")
    portal.wait(lambda d: portal.flash() != "", "note added")
    portal.field("f-reply-body", answer)
    portal.press("Send reply")
    portal.wait(lambda d: "done=replied" in d.current_url, "reply sent")
    assert "Pending" in driver.find_element(By.CSS_SELECTOR, "main .badge").text
    portal.shot("loop-01-agent-replied")

    # The customer reads the answer in the widget's "Your tickets" and replies there.
    widget.load(host.url())
    widget.sign_in(CUSTOMER)
    widget.open()
    widget.d.find_element(*hook("my-tickets")).click()
    mine = widget.wait(lambda d: [e for e in d.find_elements(*hook("my-ticket")) if subject in e.text])
    assert "En attente" in mine[0].text  # pending
    widget.shot("loop-02-widget-your-tickets")
    mine[0].click()
    thread = widget.wait(lambda d: d.find_element(*hook("ticket-thread")))
    widget.wait(lambda d: answer in d.find_element(*hook("ticket-thread")).text, message="agent's answer in the widget")
    assert note not in thread.text and note not in widget.d.page_source
    widget.shot("loop-03-widget-ticket-thread")
    widget.d.find_element(*hook("ticket-reply")).send_keys("Still stuck after the retry.")
    widget.d.find_element(*hook("ticket-reply-submit")).click()
    widget.wait(lambda d: "Still stuck after the retry." in d.find_element(*hook("ticket-thread")).text, message="reply shown")
    assert widget.d.find_element(*hook("ticket-status")).text == "Ouverte"  # open again
    widget.shot("loop-04-widget-replied")

    # The same thread in /support, without the note; another reply from there.
    portal.support_sign_in(host, CUSTOMER)
    portal.go("/support/tickets")
    driver.find_element(By.LINK_TEXT, subject).click()
    portal.wait(lambda d: portal.h1() == subject, "support ticket page")
    text = driver.find_element(By.CSS_SELECTOR, "main").text
    assert answer in text and "Still stuck after the retry." in text and note not in driver.page_source
    portal.shot("loop-05-support-ticket")
    portal.field("f-reply-body", "Attaching nothing, just bumping.")
    driver.find_element(*hook("ticket-reply-submit")).click()
    portal.wait(lambda d: "done=replied" in d.current_url, "support reply sent")
    portal.shot("loop-06-support-replied")

    # The agent sees the ticket open again, with both replies after the answer.
    portal.go(f"/agent/tickets/{ticket_id}")
    assert driver.find_element(By.CSS_SELECTOR, "main .badge").text == "Open"
    conversation = driver.find_element(By.CSS_SELECTOR, "[aria-labelledby=conversation-heading]").text
    assert conversation.index(answer) < conversation.index("Still stuck after the retry.") < conversation.index("just bumping")
    portal.shot("loop-07-agent-open-again")
    status = lantern.api("GET", f"/tickets/{ticket_id}")["status"]
    assert status == 2
