"""Cold start of the app, split where the time goes: `python -m bench.cold_start [--reps N] [--data demo|empty]`.

For each repetition: a new `riskframe app` process (bench/browser_harness.py's Server, the same
command and flags people run) on a SQLite database already at head; timed from the process start to
(1) /_stcore/health answering, and (2) Home's title drawn in headless Chromium with the script
run finished (the browser is launched beforehand and not counted); and the server process's CPU time
at that moment (user + system), which the machine's load does not change. Beside it, in the same minute,
the floor: `streamlit run bench/floor_app.py` (a one-button page) to health and to its title.
The target (issue 18 item 2) is ≤ 2 s to a usable Home. Not part of `python -m bench --quick`.
`--baseline DIR` adds, interleaved, the same app from another copy of the code (e.g. `git archive` of
the previous commit unpacked in DIR, run with PYTHONPATH=DIR): before and after under the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from bench import browser_harness as h


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc): the server's own work, which the
    machine's load stretches in wall time but does not change."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _one(server: h.Server, page, title: str) -> tuple[float, float, float]:
    t = time.perf_counter()
    server.start()
    healthy = time.perf_counter() - t
    page.goto(server.base + "/", wait_until="commit")
    h.settle(page, page.get_by_role("heading", name=title, exact=True))
    drawn = time.perf_counter() - t
    assert server.proc is not None
    cpu = _cpu_seconds(server.proc.pid)  # `riskframe app` is the server (same pid: in-process or exec)
    server.stop()
    return healthy, drawn, cpu


def measure(reps: int, data: str, baseline: Path | None = None) -> dict:
    from riskframe.framework import load_framework
    from riskframe.settings import REPO_ROOT

    load_start = os.getloadavg()[0]
    fw = load_framework(REPO_ROOT / "indicators")
    out: dict[str, list[tuple[float, float, float]]] = {"app": [], "floor": []}
    if baseline is not None:
        out["baseline"] = []
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
        servers = {"app": app, "floor": floor}
        if baseline is not None:
            servers["baseline"] = h.Server({**h.app_env(url, tmp), "PYTHONPATH": str(baseline.resolve())},
                                           tmp / "baseline.log")
        page = h.new_page(browser)
        try:
            for _ in range(reps):  # interleaved, so all see the same load
                for name, server in servers.items():
                    out[name].append(_one(server, page, "Floor" if name == "floor" else "riskframe"))
        finally:
            page.context.close()
            for server in servers.values():
                server.stop()
    summary = {}
    for name, samples in out.items():
        drawn = sorted(s[1] for s in samples)
        summary[name] = {"health_p50": statistics.median(s[0] for s in samples),
                         "drawn_p50": statistics.median(drawn),
                         "drawn_p95": drawn[min(len(drawn) - 1, round(0.95 * (len(drawn) - 1)))],
                         "server_cpu_p50": statistics.median(s[2] for s in samples),
                         "samples": [[round(x, 3) for x in s] for s in samples]}
    if baseline is not None:
        summary["drawn_p50_ratio_app_to_baseline"] = summary["app"]["drawn_p50"] / summary["baseline"]["drawn_p50"]
    summary["load_average_1min"] = {"start": load_start, "end": os.getloadavg()[0]}
    summary["target"] = "process start to Home drawn ≤ 2 s"
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_start", description=__doc__)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--data", choices=["demo", "empty"], default="demo")
    parser.add_argument("--baseline", type=Path, default=None, help="another copy of the code to run interleaved")
    args = parser.parse_args()
    print(json.dumps(measure(args.reps, args.data, args.baseline), indent=2))


if __name__ == "__main__":
    main()
