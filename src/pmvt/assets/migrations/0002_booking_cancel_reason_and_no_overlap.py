"""The cancellation reason of a booking, and PostgreSQL's refusal of overlapping bookings.

Two accepted bookings of one asset must never overlap. The service locks the asset row and
checks; on PostgreSQL an exclusion constraint (btree_gist) refuses it as the last line of
defence. SQLite has no such constraint: there the lock (IMMEDIATE transactions) suffices.
"""

from django.db import migrations, models

CONSTRAINT = "booking_accepted_no_overlap"


def add_exclusion(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE assets_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(asset_id WITH =, tstzrange(starts_at, ends_at) WITH &&) "
        "WHERE (status = 'accepted')"
    )


def drop_exclusion(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE assets_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="cancel_reason",
            field=models.TextField(
                blank=True, max_length=2000, verbose_name="motif de l'annulation"
            ),
        ),
        migrations.RunPython(add_exclusion, drop_exclusion),
    ]
