from django.conf import settings
from django.urls import reverse

from pmvt.accounts.models import ConsentRecord
from pmvt.accounts.services.users import user_record_consent


def test_shows_the_new_terms_notice_until_the_member_accepts_them(client, member, territory):
    user_record_consent(user=member, terms_version="2020-01")
    client.force_login(member)
    home = reverse("portal:home", kwargs={"territory_slug": territory.slug})

    page = client.get(home)
    assert "Les conditions d'utilisation ont changé" in page.content.decode()

    response = client.post(reverse("accounts:accept_terms"), {"next": home})
    assert response.status_code == 302
    assert response["Location"] == home
    member.refresh_from_db()
    assert member.terms_version == settings.PMVT_TERMS_VERSION
    assert ConsentRecord.objects.filter(user=member).latest("pk").terms_version == (
        settings.PMVT_TERMS_VERSION
    )
    assert "Les conditions d'utilisation ont changé" not in client.get(home).content.decode()


def test_accept_terms_ignores_a_foreign_redirect(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:accept_terms"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("accounts:my_data")


def test_accept_terms_refuses_anonymous_visitors_and_get(client, member):
    before = ConsentRecord.objects.count()
    response = client.post(reverse("accounts:accept_terms"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    client.force_login(member)
    assert client.get(reverse("accounts:accept_terms")).status_code == 405
    assert ConsentRecord.objects.count() == before
