"""The fictional demo data set: six invented countries (XA–XF) with two years of quarterly assessments.

    from riskframe.demo import load_demo
    report = load_demo(store, framework, settings.seeds_dir / "demo", actor)

seed_format.py is the format of a seed file, reading.py reads and checks them, plan.py turns a seed into
each quarter's content, load.py writes it through the Store API (idempotently).
"""

from riskframe.demo.load import DemoReport, load_demo
from riskframe.demo.plan import plan_country
from riskframe.demo.reading import read_seed, read_seeds
from riskframe.demo.seed_format import SeedInvalid, SeedIssue

__all__ = ["DemoReport", "SeedInvalid", "SeedIssue", "load_demo", "plan_country", "read_seed", "read_seeds"]
