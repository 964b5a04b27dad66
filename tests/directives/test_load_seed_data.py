"""load_seed_data is idempotent: a second run changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.forms.models import model_to_dict

from directives.models import Directive

pytestmark = pytest.mark.django_db


def snapshot():
    rows = {}
    for app_label in ("directives", "indicators"):
        for model in apps.get_app_config(app_label).get_models():
            rows[model.__name__] = sorted(
                repr(sorted(model_to_dict(obj).items(), key=str)) for obj in model.objects.all()
            )
    return rows


def test_running_load_seed_data_twice_gives_the_same_rows(capsys):
    before = snapshot()
    assert len(before["Directive"]) == 4
    call_command("load_seed_data")
    call_command("load_seed_data")
    assert snapshot() == before
    assert "already present: 4" in capsys.readouterr().out


def test_load_seed_data_on_an_empty_database_creates_everything():
    Directive.objects.all().delete()
    call_command("load_seed_data")
    assert Directive.objects.count() == 4
    assert Directive.objects.get(number="3707").indicators.count() == 26


def test_a_directive_edited_by_staff_is_not_overwritten_by_a_new_run():
    plan = Directive.objects.get(number="3707")
    plan.motto = "Đã sửa"
    plan.save()
    call_command("load_seed_data")
    plan.refresh_from_db()
    assert plan.motto == "Đã sửa"
