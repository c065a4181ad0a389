"""From risk to prevention: the catalogue as records, and the options suggested where risk is high (pure)."""

from riskframe.prevention.catalogue import option_record, option_records
from riskframe.prevention.suggest import Suggestion, SuggestionReport, Trigger, suggest

__all__ = ["Suggestion", "SuggestionReport", "Trigger", "option_record", "option_records", "suggest"]
