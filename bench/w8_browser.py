"""W8: the real app in headless Chromium — p50/p95 of what people feel, against a one-button floor.

`riskframe app` serves its own SQLite database on 127.0.0.1; Playwright drives Debian Chromium with
the launch flags of tests/browser; every request must stay on 127.0.0.1 (checked at the end).
Each sample runs from just before the user action to the result on screen and the script run
finished (bench/browser_harness.py says exactly how); the preparation of each sample (e.g. changing
the scores before a section save, reloading before an upload) is not timed. What each workload
waits for is in its `marker` below. The floor is bench/floor_app.py (a button and a counter),
clicked the same way in the same run; every row gives p50/p95 and the ratio of p50 to the floor's p50.

Data: the fictional demo data (quick and full), and in full mode also a synthetic portfolio
(bench/w8_data.py). Repetitions: 20 in full mode; in --quick 3 (cold start: 1) on the demo data.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from bench import browser_harness as h
from bench import w8_data
from bench.timing import percentiles

FULL_REPS, QUICK_REPS = 20, 3
PAGES = [  # url path, the title the page draws, a chart to wait for too
    ("home", "riskframe", None), ("assess", "Assess", None), ("review", "Review", None),
    ("country", "Country dashboard", ".js-plotly-plot"), ("compare", "Compare countries", ".js-plotly-plot"),
    ("alerts", "Portfolio alerts", None), ("import_export", "Import / Export", None),
    ("framework", "Framework", None), ("admin", "Admin", None),
]
TARGET_CLICK, TARGET_PAGE, TARGET_COLD = 0.300, 0.500, 2.0


def _title(page: Any, text: str) -> Any:
    return page.get_by_role("heading", name=text, exact=True)


def _open(page: Any, url: str, title: str, chart: str | None = None) -> None:
    page.goto(url, wait_until="commit")
    h.settle(page, _title(page, title))
    if chart:
        page.locator(chart).first.wait_for(state="visible")
        h.idle(page)


def _open_timed(page: Any, url: str, title: str, chart: str | None = None) -> float:
    t = time.perf_counter()
    _open(page, url, title, chart)
    return time.perf_counter() - t


def _after_widget(page: Any) -> None:
    """Untimed: a widget changed; wait until its rerun has started (if caught) and finished."""
    try:
        page.wait_for_function(h.IDLE_JS.replace("=== 'notRunning'", "!== 'notRunning'"), timeout=1500)
    except Exception:  # the rerun may already be over
        pass
    h.idle(page)


def _pick(page: Any, combobox: str, option: re.Pattern) -> None:
    page.get_by_role("combobox", name=combobox, exact=True).click()
    page.get_by_role("option", name=option).first.click()


# -- the workloads; each returns its samples (seconds) ----------------------------------------
def floor(page: Any, base: str, n: int) -> list[float]:
    _open(page, base + "/", "Floor")
    clicks = [0]

    def measure(i: int) -> float:
        clicks[0] += 1
        return h.timed(page, lambda: page.get_by_role("button", name="Click me").click(),
                       lambda: page.get_by_text(f"Clicked {clicks[0]} time(s)", exact=True))
    return h.sample(n, None, measure)


def floor_page(page: Any, base: str, n: int) -> list[float]:
    return [_open_timed(page, base + "/", "Floor") for _ in range(n)]


def _radio_state(page: Any) -> list[int]:
    """The checked option index of every score radiogroup on the page."""
    return page.evaluate("""() => [...document.querySelectorAll('[role="radiogroup"]')].map(
        g => [...g.querySelectorAll('input[type="radio"]')].findIndex(r => r.checked))""")


def _change_scores(page: Any, how_many: int | None) -> int:
    """Untimed: move the first `how_many` (None: all) indicators to another score, rerun after each."""
    groups = page.get_by_role("radiogroup")
    state = _radio_state(page)[: how_many or None]
    for k, checked in enumerate(state):
        target = 3 if checked != 3 else 4  # the labels "2 · …" and "3 · …"
        groups.nth(k).locator("label").nth(target).click()
        _after_widget(page)
    page.get_by_role("button", name="Save section").wait_for(state="visible")
    return len(state)


def save(page: Any, base: str, n: int, data: w8_data.Data, section: str, how_many: int | None) -> list[float]:
    url = f"{base}/assess?country={data.draft_country}&period={data.draft_period}&section={section}"
    _open(page, url, "Assess")
    page.get_by_role("radiogroup").first.wait_for(state="visible")
    changed = [0]

    def prepare(i: int) -> None:
        changed[0] = _change_scores(page, how_many)
        if page.get_by_text(re.compile(r"^Saved \d+ indicator")).count():
            raise RuntimeError("the previous 'Saved' message is still shown: the next sample could not be told apart")

    def measure(i: int) -> float:
        return h.timed(page, lambda: page.get_by_role("button", name="Save section").click(),
                       lambda: page.get_by_text(re.compile(rf"^Saved {changed[0]} indicator\(s\)")))
    return h.sample(n, prepare, measure)


def switch_section(page: Any, base: str, n: int, data: w8_data.Data, sections: list[tuple[str, str, str]]) -> list[float]:
    """Alternate between two sections with the Section picker; done when the new section's heading shows."""
    sid, _, _ = sections[0]
    _open(page, f"{base}/assess?country={data.draft_country}&period={data.draft_period}&section={sid}", "Assess")

    def measure(i: int) -> float:
        sid, kind, title = sections[(i + 1) % 2]
        page.get_by_role("combobox", name="Section", exact=True).click()
        option = page.get_by_role("option", name=re.compile(rf"^{kind} {re.escape(sid)} · ")).first
        option.wait_for(state="visible")
        return h.timed(page, option.click, lambda: page.get_by_role("heading", name=f"{sid} · {title}", exact=True))
    return h.sample(n, None, measure)


def pages_warm(page: Any, base: str, n: int, data: w8_data.Data) -> dict[str, list[float]]:
    out = {}
    for path, title, chart in PAGES:
        query = f"?country={data.draft_country}&period={data.draft_period}" if path == "assess" else ""
        url = f"{base}/{path}{query}"
        _open(page, url, title, chart)  # warm-up, untimed
        out[path] = [_open_timed(page, url, title, chart) for _ in range(n)]
    return out


def change_country(page: Any, base: str, n: int, data: w8_data.Data) -> list[float]:
    """Country dashboard: pick another country; done when its composite chart (titled with its name) shows."""
    a, b = data.countries[0], data.countries[1]
    _open(page, f"{base}/country?country={a[0]}", "Country dashboard", ".js-plotly-plot")

    def measure(i: int) -> float:
        code, name = (b, a)[i % 2]
        page.get_by_role("combobox", name="Country", exact=True).click()
        option = page.get_by_role("option", name=f"{code} — {name}", exact=True)
        option.wait_for(state="visible")
        return h.timed(page, option.click, lambda: page.locator(".js-plotly-plot .gtitle").filter(
            has_text=f"{name}: composite score"))
    return h.sample(n, None, measure)


def compare(page: Any, base: str, n: int, data: w8_data.Data) -> list[float]:
    """Compare countries with k chosen (10, or all demo countries): remove one (untimed), add it back
    (timed); done when the trend chart's legend shows it again and the run has finished."""
    _open(page, f"{base}/compare", "Compare countries", ".js-plotly-plot")
    box = page.get_by_role("combobox", name="Countries on the trend and small multiples", exact=True)
    wanted = data.countries[: data.compare_n]
    chosen = page.locator("[data-testid='stMultiSelect'] [data-tag]")
    labels = {f"{code} — {name}" for code, name in wanted}
    for label in chosen.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))"):
        if label not in labels:  # untimed: take off the preselected ones not compared
            page.get_by_role("button", name=f"Remove {label}", exact=True).click()
            _after_widget(page)
    for label in sorted(labels):  # untimed: make sure the wanted ones are chosen
        if not page.get_by_role("button", name=f"Remove {label}", exact=True).count():
            box.click()
            page.get_by_role("option", name=label, exact=True).click()
            _after_widget(page)
            page.keyboard.press("Escape")

    def prepare(i: int) -> None:
        code, name = wanted[i % len(wanted)]
        page.get_by_role("button", name=f"Remove {code} — {name}", exact=True).click()
        _after_widget(page)

    def measure(i: int) -> float:
        code, name = wanted[i % len(wanted)]
        box.click()
        option = page.get_by_role("option", name=f"{code} — {name}", exact=True)
        option.wait_for(state="visible")
        legend = page.locator(".js-plotly-plot .legendtext").filter(has_text=re.compile(f"{code}|{re.escape(name)}"))
        t = time.perf_counter()
        option.click()
        legend.first.wait_for(state="attached")
        h.idle(page)
        took = time.perf_counter() - t
        page.keyboard.press("Escape")
        return took
    return h.sample(n, prepare, measure)


def upload(page: Any, base: str, n: int, data: w8_data.Data, template: Path) -> list[float]:
    """Import: set a filled template on the uploader; done when the diff preview's Apply button shows."""
    def prepare(i: int) -> None:
        _open(page, f"{base}/import_export", "Import / Export")
        page.get_by_role("tab", name="Import").click()
        page.locator("[data-testid='stFileUploader'] input[type=file]").wait_for(state="attached")

    def measure(i: int) -> float:
        return h.timed(page, lambda: page.locator("[data-testid='stFileUploader'] input[type=file]")
                       .set_input_files(str(template)),
                       lambda: page.get_by_role("button", name=re.compile(r"^Apply \d+ change")))
    return h.sample(n, prepare, measure)


def return_with_comment(page: Any, base: str, n: int, data: w8_data.Data) -> list[float]:
    """Review: add a comment (untimed), then Return with comments (timed) until the app confirms it;
    the harness resubmits the assessment through the store between samples."""
    def prepare(i: int) -> None:
        data.resubmit_returned()
        _open(page, f"{base}/review", "Review")
        page.get_by_role("combobox", name="Assessment", exact=True).wait_for(state="visible")
        page.get_by_label("Comment or question").fill(f"Bench comment {i}: cite the source for this score.")
        page.get_by_role("button", name="Add comment").click()
        page.get_by_text("Comment added.", exact=True).wait_for(state="visible")
        h.idle(page)

    def measure(i: int) -> float:
        return h.timed(page, lambda: page.get_by_role("button", name=re.compile(r"^Return with comments")).click(),
                       lambda: page.get_by_text("Returned to the focal point with comments.", exact=True))
    return h.sample(n, prepare, measure)


def cold(server: h.Server, page: Any, n: int) -> list[float]:
    """Stop the app, start it again: from the process start to Home drawn in the browser."""
    out = []
    for _ in range(n):
        server.stop()
        t = time.perf_counter()
        server.start()
        _open(page, server.base + "/", "riskframe")
        out.append(time.perf_counter() - t)
    return out


# -- the run ---------------------------------------------------------------------------------
def _row(name: str, samples: list[float], floor_p50: float, target: float | None) -> dict:
    p = percentiles(samples)
    row = {"workload": f"W8 browser {name} (p50; p95 {p['p95'] * 1000:.0f} ms; n={p['n']})", "seconds": p["p50"],
           "p50": p["p50"], "p95": p["p95"], "n": p["n"], "baseline": "floor: one-button page, click (p50)",
           "baseline_seconds": floor_p50, "ratio": p["p50"] / floor_p50, "target": "", "met": None}
    if target is not None:
        row.update(target=f"p95 ≤ {target * 1000:.0f} ms", met=p["p95"] <= target)
    return row


def run_floor(browser: Any, tmp: Path, n: int) -> tuple[list[float], list[float], set[str]]:
    server = h.Server(h.app_env(f"sqlite:///{tmp / 'floor.db'}", tmp), tmp / "floor.log",
                      script=Path(__file__).with_name("floor_app.py"))
    server.start()
    page = h.new_page(browser)
    try:
        clicks = floor(page, server.base, n)
        loads = floor_page(page, server.base, n)
        return clicks, loads, page.requested_hosts
    finally:
        page.context.close()
        server.stop()


def run_app(browser: Any, tmp: Path, data: w8_data.Data, n: int, n_cold: int, quick: bool) -> tuple[dict, set[str]]:
    server = h.Server(h.app_env(data.url, tmp), tmp / "app.log")
    server.start()
    page = h.new_page(browser)
    fw = data.fw
    risk = [f for f in fw.factors if f.kind == "risk"]
    smallest = min(risk, key=lambda f: len(f.indicators))
    two = [(f.id, "Risk factor", f.title["en"]) for f in risk[:2]]
    s: dict[str, list[float]] = {}
    try:
        s["save one indicator"] = save(page, server.base, n, data, risk[0].id, 1)
        s[f"save a section ({len(smallest.indicators)} indicators changed)"] = save(page, server.base, n, data,
                                                                                  smallest.id, None)
        s["switch section"] = switch_section(page, server.base, n, data, two)
        s["change country, country dashboard"] = change_country(page, server.base, n, data)
        s[f"compare {data.compare_n} countries (add one back)"] = compare(page, server.base, n, data)
        s["upload a template to the diff preview"] = upload(page, server.base, n, data, data.template(tmp))
        s["return with a comment"] = return_with_comment(page, server.base, n, data)
        for path, samples in pages_warm(page, server.base, n, data).items():
            s[f"open page /{path} (warm)"] = samples
        s["first page after a restart (cold: process start → Home drawn)"] = cold(server, page, n_cold)
        return s, page.requested_hosts
    finally:
        page.context.close()
        server.stop()


def run(fw, quick: bool) -> list[dict]:
    n = QUICK_REPS if quick else FULL_REPS
    n_cold = 1 if quick else FULL_REPS
    rows: list[dict] = []
    with h.workdir("rf-bench-browser-") as tmp, h.chromium() as browser:
        clicks, loads, hosts = run_floor(browser, tmp, n)
        floor_p50 = percentiles(clicks)["p50"]
        rows.append(_row("FLOOR: click a button on a one-button page", clicks, floor_p50, None))
        rows.append(_row("floor: open the one-button page", loads, floor_p50, None))
        datasets = [("demo", w8_data.demo)] + ([] if quick else [("synthetic", w8_data.synthetic)])
        for label, make in datasets:
            data = make(fw, tmp / label)
            try:
                samples, app_hosts = run_app(browser, tmp / label, data, n, n_cold, quick)
            finally:
                data.close()
            hosts |= app_hosts
            for name, xs in samples.items():
                target = (TARGET_COLD if name.startswith("first page") else
                          TARGET_PAGE if name.startswith("open page") else TARGET_CLICK)
                rows.append(_row(f"{name}, {data.label}", xs, floor_p50, target))
    if not hosts <= {"127.0.0.1"}:
        raise RuntimeError(f"the browser requested hosts other than 127.0.0.1: {sorted(hosts)}")
    return rows
