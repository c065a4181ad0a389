"""Entries laid out as assessment × indicator arrays: what every scoring pass starts from.

`grid_of` places a long entries frame (hundreds of thousands of rows, mapped with positions.py);
`grid_one` places one assessment's entries given as plain values, with no DataFrame at all (the
derived scores of a save score one assessment: building frames would cost more than the arithmetic).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from riskframe.framework.models import Framework
from riskframe.i18n import _
from riskframe.scoring.plan import plan_of
from riskframe.scoring.positions import in_grid_order, positions


@dataclass(frozen=True)
class Grid:
    ids: pd.Index                 # assessment ids, in order
    score: np.ndarray             # float, NaN when missing
    code: np.ndarray              # int8 missing-code numbers (index into names)
    names: list[str]
    conf_code: np.ndarray | None  # int8 index into conf_names, -1 where none (None: no confidence given)
    conf_names: list[str]
    notes: np.ndarray | None      # bool: the entry carries a note (evidence or comment); None: no note column


def confidence_names(fw: Framework) -> list[str]:
    widen = fw.manifest.method.band.confidence_widen if fw.manifest.method is not None else {}
    return list(dict.fromkeys([*fw.scale.confidence_values(), *widen]))


def _code_names(fw: Framework) -> list[str]:
    return list(plan_of(fw).names)


def grid_of(entries: pd.DataFrame, fw: Framework, assessment_ids=None, detail: bool = True) -> Grid:
    """Scores (float, NaN when missing) and missing-code numbers as assessment × indicator arrays.

    Code numbers index `names`: 0 is "scored", 1 "not_assessed", then the manifest's other codes.
    An indicator an assessment does not list is not assessed. `detail`: also confidence and notes.
    """
    ind = entries["indicator_id"]
    if ind.isna().any():
        entries = entries[ind.notna()]
    if assessment_ids is None:
        assessment_ids = pd.unique(entries["assessment_id"])
    ids = pd.Index(assessment_ids, name="assessment_id")
    if ids.has_duplicates:
        raise ValueError(_("assessment ids must be unique"))
    ind_index = plan_of(fw).ind_index
    n_a, n_i = len(ids), len(ind_index)
    # Entries in grid order (each assessment's indicators in framework order, as the store and the
    # synthetic portfolios give them) need no id mapping, no duplicate count and no scatter.
    in_order = in_grid_order(entries["assessment_id"], entries["indicator_id"], ids, ind_index)
    if in_order:
        flat = np.arange(n_a * n_i)
    else:
        rows = positions(entries["assessment_id"], ids)
        cols = positions(entries["indicator_id"], ind_index)
        if (cols < 0).any():
            bad = sorted(set(entries.loc[cols < 0, "indicator_id"].astype(str)))
            raise KeyError(f"unknown indicator id(s): {', '.join(bad)}")
        if (rows < 0).any():
            raise KeyError("entries name assessments that are not in assessment_ids")
        flat = rows * n_i + cols
        counts = np.bincount(flat, minlength=n_a * n_i)
        if counts.max(initial=0) > 1:
            cell = int(np.argmax(counts))
            raise ValueError(_("indicator {value!r} appears twice in assessment {value2!r}").format(
                value=ind_index[cell % n_i], value2=ids[cell // n_i]))
    names = _code_names(fw)
    given = entries["score"]
    if given.dtype.kind != "f":
        given = pd.to_numeric(given, errors="coerce")
    values = given.to_numpy(dtype=float, na_value=np.nan)
    unscored = np.isnan(values)
    if in_order:
        score = np.array(values, dtype=float)  # a copy: the grid never shares the caller's frame
    else:
        score = np.full(n_a * n_i, np.nan)
        score[flat] = values
    # Missing codes matter only where no score is given (a few percent of the entries).
    miss = positions(entries["missing"], pd.Index(names), where=unscored)
    miss = np.where(miss < 0, 1, miss).astype(np.int8)  # no code given (or an unknown one): not assessed
    per_entry = np.zeros(len(flat), dtype=np.int8)
    per_entry[unscored] = miss
    if in_order:
        code = per_entry
    else:
        code = np.ones(n_a * n_i, dtype=np.int8)
        code[flat] = per_entry
    conf_names = confidence_names(fw)
    conf_code: np.ndarray | None = None
    notes: np.ndarray | None = None
    if detail and "confidence" in entries.columns:
        conf_flat = np.full(n_a * n_i, -1, dtype=np.int8)
        conf_flat[flat] = positions(entries["confidence"], pd.Index(conf_names, dtype=object))
        conf_code = conf_flat.reshape(n_a, n_i)
    note_columns = [c for c in ("note", "evidence", "comment") if c in entries.columns]
    if detail and note_columns:
        has = np.zeros(len(entries), dtype=bool)
        for c in note_columns:
            has |= entries[c].fillna("").astype(str).str.strip().ne("").to_numpy(dtype=bool)
        notes_flat = np.zeros(n_a * n_i, dtype=bool)
        notes_flat[flat] = has
        notes = notes_flat.reshape(n_a, n_i)
    return Grid(ids, score.reshape(n_a, n_i), code.reshape(n_a, n_i), names, conf_code, conf_names, notes)


def grid_one(assessment_id: Any, entries: Sequence[tuple[str, Any, Any, Any, Any]], fw: Framework) -> Grid:
    """The grid of one assessment from (indicator_id, score, missing, confidence, note text) tuples, as
    `grid_of` would place the same entries in a frame with confidence and evidence columns. Entries of
    indicators the framework does not have are left out (as summary.known_entries does)."""
    plan = plan_of(fw)
    at = plan.column_of
    names = _code_names(fw)
    code_at = {c: n for n, c in enumerate(names)}
    conf_names = confidence_names(fw)
    conf_at = {c: n for n, c in enumerate(conf_names)}
    n_i = len(plan.ind_ids)
    score = np.full((1, n_i), np.nan)
    code = np.ones((1, n_i), dtype=np.int8)
    conf = np.full((1, n_i), -1, dtype=np.int8)
    notes = np.zeros((1, n_i), dtype=bool)
    for ind, value, missing, confidence, note in entries:
        j = at.get(ind)
        if j is None:
            continue
        if value is not None and value == value:
            score[0, j] = float(value)
            code[0, j] = 0
        else:
            code[0, j] = code_at.get(missing, 1) if missing is not None else 1
        if confidence is not None:
            conf[0, j] = conf_at.get(confidence, -1)
        notes[0, j] = note is not None and str(note).strip() != ""
    return Grid(pd.Index([assessment_id], name="assessment_id"), score, code, names, conf, conf_names, notes)
