"""Mail through a real Postfix: notifications relayed over STARTTLS + AUTH and read from the Maildir (headers,
threading, language, links), replies fed back through Postfix's pipe transport into `lantern mail receive`, and
exactly-once delivery across a SIGKILL of `lantern serve`."""
import collections
import email.message
import email.utils
import os
import pathlib
import re
import time

from conftest import send_mail, wait_for

REPLY_ADDRESS = r"support\+t{id}\.[a-z2-7]{{16}}@support\.test"


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def new_ticket(lantern, email_address, subject, name="Alice Martin", description="The invoice shows 120 € instead of 100 €."):
    return lantern.api("POST", "/tickets", {"email": email_address, "name": name, "subject": subject, "description": description})


def test_acknowledgement_and_agent_notice_through_starttls_and_auth(lantern, maildir):
    ticket = new_ticket(lantern, "alice@customers.test", "Wrong invoice amount")
    ack = maildir.wait("alice@customers.test", subject_contains=f"[#{ticket['id']}]")[0]
    assert ack["From"] == "Brightbill Support <support@support.test>"
    assert re.fullmatch(REPLY_ADDRESS.format(id=ticket["id"]), ack["Reply-To"].addresses[0].addr_spec)
    assert ack["Subject"] == f"[#{ticket['id']}] Wrong invoice amount"
    assert ack["Auto-Submitted"] == "auto-generated"
    assert re.fullmatch(r"<lantern\.[0-9a-f]{32}@support\.test>", ack["Message-ID"])
    assert ack.get_content_type() == "multipart/alternative"
    plain = ack.get_body(preferencelist=("plain",))
    assert plain.get_content_charset() == "utf-8" and plain["Content-Transfer-Encoding"] == "quoted-printable"
    link = f"{lantern.base}/support/tickets/{ticket['id']}"
    assert link in text_of(ack) and f'href="{link}"' in html_of(ack)
    assert "We have received your request" in text_of(ack)
    # Relayed with TLS and authentication (Postfix writes ESMTPSA), by the throwaway certificate's server.
    assert any("with ESMTPSA" in str(received) for received in ack.get_all("Received"))
    notice = maildir.wait("admin@customers.test", subject_contains=f"[#{ticket['id']}] New ticket")[0]
    assert f"{lantern.base}/agent/tickets/{ticket['id']}" in text_of(notice)
    assert "alice@customers.test" in text_of(notice) and notice["Reply-To"] is None


def test_texts_in_the_contacts_language(lantern, maildir):
    lantern.api("POST", "/contacts", {"name": "Camille Durand", "email": "camille@customers.test", "language": "fr"})
    ticket = new_ticket(lantern, "camille@customers.test", "Facture erronée", name="Camille Durand")
    ack = maildir.wait("camille@customers.test", subject_contains=f"[#{ticket['id']}]")[0]
    assert ack["Subject"] == f"[#{ticket['id']}] Facture erronée"
    assert "Nous avons bien reçu votre demande « Facture erronée »" in text_of(ack)
    assert text_of(ack).startswith("##- Veuillez écrire votre réponse au-dessus de cette ligne -##")


def test_agent_reply_threads_and_the_customers_answer_comes_back_through_the_pipe(lantern, maildir):
    ticket = new_ticket(lantern, "bruno@customers.test", "Cannot export", name="Bruno Keller")
    ack = maildir.wait("bruno@customers.test", subject_contains=f"[#{ticket['id']}]")[0]
    lantern.api("POST", f"/tickets/{ticket['id']}/reply", {"body": "<p>Use <b>Export › CSV</b>, Bruno.</p>"})
    reply = maildir.wait("bruno@customers.test", count=1, subject_contains=f"Re: [#{ticket['id']}]")[0]
    assert reply["In-Reply-To"] == ack["Message-ID"] and ack["Message-ID"] in reply["References"]
    assert reply["Auto-Submitted"] is None
    assert "Use Export › CSV, Bruno." in text_of(reply) and "<b>Export › CSV</b>" in html_of(reply)
    assert f"{lantern.base}/support/tickets/{ticket['id']}" in text_of(reply)

    # Bruno answers from his mail client: to the reply address, quoting the message.
    answer = email.message.EmailMessage()
    answer["From"] = "Bruno Keller <bruno@customers.test>"
    answer["To"] = reply["Reply-To"]
    answer["Subject"] = "Re: " + reply["Subject"]
    answer["Message-ID"] = email.utils.make_msgid(domain="customers.test")
    answer["In-Reply-To"] = reply["Message-ID"]
    answer["References"] = f"{reply['References']} {reply['Message-ID']}"
    quoted = "\n".join("> " + line for line in text_of(reply).splitlines())
    answer.set_content(f"Thanks, that works. Grüße!\n\nOn Mon, 7 Dec 2026 at 10:02, Brightbill Support wrote:\n{quoted}\n")
    send_mail(answer)

    def incoming():
        entries = lantern.api("GET", f"/tickets/{ticket['id']}/conversations")
        return [e for e in entries if e["incoming"]]
    entry = wait_for(incoming, timeout=60, what="the reply on the ticket")[0]
    assert entry["body_text"] == "Thanks, that works. Grüße!" and entry["private"] is False
    assert lantern.api("GET", f"/tickets/{ticket['id']}")["status"] == 2   # reopened
    maildir.wait("admin@customers.test", subject_contains=f"[#{ticket['id']}] New reply")

    # Someone else writing to the same reply address: a private note, marked.
    other = email.message.EmailMessage()
    other["From"] = "Mallory <mallory@customers.test>"
    other["To"] = reply["Reply-To"]
    other["Subject"] = "Re: hello"
    other.set_content("Please send me Bruno's invoices.")
    send_mail(other)

    def notes():
        return [e for e in lantern.api("GET", f"/tickets/{ticket['id']}/conversations") if e["private"]]
    note = wait_for(notes, timeout=60, what="the private note")[0]
    assert note["body_text"].startswith("From another address: Mallory <mallory@customers.test>")


def test_mail_to_the_support_address_opens_a_ticket_and_automatic_mail_opens_none(lantern, maildir):
    new = email.message.EmailMessage()
    new["From"] = "Zoë Faure <zoe@customers.test>"
    new["To"] = "support@support.test"
    new["Subject"] = "Accès impossible"
    new["Message-ID"] = email.utils.make_msgid(domain="customers.test")
    new.set_content("Je ne peux plus me connecter.")
    send_mail(new)
    tickets = wait_for(lambda: lantern.api("GET", "/tickets?email=zoe%40customers.test"), timeout=60, what="the ticket from mail")
    assert len(tickets) == 1
    assert tickets[0]["source"] == 1 and tickets[0]["verified"] is False and tickets[0]["subject"] == "Accès impossible"
    assert tickets[0]["name"] == "Zoë Faure"
    maildir.wait("zoe@customers.test", subject_contains=f"[#{tickets[0]['id']}]")

    away = email.message.EmailMessage()
    away["From"] = "zoe@customers.test"
    away["To"] = "support@support.test"
    away["Subject"] = "Automatic reply: Accès impossible"
    away["Auto-Submitted"] = "auto-replied"
    away.set_content("I am away.")
    send_mail(away)
    bounce = email.message.EmailMessage()
    bounce["From"] = "MAILER-DAEMON@customers.test"
    bounce["To"] = "support@support.test"
    bounce["Subject"] = "Undelivered Mail Returned to Sender"
    bounce.set_content("User unknown.")
    send_mail(bounce)
    time.sleep(5)
    assert len(lantern.api("GET", "/tickets?email=zoe%40customers.test")) == 1
    assert lantern.api("GET", "/tickets?email=mailer-daemon%40customers.test") == []


def test_a_message_lantern_never_takes_is_bounced_by_the_mta_with_the_reason(lantern, maildir):
    raw = (b"From: Dave <dave@customers.test>\r\nTo: support@support.test\r\nSubject: Broken\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\nNo boundary here.\r\n")
    import smtplib
    with smtplib.SMTP("127.0.0.1", int(os.environ["MTA_INBOUND_PORT"]), timeout=20) as smtp:
        smtp.sendmail("dave@customers.test", ["support@support.test"], raw)
    dsn = maildir.wait("dave@customers.test", subject_contains="Undelivered")[0]
    assert "has no boundary parameter" in dsn.as_string()


def test_kill_9_with_messages_in_the_outbox_delivers_each_exactly_once(lantern, maildir):
    count = 40
    # The tickets are made by a server that is not sending, so that none of their messages is on the wire at the
    # kill: a message the MTA has accepted and the database not yet marked sent would go again (the one window no
    # SMTP client closes; docs/operations.md). What is tested: the outbox survives kill -9, and the restart sends each once.
    lantern.stop()
    lantern.start(mail=False)
    ids = [new_ticket(lantern, f"kill{n}@customers.test", f"Kill test {n}")["id"] for n in range(count)]
    assert len(lantern.api("GET", "/mail/outbox?status=pending&per_page=100")) >= 2 * count
    lantern.kill()
    lantern.start()

    def drained():
        pending = lantern.api("GET", "/mail/outbox?status=pending&per_page=100")
        return not pending
    wait_for(drained, timeout=180, interval=1, what="the outbox to drain after the restart")
    wait_for(lambda: all(maildir.to(f"kill{n}@customers.test") for n in range(count)), timeout=60, what="every acknowledgement")
    time.sleep(3)
    for n in range(count):
        assert len(maildir.to(f"kill{n}@customers.test")) == 1, f"kill{n}: {len(maildir.to(f'kill{n}@customers.test'))} copies"
    notices = collections.Counter(str(m["Subject"]).split("]")[0] for m in maildir.to("admin@customers.test", "New ticket: Kill test"))
    assert sorted(notices) == sorted(f"[#{i}" for i in ids) and set(notices.values()) == {1}
    assert lantern.api("GET", "/mail/outbox?status=failed") == []


def test_lantern_mail_test_reports_each_step_through_starttls_and_auth_without_the_password(lantern, maildir):
    import subprocess
    result = subprocess.run([lantern.binary, "mail", "test", "--to", "ops@customers.test"], env=lantern.env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    output = result.stdout
    for step in ("← 220 ", "→ EHLO ", "→ STARTTLS", "TLS established", "→ AUTH PLAIN ****", "← 235 ", "→ MAIL FROM:<support@support.test>",
                 "→ RCPT TO:<ops@customers.test>", "→ DATA", "Sent: the server accepted the message"):
        assert step in output, f"{step!r} missing from:\n{output}"
    assert os.environ["MTA_PASSWORD"] not in output + result.stderr
    message = maildir.wait("ops@customers.test", subject_contains="Lantern test message")[0]
    assert message["Auto-Submitted"] == "auto-generated"
