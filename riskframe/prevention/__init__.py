"""From risk to prevention: the catalogue as records, and the options suggested where risk is high (pure)."""

from riskframe.prevention.catalogue import option_record, option_records
from riskframe.prevention.suggest import Suggestion, SuggestionReport, Trigger, suggest
from riskframe.prevention.suggest_batch import suggest_many

__all__ = ["Suggestion", "SuggestionReport", "Trigger", "option_record", "option_records", "suggest", "suggest_many"]
