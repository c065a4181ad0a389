"""Configuration from the environment (RISKFRAME_*) or a .env file; nothing global."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "riskframe"


class Settings(BaseSettings):
    """Every knob riskframe reads; see docs/configuration in the README."""

    model_config = SettingsConfigDict(env_prefix="RISKFRAME_", env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default: an SQLite file riskframe.db in data_dir",
    )
    data_dir: Path = Field(default_factory=default_data_dir)
    indicators_dir: Path = Field(default=REPO_ROOT / "indicators")
    seeds_dir: Path = Field(default=REPO_ROOT / "seeds")
    session_timeout_minutes: int = 60
    upload_max_mb: int = 10
    actor: str | None = Field(default=None, description="who the CLI acts as")

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'riskframe.db').as_posix()}"


def load_settings() -> Settings:
    return Settings()
