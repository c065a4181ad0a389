"""W5: saving one section — latency on SQLite and PostgreSQL; 8 concurrent writers on PostgreSQL.

Baseline in the same run: inserting the same number of rows with a bare SQL executemany.
Lost updates are counted with a shared counter: every writer reads it and writes "<it + 1>:<writer>"
from its base revision, retrying on conflict, so the final value must equal the number of successful
saves. (Without the writer's name two stale writers would write identical values, which the store
rightly merges as no change.)
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
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


def _run_writers(writer, writers: int) -> float:
    """Start `writers` threads running writer(w) at once; the seconds until the last one ends."""
    t = time.perf_counter()
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return time.perf_counter() - t


def concurrent(url: str, fw, writers: int, saves: int) -> dict:
    setup = open_store(url)
    setup.upgrade()
    setup.ensure_country(ACTOR, "XB")
    a = setup.create_assessment(ACTOR, "XB", "2026-Q3", fw.id, fw.version)
    setup.save_entries(ACTOR, a.id, a.revision, {"1.1": EntryIn(score=0, evidence="0")}, fw.indicator_ids())
    ok, conflicts = [0] * writers, [0] * writers

    def writer(w: int) -> None:
        store = open_store(url)
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
                    ok[w] += 1
                    break
                except ConflictError:
                    conflicts[w] += 1
        store.close()

    elapsed = _run_writers(writer, writers)
    final = int(setup.get_assessment(ACTOR, a.id).entries["1.1"].evidence.split(":")[0])
    setup.close()
    return {"seconds": elapsed, "saves": sum(ok), "conflicts": sum(conflicts), "lost": sum(ok) - final}


def different_assessments(url: str, fw, writers: int, saves: int) -> dict:
    """Writers each saving a section of their OWN assessment, as fast as they can: throughput and latency."""
    setup = open_store(url)
    setup.upgrade()
    heads = []
    for w in range(writers):
        code = f"X{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[w % 26]}"
        setup.ensure_country(ACTOR, code)
        heads.append(setup.create_assessment(ACTOR, code, "2026-Q2", fw.id, fw.version))
    setup.close()
    samples: list[list[float]] = [[] for _ in range(writers)]
    failed = [0] * writers

    def writer(w: int) -> None:
        store = open_store(url)
        rev = heads[w].revision
        for n in range(saves):
            t = time.perf_counter()
            try:
                rev = store.save_entries(ACTOR, heads[w].id, rev, _section(fw, n + 1), fw.indicator_ids()).revision
            except Exception:  # counted: a save that did not land
                failed[w] += 1
            samples[w].append(time.perf_counter() - t)
        store.close()

    elapsed = _run_writers(writer, writers)
    saved = writers * saves - sum(failed)
    return {"seconds": elapsed, "saves": saved, "failed": sum(failed), "per_second": saved / elapsed,
            **percentiles([x for s in samples for x in s])}


def different_fields(url: str, fw, writers: int, saves: int) -> dict:
    """Writers on ONE assessment, each saving its own indicator from the head it last saw: nothing
    conflicts, so every save must land; lost compare-and-set races are retried inside the store."""
    setup = open_store(url)
    setup.upgrade()
    setup.ensure_country(ACTOR, "XC")
    a = setup.create_assessment(ACTOR, "XC", "2026-Q3", fw.id, fw.version)
    ids = [i for i in fw.indicators if not i.startswith("R")][:writers]
    saved, gave_up, retries = [0] * writers, [0] * writers, [0] * writers
    samples: list[list[float]] = [[] for _ in range(writers)]

    def writer(w: int) -> None:
        store = open_store(url)
        rev = store.get_assessment(ACTOR, a.id).revision
        for n in range(saves):
            t = time.perf_counter()
            try:
                rev = store.save_entries(ACTOR, a.id, rev, {ids[w]: EntryIn(score=n % 4, evidence=f"{n}:w{w}")},
                                         fw.indicator_ids()).revision
                saved[w] += 1
            except Exception:  # a give-up is what this workload counts
                gave_up[w] += 1
                rev = store.get_assessment(ACTOR, a.id).revision
            samples[w].append(time.perf_counter() - t)
        retries[w] = store.write_retries
        store.close()

    elapsed = _run_writers(writer, writers)
    final = setup.get_assessment(ACTOR, a.id)
    lost = sum(1 for w in range(writers) if final.entries[ids[w]].evidence != f"{saves - 1}:w{w}")
    setup.close()
    return {"seconds": elapsed, "saves": sum(saved), "gave_up": sum(gave_up), "retries": sum(retries),
            "lost": lost, **percentiles([x for s in samples for x in s])}


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
        pg, pg_base = latency(cluster.url(cluster.create_database()), fw, saves)
        out.append({"workload": f"W5 save one section, PostgreSQL (p50; p95 {pg['p95'] * 1000:.0f} ms; n={pg['n']})",
                    "seconds": pg["p50"], "baseline": "bare INSERT of the same rows", "baseline_seconds": pg_base,
                    "ratio": pg["p50"] / pg_base, "target": "p95 ≤ 100 ms", "met": pg["p95"] <= 0.1})
        writers = 8
        r = different_assessments(cluster.url(cluster.create_database()), fw, writers, 10 if quick else 100)
        out.append({"workload": f"W5 {writers} writers on different assessments, PostgreSQL: {r['saves']} saved, "
                                f"{r['failed']} failed, {r['per_second']:.0f} saves/s (p50 {r['p50'] * 1000:.0f} ms, "
                                f"p95 {r['p95'] * 1000:.0f} ms)",
                    "seconds": r["p95"], "baseline": "p95 of one save, one writer (row above)",
                    "baseline_seconds": pg["p95"], "ratio": r["p95"] / pg["p95"],
                    "target": "≥ 100 saves/s and p95 ≤ 100 ms",
                    "met": r["per_second"] >= 100 and r["p95"] <= 0.1 and not r["failed"]})
        each = 5 if quick else 200
        c = concurrent(cluster.url(cluster.create_database()), fw, writers, each)
        out.append({"workload": f"W5 {writers} writers × {each} saves, PostgreSQL: {c['saves']} saved, "
                                f"{c['conflicts']} conflicts reported and retried, {c['lost']} lost updates",
                    "seconds": c["seconds"], "baseline": "", "baseline_seconds": None, "ratio": None,
                    "target": "0 lost updates", "met": c["lost"] == 0})
        d = different_fields(cluster.url(cluster.create_database()), fw, writers, 5 if quick else 50)
        out.append({"workload": f"W5 {writers} writers on one assessment, different fields, PostgreSQL: "
                                f"{d['saves']} saved, {d['gave_up']} gave up, {d['retries']} retries, "
                                f"{d['lost']} lost (save p50 {d['p50'] * 1000:.0f} ms, p95 {d['p95'] * 1000:.0f} ms)",
                    "seconds": d["seconds"], "baseline": "", "baseline_seconds": None, "ratio": None,
                    "target": "0 give-ups, 0 lost", "met": d["gave_up"] == 0 and d["lost"] == 0})
    finally:
        cluster.stop()
    return out
