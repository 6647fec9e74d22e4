"""Fixtures shared by every test module (registered as plugins so tests need no imports)."""

pytest_plugins = [
    "tests.fixtures.server",
    "tests.fixtures.redis",
    "tests.fixtures.processes",
]
