"""W8: the real app in headless Chromium — p50/p95 of what people feel, against a one-button floor.

`riskframe app` serves its own SQLite database on 127.0.0.1; Playwright drives Debian Chromium with
the launch flags of tests/browser; every request must stay on 127.0.0.1 (checked at the end).
Each sample is timed on the page's own clock (bench/browser_harness.py says exactly how): from the
action's first input event (pointerdown/mousedown/click, change/input or keydown; for a page load the
navigation start) to the last DOM mutation before Playwright found the end state below on screen and
the script run finished. The wall-clock figure of earlier runs (from just before Playwright's call to
its detection, which adds Playwright's actionability checks and its polling backoff, ~100–130 ms on
the floor) is kept in each row as `wall_p50`/`wall_p95`/`wall_samples`. The preparation of each sample (e.g. changing
the scores before a section save, reloading before an upload) is not timed. Timed action → end:
- floor: click "Click me" → "Clicked N time(s)".
- save one indicator (Assess, section 1; one score changed beforehand): click "Save section" →
  "Saved 1 indicator (revision …)"; save a section: the same with every indicator of the
  smallest risk section changed → "Saved k indicators (revision …)".
- switch section: pick the other section in the Section picker → that section's heading.
- change country (country dashboard): pick the other country → the composite chart titled with its name.
- compare (Compare countries, all compared but one): pick it in the picker → its trace in a chart legend.
- upload: set the filled template on the uploader → the diff preview's "Apply N change(s)" button.
- return with a comment (Review; comment added beforehand): click "Return with comments (k)" →
  "Returned to the focal point with comments.".
- open a page warm (served once before): navigation start → the page's title heading (and a chart
  on the two dashboards); each load is a new Streamlit session, as in a browser.
- cold: stop the app; `riskframe app` process start → health → navigation → Home's title (the process
  start to the navigation start on the wall clock, plus the in-page time to Home's last mutation).
Each end also waits for the script run to have finished. The floor is bench/floor_app.py (a button and a counter),
clicked the same way in the same run; every row gives p50/p95 and the ratio of p50 to the floor's p50.

Data: the fictional demo data, and in full mode also a synthetic portfolio (bench/w8_data.py;
RISKFRAME_BENCH_W8_DATA=demo or =synthetic picks one). Full mode: every workload, 20 repetitions.
--quick (so that the whole `python -m bench --quick` stays under a minute on a loaded 2-core machine):
two demo countries (XA, XB), only the floor click, "save one indicator" and Home warm, 3 repetitions
each, no cold start.
"""

from __future__ import annotations

import os
import re
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from collections.abc import Callable

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
# --quick keeps `python -m bench --quick` under 60 s: two demo countries, the first workloads, one page.
QUICK_SEEDS = ["xa-arvenia.yaml", "xb-belmarra.yaml"]
QUICK_WORK = ["save one indicator"]  # the dashboards' first draws (figures built) are left to the full run
QUICK_PAGES = ["home"]
DATA_ENV = "RISKFRAME_BENCH_W8_DATA"  # full mode's data sets, comma-separated: demo,synthetic (the default)
REPS_ENV = "RISKFRAME_BENCH_W8_REPS"  # full mode's repetitions per workload (default FULL_REPS), for profiling runs
# full mode's subset, for work on one page: comma-separated beginnings of workload names, e.g.
# "save,switch" (the Assess interactions) or "open page /assess"; "first page" selects the cold start
WORK_ENV = "RISKFRAME_BENCH_W8_WORK"


def _wanted(name: str) -> bool:
    only = [w.strip() for w in (os.environ.get(WORK_ENV) or "").split(",") if w.strip()]
    return not only or any(name.startswith(w) for w in only)


def _title(page: Any, text: str) -> Any:
    return page.get_by_role("heading", name=text, exact=True)


def _open(page: Any, url: str, title: str, chart: str | None = None) -> None:
    page.goto(url, wait_until="commit")
    h.settle(page, _title(page, title))
    if chart:
        page.locator(chart).first.wait_for(state="visible")
        h.idle(page)


def _open_timed(page: Any, url: str, title: str, chart: str | None = None) -> h.Sample:
    """Navigation start → the last DOM mutation once the page is drawn (in-page clock); wall as well."""
    t = time.perf_counter()
    _open(page, url, title, chart)
    wall = time.perf_counter() - t
    return h.Sample(h.since_navigation(page), wall)


def _after_widget(page: Any) -> None:
    """Untimed: a widget changed; wait until a rerun has started since that input (the page notes it, so
    a run already over is seen too) and finished. A widget that reruns nothing waits 1.5 s at most."""
    try:
        page.wait_for_function(h.RAN_SINCE_INPUT_JS, timeout=1500)
    except Exception:  # no rerun after this input
        pass
    h.idle(page)


def _pick(page: Any, combobox: str, option: re.Pattern) -> None:
    page.get_by_role("combobox", name=combobox, exact=True).click()
    page.get_by_role("option", name=option).first.click()


# -- the workloads; each returns its samples (seconds) ----------------------------------------
def floor(page: Any, base: str, n: int) -> list[h.Sample]:
    _open(page, base + "/", "Floor")
    clicks = [0]

    def measure(i: int) -> h.Sample:
        clicks[0] += 1
        return h.timed(page, lambda: page.get_by_role("button", name="Click me").click(),
                       lambda: page.get_by_text(f"Clicked {clicks[0]} time(s)", exact=True))
    return h.sample(n, None, measure)


def floor_page(page: Any, base: str, n: int) -> list[h.Sample]:
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


def save(page: Any, base: str, n: int, data: w8_data.Data, section: str, how_many: int | None) -> list[h.Sample]:
    url = f"{base}/assess?country={data.draft_country}&period={data.draft_period}&section={section}"
    _open(page, url, "Assess")
    page.get_by_role("radiogroup").first.wait_for(state="visible")
    changed = [0]

    def prepare(i: int) -> None:
        changed[0] = _change_scores(page, how_many)
        if page.get_by_text(re.compile(r"^Saved \d+ indicator")).count():
            raise RuntimeError("the previous 'Saved' message is still shown: the next sample could not be told apart")

    def measure(i: int) -> h.Sample:
        return h.timed(page, lambda: page.get_by_role("button", name="Save section").click(),
                       lambda: page.get_by_text(re.compile(rf"^Saved {changed[0]} indicators? \(revision")))
    return h.sample(n, prepare, measure)


def switch_section(page: Any, base: str, n: int, data: w8_data.Data, sections: list[tuple[str, str, str]]) -> list[h.Sample]:
    """Alternate between two sections with the Section picker; done when the new section's heading shows."""
    sid, _, _ = sections[0]
    _open(page, f"{base}/assess?country={data.draft_country}&period={data.draft_period}&section={sid}", "Assess")

    def measure(i: int) -> h.Sample:
        sid, kind, title = sections[(i + 1) % 2]
        page.get_by_role("combobox", name="Section", exact=True).click()
        option = page.get_by_role("option", name=re.compile(rf"^{kind} {re.escape(sid)} · ")).first
        option.wait_for(state="visible")
        return h.timed(page, option.click, lambda: page.get_by_role("heading", name=f"{sid} · {title}", exact=True))
    return h.sample(n, None, measure)


def page_warm(page: Any, base: str, n: int, data: w8_data.Data, path: str, title: str,
              chart: str | None) -> list[h.Sample]:
    query = f"?country={data.draft_country}&period={data.draft_period}" if path == "assess" else ""
    url = f"{base}/{path}{query}"
    _open(page, url, title, chart)  # warm-up, untimed
    return [_open_timed(page, url, title, chart) for _ in range(n)]


def change_country(page: Any, base: str, n: int, data: w8_data.Data) -> list[h.Sample]:
    """Country dashboard: pick another country; done when its composite chart (titled with its name) shows."""
    a, b = data.countries[0], data.countries[1]
    _open(page, f"{base}/country?country={a[0]}", "Country dashboard", ".js-plotly-plot")

    def measure(i: int) -> h.Sample:
        code, name = (b, a)[i % 2]
        page.get_by_role("combobox", name="Country", exact=True).click()
        option = page.get_by_role("option", name=f"{code} — {name}", exact=True)
        option.wait_for(state="visible")
        return h.timed(page, option.click, lambda: page.locator(".js-plotly-plot .gtitle").filter(
            has_text=f"{name}: composite score"))
    return h.sample(n, None, measure)


def compare(page: Any, base: str, n: int, data: w8_data.Data) -> list[h.Sample]:
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

    def measure(i: int) -> h.Sample:
        code, name = wanted[i % len(wanted)]
        box.click()
        option = page.get_by_role("option", name=f"{code} — {name}", exact=True)
        option.wait_for(state="visible")
        legend = page.locator(".js-plotly-plot .legendtext").filter(has_text=re.compile(f"{code}|{re.escape(name)}"))
        h.arm(page)
        t = time.perf_counter()
        option.click()
        legend.first.wait_for(state="attached")
        h.idle(page)
        took = h.Sample(h.since_input(page), time.perf_counter() - t)
        page.keyboard.press("Escape")
        return took
    return h.sample(n, prepare, measure)


def upload(page: Any, base: str, n: int, data: w8_data.Data, template: Path) -> list[h.Sample]:
    """Import: set a filled template on the uploader; done when the diff preview's Apply button shows."""
    def prepare(i: int) -> None:
        _open(page, f"{base}/import_export", "Import / Export")
        page.get_by_role("tab", name="Import").click()
        page.locator("[data-testid='stFileUploader'] input[type=file]").wait_for(state="attached")

    def measure(i: int) -> h.Sample:
        return h.timed(page, lambda: page.locator("[data-testid='stFileUploader'] input[type=file]")
                       .set_input_files(str(template)),
                       lambda: page.get_by_role("button", name=re.compile(r"^Apply \d+ change")))
    return h.sample(n, prepare, measure)


def return_with_comment(page: Any, base: str, n: int, data: w8_data.Data) -> list[h.Sample]:
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

    def measure(i: int) -> h.Sample:
        return h.timed(page, lambda: page.get_by_role("button", name=re.compile(r"^Return with comments")).click(),
                       lambda: page.get_by_text("Returned to the focal point with comments.", exact=True))
    return h.sample(n, prepare, measure)


def cold(server: h.Server, page: Any, n: int) -> list[h.Sample]:
    """Stop the app, start it again: from the process start to Home drawn in the browser."""
    out = []
    for _ in range(n):
        server.stop()
        t, epoch = time.perf_counter(), time.time()
        server.start()
        _open(page, server.base + "/", "riskframe")
        wall = time.perf_counter() - t
        clock = h.read_clock(page)  # navigation start on the epoch clock + in-page time to the last mutation
        out.append(h.Sample((clock["origin"] + clock["mutation"]) / 1000 - epoch, wall))
    return out


# -- the run ---------------------------------------------------------------------------------
def _p50_p95(xs: list[float]) -> dict[str, float]:
    p = percentiles(xs)
    p["p95"] = min(p["p95"], max(xs))  # with few samples the exclusive quantile extrapolates past the max
    return p


def _row(name: str, samples: list[h.Sample], floor_p50: float, target: float | None) -> dict:
    """p50/p95 on the in-page clock (the figures compared with the target and the floor); the wall-clock
    figures of the same samples as secondary fields."""
    p = _p50_p95([x.page for x in samples])
    w = _p50_p95([x.wall for x in samples])
    row = {"workload": f"W8 browser {name} (p50; p95 {p['p95'] * 1000:.0f} ms; n={p['n']}; in-page clock)",
           "seconds": p["p50"], "p50": p["p50"], "p95": p["p95"], "n": p["n"],
           "baseline": "floor: one-button page, click (p50)",
           "baseline_seconds": floor_p50, "ratio": p["p50"] / floor_p50, "target": "", "met": None,
           "samples": [round(x.page, 4) for x in samples],
           "wall_p50": w["p50"], "wall_p95": w["p95"], "wall_samples": [round(x.wall, 4) for x in samples]}
    if target is not None:
        row.update(target=f"p95 ≤ {target * 1000:.0f} ms", met=p["p95"] <= target)
    return row


def run_floor(browser: Any, server: h.Server, n: int, quick: bool) -> tuple[list[h.Sample], list[h.Sample], set[str]]:
    server.wait()
    page = h.new_page(browser)
    try:
        loads = [] if quick else floor_page(page, server.base, n)
        return floor(page, server.base, n), loads, page.requested_hosts
    finally:
        page.context.close()
        server.stop()


def run_app(browser: Any, server: h.Server, data: w8_data.Data, n: int, n_cold: int,
            quick: bool) -> tuple[dict, set[str]]:
    """Every workload on one app server (in --quick only QUICK_WORK and QUICK_PAGES)."""
    server.wait()
    page = h.new_page(browser)
    risk = [f for f in data.fw.factors if f.kind == "risk"]
    smallest = min(risk, key=lambda f: len(f.indicators))
    two = [(f.id, "Risk factor", f.title["en"]) for f in risk[:2]]
    base = server.base
    work: list[tuple[str, Callable[[], list[h.Sample]]]] = [
        ("save one indicator", lambda: save(page, base, n, data, risk[0].id, 1)),
        ("switch section", lambda: switch_section(page, base, n, data, two)),
        ("change country, country dashboard", lambda: change_country(page, base, n, data)),
        (f"save a section ({len(smallest.indicators)} indicators changed)",
         lambda: save(page, base, n, data, smallest.id, None)),
        (f"compare {data.compare_n} countries (add one back)", lambda: compare(page, base, n, data)),
        ("upload a template to the diff preview", lambda: upload(page, base, n, data, data.template(server.log_path.parent))),
        ("return with a comment", lambda: return_with_comment(page, base, n, data)),
    ]
    s: dict[str, list[h.Sample] | str] = {}

    def attempt(name: str, fn: Callable[[], list[h.Sample]]) -> None:
        """One workload; a failure is recorded (with what the page showed) and the next one runs."""
        try:
            s[name] = fn()
        except Exception as exc:  # reported as a row and on stderr, never swallowed silently
            shown = " ".join(page.locator("body").inner_text(timeout=5000).split())[:300] if not page.is_closed() else ""
            s[name] = f"FAILED: {type(exc).__name__}: {str(exc).splitlines()[0][:200]} — the page showed: {shown}"
            print(f"W8 {name}: {s[name]}", file=sys.stderr)

    try:
        for name, fn in work:
            if (quick and name in QUICK_WORK) or (not quick and _wanted(name)):
                attempt(name, fn)
        for path, title, chart in PAGES:
            if (quick and path in QUICK_PAGES) or (not quick and _wanted(f"open page /{path}")):
                attempt(f"open page /{path} (warm)",
                        lambda p=path, t=title, c=chart: page_warm(page, base, n, data, p, t, c))
        if n_cold and _wanted("first page"):
            attempt("first page after a restart (cold: process start → Home drawn)", lambda: cold(server, page, n_cold))
        return s, page.requested_hosts
    finally:
        page.context.close()
        server.stop()


def _target(name: str) -> float:
    return TARGET_COLD if name.startswith("first page") else TARGET_PAGE if name.startswith("open page") \
        else TARGET_CLICK


def run(fw, quick: bool) -> list[dict]:
    """Quick: the floor click, QUICK_WORK and QUICK_PAGES on two demo countries, QUICK_REPS each, no cold start.
    Full: everything, FULL_REPS each, on the demo data and then on the synthetic portfolio."""
    n = QUICK_REPS if quick else int(os.environ.get(REPS_ENV) or FULL_REPS)
    n_cold = 0 if quick else n
    rows: list[dict] = []
    with h.workdir("rf-bench-browser-") as tmp, ExitStack() as stack:
        floor_server = h.Server(h.app_env(f"sqlite:///{tmp / 'floor.db'}", tmp), tmp / "floor.log",
                                script=Path(__file__).with_name("floor_app.py"))
        stack.callback(floor_server.stop)
        floor_server.spawn()  # starts while the browser launches and the data loads
        browser = stack.enter_context(h.chromium())
        wanted = ["demo"] if quick else os.environ.get(DATA_ENV, "demo,synthetic").split(",")
        makers = {"demo": lambda d: w8_data.demo(fw, d, QUICK_SEEDS if quick else None),
                  "synthetic": lambda d: w8_data.synthetic(fw, d)}
        datasets = [(label, makers[label]) for label in makers if label in wanted]
        load_before = os.getloadavg()
        floor_p50 = 0.0
        hosts: set[str] = set()
        for k, (label, make) in enumerate(datasets):
            data = make(tmp / label)
            stack.callback(data.close)
            rows.append({"workload": f"W8 data written to the app's database: {data.label}", "seconds": data.build_seconds,
                         "baseline": "", "baseline_seconds": None, "ratio": None, "target": "", "met": None})
            server = h.Server(h.app_env(data.url, tmp / label), tmp / label / "app.log")
            stack.callback(server.stop)
            server.spawn()
            if k == 0:
                clicks, loads, hosts = run_floor(browser, floor_server, n, quick)
                floor_p50 = percentiles([x.page for x in clicks])["p50"]
                rows.append(_row("FLOOR: click a button on a one-button page", clicks, floor_p50, None))
                if loads:
                    rows.append(_row("floor: open the one-button page", loads, floor_p50, None))
            samples, app_hosts = run_app(browser, server, data, n, n_cold, quick)
            hosts |= app_hosts
            for name, xs in samples.items():
                if isinstance(xs, str):
                    rows.append({"workload": f"W8 browser {name}, {data.label}: {xs}", "seconds": 0.0, "baseline": "",
                                 "baseline_seconds": None, "ratio": None, "target": "", "met": False})
                else:
                    rows.append(_row(f"{name}, {data.label}", xs, floor_p50, _target(name)))
            if quick:
                rows.append({"workload": "W8 browser, --quick: only the workloads above, "
                             f"{QUICK_REPS} repetitions each; the full run has all, {FULL_REPS} each",
                             "seconds": 0.0, "baseline": "", "baseline_seconds": None, "ratio": None,
                             "target": "", "met": None})
    load_after = os.getloadavg()
    rows.append({"workload": "W8 load average (1 min) of this machine before → after the browser run",
                 "seconds": load_after[0], "baseline": "before", "baseline_seconds": load_before[0], "ratio": None,
                 "target": "", "met": None})
    if not hosts <= {"127.0.0.1"}:
        raise RuntimeError(f"the browser requested hosts other than 127.0.0.1: {sorted(hosts)}")
    return rows
