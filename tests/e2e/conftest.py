"""Browser fixtures for the end-to-end tests: Playwright driving Debian's `chromium` package.

pytest-playwright's own fixtures launch the Chromium build that `playwright install` downloads, which
this project never does (nothing may download at run time). So `browser` and `page` are defined here:
scripts/test runs pytest with `-p no:playwright`, and when the plugin is loaded anyway (plain `pytest`)
these fixtures override its fixtures of the same name for the tests in this folder.

Every test in tests/e2e/ is marked `e2e` automatically; scripts/test runs them in a separate,
single-process pytest run. They need `live_server`, so they use the transactional database: it is
emptied after each test, including the data loaded by migrations (regions, catalogue). A test that needs
such data creates or reloads it in a fixture (e.g. `sync_catalogue`, or `get_or_create` of the regions
it uses): `serialized_rollback=True` proved unreliable when other test modules ran first.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("NETRA_CHROMIUM", "/usr/bin/chromium")
# Headless Debian Chromium in containers and CI: no sandbox (runs as root), no GPU, nothing that
# phones home or waits on the network, /tmp instead of a possibly small /dev/shm.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 390, "height": 844}  # most reporters use a phone
RESULTS_DIR = Path(__file__).resolve().parent.parent.parent / "test-results"
E2E_DIR = Path(__file__).resolve().parent
_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[pytest.TestReport]:
    """Keep each phase's report on the item, so `page` knows at teardown whether the test failed."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"No Chromium at {CHROMIUM}: `apt-get install chromium`, or set NETRA_CHROMIUM.")
    # Playwright's sync API keeps an asyncio loop running in this thread, so Django's async-safety
    # guard would reject every ORM call from the test (and the database flush after it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    driver = sync_playwright().start()
    try:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        driver.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Browser, live_server, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh browser context per test, as a reporter in Indonesia on a phone would have it.

    Relative URLs go to the live server (`page.goto("/")`). Another viewport:
    `@pytest.mark.parametrize("page", [{"width": 1280, "height": 800}], indirect=True)`.
    On failure a screenshot and the page's HTML are saved under test-results/.
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale="id-ID",
        timezone_id="Asia/Makassar",
        viewport=getattr(request, "param", None) or PHONE,
    )
    context.set_default_timeout(10_000)
    current = context.new_page()
    try:
        yield current
    finally:
        reports = request.node.stash.get(_REPORTS, {})
        if any(report.failed for report in reports.values()):
            _save_artifacts(current, request.node.nodeid)
        context.close()


def _save_artifacts(page: Page, nodeid: str) -> None:
    RESULTS_DIR.mkdir(exist_ok=True)
    stem = RESULTS_DIR / re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")
    try:
        page.screenshot(path=f"{stem}.png", full_page=True)
        Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
    except Exception as exc:  # never hide the test's own failure behind this one
        print(f"could not save failure artifacts for {nodeid}: {exc}")
