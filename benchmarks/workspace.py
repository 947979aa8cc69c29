"""How the annotation workspace copes with a large article: 200 KB of text
with 500 claims (many overlapping). Serves the app on SQLite, then in
headless Chromium measures the page load, and the time from a text
selection to its "Mark claim" button and, pressed, to the open claim form. Prints RESULT workspace ... ."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def main():
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as var:
        serve_and_measure(var)


def serve_and_measure(var):
    env = {
        **os.environ,
        "DEBUG": "true",
        "VAR_DIR": var,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    seed = """
import random
from annotations import workflow
from annotations.models import Article, Claim
from tests.factories import MembershipFactory
rng = random.Random(5)
words = "rudal balistik amunisi Rusia Ukraina 🇮🇩 “konsekuensi” café نعم NATO".split()
paragraphs = [" ".join(rng.choice(words) for _ in range(60)) + "." for _ in range(400)]
text = "\\n".join(paragraphs)
while len(text.encode()) < 200_000:
    text += "\\n" + paragraphs[len(text) % 400]
membership = MembershipFactory(project__slug="bench", role="annotator", user__username="bench")
article = Article.objects.create(project=membership.project, title="Besar", text=text)
claims = []
for n in range(500):
    start = rng.randrange(0, len(article.text) - 400)
    end = start + rng.randrange(20, 400)
    claims.append(Claim(project=article.project, article=article, start=start, end=end,
                        quote=article.text[start:end], created_by=membership.user))
Claim.objects.bulk_create(claims)
print(article.pk, len(article.text), len(article.text.encode()))
"""
    out = subprocess.run([PYTHON, "manage.py", "shell", "-v0", "-c", seed], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.split()  # fmt: skip
    article_id, chars, size = out[-3:]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        measure(port, article_id, chars, size)
    finally:
        server.terminate()
        server.wait()


def measure(port, article_id, chars, size):
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-background-networking"])  # fmt: skip
        page = browser.new_page()
        for _ in range(100):
            try:
                page.goto(base + "/login/")
                break
            except Exception:
                time.sleep(0.1)
        page.fill("#id_username", "bench")
        page.fill("#id_password", "pw")
        page.click("button[type=submit]")
        loads, buttons, selects = [], [], []
        for _ in range(5):
            started = time.perf_counter()
            page.goto(f"{base}/projects/bench/articles/{article_id}/", wait_until="load")
            loads.append((time.perf_counter() - started) * 1000)
            # A selection (as a drag, a long press or the keyboard leaves it)
            # brings up "Mark claim"; pressing it opens the claim form.
            shown, opened = page.evaluate("""() => {
                const text = document.getElementById("article-text");
                const spans = text.querySelectorAll("[data-start]:not(.br)");
                const span = spans[Math.floor(spans.length / 2)];
                const range = document.createRange();
                range.setStart(span.firstChild, 0);
                range.setEnd(span.firstChild, Math.min(5, span.firstChild.length));
                const button = document.getElementById("mark-claim");
                const t0 = performance.now();
                window.getSelection().removeAllRanges();
                window.getSelection().addRange(range);
                return new Promise((resolve) => (function wait() {
                    if (performance.now() - t0 > 5000) return resolve([-1, -1]);
                    if (button.hidden) return requestAnimationFrame(wait);
                    const shown = performance.now() - t0;
                    button.click();
                    resolve([shown, document.getElementById("claim-form").hidden ? -1 : performance.now() - t0]);
                })());
            }""")
            assert opened >= 0, "the claim form did not open"
            buttons.append(shown)
            selects.append(opened)
        spans = page.locator("#article-text [data-start]").count()
        browser.close()
    load, button, select = sorted(loads)[2], sorted(buttons)[2], sorted(selects)[2]
    print(f"article: {chars} characters, {size} bytes, 500 claims, {spans} runs (highlights and line breaks)")
    print(f'page load (median of 5): {load:.0f} ms; selection to "Mark claim": {button:.1f} ms, '
          f"to the open claim form: {select:.1f} ms")  # fmt: skip
    print(f"RESULT workspace load_ms={load:.0f} select_to_button_ms={button:.1f} "
          f"select_to_form_ms={select:.1f} runs={spans}")  # fmt: skip


if __name__ == "__main__":
    main()
