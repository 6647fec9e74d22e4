"""The README's promises: every public function is documented, every example app runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import tidal
from tidal.testing import AppTest

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)
APPS = [b for b in BLOCKS if re.search(r"^import tidal as st$", b, flags=re.M)]


def test_the_readme_opens_with_the_two_commands():
    first_block = README.split("```bash\n", 1)[1].split("```", 1)[0]
    assert "make demo" in first_block and "make test" in first_block


@pytest.mark.parametrize("name", tidal.__all__)
def test_every_public_name_is_documented_in_the_readme(name):
    assert re.search(rf"\bst\.{name}\b", README), f"st.{name} is not in README.md"


def test_the_readme_has_example_apps():
    assert len(APPS) >= 6


@pytest.mark.parametrize("source", APPS, ids=lambda s: s.strip().splitlines()[-1][:40])
def test_every_readme_example_app_runs_without_an_exception(source):
    at = AppTest.from_string(source)
    at.user = {"is_logged_in": False}  # as a served app's visitor (AppTest's default is a test
    at.run()  # user without that key, as Streamlit's)
    shown_on_purpose = "st.exception(" in source  # the text example shows one deliberately
    unexpected = [e.value for e in at.exception if not shown_on_purpose]
    assert not unexpected
    assert len(at.exception) == (1 if shown_on_purpose else 0)


def test_every_relative_link_of_the_readme_and_docs_points_to_a_file_that_exists():
    root = Path(__file__).resolve().parent.parent
    documents = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
    broken = []
    for doc in documents:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text()):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (doc.parent / target).exists():
                broken.append(f"{doc.relative_to(root)} -> {target}")
    assert not broken


def test_the_readme_names_no_file_outside_the_repository():
    assert "shared/" not in README
    assert "ARCHITECTURE.md" not in README
