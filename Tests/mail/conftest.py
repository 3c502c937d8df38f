"""Fixtures for the mail tests against a real Postfix (started by scripts/mail-test.sh, see scripts/lib/mta.sh).

- `lantern`: `lantern serve` relaying through Postfix's submission port (STARTTLS required, AUTH PLAIN), with an
  account whose admin is admin@customers.test; can be killed with SIGKILL and restarted on the same database.
- `maildir`: reads what Postfix delivered to @customers.test.
"""
import base64
import email
import email.policy
import json
import os
import pathlib
import smtplib
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout=30, interval=0.2, what="a condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class Lantern:
    def __init__(self):
        self.binary = os.environ["LANTERN_BIN"]
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.env = dict(os.environ)
        self.env.update({
            "DATABASE_URL": os.environ["MAIL_TEST_DATABASE"],
            "LANTERN_BCRYPT_COST": "4",
            "LOG_LEVEL": "warning",
            "LANTERN_SMTP_URL": f"smtp://{os.environ['MTA_USER']}:{os.environ['MTA_PASSWORD']}@127.0.0.1:{os.environ['MTA_SUBMISSION_PORT']}",
            "LANTERN_SMTP_CA_FILE": os.environ["MTA_CA_FILE"],
            "LANTERN_MAIL_FROM": os.environ["MAIL_TEST_FROM"],
            "LANTERN_PUBLIC_URL": self.base,
            "LANTERN_PUBLIC_DIR": str(ROOT / "Public"),
            "LANTERN_TICKET_RATE_LIMIT": "off",
        })
        setup = subprocess.run([self.binary, "setup", "--account", "Brightbill Mail", "--admin-email", "admin@customers.test",
                                "--admin-password", "mail-test-pass", "--admin-name", "Ada Admin", "--json"],
                               env=self.env, capture_output=True, text=True, check=True)
        account = json.loads(setup.stdout)
        self.api_key, self.account_id = account["api_key"], account["account_id"]
        self.shared_secret = account["shared_secret"]
        self.log = open(pathlib.Path(os.environ["MAIL_TEST_WORK"]) / "serve.log", "ab")

    def start(self, mail=True):
        """mail=False: without LANTERN_SMTP_URL, so notifications wait in the outbox."""
        env = self.env if mail else {k: v for k, v in self.env.items() if k != "LANTERN_SMTP_URL"}
        self.process = subprocess.Popen([self.binary, "serve", "--port", str(self.port)], env=env,
                                        stdout=self.log, stderr=self.log, cwd=ROOT)
        wait_for(lambda: self._healthy(), timeout=60, what="lantern serve")

    def _healthy(self):
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def kill(self):
        self.process.kill()   # SIGKILL
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def request(self, method, path, body=None, raw=None, content_type="application/json"):
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        req = urllib.request.Request(self.base + "/api/v2" + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", content_type)
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{self.api_key}:X".encode()).decode())
        try:
            with urllib.request.urlopen(req, timeout=20) as r:
                status, payload = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, payload = e.code, e.read()
        try:
            return status, json.loads(payload) if payload else None
        except ValueError:
            return status, payload

    def api(self, method, path, body=None):
        status, data = self.request(method, path, body)
        assert status < 300, f"{method} {path}: {status} {data}"
        return data


class Maildir:
    """What Postfix delivered to any address @customers.test."""

    def __init__(self):
        self.path = pathlib.Path(os.environ["MTA_MAILDIR"])

    def messages(self):
        found = []
        for folder in ("new", "cur"):
            directory = self.path / folder
            if directory.is_dir():
                for file in sorted(directory.iterdir()):
                    found.append(email.message_from_bytes(file.read_bytes(), policy=email.policy.default))
        return found

    def to(self, address, subject_contains=""):
        return [m for m in self.messages() if address in str(m["To"]) and subject_contains in str(m["Subject"])]

    def wait(self, address, count=1, subject_contains="", timeout=60):
        return wait_for(lambda: (lambda found: found if len(found) >= count else None)(self.to(address, subject_contains)),
                        timeout=timeout, what=f"{count} message(s) to {address} ({subject_contains!r})")


def send_mail(message):
    """Hands a message to Postfix's inbound port (what a customer's mail server does)."""
    with smtplib.SMTP("127.0.0.1", int(os.environ["MTA_INBOUND_PORT"]), timeout=20) as smtp:
        smtp.send_message(message)


@pytest.fixture(scope="session")
def lantern():
    server = Lantern()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def maildir():
    return Maildir()
