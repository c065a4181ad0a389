"""What the dashboards read of each assessment, computed once per revision: a compact summary.

The panel (riskframe/analytics/panel.py) needs, per assessment, the composite and its band, the
indices, coverage, tier, red flags, per-theme drivers, the per-crime headline, the top contributors
and the per-factor scores — about 150 numbers, not the 157 entries. `summarise` computes them from
entries (pure, via `score_entries`); `encode`/`decode` turn them into a short language-neutral JSON
text and a vector of float64 per assessment and back, exactly, so the store can keep them per
revision (riskframe/store/derived.py) and the dashboards read thousands of rows, not 600k entries.
Texts people read (headline, status, hover) are rendered when the panel is built, in its language.
`fingerprint` names the method a summary was computed with, so a stale one is recomputed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from riskframe import __version__
from riskframe.framework.models import Framework, tr
from riskframe.scoring.crimes import crime_arrays
from riskframe.scoring.engine import Scores, score_arrays, score_entries
from riskframe.scoring.explain import contribution_array, contributions
from riskframe.scoring.grid import grid_one
from riskframe.scoring.plan import plan_of

FORMAT = 3  # bump when the summary or its encoding changes: every stored summary is then stale
TOP_N = 3  # contributors kept per assessment (the panel's hover shows three)
INDEX_COLUMNS = ["composite", "band_low", "band_high", "risk_index", "resilience_index", "coverage",
                 "tier", "tier_before_flags", "red_flags", "n_scored", "n_unknown", "n_not_assessed",
                 "n_not_applicable"]
# Codes of the per-crime method (riskframe/scoring/crimes.py); its texts are rendered from these.
METHOD_CODES = ["headline_crime", "headline_level", "crime_status", "provisional", "method_version"]
_FLOATS = ["composite", "band_low", "band_high", "risk_index", "resilience_index", "coverage", "confidence"]
_COUNTS = ["n_scored", "n_unknown", "n_not_assessed", "n_not_applicable"]
_FACTOR_FLOATS = ["score", "coverage", "low", "high"]
_FACTOR_COUNTS = ["n_scored", "n_applicable"]


@dataclass(frozen=True)
class Summary:
    """Per assessment (indexed by id): confidence, last_changed_at, INDEX_COLUMNS, METHOD_CODES (when
    the framework has the per-crime method), one column per driver theme, top_ids and top_points;
    factors: long, as `Scores.factors`."""

    assessments: pd.DataFrame
    factors: pd.DataFrame


def fingerprint(fw: Framework) -> str:
    """A hash of everything scoring reads: scale, scoring and method parameters, each indicator's
    factor, kind, tags and red flag, the factors' order and kinds, and this code's version."""
    m = fw.manifest
    parts = {
        "format": FORMAT, "code": __version__, "framework": [fw.id, fw.version],
        "scale": m.scale.model_dump(mode="json", include={"min", "max"}),
        "missing": list(m.scale.missing), "confidence": fw.scale.confidence_values(),
        "scoring": m.scoring.model_dump(mode="json", exclude={"alerts"}),
        "method": m.method.model_dump(mode="json") if m.method is not None else None,
        "factors": [[f, fw.factor_by_id[f].kind] for f in fw.factor_by_id],
        "indicators": [[i.id, i.factor_id, i.kind, list(i.tags),
                        i.red_flag.model_dump(mode="json", exclude={"reason"}) if i.red_flag else None]
                       for i in fw.indicators.values()],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


def top_contributor_ids(scores: Scores, fw: Framework, n: int = 3) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """(assessment ids, ids of the top `n` indicators per row, their points); None/NaN past the scored ones.

    Same order as `explain.top_contributors`: highest first, ties in document order.
    """
    share = contributions(scores, fw)
    ids, points = _top(share.to_numpy(dtype=float, na_value=np.nan), np.asarray(share.columns, dtype=object), n)
    return share.index, ids, points


def _top(values: np.ndarray, columns: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    n = min(n, values.shape[1])
    values = np.where(np.isnan(values) | (values <= 0), -np.inf, values)
    # negate, and add a tiny rank penalty so ties keep document order (points differ by far more)
    key = -values + np.arange(values.shape[1]) * 1e-9
    part = np.argpartition(key, n - 1, axis=1)[:, :n] if n else np.empty((len(values), 0), dtype=int)
    order = np.take_along_axis(part, np.argsort(np.take_along_axis(key, part, axis=1), axis=1), axis=1)
    points = np.take_along_axis(values, order, axis=1)
    ids = np.where(np.isfinite(points), columns[order], None)
    return np.asarray(ids), np.where(np.isfinite(points), points, np.nan)


def _entry_meta(entries: pd.DataFrame, confidence_levels: dict[str, float]) -> pd.DataFrame:
    """Mean confidence (by its rank in the manifest, scored indicators only) and the last change.

    Vectorised on purpose: mapping or converting 600k tz-aware timestamps row by row costs seconds.
    """
    aid = entries["assessment_id"].to_numpy()
    first = pd.Index(pd.unique(aid), name="assessment_id")
    conf = entries["confidence"]
    level = np.full(len(entries), np.nan)
    for name, value in confidence_levels.items():
        level[(conf == name).to_numpy(dtype=bool, na_value=False)] = value
    level[entries["score"].isna().to_numpy()] = np.nan  # confidence only counts for scored indicators
    out = pd.DataFrame(index=first).join(pd.Series(level, index=aid).groupby(level=0).mean().rename("confidence"))
    return out.join(entries.groupby("assessment_id", sort=False)["changed_at"].max().rename("last_changed_at"))


def known_entries(entries: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Entries of indicators the framework has (values kept under ids an older version had are left out)."""
    known = entries["indicator_id"].isin(list(fw.indicators)).to_numpy()
    return entries if known.all() else entries[known]


def summarise(entries: pd.DataFrame, fw: Framework, top_n: int = TOP_N) -> Summary:
    """The summary of every assessment with at least one entry the framework knows (Store.entries_frame
    shape); in first-seen order."""
    entries = known_entries(entries, fw)
    meta = _entry_meta(entries, fw.scale.confidence_values())
    scores = score_entries(entries, fw, meta.index)
    a = meta.join(scores.assessments[INDEX_COLUMNS])
    if "headline_crime" in scores.assessments.columns:  # the per-crime method
        codes = scores.assessments[["headline_crime", "headline_level", "status", "provisional", "method_version"]]
        a = a.join(codes.rename(columns={"status": "crime_status"}))
    a = a.join(scores.drivers)
    index, ids, points = top_contributor_ids(scores, fw, top_n)
    top = pd.DataFrame({"top_ids": [tuple(i for i in row if i is not None) for row in ids.tolist()],
                        "top_points": [tuple(p for p in row if p == p) for row in points.tolist()]}, index=index)
    return Summary(assessments=a.join(top), factors=scores.factors)


def _none(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and value != value) else value


def _width(drivers: list[str], n_factors: int) -> int:
    return len(_FLOATS) + len(drivers) + len(_COUNTS) + 6 * n_factors + TOP_N


def encode(summary: Summary, drivers: list[str]) -> dict[int, tuple[str, bytes]]:
    """Per assessment id: a JSON text (codes, red flags, contributor ids, last change) and the numbers
    (floats, counts, per-factor values, contributor points) as one vector of little-endian float64,
    so reading thousands back is one `numpy.frombuffer`, not thousands of float parses."""
    a = summary.assessments
    has_method = "headline_crime" in a.columns
    f = summary.factors
    n_f = len(f) // len(a) if len(a) else 0
    per_factor = np.stack([f[c].to_numpy(dtype=float) for c in _FACTOR_FLOATS + _FACTOR_COUNTS]).reshape(6, len(a), n_f)
    points = np.full((len(a), TOP_N), np.nan)
    for r, row in enumerate(a["top_points"].tolist()):
        points[r, :len(row)] = row[:TOP_N]
    numbers = np.hstack([a[_FLOATS + drivers].to_numpy(dtype=float), a[_COUNTS].to_numpy(dtype=float),
                         per_factor.transpose(1, 0, 2).reshape(len(a), 6 * n_f), points]).astype("<f8")
    at = a["last_changed_at"].astype("datetime64[ns, UTC]").array.asi8.tolist()
    texts = a[["tier", "tier_before_flags"] + (METHOD_CODES[:3] + METHOD_CODES[4:] if has_method else [])]
    out: dict[int, tuple[str, bytes]] = {}
    for r, (aid, tx, flags, prov, tids) in enumerate(zip(
            a.index.tolist(), texts.itertuples(index=False, name=None), a["red_flags"].tolist(),
            a["provisional"].tolist() if has_method else [None] * len(a), a["top_ids"].tolist())):
        out[int(aid)] = _pack(tx, flags, prov, tids, at[r], numbers[r])
    return out


def _pack(texts: Any, flags: Any, provisional: Any, top_ids: Any, at: int, numbers: np.ndarray) -> tuple[str, bytes]:
    """One assessment's stored pair (the one place its layout is written)."""
    row = {"t": [_none(v) for v in texts], "rf": list(flags), "p": provisional, "ti": list(top_ids)[:TOP_N], "at": at}
    return json.dumps(row, separators=(",", ":")), np.asarray(numbers, dtype="<f8").tobytes()


def encode_one(assessment_id: Any, entries: Sequence[tuple[str, Any, Any, Any, Any, int]],
               fw: Framework) -> tuple[str, bytes] | None:
    """`encode(summarise(...))` of one assessment, from (indicator_id, score, missing, confidence, note
    text, changed_at in ns since the epoch, UTC) tuples: plain arrays of one row, no frame (a save
    scores its assessment this way, in a few milliseconds). None without an entry the framework knows."""
    plan = plan_of(fw)
    known = [e for e in entries if e[0] in plan.column_of]
    if not known:
        return None
    grid = grid_one(assessment_id, [e[:5] for e in known], fw)
    r = score_arrays(grid, fw)
    levels = fw.scale.confidence_values()
    conf = [levels[e[3]] for e in known if e[3] in levels and e[1] is not None and e[1] == e[1]]
    confidence = sum(conf) / len(conf) if conf else np.nan
    tiers = [t.id for t in fw.manifest.scoring.tiers]
    tier = lambda code: tiers[code] if code >= 0 else None
    texts = [tier(int(r["tier_code"][0])), tier(int(r["tier_before_flags_code"][0]))]
    provisional = None
    m = fw.manifest.method
    if m is not None:
        c = crime_arrays(grid, fw)
        under_way = bool(c["any_under_way"][0])
        texts += [m.crimes[int(c["head"][0])].id if m.crimes else None,
                  tier(int(c["head_level"][0])) if m.crimes else None,
                  "under_way" if under_way else "onset", m.version]
        provisional = bool(c["reasons"][0])
    top_ids, top_points = _top(contribution_array(grid.score, fw), plan.ind_ids[plan.risk_ind], TOP_N)
    points = np.full(TOP_N, np.nan)
    kept = top_points[0][np.isfinite(top_points[0])]
    points[:len(kept)] = kept[:TOP_N]
    floats = [r[k][0] for k in ("composite", "band_low", "band_high", "risk_index", "resilience_index", "coverage")]
    numbers = np.concatenate([
        np.array(floats + [confidence], dtype=float), r["drivers"][0],
        np.array([r[k][0] for k in _COUNTS], dtype=float),
        *(r[k][0].astype(float) for k in ("f_score", "f_cov", "f_low", "f_high", "f_scored", "f_appl")), points])
    flags = tuple(plan.ind_ids[plan.flag_cols][r["raised"][0]].tolist())
    return _pack(texts, flags, provisional, [i for i in top_ids[0].tolist() if i is not None],
                 max(e[5] for e in known), numbers)


def decode(ids: list[int], texts: list[str], numbers_: list[bytes], fw: Framework) -> Summary:
    """The Summary of `encode`d texts and numbers (one each per id, same order), for framework `fw`
    (whose fingerprint they were made with)."""
    drivers = list(fw.manifest.scoring.drivers)
    n_f = len(fw.factor_by_id)
    rows = json.loads("[" + ",".join(texts) + "]") if texts else []
    index = pd.Index(np.asarray(ids, dtype=np.int64), name="assessment_id")
    n = len(rows)
    numbers = np.frombuffer(b"".join(numbers_), dtype="<f8").reshape(n, _width(drivers, n_f))
    k_f, k_d, k_c = len(_FLOATS), len(drivers), len(_COUNTS)
    counts = numbers[:, k_f + k_d:k_f + k_d + k_c].astype(np.int64)
    t = [r["t"] for r in rows]
    data: dict[str, Any] = {"confidence": numbers[:, 6],
                            "last_changed_at": pd.to_datetime(np.array([r["at"] for r in rows], dtype=np.int64),
                                                              utc=True).astype("datetime64[ns, UTC]")}
    for j, c in enumerate(_FLOATS[:6]):
        data[c] = numbers[:, j]
    data["tier"] = np.array([x[0] for x in t], dtype=object)
    data["tier_before_flags"] = np.array([x[1] for x in t], dtype=object)
    data["red_flags"] = [tuple(r["rf"]) for r in rows]
    for j, c in enumerate(_COUNTS):
        data[c] = counts[:, j]
    a = pd.DataFrame(data, index=index)[["confidence", "last_changed_at", *INDEX_COLUMNS]]
    if fw.manifest.method is not None:
        a["headline_crime"] = np.array([x[2] for x in t], dtype=object)
        a["headline_level"] = np.array([x[3] for x in t], dtype=object)
        a["crime_status"] = np.array([x[4] for x in t], dtype=object)
        a["provisional"] = np.array([bool(r["p"]) for r in rows], dtype=bool)
        a["method_version"] = np.array([x[5] for x in t], dtype=object)
    for j, d in enumerate(drivers):
        a[d] = numbers[:, k_f + j]
    a["top_ids"] = [tuple(r["ti"]) for r in rows]
    a["top_points"] = [tuple(p[:len(r["ti"])]) for r, p in zip(rows, numbers[:, -TOP_N:].tolist())]
    per_factor = numbers[:, k_f + k_d + k_c:-TOP_N].reshape(n, 6, n_f).transpose(1, 0, 2)
    return Summary(assessments=a, factors=_factors(index, per_factor, fw))


def _factors(index: pd.Index, per_factor: np.ndarray, fw: Framework) -> pd.DataFrame:
    """The long factor frame (as Scores.factors) of values shaped (6, assessments, factors)."""
    factor_ids = list(fw.factor_by_id)
    n_f, n = len(factor_ids), len(index)
    kinds = [fw.factor_by_id[f].kind for f in factor_ids]
    tile = np.tile(np.arange(n_f), n)
    # the same dtype as np.tile of the ids gives, built once per factor and repeated by position
    out = {"assessment_id": np.repeat(index.to_numpy(), n_f),
           "factor_id": pd.Series(np.array(factor_ids)).array.take(tile),
           "kind": pd.Series(np.array(kinds)).array.take(tile)}
    for j, c in enumerate(_FACTOR_FLOATS):
        out[c] = per_factor[j].ravel()
    for j, c in enumerate(_FACTOR_COUNTS):
        out[c] = per_factor[4 + j].ravel().astype(int)
    return pd.DataFrame(out)


def headline_texts(a: pd.DataFrame, fw: Framework, lang: str) -> tuple[list[str], list[str]]:
    """The per-crime headline ("<crime>: <level>") and status sentence of each row, in `lang` (as
    riskframe/scoring/crimes.py words them)."""
    m = fw.manifest.method
    if m is None:
        return [], []
    labels = {c.id: tr(c.label, lang) for c in m.crimes}
    levels = {t.id: fw.tier(t.id).label(lang).lower() for t in fw.manifest.scoring.tiers}
    status = {k: tr(v, lang) for k, v in m.status.items()}
    heads = [f"{labels[c]}: {levels[lv]}" for c, lv in zip(a["headline_crime"].tolist(), a["headline_level"].tolist())]
    return heads, [status[s] for s in a["crime_status"].tolist()]
