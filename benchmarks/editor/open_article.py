"""Times opening an article of 5,000 words in the article editor, in headless Chromium (Debian's chromium and
chromium-driver, through Selenium): the page holds the article in its textarea, as the agent portal serves it, and
`Public/portal/editor.js` turns it into the editor. Reports the median and the worst of RUNS opens: the editor's own
start (parsing and cleaning the HTML, building the editable area, first layout) and the page from navigation to a
ready editor; also how long saving (cleaning the editor's content to the sanitiser's form) takes."""
import html
import json
import pathlib
import random
import shutil
import statistics
import sys
import tempfile
import time

from selenium import webdriver

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
WORDS = 5_000


def article(words):
    """Article HTML of about `words` words: sections with headings, paragraphs with bold, links and code, lists, a table."""
    rng = random.Random(19)
    vocabulary = ("printer invoice export account password settings network quokka report billing customer widget "
                  "folder article update install server browser team support answer question error message").split()
    out, count, section = [], 0, 0
    while count < words:
        section += 1
        out.append(f"<h2>Section {section}: {' '.join(rng.choice(vocabulary) for _ in range(3))}</h2>")
        for _ in range(4):
            sentence = [rng.choice(vocabulary) for _ in range(60)]
            sentence[5] = f"<strong>{sentence[5]}</strong>"
            sentence[20] = f'<a href="https://help.example.com/{sentence[20]}">{sentence[20]}</a>'
            sentence[40] = f"<code>{sentence[40]}</code>"
            out.append("<p>" + " ".join(sentence) + ".</p>")
            count += 60
        out.append("<ul>" + "".join(f"<li>{' '.join(rng.choice(vocabulary) for _ in range(8))}</li>" for _ in range(5)) + "</ul>")
        count += 40
        if section % 5 == 0:
            out.append("<table><thead><tr><th>Setting</th><th>Value</th></tr></thead><tbody>"
                       + "".join(f"<tr><td>{rng.choice(vocabulary)}</td><td>{rng.randint(1, 99)}</td></tr>" for _ in range(6))
                       + "</tbody></table>")
            count += 18
    return "".join(out)


def main():
    body = article(WORDS + 100)  # headings and list items count a little less than planned
    folder = pathlib.Path(tempfile.mkdtemp(prefix="lantern-editor-bench-"))
    shutil.copy(ROOT / "Public" / "portal" / "editor.js", folder / "editor.js")
    shutil.copy(ROOT / "Public" / "portal" / "portal.css", folder / "portal.css")
    (folder / "page.html").write_text(f"""<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="portal.css">
<script>window.benchStart = performance.now();</script></head><body><main><form>
<textarea id="body" name="description" data-editor>{html.escape(body)}</textarea></form></main>
<script>
  const t0 = performance.now();
  const script = document.createElement('script');
  script.src = 'editor.js';
  script.onload = () => {{
    const area = document.querySelector('[data-lantern=editor]');
    area.getBoundingClientRect(); document.body.offsetHeight;  // the first layout
    window.benchResult = {{ editor: performance.now() - t0, page: performance.now(), words: area.textContent.split(/\\s+/).filter(Boolean).length }};
  }};
  document.body.appendChild(script);
</script></body></html>""")
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                     "--allow-file-access-from-files"):
        options.add_argument(argument)
    if shutil.which("chromium"):
        options.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    editor, page, save = [], [], []
    try:
        for _ in range(RUNS + 1):  # the first open warms the browser's caches and is not counted
            driver.get((folder / "page.html").as_uri())
            result = None
            for _ in range(200):
                result = driver.execute_script("return window.benchResult || null")
                if result:
                    break
                time.sleep(0.02)
            assert result, "the editor did not start"
            saving = driver.execute_script("const t = performance.now(); LanternEditor.clean(document.querySelector('[data-lantern=editor]')); return performance.now() - t")
            editor.append(result["editor"]), page.append(result["page"]), save.append(saving)
        words = result["words"]
    finally:
        driver.quit()
        shutil.rmtree(folder, ignore_errors=True)
    editor, page, save = editor[1:], page[1:], save[1:]
    print(json.dumps({"words": words, "bytes": len(body.encode()), "runs": RUNS,
                      "editor_ms": {"median": round(statistics.median(editor), 1), "max": round(max(editor), 1)},
                      "page_ms": {"median": round(statistics.median(page), 1), "max": round(max(page), 1)},
                      "save_ms": {"median": round(statistics.median(save), 1), "max": round(max(save), 1)}}))


if __name__ == "__main__":
    main()
