"""Fixtures of the measuring tests; they live in tests/measure/engines.py."""

from tests.measure.engines import engine, engines, postgres_dsn, spark_session

__all__ = ["engine", "engines", "postgres_dsn", "spark_session"]
