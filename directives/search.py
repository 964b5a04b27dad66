"""Search as Vietnamese users type: without diacritics, in capitals, đ as d.

"chuyen doi so", "CHUYỂN ĐỔI SỐ" and "Chuyển đổi số" find the same directives, on SQLite
and on PostgreSQL alike. Both sides of a comparison are folded: the query in Python, the
column in the database by ``Folded``.
"""

import unicodedata

from django.db.models import CharField, Func


def _base_letter(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    return base.lower() if base.isascii() else char


# Every precomposed Latin letter whose base is an ASCII letter (Vietnamese uses 134 of
# them): Latin-1 Supplement, Latin Extended-A and B, Latin Extended Additional.
_FOLDABLE = "".join(
    char
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
    if (char := chr(code)).isalpha() and _base_letter(char) != char and _base_letter(char).isascii()
)
_FOLDED = "".join(_base_letter(char) for char in _FOLDABLE)
_TABLE = str.maketrans(_FOLDABLE, _FOLDED)


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d: "Chuyển đổi SỐ" → "chuyen doi so"."""
    return unicodedata.normalize("NFC", text or "").translate(_TABLE).lower()


class Folded(Func):
    """A text column folded as ``fold`` folds it, in SQL."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"LOWER(TRANSLATE({sql}, %s, %s))", (*params, _FOLDABLE, _FOLDED)


SQLITE_FUNCTION = "edu_plans_fold"


def register_sqlite_function(sender, connection, **kwargs):
    """SQLite has no TRANSLATE: each new connection gets ``fold`` as a SQL function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)
