"""Cold start of the app, split where the time goes: `python -m bench.cold_start [--reps N] [--data demo|empty]`.

For each repetition: a new `riskframe app` process (bench/browser_harness.py's Server, the same
command and flags people run) on a SQLite database already at head; timed from the process start to
(1) /_stcore/health answering, and (2) Home's title drawn in headless Chromium with the script
run finished (the browser is launched beforehand and not counted). Beside it, in the same minute,
the floor: `streamlit run bench/floor_app.py` (a one-button page) to health and to its title.
The target (issue 18 item 2) is ≤ 2 s to a usable Home. Not part of `python -m bench --quick`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from bench import browser_harness as h


def _one(server: h.Server, page, title: str) -> tuple[float, float]:
    t = time.perf_counter()
    server.start()
    healthy = time.perf_counter() - t
    page.goto(server.base + "/", wait_until="commit")
    h.settle(page, page.get_by_role("heading", name=title, exact=True))
    drawn = time.perf_counter() - t
    server.stop()
    return healthy, drawn


def measure(reps: int, data: str) -> dict:
    from riskframe.framework import load_framework
    from riskframe.settings import REPO_ROOT

    fw = load_framework(REPO_ROOT / "indicators")
    out: dict[str, list[tuple[float, float]]] = {"app": [], "floor": []}
    with h.workdir("rf-bench-cold-") as tmp, h.chromium() as browser:
        if data == "demo":
            from bench import w8_data

            made = w8_data.demo(fw, tmp / "demo", ["xa-arvenia.yaml", "xb-belmarra.yaml"])
            url = made.url
            made.close()
        else:
            from riskframe.store import open_store

            url = f"sqlite:///{tmp / 'empty.db'}"
            with open_store(url) as store:
                store.upgrade()
        app = h.Server(h.app_env(url, tmp), tmp / "app.log")
        floor = h.Server(h.app_env(f"sqlite:///{tmp / 'floor.db'}", tmp), tmp / "floor.log",
                         script=Path(__file__).with_name("floor_app.py"))
        page = h.new_page(browser)
        try:
            for _ in range(reps):  # interleaved, so both see the same load
                out["app"].append(_one(app, page, "riskframe"))
                out["floor"].append(_one(floor, page, "Floor"))
        finally:
            page.context.close()
            app.stop()
            floor.stop()
    summary = {}
    for name, samples in out.items():
        summary[name] = {"health_p50": statistics.median(s[0] for s in samples),
                         "drawn_p50": statistics.median(s[1] for s in samples),
                         "samples": [[round(a, 3), round(b, 3)] for a, b in samples]}
    summary["load_average_1min"] = os.getloadavg()[0]
    summary["target"] = "process start to Home drawn ≤ 2 s"
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_start", description=__doc__)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--data", choices=["demo", "empty"], default="demo")
    args = parser.parse_args()
    print(json.dumps(measure(args.reps, args.data), indent=2))


if __name__ == "__main__":
    main()
