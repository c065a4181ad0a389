"""Configuration from the environment (RISKFRAME_*) or a .env file; nothing global."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGED_DATA = "_data"  # riskframe/_data/{indicators,seeds}: copied in by setup.py when a wheel is built


def default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "riskframe"


def _in_checkout() -> bool:
    """Running from a source checkout (editable install or PYTHONPATH): the top-level folders are the source."""
    return (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "indicators" / "manifest.yaml").is_file()


def _shipped(name: str) -> Path:
    """`indicators` or `seeds`: the checkout's folder, else the copy shipped inside the installed wheel."""
    if _in_checkout():
        return REPO_ROOT / name
    return Path(str(resources.files("riskframe") / PACKAGED_DATA / name))


def default_indicators_dir() -> Path:
    return _shipped("indicators")


def default_seeds_dir() -> Path:
    return _shipped("seeds")


class Settings(BaseSettings):
    """Every knob riskframe reads; see docs/configuration in the README."""

    model_config = SettingsConfigDict(env_prefix="RISKFRAME_", env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default: an SQLite file riskframe.db in data_dir",
    )
    data_dir: Path = Field(default_factory=default_data_dir)
    indicators_dir: Path = Field(default_factory=default_indicators_dir,
                                 description="framework files; default: indicators/ of the checkout, else the installed copy")
    seeds_dir: Path = Field(default_factory=default_seeds_dir,
                            description="seed files (demo/ holds the demo countries); default: seeds/ of the checkout, "
                                        "else the installed copy")
    session_timeout_minutes: int = Field(default=60, ge=1, description="sign out after this long without activity")
    upload_max_mb: int = 10
    actor: str | None = Field(default=None, description="name of the system actor while no account exists")
    user: str | None = Field(default=None, description="the account the CLI acts as (or --as USER)")
    password: SecretStr | None = Field(default=None, description="that account's password (else a prompt)")
    auth: Literal["on", "off"] = Field(
        default="on", description="'off' (tests, a single-user trial) skips the first-run page while no account "
                                  "exists; as soon as one exists everyone signs in")
    max_failed_sign_ins: int = Field(default=5, ge=1, description="failed sign-ins in a row before a lockout")
    lockout_minutes: int = Field(default=15, ge=1, description="how long a locked account stays locked")
    password_min_length: int = Field(default=12, ge=8)
    language: str = Field(default="en", description="interface language when a person has chosen none "
                                                      "(a code from the manifest's languages, e.g. fr)")

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'riskframe.db').as_posix()}"


def demo_seeds_dir(settings: Settings) -> Path:
    """The fictional demo countries' seed files (seeds/demo), in a checkout or an installed wheel."""
    return settings.seeds_dir / "demo"


def load_settings() -> Settings:
    return Settings()
