from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0005_successors_become_reorganisations"),
    ]

    operations = [
        migrations.RemoveField(model_name="agency", name="successor"),
        migrations.RemoveField(model_name="historicalagency", name="successor"),
    ]
