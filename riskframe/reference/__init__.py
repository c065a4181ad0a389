"""Reference series beside judgement: reading published statistical forecasts (the Early Warning
Project's) or a generic country-year CSV, mapping countries to ISO 3166, ready for the store.

    from riskframe.reference import load_crosswalk, read_series
    parsed = read_series(path, "ewp", load_crosswalk(framework.root))
    parsed.problems   # errors located by row and column: nothing may be written if any
    parsed.unmapped   # names/codes no ISO code was found for, with their row numbers
"""

from riskframe.reference.crosswalk import Crosswalk, load_crosswalk
from riskframe.reference.parse import ParsedSeries, Problem, ReferenceRow, Unmapped, read_series

__all__ = ["Crosswalk", "ParsedSeries", "Problem", "ReferenceRow", "Unmapped", "load_crosswalk", "read_series"]
