"""Browser tests: Debian's Chromium driven by Playwright against the live app.

Screenshots of every page land in test-screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread, from the session's
# start (the test database is created after it); the tests' own database
# calls are still plain synchronous Django. (The settings tests unset this.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else "")
# Not under test-results/: pytest-playwright empties that folder when a session starts.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-screenshots"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"],
    }


@pytest.fixture
def shot():
    """``shot(page, "name")`` saves a full-page screenshot under test-screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def login(live_server, browser):
    """``login("editor")`` opens a new browser context logged in as that user
    (``login("rina", **PHONE)``: on a touch screen, which taps)."""
    contexts = []

    def open_as(username, password="pw", viewport=None, **options):
        """``options``: the browser context's (``has_touch=True``, ``locale``…)."""
        context = browser.new_context(
            viewport=viewport or {"width": 1280, "height": 900}, base_url=live_server.url, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto("/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        submit = page.locator("button[type=submit]")
        submit.tap() if options.get("has_touch") else submit.click()
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    yield open_as
    for context in contexts:
        context.close()


# A phone: 390×844, a touch screen.
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def select_text(page, start, end, mark=True):
    """Select article text from code point ``start`` to ``end`` as a mouse
    drag, a long press or the keyboard leaves it (a DOM range over the text
    nodes); with ``mark``, then press "Mark claim" to open the claim form."""
    page.evaluate(
        """([start, end]) => {
            const text = document.getElementById("article-text");
            // Walk the spans, turning code points into (node, UTF-16 offset).
            function position(target) {
                for (const span of text.querySelectorAll("[data-start]")) {
                    const first = Number(span.dataset.start);
                    const chars = Array.from(span.textContent);
                    if (target <= first + chars.length) {
                        return [span.firstChild, chars.slice(0, target - first).join("").length];
                    }
                }
            }
            const range = document.createRange();
            range.setStart(...position(start));
            range.setEnd(...position(end));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [start, end],
    )
    if mark and start != end:
        page.locator("#mark-claim").click()
