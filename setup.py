"""Build hook: copy the framework files (indicators/) and the demo seeds (seeds/demo) into the wheel.

The top-level folders stay the one editable source; a built wheel carries a copy under
riskframe/_data/, which riskframe.settings uses when it does not run from a checkout.
Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = {"indicators": "indicators", "seeds/demo": "seeds/demo"}  # source folder -> riskframe/_data/<target>


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's folders directly
        for source, target in SHIPPED.items():
            src = HERE / source
            if not (src / ".").is_dir():
                raise SystemExit(f"setup.py: {src} is missing: build from a full checkout or sdist")
            dst = Path(self.build_lib) / "riskframe" / "_data" / target
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))


setup(cmdclass={"build_py": BuildPyWithData})
