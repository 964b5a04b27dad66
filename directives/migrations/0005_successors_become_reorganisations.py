"""The one successor field becomes what replaced it: an applied reorganisation per closing
date, with a merger line per successor, so that nothing the old field said is lost."""

import datetime
from collections import defaultdict

from django.db import migrations, models
from django.utils import timezone

LEGACY_BASIS = "Ghi nhận từ dữ liệu cũ"


def successors_to_reorganisations(apps, schema_editor):
    Agency = apps.get_model("directives", "Agency")
    Reorganisation = apps.get_model("directives", "Reorganisation")
    Line = apps.get_model("directives", "ReorganisationLine")
    by_date = defaultdict(lambda: defaultdict(list))
    for agency in Agency.objects.filter(successor__isnull=False).order_by("code"):
        by_date[agency.valid_until][agency.successor_id].append(agency.pk)
    now = timezone.now()
    for last_day, groups in sorted(by_date.items(), key=lambda item: item[0] or datetime.date.max):
        if last_day is None:
            effective_on, note = now.date(), "Ngày ngừng hoạt động không được ghi trong dữ liệu cũ."
        else:
            effective_on, note = last_day + datetime.timedelta(days=1), ""
        reorganisation = Reorganisation.objects.create(
            effective_on=effective_on,
            basis=LEGACY_BASIS,
            note=note,
            applied_at=now,
        )
        for order, (successor_id, predecessor_ids) in enumerate(sorted(groups.items()), start=1):
            line = Line.objects.create(
                reorganisation=reorganisation,
                order=order,
                kind="merger",
                users_to_id=successor_id,
                mapping_stated=True,
                note=LEGACY_BASIS,
            )
            line.predecessors.set(predecessor_ids)
            line.successors.set([successor_id])


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0004_reorganisations_and_plan_years"),
    ]

    operations = [
        migrations.AddField(
            model_name="reorganisationline",
            name="new_agencies",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text=(
                    "Agencies that do not exist yet and open with this change, created when "
                    "the reorganisation is applied: code, name, short name, kind, parent code."
                ),
                verbose_name="agencies it creates",
            ),
        ),
        migrations.RunPython(successors_to_reorganisations, migrations.RunPython.noop),
    ]
