"""The framework as data: load and validate `indicators/` (manifest, risk factors, resilience)."""

from riskframe.framework.loader import FrameworkInvalid, check_framework, check_translations, load_framework
from riskframe.framework.models import Factor, Framework, Indicator, Manifest
from riskframe.framework.issues import FrameworkIssue

__all__ = [
    "Factor",
    "Framework",
    "FrameworkInvalid",
    "FrameworkIssue",
    "Indicator",
    "Manifest",
    "check_framework",
    "check_translations",
    "load_framework",
]
