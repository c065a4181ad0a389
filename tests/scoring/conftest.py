import pytest

from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT


@pytest.fixture(scope="session")
def fw():
    return load_framework(REPO_ROOT / "indicators")
