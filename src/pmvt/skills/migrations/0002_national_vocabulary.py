"""Seed the national skills vocabulary (territory None)."""

from django.db import migrations


def seed(apps, schema_editor):
    from pmvt.skills.vocabulary import seed_national_terms

    seed_national_terms(apps.get_model("skills", "SkillTerm"))


def unseed(apps, schema_editor):
    apps.get_model("skills", "SkillTerm").objects.filter(territory__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
