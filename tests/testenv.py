"""Loaded by pytest before Django (``-p tests.testenv`` in pyproject.toml).

Settings refuse to start without SECRET_KEY when DEBUG is off; tests run with DEBUG off
and a throwaway key, as production would, but without a real secret; a local.env left by
`make run` is ignored (edu_plans/settings.py).
"""

import os

os.environ.setdefault("EDU_PLANS_TESTING", "1")
os.environ.pop("DEBUG", None)
