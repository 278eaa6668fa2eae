"""Notifications in "download my data" and "delete my account"."""

from pmvt.accounts.services.users import user_erase, user_export_data
from pmvt.notifications.models import DigestDelivery, Notification, NotificationPreference
from pmvt.notifications.services.preferences import preferences_save

DAY = "2026-12-01"


def test_export_lists_preferences_notifications_and_digests(member, note, other_territory):
    preferences_save(user=member, modes={"news": "digest"})
    note(member, "Ici", body="Le texte", url="/t/pays-dapt-luberon/valeurs/")
    note(member, "Ailleurs", in_territory=other_territory)
    DigestDelivery.objects.create(user=member, day=DAY, item_count=2)

    data = user_export_data(user=member)["notifications"]

    assert [(p["kind"], p["mode"]) for p in data["preferences"]] == [("news", "digest")]
    assert [(n["territory"], n["title"], n["body"]) for n in data["notifications"]] == [
        ("CC Pays d'Apt-Luberon", "Ici", "Le texte"),
        ("CC de Thann-Cernay", "Ailleurs", ""),
    ]
    assert data["notifications"][0]["read_at"] is None
    assert data["daily_digests"] == [{"day": DAY, "notifications": 2}]


def test_erasure_deletes_them_all_and_only_the_users(member, make_member, territory, note):
    neighbour = make_member(territory, email="voisine@apt.test")
    for user in (member, neighbour):
        preferences_save(user=user, modes={"news": "digest"})
        note(user)
        DigestDelivery.objects.create(user=user, day=DAY)

    user_erase(user=member)

    for model in (Notification, NotificationPreference, DigestDelivery):
        assert list(model.objects.values_list("user_id", flat=True)) == [neighbour.pk]
