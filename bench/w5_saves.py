"""W5: saving one section — latency on SQLite and PostgreSQL; 8 concurrent writers on PostgreSQL.

Baseline in the same run: inserting the same number of rows with a bare SQL executemany.
Lost updates are counted with a shared counter: every writer reads it and writes "<it + 1>:<writer>"
from its base revision, retrying on conflict, so the final value must equal the number of successful
saves. (Without the writer's name two stale writers would write identical values, which the store
rightly merges as no change.)

The concurrent workloads run each writer in its own process (forked, as the app's server workers would
be), warm each up before the clock starts and time only saves that landed. The PostgreSQL cluster is the
tests' own (tests/pg.py): fsync, synchronous_commit and full_page_writes OFF, so commits do not wait
for the disk; the product's own settings are the server's (riskframe changes none of them).
"""

from __future__ import annotations

import multiprocessing
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from bench.timing import percentiles
from riskframe.domain import EntryIn
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, ConflictError, open_store

ACTOR = Actor.system("bench")


def _section(fw, n: int) -> dict:
    ids = [i for i in fw.indicators if i.startswith("7.")]
    return {i: EntryIn(score=(n + k) % 4, confidence="medium", evidence=f"save {n}") for k, i in enumerate(ids)}


def latency(url: str, fw, saves: int) -> tuple[dict, float]:
    store = open_store(url)
    store.upgrade()
    store.ensure_country(ACTOR, "XA")
    a = store.create_assessment(ACTOR, "XA", "2026-Q3", fw.id, fw.version)
    rev, samples = a.revision, []
    for n in range(saves):
        t = time.perf_counter()
        rev = store.save_entries(ACTOR, a.id, rev, _section(fw, n + 1), fw.indicator_ids()).revision
        samples.append(time.perf_counter() - t)
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as c:
        c.execute(sa.text("CREATE TABLE bench_rows (a int, k text, v text)"))
    rows = [{"a": 1, "k": i, "v": "x"} for i in _section(fw, 0)]
    base = []
    for _ in range(min(saves, 50)):
        t = time.perf_counter()
        with engine.begin() as c:
            c.execute(sa.text("INSERT INTO bench_rows VALUES (:a, :k, :v)"), rows)
        base.append(time.perf_counter() - t)
    engine.dispose()
    store.close()
    return percentiles(samples), percentiles(base)["p50"]


def _in_processes(writer: Callable[[int, Callable[[], object]], dict], writers: int) -> tuple[float, list[dict]]:
    """Run writer(w, ready) in `writers` forked processes, as the app's server workers would be (threads of
    one process would share one GIL: the client's Python, not the database, would set the pace). Each
    writer warms up (connection, statement caches), calls ready() and waits there until every writer is
    ready; the seconds run from that moment until the last writer's last save (perf_counter is one
    monotonic clock for every process on Linux). Returns (seconds, each writer's result, in order)."""
    mp = multiprocessing.get_context("fork")
    barrier = mp.Barrier(writers + 1)
    queue = mp.Queue()

    def child(w: int) -> None:
        try:
            result = writer(w, lambda: barrier.wait(timeout=300))
            result["end"] = time.perf_counter()
            queue.put((w, result, None))
        except BaseException as exc:  # reported to the parent, which raises it
            barrier.abort()
            queue.put((w, None, f"{type(exc).__name__}: {exc}"))

    processes = [mp.Process(target=child, args=(w,), daemon=True) for w in range(writers)]
    for p in processes:
        p.start()
    try:
        barrier.wait(timeout=300)
    except threading.BrokenBarrierError:
        pass  # a writer failed while warming up: its error is in the queue
    started = time.perf_counter()
    results: list[dict] = [{}] * writers
    for _ in processes:
        w, result, error = queue.get(timeout=900)
        if error is not None:
            for p in processes:
                p.kill()
            raise RuntimeError(f"W5 writer {w} failed: {error}")
        results[w] = result
    for p in processes:
        p.join()
    return max(r["end"] for r in results) - started, results


def concurrent(url: str, fw, writers: int, saves: int) -> dict:
    setup = open_store(url)
    setup.upgrade()
    setup.ensure_country(ACTOR, "XB")
    a = setup.create_assessment(ACTOR, "XB", "2026-Q3", fw.id, fw.version)
    setup.save_entries(ACTOR, a.id, a.revision, {"1.1": EntryIn(score=0, evidence="0")}, fw.indicator_ids())
    setup.close()

    def writer(w: int, ready: Callable[[], object]) -> dict:
        store = open_store(url)
        store.get_assessment(ACTOR, a.id)  # warm-up: a connection and the compiled statements
        ready()
        ok = conflicts = 0
        for _ in range(saves):
            while True:
                view = store.get_assessment(ACTOR, a.id)
                count = int(view.entries["1.1"].evidence.split(":")[0])
                # The writer's name makes every value unique: two stale writers never write the same thing,
                # so a save from an old base must be refused, not merged as identical.
                try:
                    store.save_entries(ACTOR, a.id, view.revision,
                                       {"1.1": EntryIn(score=count % 4, evidence=f"{count + 1}:w{w}")},
                                       fw.indicator_ids())
                    ok += 1
                    break
                except ConflictError:
                    conflicts += 1
        store.close()
        return {"ok": ok, "conflicts": conflicts}

    elapsed, results = _in_processes(writer, writers)
    check = open_store(url)
    final = int(check.get_assessment(ACTOR, a.id).entries["1.1"].evidence.split(":")[0])
    check.close()
    saved = sum(r["ok"] for r in results)
    return {"seconds": elapsed, "saves": saved, "conflicts": sum(r["conflicts"] for r in results),
            "lost": saved - final}


WARM_UP = 3  # saves per writer before the clock starts (connection, compiled statements, psycopg prepares)


def different_assessments(url: str, fw, writers: int, saves: int, *, derive: bool,
                          budget: float | None = None) -> dict:
    """Writers each saving a section of their OWN assessment, as fast as they can: throughput and latency.
    `derive`: each save also rescores its assessment into derived_scores, as the app's saves do
    (Store.use_framework); without it the store leaves the derived rows to their readers. `budget`:
    a writer stops early once that many seconds have passed since the start (quick mode stays quick)."""
    setup = open_store(url)
    setup.upgrade()
    heads = []
    for w in range(writers):
        code = f"X{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[w % 26]}"
        setup.ensure_country(ACTOR, code)
        heads.append(setup.create_assessment(ACTOR, code, "2026-Q2" if derive else "2026-Q1", fw.id, fw.version))
    setup.close()

    def writer(w: int, ready: Callable[[], object]) -> dict:
        store = open_store(url)
        store.use_framework(fw if derive else None)
        rev = heads[w].revision
        for n in range(WARM_UP):
            rev = store.save_entries(ACTOR, heads[w].id, rev, _section(fw, n + 1), fw.indicator_ids()).revision
        ready()
        samples, failed, start = [], 0, time.perf_counter()
        for n in range(WARM_UP, WARM_UP + saves):
            t = time.perf_counter()
            if budget is not None and t - start > budget:
                break
            try:
                rev = store.save_entries(ACTOR, heads[w].id, rev, _section(fw, n + 1), fw.indicator_ids()).revision
            except Exception:  # counted: a save that did not land
                failed += 1
                continue
            samples.append(time.perf_counter() - t)  # only saves that landed
        store.close()
        return {"samples": samples, "failed": failed}

    elapsed, results = _in_processes(writer, writers)
    failed = sum(r["failed"] for r in results)
    saved = sum(len(r["samples"]) for r in results)
    return {"seconds": elapsed, "saves": saved, "failed": failed, "per_second": saved / elapsed,
            **percentiles([x for r in results for x in r["samples"]])}


def different_fields(url: str, fw, writers: int, saves: int) -> dict:
    """Writers on ONE assessment, each saving its own indicator from the head it last saw: nothing
    conflicts, so every save must land; lost compare-and-set races are retried inside the store."""
    setup = open_store(url)
    setup.upgrade()
    setup.ensure_country(ACTOR, "XC")
    a = setup.create_assessment(ACTOR, "XC", "2026-Q3", fw.id, fw.version)
    setup.close()
    ids = [i for i in fw.indicators if not i.startswith("R")][:writers]

    def writer(w: int, ready: Callable[[], object]) -> dict:
        store = open_store(url)
        rev = store.get_assessment(ACTOR, a.id).revision  # warm-up: a connection and the compiled statements
        ready()
        saved = gave_up = 0
        samples = []
        for n in range(saves):
            t = time.perf_counter()
            try:
                rev = store.save_entries(ACTOR, a.id, rev, {ids[w]: EntryIn(score=n % 4, evidence=f"{n}:w{w}")},
                                         fw.indicator_ids()).revision
                saved += 1
                samples.append(time.perf_counter() - t)
            except Exception:  # a give-up is what this workload counts
                gave_up += 1
                rev = store.get_assessment(ACTOR, a.id).revision
        retries = store.write_retries
        store.close()
        return {"saved": saved, "gave_up": gave_up, "retries": retries, "samples": samples}

    elapsed, results = _in_processes(writer, writers)
    check = open_store(url)
    final = check.get_assessment(ACTOR, a.id)
    check.close()
    lost = sum(1 for w in range(writers) if final.entries[ids[w]].evidence != f"{saves - 1}:w{w}")
    return {"seconds": elapsed, "saves": sum(r["saved"] for r in results),
            "gave_up": sum(r["gave_up"] for r in results), "retries": sum(r["retries"] for r in results),
            "lost": lost, **percentiles([x for r in results for x in r["samples"]])}


def run(fw, quick: bool) -> list[dict]:
    sys.path.insert(0, str(REPO_ROOT))
    from tests.pg import PgCluster  # the same throwaway cluster the tests use

    saves = 20 if quick else 200
    tmp = Path(tempfile.mkdtemp(prefix="rf-bench-save-"))
    out = []
    lite, lite_base = latency(f"sqlite:///{tmp / 'save.db'}", fw, saves)
    out.append({"workload": f"W5 save one section, SQLite (p50; p95 {lite['p95'] * 1000:.0f} ms; n={lite['n']})",
                "seconds": lite["p50"], "baseline": "bare INSERT of the same rows", "baseline_seconds": lite_base,
                "ratio": lite["p50"] / lite_base, "target": "p95 ≤ 100 ms", "met": lite["p95"] <= 0.1})
    cluster = PgCluster().start()
    try:
        template = cluster.create_database()  # upgraded once; each workload gets a copy (as the tests do)
        with open_store(cluster.url(template)) as schema:
            schema.upgrade()

        def fresh() -> str:
            return cluster.url(cluster.create_database(template=template))

        pg, pg_base = latency(fresh(), fw, saves)
        out.append({"workload": f"W5 save one section, PostgreSQL (p50; p95 {pg['p95'] * 1000:.0f} ms; n={pg['n']})",
                    "seconds": pg["p50"], "baseline": "bare INSERT of the same rows", "baseline_seconds": pg_base,
                    "ratio": pg["p50"] / pg_base, "target": "p95 ≤ 100 ms", "met": pg["p95"] <= 0.1})
        writers, each = 8, 20 if quick else 100
        rows = {derive: different_assessments(fresh(), fw, writers, each, derive=derive,
                                             budget=1.0 if quick else None)
                for derive in (False, True)}
        for derive, r in rows.items():
            what = ("each save also rescores its assessment into derived_scores, as the app's saves do" if derive
                    else "BENCH BASELINE: derived scores not kept at save (use_framework(None))")
            base = rows[False]
            out.append({"workload": f"W5 {writers} writer processes on different assessments, PostgreSQL ({what}): "
                                    f"{r['saves']} saved, {r['failed']} failed, {r['per_second']:.0f} saves/s "
                                    f"(p50 {r['p50'] * 1000:.0f} ms, p95 {r['p95'] * 1000:.0f} ms, n={r['n']})",
                        "seconds": r["p95"],
                        "baseline": "p95 without derived scores (row above)" if derive
                        else "p95 of one save, one writer (row above)",
                        "baseline_seconds": base["p95"] if derive else pg["p95"],
                        "ratio": r["p95"] / (base["p95"] if derive else pg["p95"]),
                        "target": "≥ 100 saves/s and p95 ≤ 100 ms",
                        "met": r["per_second"] >= 100 and r["p95"] <= 0.1 and not r["failed"]})
        each = 3 if quick else 200
        c = concurrent(fresh(), fw, writers, each)
        out.append({"workload": f"W5 {writers} writers × {each} saves, PostgreSQL: {c['saves']} saved, "
                                f"{c['conflicts']} conflicts reported and retried, {c['lost']} lost updates",
                    "seconds": c["seconds"], "baseline": "", "baseline_seconds": None, "ratio": None,
                    "target": "0 lost updates", "met": c["lost"] == 0})
        d = different_fields(fresh(), fw, writers, 5 if quick else 50)
        out.append({"workload": f"W5 {writers} writers on one assessment, different fields, PostgreSQL: "
                                f"{d['saves']} saved, {d['gave_up']} gave up, {d['retries']} retries, "
                                f"{d['lost']} lost (save p50 {d['p50'] * 1000:.0f} ms, p95 {d['p95'] * 1000:.0f} ms)",
                    "seconds": d["seconds"], "baseline": "", "baseline_seconds": None, "ratio": None,
                    "target": "0 give-ups, 0 lost", "met": d["gave_up"] == 0 and d["lost"] == 0})
    finally:
        cluster.stop()
    return out
