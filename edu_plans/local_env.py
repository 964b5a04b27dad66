"""The local settings file of an install on one machine: ``local.env`` in the project folder.

``make run`` writes it once (``python -m edu_plans.local_env``) with ``DEBUG=1`` and a
generated ``SECRET_KEY``, so that every ``manage.py`` command works in a fresh shell as the
README prints it. It is never committed (``.gitignore``) and never overwritten: edit it to
change the local configuration. Settings read it for the names the environment does not
set; a production server has no such file, so without ``SECRET_KEY`` it still refuses to
start. Only the standard library is used here: it runs before Django is configured.
"""

import os
import secrets
import sys
from pathlib import Path

LOCAL_ENV_FILE = Path(__file__).resolve().parent.parent / "local.env"

_HEADER = """\
# edu-plans: settings of this local install, written once by `make run`.
# Never commit this file. The environment wins over what is written here.
"""


def read_local_env(path: Path) -> dict[str, str]:
    """``NAME=value`` lines of the file (blank lines and ``#`` comments skipped); {} when
    there is no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, _equals, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[name.strip().removeprefix("export ").strip()] = value
    return values


def environment(path: Path = LOCAL_ENV_FILE) -> dict[str, str]:
    """The process environment over the file: a name set in the environment keeps its
    value, the file fills the names it leaves unset."""
    return {**read_local_env(path), **os.environ}


def write_local_env(path: Path = LOCAL_ENV_FILE) -> bool:
    """Write the file with debug mode and a new secret key, unless it exists already.

    Returns whether it was written. Readable by its owner only: it holds the key.
    """
    content = f"{_HEADER}DEBUG=1\nSECRET_KEY={secrets.token_urlsafe(50)}\n"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(content)
    return True


if __name__ == "__main__":
    if write_local_env():
        sys.stdout.write(f"edu-plans: wrote {LOCAL_ENV_FILE.name} (DEBUG=1, a new SECRET_KEY).\n")
