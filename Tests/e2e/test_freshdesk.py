"""Issue 17: a page embedding Freshdesk's widget, with only the script's host changed (`/widgets/{freshdesk id}.js`,
`fwSettings.widget_id` the Freshdesk id), driving the contact form with Freshdesk's own calls: prefill with priority
and custom fields, hide, disable, hideChoices, clear, and open after hide. The ticket sent carries the hidden
prefilled values and the custom fields."""
import contextlib
import time

import pytest
from selenium.webdriver.common.by import By

from test_widget import hook, warnings, script_errors, widget  # noqa: F401 (the `widget` fixture)

FRESHDESK_CALLS = """<script>
  FreshworksWidget('hide');
  FreshworksWidget('prefill', 'ticketForm', {
    subject: 'Order 1042 arrived broken', description: 'The lid is cracked.', name: 'Fiona Fresh',
    email: 'fiona@example.com', priority: 3, group_id: 7,
    custom_fields: {cf_order_number: 1042, cf_plan: 'Pro'}
  });
  FreshworksWidget('hide', 'ticketForm', ['email', 'custom_fields.cf_order_number']);
  FreshworksWidget('disable', 'ticketForm', ['name']);
  FreshworksWidget('hideChoices', 'ticketForm', {priority: [1, 4]});
</script>"""


@contextlib.contextmanager
def freshdesk_form(lantern):
    """The demo widget lets customers choose the priority, and the account has two custom fields, for the test only."""
    created = [lantern.api("POST", "/ticket_fields", {"label": "Order number", "name": "cf_order_number", "type": "custom_number",
                                                      "required_for_customers": True}),
               lantern.api("POST", "/ticket_fields", {"label": "Plan", "labels": {"fr": "Formule"}, "name": "cf_plan",
                                                      "type": "custom_dropdown", "choices": ["Free", "Pro", "Enterprise"]})]
    lantern.update_widget(contact_form={"priority": True})
    try:
        yield
    finally:
        lantern.update_widget(contact_form={"priority": False})
        for field in created:
            lantern.request("DELETE", f"/api/v2/ticket_fields/{field['id']}")


def visible(driver, name):
    element = driver.find_element(*hook(f"ticket-{name}"))
    return element.is_displayed()


def test_freshdesk_calls_shape_the_form_and_the_ticket_keeps_hidden_values(widget, host, lantern):
    with freshdesk_form(lantern):
        widget.d.get(host.url("freshdesk", extra=FRESHDESK_CALLS))
        widget.wait(lambda d: d.execute_script("return typeof FreshworksWidget === 'function' && !FreshworksWidget.q"), message="loader ready")
        widget.wait(lambda d: d.find_elements(*hook("launcher")))
        assert not widget.launcher().is_displayed(), "hide hides the whole widget"
        # One warning, naming the one thing Lantern cannot apply; the rest of the prefill took effect.
        logged = warnings(widget.d)
        assert len(logged) == 1 and "group_id" in logged[0], logged

        widget.js("FreshworksWidget('open', 'ticketForm')")  # open after hide shows the widget
        widget.wait(lambda d: widget.is_open(), message="open after hide")
        widget.enter()
        widget.wait(lambda d: d.find_element(*hook("ticket-subject")).get_attribute("value") == "Order 1042 arrived broken")
        d = widget.d
        assert not visible(d, "email") and not visible(d, "custom_fields.cf_order_number"), "hidden fields"
        name = d.find_element(*hook("ticket-name"))
        assert name.is_displayed() and name.get_attribute("value") == "Fiona Fresh" and name.get_attribute("readonly") is not None
        priority = d.find_element(*hook("ticket-priority"))
        options = [o.get_attribute("value") for o in priority.find_elements(By.TAG_NAME, "option")]
        assert options == ["", "2", "3"], options  # hideChoices removed low (1) and urgent (4)
        assert priority.get_attribute("value") == "3"
        plan = d.find_element(*hook("ticket-custom_fields.cf_plan"))
        assert plan.get_attribute("value") == "Pro"
        widget.shot("20-freshdesk-form-api")

        # clear empties the form: the hidden, required e-mail shows again, empty, for the visitor to fill in.
        widget.js("FreshworksWidget('clear', 'ticketForm')")
        widget.enter()
        widget.wait(lambda dr: dr.find_element(*hook("ticket-subject")).get_attribute("value") == "")
        assert visible(d, "email") and d.find_element(*hook("ticket-email")).get_attribute("value") == ""
        name = d.find_element(*hook("ticket-name"))
        assert name.get_attribute("value") == "" and name.get_attribute("readonly") is None, "a disabled field with no value is editable"
        widget.shot("21-freshdesk-form-cleared")

        # Prefilled again, the form hides the e-mail and the order number once more; the ticket sent carries them.
        widget.js("""FreshworksWidget('prefill', 'ticketForm', {subject: 'Order 1042 arrived broken', description: 'The lid is cracked.',
                     name: 'Fiona Fresh', email: 'fiona@example.com', priority: 3, custom_fields: {cf_order_number: 1042, cf_plan: 'Pro'}});""")
        widget.enter()
        widget.wait(lambda dr: dr.find_element(*hook("ticket-subject")).get_attribute("value") == "Order 1042 arrived broken")
        assert not visible(d, "email") and not visible(d, "custom_fields.cf_order_number")
        d.find_element(*hook("ticket-submit")).click()
        widget.wait(lambda dr: dr.find_elements(*hook("ticket-done")), message="ticket sent")
        widget.shot("22-freshdesk-ticket-sent")
        assert script_errors(d) == []

    tickets = lantern.api("GET", "/tickets?per_page=50")
    ticket = next(t for t in tickets if t["subject"] == "Order 1042 arrived broken")
    assert ticket["email"] == "fiona@example.com" and ticket["name"] == "Fiona Fresh"
    assert ticket["priority"] == 3
    assert ticket["custom_fields"] == {"cf_order_number": 1042, "cf_plan": "Pro"}


def test_calls_apply_what_they_understand_and_warn_about_each_other_part(widget, host):
    widget.load(host.url("freshdesk"))
    widget.d.get_log("browser")
    widget.js("FreshworksWidget('prefill', 'ticketForm', {subject: 'Kept', colour: 'red', status: 2}, {formId: 3});")
    time.sleep(0.1)
    logged = warnings(widget.d)
    assert len(logged) == 2, logged
    assert any("colour" in line for line in logged) and any("status" in line for line in logged), logged
    widget.js("FreshworksWidget('hide', 'ticketForm', ['subject', 'favourite_colour']); FreshworksWidget('setLabels', {en: {launcher: 'Questions?', footer: 'x'}}, 1);")
    time.sleep(0.1)
    logged = warnings(widget.d)
    assert len(logged) == 3, logged  # the unknown field, the unknown label, the extra argument
    assert widget.launcher().text == "Questions?"
    widget.js("FreshworksWidget('open', 'ticketForm')")
    widget.enter()
    subject = widget.wait(lambda d: d.find_element(*hook("ticket-subject")))
    assert subject.get_attribute("value") == "Kept" and not subject.is_displayed()


@pytest.mark.parametrize("call, word", [
    ("FreshworksWidget('hideChoices', 'ticketForm', {priority: 'low'})", "priority"),
    ("FreshworksWidget('disable', 'ticketForm', [])", "disable"),
    ("FreshworksWidget('clear')", "clear"),
    ("FreshworksWidget('prefill', 'ticketForm', {custom_fields: {order: 1}})", "custom_fields.order"),
])
def test_calls_with_nothing_usable_warn_once(widget, host, call, word):
    widget.load(host.url("freshdesk"))
    widget.d.get_log("browser")
    widget.js(call)
    time.sleep(0.1)
    logged = warnings(widget.d)
    assert len(logged) == 1 and word in logged[0], logged
