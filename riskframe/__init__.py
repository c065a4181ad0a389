"""riskframe: periodic national assessments of atrocity risk and resilience."""

__version__ = "0.1.0"
