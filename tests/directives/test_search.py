"""Folding for search: every Vietnamese letter, in both cases, to its bare letter."""

import pytest

from directives.models import Directive
from directives.search import Folded, fold

VOWELS = "aăâeêioôơuưy"
TONED = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"


def test_every_vowel_with_every_tone_and_d_folds_to_its_bare_letter():
    text = VOWELS + TONED + "đ"
    folded = fold(text)
    assert set(folded) <= set("aeiouyd")
    assert fold(text.upper()) == folded
    assert fold("Đường Chuyển Đổi Số") == "duong chuyen doi so"


def test_decomposed_input_folds_like_composed():
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Trường Tiểu học")) == "truong tieu hoc"


@pytest.mark.django_db
def test_the_database_folds_as_python_does(plan_3707):
    """The same folding in SQL, on SQLite and PostgreSQL: upper and lower case of every
    toned vowel, đ and Đ."""
    sample = VOWELS + TONED + "đ" + (VOWELS + TONED + "đ").upper() + " ABC xyz"
    Directive.objects.filter(pk=plan_3707.pk).update(theme=sample)
    folded = (
        Directive.objects.filter(pk=plan_3707.pk)
        .annotate(folded=Folded("theme"))
        .values_list("folded", flat=True)
        .get()
    )
    assert folded == fold(sample)
