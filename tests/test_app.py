"""The factory's safety rules and the schema staying in step with the migrations."""

import subprocess
import sys
from pathlib import Path

import pytest
from flask_migrate import check

from app import create_app

ROOT = Path(__file__).resolve().parents[1]


def test_refuses_to_start_without_a_secret_key_outside_debug_and_testing():
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SECRET_KEY": "", "TESTING": False, "DEBUG": False})


def test_starts_with_a_real_secret_key(tmp_path):
    app = create_app(
        {
            "SECRET_KEY": "a-real-secret",
            "PUBLIC_URL": "https://langnghe.example",
            "TESTING": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}",
        }
    )
    assert app.config["SECRET_KEY"] == "a-real-secret"


def test_models_and_migrations_agree(app, db):
    """`flask db check`: a model change without its migration fails here."""
    check()


def test_plain_python_modules_import_no_flask_or_database():
    """The import-linter contract in pyproject.toml (planner, rules, search…) is kept."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_planner_imports_without_any_web_framework():
    """`app.planner` is reusable alone: importing it must not pull in Flask or SQLAlchemy."""
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('flask', 'sqlalchemy', 'flask_sqlalchemy'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from app.planner import Candidate, Problem, solve\n"
        "plan = solve(Problem([Candidate('a', 1.0, 10.0, ((0.0, 50.0),))],"
        " [[0, 5, 5], [5, 0, 5], [5, 5, 0]], 0.0, 100.0))\n"
        "assert [visit.key for visit in plan.visits] == ['a']\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
