"""Run the benchmarks and print a markdown table; `--json` writes machine-readable results."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

START = time.perf_counter()  # before the imports below: the whole run's wall time includes them

from pathlib import Path  # noqa: E402

from bench.timing import peak_rss_mb  # noqa: E402
from riskframe.framework import load_framework  # noqa: E402
from riskframe.settings import REPO_ROOT  # noqa: E402

WORKLOADS = ["w1_scoring", "w2_dashboard", "w3_w4_excel", "w5_saves", "w6_app", "w7_sensitivity", "w8_browser",
             "w9_reports"]


def machine() -> str:
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, {platform.system()}"


def table(results: list[dict]) -> str:
    lines = ["| Workload | Time (s) | Baseline | Baseline (s) | Ratio | Target | Met |", "|---|---|---|---|---|---|---|"]
    for r in results:
        met = {True: "yes", False: "**no**", None: ""}[r.get("met")]
        base = r.get("baseline_seconds")
        base_txt = "" if base is None else f"{base:.3f}"
        ratio = r.get("ratio")
        ratio_txt = "" if ratio is None else f"{ratio:.1f}×"
        lines.append(f"| {r['workload']} | {r['seconds']:.3f} | {r.get('baseline', '')} | {base_txt} | "
                     f"{ratio_txt} | {r.get('target', '')} | {met} |")
    return "\n".join(lines)


def wall_rows(walls: dict[str, float]) -> list[dict]:
    """One row per module: its own wall time, set-up included (where the quick run's minute goes)."""
    return [{"workload": f"Wall time of {name}" + ("" if name.startswith("start-up") else
                                                    " (set-up, baselines and workloads)"), "seconds": seconds,
             "baseline": "", "baseline_seconds": None, "ratio": None, "target": "", "met": None}
            for name, seconds in walls.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller samples; finishes in under 60 s")
    parser.add_argument("--json", type=Path, help="write results here")
    parser.add_argument("--only", help="comma-separated workload modules, e.g. w1_scoring")
    parser.add_argument("--results-md", type=Path, help="also write the table with the machine description here "
                        "(e.g. bench/RESULTS.md)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    fw = load_framework(REPO_ROOT / "indicators")
    chosen = args.only.split(",") if args.only else WORKLOADS
    results: list[dict] = []
    walls: dict[str, float] = {"start-up (bench imports, framework loaded)": time.perf_counter() - START}
    for name in chosen:
        t = time.perf_counter()
        try:
            module = __import__(f"bench.{name}", fromlist=["run"])
        except ModuleNotFoundError as exc:
            if exc.name == f"bench.{name}":
                print(f"(skipping {name}: not written yet)", file=sys.stderr)
                continue
            raise
        results += module.run(fw, args.quick)
        walls[name] = time.perf_counter() - t
        print(f"({name}: {walls[name]:.1f} s wall, load average {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)
    results += wall_rows(walls)
    results.append({"workload": "Peak memory (RSS) of this run, MB", "seconds": peak_rss_mb(), "baseline": "",
                    "baseline_seconds": None, "ratio": None, "target": "", "met": None})
    total = time.perf_counter() - started
    process = time.perf_counter() - START
    results.append({"workload": f"Wall time of the whole run ({'quick' if args.quick else 'full'}), from the bench's "
                                "first import", "seconds": process, "baseline": "", "baseline_seconds": None,
                    "ratio": None, "target": "< 60 s" if args.quick else "", "met": process < 60 if args.quick else None})
    text = table(results)
    header = (f"Machine: {machine()}. Mode: {'quick' if args.quick else 'full'}. Total {total:.1f} s "
              f"({process:.1f} s since the interpreter started; 1-min load average {os.getloadavg()[0]:.1f} at the end).")
    print(header)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "quick": args.quick, "total_seconds": total,
                                         "process_seconds": process, "module_seconds": walls,
                                         "results": results}, indent=2, default=str))
    if args.results_md:
        args.results_md.write_text(f"# Benchmark results\n\n{header}\n\n{text}\n\nRun `python -m bench` "
                                   "(or `--quick`) to reproduce; ratios compare with a baseline in the same run.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
