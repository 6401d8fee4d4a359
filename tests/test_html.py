"""The HTML catalogue: every key has a resolving permalink, mathematics is MathML, and a real browser renders it.

The browser test drives headless Chromium (Debian's ``chromium`` and ``chromium-driver``) through selenium: no
console errors, rendered ``math`` elements of non-zero size, a permalink followed, no horizontal page overflow at
1280 px.  Without Chromium it is skipped with the reason; under ``CI`` (which installs it) it never is.
Screenshots go to ``$CLOSEDFORM_SCREENSHOTS`` when set (CI keeps them), else to the test's temporary directory.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from proofs import registry
from proofs.app import cli
from proofs.app.html import build, linked_source, mathml

VERIFIED = ("HIPPO-LEGS-1", "RTF-COMP-1", "VAR-F1")  # pages shown with their evidence in the browser test


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole catalogue, without verification except three results (their evidence on the page)."""
    out = tmp_path_factory.mktemp("catalogue")
    reports = [registry[k].verify(draws=0) for k in VERIFIED]
    built = build(out, list(registry), reports=reports, jobs=2)
    assert len(built.pages) == len(registry) + 1
    assert not built.fallbacks, built.fallbacks  # every formula converts to MathML
    assert not built.problems, built.problems
    return out


def test_every_key_has_a_permalink_and_the_index_lists_it_once(site: Path):
    index = (site / "index.html").read_text(encoding="utf-8")
    for r in registry:
        assert index.count(f'<tr id="{r.key}"') == 1, r.key  # index.html#KEY
        assert index.count(f'href="{r.key}.html"') == 1, r.key
        page = (site / f"{r.key}.html").read_text(encoding="utf-8")
        assert f'<h1 id="{r.key}">' in page and "<math" in page, r.key  # KEY.html#KEY
    rows = re.findall(r'<tr id="([A-Z0-9-]+)"', index)
    assert sorted(rows) == sorted(r.key for r in registry)


def test_a_result_page_shows_statement_steps_notes_source_and_evidence(site: Path):
    page = (site / "HIPPO-LEGS-1.html").read_text(encoding="utf-8")
    assert "<h2>Statement</h2>" in page and "<h2>Derivation" in page and "<h2>Evidence</h2>" in page
    assert 'href="https://kexue.fm/archives/' in page or 'href="https://arxiv.org/abs/' in page
    assert "digits at dps 50" in page and "proof scope" in page and 'class="passed"' in page
    unverified = (site / "ENT-A6.html").read_text(encoding="utf-8")
    assert "Not verified in this build" in unverified


def test_sources_are_linked():
    text = linked_source("Su, 重温SSM（一） (kexue.fm/archives/10114); Gu et al. 2021, S4 (arXiv 2111.00396); "
                         "state-spaces/mamba#114, johnma2006/mamba-minimal#2")
    assert '<a href="https://kexue.fm/archives/10114">' in text and '<a href="https://arxiv.org/abs/2111.00396">' in text
    assert '<a href="https://github.com/state-spaces/mamba/issues/114">' in text
    assert '<a href="https://github.com/johnma2006/mamba-minimal/issues/2">' in text
    assert mathml(r"\frac{1}{2}", display=True).startswith('<math') and mathml(r"\begin{matrix}", display=True) is None


def test_the_command_writes_the_site_with_svg_figures(tmp_path: Path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "site"
    assert cli.main(["html", "HIPPO-LEG-2", "ENT-A1", "-o", str(out), "-q", "--jobs", "1"]) == 0
    said = capsys.readouterr().out
    assert "2 result page(s)" in said and "MB) in" in said
    svgs = sorted(p.name for p in (out / "figures").glob("*.svg"))
    assert "legs-reconstruction.svg" in svgs and "entropy-vs-n.svg" in svgs
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<img src="figures/legs-reconstruction.svg"' in index and "2 of 2 verified result(s) passed" in index
    (tmp_path / "file").write_text("x")
    assert cli.main(["html", "-o", str(tmp_path / "file"), "--no-verify"]) == 2
    assert "-o must name a directory" in capsys.readouterr().err


def test_without_latex2mathml_the_command_says_so_in_one_line(tmp_path: Path):
    code = ("import sys; sys.modules['latex2mathml'] = None\n"
            f"from proofs.app.cli import main; sys.exit(main(['html', '-o', {str(tmp_path / 's')!r}, '--no-verify']))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and "latex2mathml" in proc.stderr


def _browser():
    """A headless Chromium driven by selenium, or the reason there is none."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return None, "selenium is not installed (pip install -e '.[test]')"
    if chromium is None or driver is None:
        return None, "Chromium is not installed (apt-get install chromium chromium-driver)"
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options), ""


def test_headless_chromium_renders_the_catalogue(site: Path, tmp_path: Path):
    driver, why = _browser()
    if driver is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI installs Chromium for this test: {why}", pytrace=False)
        pytest.skip(why)
    from selenium.webdriver.common.by import By

    shots = Path(os.environ.get("CLOSEDFORM_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    try:
        for page in ("index.html", *(f"{k}.html" for k in VERIFIED)):
            driver.get((site / page).as_uri())
            maths = driver.find_elements(By.TAG_NAME, "math")
            assert maths, f"{page}: no math elements"
            empty = [m for m in maths[:200] if m.size["width"] == 0 or m.size["height"] == 0]
            assert not empty, f"{page}: {len(empty)} math element(s) of zero size"
            width = driver.execute_script("return document.documentElement.scrollWidth")
            assert width <= 1280, f"{page}: the page is {width} px wide at a 1280 px window"
            errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            assert not errors, f"{page}: console errors {errors[:3]}"
            driver.save_screenshot(str(shots / page.replace(".html", ".png")))
        # follow a permalink from the index, and the index's own anchor
        driver.get((site / "index.html").as_uri())
        driver.find_element(By.CSS_SELECTOR, 'a[href="HIPPO-LEGS-1.html"]').click()
        assert driver.current_url.endswith("HIPPO-LEGS-1.html")
        assert driver.find_element(By.ID, "HIPPO-LEGS-1").text.startswith("HIPPO-LEGS-1")
        driver.get((site / "index.html").as_uri() + "#RTF-COMP-1")
        row = driver.find_element(By.ID, "RTF-COMP-1")
        assert row.is_displayed() and driver.execute_script("return window.scrollY") > 0
        # the optional filter: choosing a status hides the other rows
        selects = driver.find_elements(By.CSS_SELECTOR, "#filters select")
        assert len(selects) == 2
        from selenium.webdriver.support.ui import Select

        Select(selects[1]).select_by_value("HEURISTIC")
        shown = [r for r in driver.find_elements(By.CSS_SELECTOR, "tr[data-status]") if r.is_displayed()]
        assert shown and all(r.get_attribute("data-status") == "HEURISTIC" for r in shown)
    finally:
        driver.quit()
