"""Fixtures for the widget's browser tests.

- `lantern`: `lantern serve --demo` on a free port with a throwaway SQLite database (its admin API key is read
  from the first-start banner).
- `host`: the "customer's website" on another origin: test pages that embed the widget, and a `/token` endpoint
  that mints customers' JWTs with the account's shared secret on the server side, as a real customer's server does.
- `driver`: headless Chromium (Debian's chromium + chromium-driver) through Selenium.
"""
import base64
import contextlib
import hashlib
import hmac
import http.server
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "e2e"
CUSTOMERS = {
    "alice@acme.example": "Alice Martin",
    "bruno@globex.example": "Bruno Keller",
    "camille@example.com": "Camille Durand",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The id the Freshdesk embed page names: the demo widget's `freshdesk_widget_id` (as an importer would set it).
FRESHDESK_WIDGET_ID = 12000000025


class Lantern:
    def __init__(self, base, api_key, widget_id):
        self.base, self.api_key, self.widget_id = base, api_key, widget_id
        self.freshdesk_widget_id = FRESHDESK_WIDGET_ID

    def request(self, method, path, body=None, auth=True, headers=None):
        """(status, headers, parsed JSON or raw bytes)."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        if body is not None:
            req.add_header("Content-Type", "application/json")
        if auth:
            req.add_header("Authorization", "Basic " + base64.b64encode(f"{self.api_key}:X".encode()).decode())
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                status, hdrs, raw = r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            status, hdrs, raw = e.code, e.headers, e.read()
        try:
            return status, hdrs, json.loads(raw) if raw else None
        except ValueError:
            return status, hdrs, raw

    def api(self, method, path, body=None):
        status, _, data = self.request(method, "/api/v2" + path, body)
        assert status < 300, f"{method} {path}: {status} {data}"
        return data

    def update_widget(self, **changes):
        return self.api("PUT", f"/widgets/{self.widget_id}", changes)


@pytest.fixture(scope="session")
def lantern():
    binary = os.environ.get("LANTERN_BIN") or str(ROOT / ".build" / "debug" / "lantern")
    tmp = tempfile.mkdtemp(prefix="lantern-e2e-")
    port = free_port()
    # The widget files under test: LANTERN_PUBLIC_DIR when set (a binary built from another checkout), else this
    # checkout's Public/.
    public = pathlib.Path(os.environ.get("LANTERN_PUBLIC_DIR") or ROOT / "Public")
    env = dict(os.environ, DATABASE_URL=f"sqlite:{tmp}/lantern.sqlite", LANTERN_BCRYPT_COST="4", LOG_LEVEL="warning",
               LANTERN_PUBLIC_DIR=str(public))
    log = open(os.path.join(tmp, "server.log"), "w+")
    server = subprocess.Popen([binary, "serve", "--demo", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        api_key = widget_id = None
        while time.time() < deadline:
            assert server.poll() is None, "lantern exited:\n" + open(log.name).read()
            text = open(log.name).read()
            key = re.search(r"Admin API key: (\S+)", text)
            wid = re.search(r"Widget id:\s+(\d+)", text)
            if key and wid:
                with contextlib.suppress(OSError):
                    urllib.request.urlopen(base + "/healthz", timeout=2).read()
                    api_key, widget_id = key.group(1), int(wid.group(1))
                    break
            time.sleep(0.2)
        assert api_key, "lantern did not start:\n" + open(log.name).read()
        # The server must serve the files under test, not a copy found elsewhere.
        for name in ("loader.js", "widget.js"):
            path = "/widget/v1/loader.js" if name == "loader.js" else "/widget/v1/assets/widget.js"
            with urllib.request.urlopen(base + path, timeout=5) as r:
                assert r.read() == (public / "widget" / name).read_bytes(), f"{path} is not {public}/widget/{name}"
        lantern = Lantern(base, api_key, widget_id)
        lantern.update_widget(freshdesk_widget_id=FRESHDESK_WIDGET_ID)
        yield lantern
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


def mint(secret, name, email, ttl):
    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    now = int(time.time())
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps({"name": name, "email": email, "iat": now, "exp": now + ttl}).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(signature)}", now + ttl


HARNESS = """
<script>
  // The page's own sign-in: its server mints the token; the widget calls `callback` for a fresh one.
  window.harness = { callbacks: [], tokens: [] };
  window.signIn = function (email, ttl, withCallback) {
    return fetch('/token?email=' + encodeURIComponent(email) + '&ttl=' + ttl).then(function (r) { return r.json(); })
      .then(function (t) {
        harness.tokens.push(t);
        var arg = { token: t.token };
        if (withCallback !== false) arg.callback = function () {
          harness.callbacks.push(Date.now() / 1000);
          signIn(email, ttl, true);
        };
        window.%(api)s('authenticate', arg);
        return t;
      });
  };
</script>
"""


def page_html(lantern, kind, locale=None, extra=""):
    loader = f"{lantern.base}/widget/v1/loader.js"
    locale_js = f", locale: {json.dumps(locale)}" if locale else ""
    if kind == "freshdesk":
        # Freshdesk's embed code as is, with its widget id; only the script's host is Lantern's.
        embed = f"""<script>
  window.fwSettings = {{ 'widget_id': {lantern.freshdesk_widget_id}{locale_js.replace('locale', "'locale'")} }};
  !function(){{if("function"!=typeof window.FreshworksWidget){{var n=function(){{n.q.push(arguments)}};n.q=[],window.FreshworksWidget=n}}}}()
</script>
<script type='text/javascript' src='{lantern.base}/widgets/{lantern.freshdesk_widget_id}.js' async defer></script>"""
        api = "FreshworksWidget"
    else:
        embed = f"""<script>
  window.lanternSettings = {{ widgetId: {lantern.widget_id}{locale_js} }};
  !function(){{if("function"!=typeof window.Lantern){{var n=function(){{n.q.push(arguments)}};n.q=[],window.Lantern=n}}}}();
</script>
<script src="{loader}" async defer></script>"""
        api = "Lantern"
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title></head>
<body><h1>A customer's shop</h1><p><a href="#top" id="first-link">Products</a></p>
{embed}{HARNESS % {"api": api}}{extra}</body></html>"""


class Host:
    def __init__(self, base, lantern):
        self.base, self.lantern = base, lantern
        self.origin = base

    def url(self, kind="lantern", **params):
        return f"{self.base}/{kind}.html" + ("?" + urllib.parse.urlencode(params) if params else "")


@pytest.fixture(scope="session")
def host(lantern):
    port = free_port()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send(self, status, body, content_type):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            if url.path == "/token":
                # The customer's server: signs with the account's current shared secret.
                secret = lantern.api("GET", "/settings/widget_security")["shared_secret"]
                email = query["email"]
                token, exp = mint(secret, CUSTOMERS[email], email, int(query.get("ttl", "3600")))
                return self.send(200, json.dumps({"token": token, "exp": exp}), "application/json")
            if url.path in ("/lantern.html", "/freshdesk.html"):
                kind = url.path[1:-5]
                return self.send(200, page_html(lantern, kind, query.get("locale"), query.get("extra", "")), "text/html")
            if url.path == "/framed.html":
                # Frames the widget directly, without the loader: only allowed origins may. `claim` is the page origin
                # the frame is told (the loader tells the truth; a forger may not). The page records what it receives.
                claim = query.get("claim", host_base)
                frame = f"{lantern.base}/widget/v1/widgets/{lantern.widget_id}/frame#origin={urllib.parse.quote(claim, safe='')}"
                return self.send(200, '<!doctype html><script>window.got = [];'
                                 ' addEventListener("message", function (e) { got.push([e.origin, e.data]); });</script>'
                                 f'<iframe id="direct" src="{frame}" width="400" height="500"></iframe>', "text/html")
            self.send(404, "not found", "text/plain")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    host_base = f"http://127.0.0.1:{port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Host(host_base, lantern)
    server.shutdown()


def start_chromium(prefs=None):
    """Headless Chromium (Debian's) through its chromedriver, its console log kept; `prefs` are profile preferences."""
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--disable-extensions"):
        options.add_argument(argument)
    if prefs:
        options.add_experimental_option("prefs", prefs)
    chromium = shutil.which("chromium")
    if chromium:
        options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


@pytest.fixture(scope="session")
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def driver(browser):
    """The shared browser, reset between tests: default size, no page state."""
    browser.set_window_size(1280, 900)
    browser.switch_to.default_content()
    browser.get("about:blank")
    browser.get_log("browser")  # drop earlier tests' console output
    yield browser
    browser.switch_to.default_content()


@pytest.fixture(scope="session", autouse=True)
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
