"""The one settings object: defaults < optional TOML file < SKILLPULSE_* environment variables.

Built once at the edge (CLI, dashboard entry, flow) and passed down; layers take plain arguments.
The TOML file is ``$SKILLPULSE_CONFIG`` or ``./skillpulse.toml`` when present. Every field is a
documented setting (README "Settings" table, checked by tests/test_docs.py).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from crawlers.sources import SOURCES


def config_file() -> Path | None:
    explicit = os.environ.get("SKILLPULSE_CONFIG")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise FileNotFoundError(f"SKILLPULSE_CONFIG points at {path}, which does not exist")
        return path
    local = Path("skillpulse.toml")
    return local if local.is_file() else None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SKILLPULSE_", extra="forbid")

    data_dir: Path = Field(Path("data"), description="Where generated data lives (crawls, runs, demo).")
    warehouse_path: Path | None = Field(
        None, description="The published DuckDB warehouse; default DATA_DIR/skillpulse.duckdb."
    )
    sources: list[str] = Field(
        default_factory=lambda: [s.name for s in SOURCES.values() if s.enabled_by_default],
        description="Sources the refresh crawls (names from `skillpulse sources`).",
    )
    base_urls: dict[str, str] = Field(
        default_factory=dict,
        description="Per-source mirror replacing the live scheme+host, e.g. {\"remotive\": \"http://127.0.0.1:8000\"}.",
    )
    spider_args: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Per-source spider arguments, e.g. {\"greenhouse\": {\"companies\": \"gitlab,stripe\"}}.",
    )
    crawl_timeout_s: int = Field(1800, description="A crawl running longer is killed and counted as failed.")
    crawl_retries: int = Field(2, description="Retries of a failed crawl (after 30 s, then 120 s).")
    extract_batch_size: int = Field(256, description="Postings per spaCy batch during extraction.")
    dashboard_port: int = Field(8501, description="Port of `skillpulse dashboard` on 127.0.0.1.")
    schedule_cron: str = Field("0 3 * * *", description="When `skillpulse serve` runs the refresh (cron, UTC).")
    log_level: str = Field("INFO", description="Log level of crawls and flows.")
    keep_runs: int = Field(
        7, ge=1, description="Run folders (crawl files, quarantine, logs) kept under DATA_DIR/runs; older ones are deleted once their run is recorded in meta.runs."
    )
    taxonomy_path: Path | None = Field(
        None, description="Base taxonomy file; default the shipped skills/data/taxonomy.json (overlays apply on top)."
    )
    duckdb_memory_limit: str | None = Field(
        "2500MB", description="Memory DuckDB may hold while a refresh builds the warehouse (DuckDB's memory_limit, e.g. 2500MB or 8GB); past it, it spills to a folder beside the file. Empty: DuckDB's default, 80% of the RAM."
    )
    incremental_marts: bool = Field(
        True, description="Rebuild only the rows of the models that new, changed or gone postings reach (warehouse/incremental.py); false: every model in full on every refresh."
    )
    extract_processes: int = Field(1, description="Worker processes for skill extraction (spaCy n_process).")
    taxonomy_overlay: Path | None = Field(
        None, description="Your taxonomy overlay (aliases, merges, stop-words, accepted skills); default DATA_DIR/taxonomy-overlay.json, used when it exists."
    )
    taxonomy_imported: Path | None = Field(
        None, description="Output of `skillpulse taxonomy import`; default DATA_DIR/taxonomy-imported.json, used when it exists."
    )
    reference_data_dir: Path = Field(
        Path(__file__).resolve().parents[2] / "shared" / "data",
        description="The recorded reference data (gold-set postings, open taxonomies); default ../shared/data beside the checkout.",
    )

    @model_validator(mode="after")
    def _default_warehouse(self) -> Settings:
        if self.warehouse_path is None:
            self.warehouse_path = self.data_dir / "skillpulse.duckdb"
        if self.taxonomy_overlay is None:
            self.taxonomy_overlay = self.data_dir / "taxonomy-overlay.json"
        if self.taxonomy_imported is None:
            self.taxonomy_imported = self.data_dir / "taxonomy-imported.json"
        unknown = [s for s in self.sources if s not in SOURCES]
        if unknown:
            raise ValueError(f"unknown sources {unknown}; known: {sorted(SOURCES)}")
        if self.duckdb_memory_limit and not re.fullmatch(r"\d+(\.\d+)?\s*([KMGT]i?B|B)", self.duckdb_memory_limit.strip()):
            raise ValueError(f"duckdb_memory_limit {self.duckdb_memory_limit!r}: a size such as 2500MB or 8GB, or empty")
        return self

    @property
    def warehouse(self) -> Path:
        assert self.warehouse_path is not None
        return self.warehouse_path

    @property
    def taxonomy_layers(self) -> list[Path]:
        """Overlay files applied on top of the shipped taxonomy, in order: imported, then yours."""
        return [p for p in (self.taxonomy_imported, self.taxonomy_overlay) if p is not None and p.is_file()]

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config = config_file()
        if config is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config))
        return tuple(sources)
