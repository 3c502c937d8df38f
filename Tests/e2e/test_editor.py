"""The article editor of the agent portal in real headless Chromium: an agent writes an article with the editor
(headings and bold typed as Markdown, a list, a link, a pasted image, a table), publishes it and sees it in the
widget and in /support exactly as written; edits it as a draft while the widget keeps the published text;
publishes; restores an old revision from the history; and a scheduled article appears on time. The paste corpus
(HTML as Word, Google Docs and common sites put it on the clipboard) cleaned by the editor is kept by the server's
sanitiser without a change. Screenshots go to artifacts/e2e/editor-*.png."""
import base64
import datetime
import json
import pathlib
import struct
import time
import urllib.parse
import zlib

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ARTIFACTS
from test_portals import Portal
from test_widget import Widget, hook

CORPUS = pathlib.Path(__file__).resolve().parent / "paste-corpus"
WAIT = 15


def png(width, height):
    """A real PNG of `width` × `height` pixels: a blue and orange gradient."""
    rows = b"".join(b"\x00" + b"".join(bytes((30 + x % 200, 80, 200 - x % 150)) if y < height // 2 else bytes((240, 140 + x % 100, 20))
                                       for x in range(width)) for y in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PASTE_FILE = """
const [b64, name] = arguments;
const area = document.querySelector('[data-lantern=editor]');
const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
const data = new DataTransfer();
data.items.add(new File([bytes], name, {type: 'image/png'}));
area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
"""

PASTE_HTML = """
const [html] = arguments;
const area = document.querySelector('[data-lantern=editor]');
const data = new DataTransfer();
data.setData('text/html', html);
data.setData('text/plain', 'plain');
area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
"""

# The shape of rendered article HTML: each element with the attributes that matter, and the text. The widget adds
# target/rel to links and the pages may serialise entities differently; what was written must be the same.
SHAPE = """
const root = arguments[0].nodeType ? arguments[0] : new DOMParser().parseFromString(arguments[0], 'text/html').body;
return JSON.stringify({
  text: root.textContent.replace(/\\s+/g, ' ').trim(),
  elements: Array.from(root.querySelectorAll('*')).map(e => [e.tagName, e.getAttribute('src') ? e.getAttribute('src').split('?')[0] : null,
    e.getAttribute('href'), e.getAttribute('width'), e.getAttribute('height'), e.getAttribute('class')])
});
"""


class Editor(Portal):
    def area(self):
        return self.d.find_element(By.CSS_SELECTOR, '[data-lantern="editor"]')

    def editor_html(self):
        return self.d.execute_script("return LanternEditor.clean(document.querySelector('[data-lantern=editor]'))")

    def type(self, *keys):
        area = self.area()
        area.send_keys(*keys)

    def end(self):
        """Puts the caret at the end of the editor's content."""
        self.d.execute_script("""
            const area = document.querySelector('[data-lantern=editor]'); area.focus();
            const range = document.createRange(); range.selectNodeContents(area.lastElementChild || area); range.collapse(false);
            const s = getSelection(); s.removeAllRanges(); s.addRange(range);""")

    def tool(self, command):
        self.d.find_element(By.CSS_SELECTOR, f'[data-command="{command}"]').click()

    def shape(self, html_or_element):
        return json.loads(self.d.execute_script(SHAPE, html_or_element))


@pytest.fixture
def editor(driver, lantern):
    """The agent portal, signed in; signed out again afterwards (the browser is shared with the other tests)."""
    page = Editor(driver, lantern)
    page.sign_in_agent()
    yield page
    page.go("/agent/kb")
    if page.d.find_elements(By.XPATH, '//button[normalize-space()="Sign out"]'):
        page.press("Sign out")


@pytest.fixture
def widget(driver):
    return Widget(driver)


def open_result(widget, title):
    widget.d.find_element(By.XPATH, f'//*[@data-lantern="result"][starts-with(normalize-space(), "{title}")]').click()
    return widget.wait(lambda d: d.find_element(*hook("article-body")))


@pytest.fixture(scope="module")
def folder(lantern):
    category = lantern.api("POST", "/solutions/categories", {"name": "Writing with the editor"})
    return lantern.api("POST", f"/solutions/categories/{category['id']}/folders", {"name": "Editor guides", "visibility": 1})["id"]


def test_paste_corpus_is_cleaned_to_exactly_what_the_server_keeps(editor, lantern, folder):
    article = lantern.api("POST", f"/solutions/folders/{folder}/articles", {"title": "Paste corpus", "description": "<p>x</p>"})
    editor.go(f"/agent/kb/articles/{article['id']}")
    editor.wait(lambda d: d.find_element(*hook("editor")))
    checked = 0
    for source in sorted(CORPUS.glob("*.html")):
        html = source.read_text()
        expected = json.loads(source.with_suffix(".json").read_text())
        cleaned = editor.d.execute_script("return LanternEditor.clean(arguments[0])", html)
        assert editor.d.execute_script("return LanternEditor.clean(arguments[0])", cleaned) == cleaned, source.name
        for piece in expected["contains"]:
            assert piece in cleaned, f"{source.name}: {piece!r} not in {cleaned!r}"
        for piece in expected["absent"]:
            assert piece not in cleaned, f"{source.name}: {piece!r} in {cleaned!r}"
        saved = lantern.api("PUT", f"/solutions/articles/{article['id']}", {"description": cleaned})
        assert saved["description"] == cleaned, f"{source.name}: the server changed the editor's HTML"
        checked += 1
    assert checked >= 6

    # Through the real paste handler: what lands in the editor is the cleaned HTML.
    word = (CORPUS / "word-2016.html").read_text()
    editor.area().click()
    editor.d.execute_script("document.querySelector('[data-lantern=editor]').innerHTML = '<p><br></p>'")
    editor.end()
    editor.d.execute_script(PASTE_HTML, word)
    pasted = editor.editor_html()
    assert pasted == editor.d.execute_script("return LanternEditor.clean(arguments[0])", word)
    editor.shot("editor-01-pasted-from-word")

    # A screenshot inside the pasted HTML (as Word and Google Docs put it, a data: URL) is uploaded and inserted.
    screenshot = base64.b64encode(png(40, 30)).decode()
    editor.d.execute_script(PASTE_HTML, f'<p>Like this:</p><p><img src="data:image/png;base64,{screenshot}" alt=""></p>')
    editor.wait(lambda d: '/widget/v1/article-files/' in editor.editor_html(), "embedded image uploaded", WAIT)
    assert 'width="40" height="30" loading="lazy"' in editor.editor_html()
    assert "data:" not in editor.editor_html()


def test_write_publish_draft_restore(editor, lantern, folder, widget, host):
    editor.go(f"/agent/kb/folders/{folder}/articles/new")
    editor.wait(lambda d: d.find_element(*hook("editor")))
    editor.field("new-title", "Setting up the kestrel printer")
    editor.area().click()
    # Markdown-style typing: "## " makes a heading, "**…**" bold, "- " a list.
    editor.type("## Before you start", Keys.ENTER, "Check that the printer is **on** and connected.", Keys.ENTER,
                "- Open Settings", Keys.ENTER, "Choose Printers", Keys.ENTER, Keys.ENTER, "Then print a test page.")
    written = editor.editor_html()
    assert "<h2>Before you start</h2>" in written, written
    assert "<strong>on</strong>" in written, written
    assert "<ul><li>Open Settings</li><li>Choose Printers</li></ul>" in written, written
    editor.shot("editor-02-new-article-typed")
    editor.d.find_element(*hook("editor-publish")).click()
    editor.wait(lambda d: "/agent/kb/articles/" in d.current_url, "article created")
    article_id = int(editor.d.current_url.split("/agent/kb/articles/")[1].split("?")[0])

    # On the article's page: a pasted image (uploaded), a table, a link.
    editor.wait(lambda d: d.find_element(*hook("editor")))
    editor.end()
    editor.area().send_keys(Keys.END, Keys.ENTER)
    editor.d.execute_script(PASTE_FILE, base64.b64encode(png(160, 90)).decode(), "printer.png")
    editor.wait(lambda d: "<img" in editor.editor_html(), "pasted image uploaded and inserted", WAIT)
    editor.end()
    editor.tool("table")
    editor.end()
    editor.type("Still stuck? ")
    editor.tool("link")
    alert = editor.d.switch_to.alert
    alert.send_keys("https://help.example.com/printers")
    alert.accept()
    written = editor.editor_html()
    assert '<img src="/widget/v1/article-files/' in written and 'width="160" height="90" loading="lazy"' in written, written
    assert "<table><thead><tr><th>Heading</th><th>Heading</th></tr></thead><tbody><tr><td>Cell</td>" in written, written
    assert '<a href="https://help.example.com/printers" rel="noopener noreferrer nofollow">' in written, written
    editor.shot("editor-03-image-table-link")
    editor.click_for_flash(editor.d.find_element(*hook("editor-publish")), "Saved and published.", "published")
    stored = lantern.api("GET", f"/solutions/articles/{article_id}")
    assert stored["description"] == written
    assert stored["draft"] is None and stored["status"] == 2
    expected_shape = editor.shape(written)

    # /support shows it exactly as written, image loaded.
    editor.go(f"/support/solutions/articles/{article_id}")
    body = editor.wait(lambda d: d.find_element(By.CSS_SELECTOR, ".article-body"))
    assert editor.shape(body) == expected_shape
    editor.wait(lambda d: d.execute_script("const i = document.querySelector('.article-body img'); return i && i.complete && i.naturalWidth === 160"),
                "image shown in /support")
    editor.shot("editor-04-support-article")

    # The widget shows it exactly as written, image loaded.
    widget.load(host.url()).open()
    assert "Setting up the kestrel printer" in widget.search("kestrel printer")
    body = open_result(widget, "Setting up the kestrel printer")
    assert editor.shape(body) == expected_shape
    widget.wait(lambda d: d.execute_script("const i = document.querySelector('[data-lantern=article-body] img'); return i && i.complete && i.naturalWidth === 160"),
                message="image shown in the widget")
    widget.shot("editor-05-widget-article")

    # A draft: the widget keeps the published text.
    editor.go(f"/agent/kb/articles/{article_id}")
    editor.wait(lambda d: d.find_element(*hook("editor")))
    editor.end()
    editor.area().send_keys(Keys.END, Keys.ENTER, "Draft-only sentence about walruses.")
    editor.click_for_flash(editor.d.find_element(*hook("editor-save")), "Saved as a draft.", "draft saved")
    assert "This is a draft, saved by" in editor.d.find_element(By.TAG_NAME, "main").text
    assert "walruses" in editor.editor_html()
    editor.shot("editor-06-draft-saved")
    read = lantern.request("GET", f"/widget/v1/widgets/{lantern.widget_id}/articles/{article_id}", auth=False)[2]
    assert "walruses" not in read["description"]
    widget.load(host.url()).open()
    widget.search("kestrel printer")
    body = open_result(widget, "Setting up the kestrel printer")
    assert "walruses" not in body.text and "Then print a test page." in body.text
    widget.shot("editor-07-widget-keeps-published-text")

    # Publish: the widget has the new text.
    editor.go(f"/agent/kb/articles/{article_id}")
    editor.click_for_flash(editor.wait(lambda d: d.find_element(*hook("editor-publish"))), "Saved and published.",
                           "draft published")
    read = lantern.request("GET", f"/widget/v1/widgets/{lantern.widget_id}/articles/{article_id}", auth=False)[2]
    assert "walruses" in read["description"]

    # The history, two revisions side by side, and restoring the first publish.
    editor.go(f"/agent/kb/articles/{article_id}/history")
    assert editor.h1() == "History: Setting up the kestrel printer"
    editor.shot("editor-08-history")
    revisions = lantern.api("GET", f"/solutions/articles/{article_id}/revisions")
    first_publish = [r["number"] for r in revisions if r["kind"] == "published"][0]
    editor.go(f"/agent/kb/articles/{article_id}/compare?from={first_publish}&to={revisions[-1]['number']}")
    changed = editor.d.find_elements(By.CSS_SELECTOR, ".diff-added, .diff-changed")
    assert changed and any("walruses" in row.text for row in changed)
    editor.shot("editor-09-compare")
    editor.go(f"/agent/kb/articles/{article_id}/history")
    editor.d.find_element(By.CSS_SELECTOR, f'button[aria-label="Restore revision {first_publish} as the draft"]').click()
    editor.wait(lambda d: "restored" in d.current_url, "restored")
    assert "Then print a test page." in editor.editor_html() and "<img" not in editor.editor_html()
    editor.shot("editor-10-restored-draft")
    editor.click_for_flash(editor.d.find_element(*hook("editor-publish")), "Saved and published.",
                           "restored revision published")
    read = lantern.request("GET", f"/widget/v1/widgets/{lantern.widget_id}/articles/{article_id}", auth=False)[2]
    assert "walruses" not in read["description"] and "Then print a test page." in read["description"]


def test_scheduled_article_appears_on_time(editor, lantern, folder, widget, host):
    # Whole seconds: publish_at is sent to the second, so the article may appear before a fractional `at`.
    at = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=6)).replace(microsecond=0)
    article = lantern.api("POST", f"/solutions/folders/{folder}/articles",
                          {"title": "Narwhal season opening hours", "description": "<p>Open daily.</p>", "status": 1,
                           "publish_at": at.isoformat(timespec="seconds").replace("+00:00", "Z")})
    editor.go(f"/agent/kb/articles/{article['id']}")
    assert editor.d.find_element(By.ID, "pr-publish-at").get_attribute("value") == at.strftime("%Y-%m-%dT%H:%M")
    editor.shot("editor-11-scheduled")
    widget.load(host.url()).open()
    assert "Narwhal season opening hours" not in widget.search("narwhal")
    deadline = time.time() + 20
    while time.time() < deadline and "Narwhal season opening hours" not in widget.search("narwhal"):
        time.sleep(0.5)
    appeared = datetime.datetime.now(datetime.timezone.utc)
    assert "Narwhal season opening hours" in widget.search("narwhal")
    assert appeared >= at and (appeared - at).total_seconds() < 10, (at, appeared)
    widget.shot("editor-12-scheduled-article-live")
    assert lantern.api("GET", f"/solutions/articles/{article['id']}")["publish_at"] is None


def test_translation_side_by_side_with_an_editor_in_each_pane(editor, lantern, folder):
    article = lantern.api("POST", f"/solutions/folders/{folder}/articles",
                          {"title": "Resetting the router", "description": "<h2>Steps</h2><p>Hold the button.</p>", "status": 2})
    editor.go(f"/agent/kb/articles/{article['id']}?lang=fr")
    panes = editor.wait(lambda d: len(d.find_elements(*hook("editor"))) == 2 and d.find_elements(*hook("editor")))
    assert "Hold the button." in panes[0].text
    editor.field("tr-title", "Réinitialiser le routeur")
    panes[1].click()
    panes[1].send_keys("## Étapes", Keys.ENTER, "Maintenez le **bouton** appuyé.")
    editor.shot("editor-13-translation-side-by-side")
    buttons = editor.d.find_elements(*hook("editor-save"))
    assert len(buttons) == 2
    editor.click_for_flash(buttons[1], "Saved as a draft.", "translation draft saved")
    assert lantern.request("GET", f"/api/v2/solutions/articles/{article['id']}/fr")[0] == 404
    editor.click_for_flash(editor.d.find_elements(*hook("editor-publish"))[1], "Saved.", "translation published")
    french = lantern.api("GET", f"/solutions/articles/{article['id']}/fr")
    assert french["title"] == "Réinitialiser le routeur"
    assert french["description"] == "<h2>Étapes</h2><p>Maintenez le <strong>bouton</strong> appuyé.</p>"
    assert lantern.api("GET", f"/solutions/articles/{article['id']}")["description"] == "<h2>Steps</h2><p>Hold the button.</p>"
