"""Rules on measures that need the framework: an option id is one of the catalogue's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from riskframe.framework.models import Framework
from riskframe.framework.prevention_models import PreventionOption
from riskframe.i18n import _
from riskframe.store import InvalidInput


def find_option(fw: Framework, option_id: Any) -> PreventionOption:
    """The catalogue option with this id, else InvalidInput saying where the ids are listed."""
    found = next((o for o in fw.options if o.id == option_id), None)
    if found is None:
        raise InvalidInput("option_id", option_id, _(
            "not a prevention option of the catalogue; `riskframe measures catalogue` lists the ids"))
    return found


def check_options(fw: Framework, items: Any) -> None:
    """Refuse measures naming an option the catalogue does not have, before anything is written."""
    if isinstance(items, (str, bytes, dict)) or not isinstance(items, Iterable):
        return  # the store refuses it with its own sentence
    for n, item in enumerate(items):
        data = item.model_dump() if isinstance(item, BaseModel) else item
        if not isinstance(data, dict) or data.get("deleted"):
            continue
        option_id = data.get("option_id")
        if isinstance(option_id, str) and option_id.strip():
            try:
                find_option(fw, option_id.strip())
            except InvalidInput as exc:
                raise InvalidInput(f"measures.{n}.option_id", option_id, exc.sentence) from None
