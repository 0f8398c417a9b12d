"""The small set of exceptions used across stages.

- Expected drops are not exceptions: stages return a :class:`etl.core.records.Rejection`.
- :class:`TransientError` propagates so Airflow (or a retry loop) tries again.
- :class:`ConfigError` means the settings or environment are wrong: fail fast.
"""


class EtlError(Exception):
    """Base class of all news-etl errors."""


class TransientError(EtlError):
    """A fault that may go away on retry (server down, 429, timeout)."""


class ConfigError(EtlError):
    """Settings, files or environment are invalid; retrying will not help."""


class LoadFailed(EtlError):
    """Too many documents failed to load (above the configured threshold)."""
