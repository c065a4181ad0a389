"""The first page after a restart (issue 18): Home draws without pandas, and its tables are unchanged.

Home's tables are Arrow tables (Streamlit draws them as is) passed with lazy=False (Streamlit's lazy
check imports pandas), so a fresh server process imports no pandas before someone opens a page that
needs it; the framework imports pandas only for its indicator table (scoring). The tables hold
exactly what the pandas version held.
"""

import json
import subprocess
import sys

import pandas as pd
from streamlit.testing.v1 import AppTest

from riskframe.app.pages import home
from riskframe.i18n import format_datetime
from riskframe.app.components import status_label
from tests.app.conftest import APP


def _pandas_table(rows) -> pd.DataFrame:
    """What Home drew before: the same columns, built with pandas."""
    return pd.DataFrame([{
        "country": f"{a.country} · {a.country_name}", "period": a.period, "status": status_label(a.status),
        "revision": a.revision, "updated": format_datetime(a.updated_at, "short"), "by": a.updated_by,
    } for a in rows])


def test_home_tables_hold_what_the_pandas_tables_held(store, fw, actor):
    store.create_assessment(actor, "XA", "2026-Q2", fw.id, fw.version)
    store.create_assessment(actor, "XB", "2026-Q1", fw.id, fw.version)
    rows = store.list_assessments(actor)
    pd.testing.assert_frame_equal(home._table(rows).to_pandas(), _pandas_table(rows))


def test_home_with_assessments_draws_its_tables(store, fw, actor):
    store.create_assessment(actor, "XA", "2026-Q2", fw.id, fw.version)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.dataframe) == 2
    assert [c.startswith("XA · ") for c in at.dataframe[0].value["country"]] == [True]


PROBE = """
import json, sys, types
from streamlit import config
from streamlit.dataframe import lazy_df_source
from streamlit.testing.v1 import AppTest

# AppTest keeps every dataframe eager before Streamlit's lazy check; a server runs that check (which
# imports pandas unless lazy=False), so the probe lets it run as on a server.
lazy_df_source.config = types.SimpleNamespace(
    get_option=lambda key: False if key == "global.appTest" else config.get_option(key))
at = AppTest.from_file(sys.argv[1], default_timeout=60).run()
print(json.dumps({"error": [str(e.value) for e in at.exception], "tables": len(at.dataframe),
                  "pandas": "pandas" in sys.modules}))
"""


def test_the_first_home_run_imports_no_pandas(store, fw, actor):
    store.create_assessment(actor, "XA", "2026-Q2", fw.id, fw.version)
    out = subprocess.run([sys.executable, "-c", PROBE, APP], capture_output=True, text=True, check=True, timeout=120)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"error": [], "tables": 2, "pandas": False}
