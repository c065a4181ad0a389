"""Positions of an entries column's values in a short list of known values (ids, codes), hashed fast.

Mapping 600k indicator ids to their column is the largest single cost of scoring a portfolio: a
pandas factorize of pyarrow text takes ~12 ms, Arrow's own `index_in` ~7 ms; integer assessment ids
in a compact range need no hashing at all (one lookup table). Every path gives -1 for a value that is
absent or missing, as `pandas.Index.get_indexer` would.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def _arrow(values: pd.Series) -> Any:
    """The column as a pyarrow array when it is stored as one (pandas' pyarrow-backed text), else None."""
    if getattr(values.dtype, "storage", None) != "pyarrow" and not isinstance(values.dtype, pd.ArrowDtype):
        return None
    import pyarrow as pa

    return pa.array(values.array)


def positions(values: pd.Series, index: pd.Index, where: np.ndarray | None = None) -> np.ndarray:
    """Positions of `values` in `index` (-1 when absent or missing), as int64; `where` (bool per value):
    only of the values it marks, in order."""
    arr = _arrow(values)
    if arr is not None and pd.api.types.is_string_dtype(values.dtype) and pd.api.types.is_string_dtype(index.dtype) \
            and index.inferred_type == "string" and not index.hasnans:
        import pyarrow as pa
        import pyarrow.compute as pc

        if where is not None:
            arr = arr.filter(pa.array(where, type=pa.bool_()))
        found = pc.index_in(arr, value_set=pa.array(list(index), type=arr.type))
        return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
    if where is not None:
        values = values[where]
    raw = values.to_numpy()
    if raw.dtype.kind in "iu" and index.dtype.kind in "iu" and len(index) and len(raw):
        lo, hi = int(index.min()), int(index.max())
        if hi - lo <= 4 * len(index) + 1024:  # a compact range: a lookup table, no hashing
            table = np.full(hi - lo + 3, -1, dtype=np.int64)
            table[np.asarray(index, dtype=np.int64) - lo + 1] = np.arange(len(index))
            at = np.clip(raw.astype(np.int64) - lo + 1, 0, hi - lo + 2)  # out of range: a -1 slot at either end
            return table[at]
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    lookup = np.append(index.get_indexer(pd.Index(uniques)), -1)  # code -1 (NA) picks the final -1
    return lookup[codes].astype(np.int64)


def in_grid_order(assessment_ids: pd.Series, indicator_ids: pd.Series, ids: pd.Index, index: pd.Index) -> bool:
    """True when the entries list every indicator of `index` for every assessment of `ids`, in order,
    assessment after assessment (as the store and the synthetic portfolios give them): then row k is
    cell k of the grid, known from the raw columns (integer ids, the Arrow text's buffers) with no
    hashing. False whenever that cannot be told cheaply (the caller maps positions instead)."""
    n_a, n_i = len(ids), len(index)
    if not n_a or not n_i or len(assessment_ids) != n_a * n_i:
        return False
    aid = assessment_ids.to_numpy()
    if aid.dtype.kind not in "iu" or ids.dtype.kind not in "iu" or \
            not (aid.reshape(n_a, n_i) == np.asarray(ids)[:, None]).all():
        return False
    arr = _arrow(indicator_ids)
    if arr is None or arr.null_count or index.inferred_type != "string" or index.hasnans:
        return False
    import pyarrow as pa

    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return False
    block = [str(v).encode() for v in index]
    starts = np.cumsum([0] + [len(b) for b in block])  # offsets within one assessment's block
    width = int(starts[-1])
    _validity, off_buf, data_buf = arr.buffers()
    off_type = np.int64 if pa.types.is_large_string(arr.type) else np.int32
    offsets = np.frombuffer(off_buf, dtype=off_type)[arr.offset:arr.offset + len(arr) + 1].astype(np.int64)
    first = int(offsets[0])
    expected = first + starts[:-1][None, :] + width * np.arange(n_a, dtype=np.int64)[:, None]
    if offsets[-1] != first + width * n_a or not (offsets[:-1].reshape(n_a, n_i) == expected).all():
        return False
    data = np.frombuffer(data_buf, dtype=np.uint8)[first:first + width * n_a].reshape(n_a, width)
    return bool((data == np.frombuffer(b"".join(block), dtype=np.uint8)[None, :]).all())
