"""The portal over HTTP: the federation root, a territory's home and doors, legal pages."""

import html
import json
import re

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django_scopes import scopes_disabled

from pmvt.territories.models import Territory, TerritoryDomain
from pmvt.territories.services.territories import territory_update_settings

APT = "/t/pays-dapt-luberon"
TERRITORY_PAGES = [
    "/",
    "/marche/",
    "/valeurs/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
    "/conditions-utilisation/",
    "/contact/",
]


def text(response) -> str:
    """The page's HTML with entities decoded, so French text reads as written."""
    return html.unescape(response.content.decode())


def header(response) -> str:
    [found] = re.findall(r"<header.*?</header>", response.content.decode(), re.DOTALL)
    return found


def test_root_lists_active_territories_only(client, territory, other_territory):
    Territory.objects.filter(pk=other_territory.pk).update(is_active=False)

    response = client.get("/")

    assert response.status_code == 200
    assert [t.slug for t in response.context["territories"]] == ["pays-dapt-luberon"]
    page = text(response)
    assert '<a href="/t/pays-dapt-luberon/">CC Pays d\'Apt-Luberon</a>' in page
    assert "Thann-Cernay" not in page


def test_root_without_territory_says_none_is_open(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert "Aucun territoire n'est encore ouvert sur cette installation." in text(response)


def test_inactive_territory_home_answers_404(client, territory):
    Territory.objects.filter(pk=territory.pk).update(is_active=False)

    assert client.get(f"{APT}/").status_code == 404
    assert client.get(f"{APT}/marche/").status_code == 404


def test_unknown_territory_answers_404(client, territory):
    assert client.get("/t/nulle-part/").status_code == 404


@pytest.mark.parametrize("query", ["Apt", "apt", "84400"])
def test_locate_finds_the_territory_of_a_commune(client, territory, query):
    response = client.get("/", {"q": query})

    assert response.status_code == 200
    results = response.context["results"]
    assert results[0].commune_name == "Apt"
    assert results[0].territory == territory
    assert 'Votre territoire\u00a0: <a href="/t/pays-dapt-luberon/">CC Pays d\'Apt-Luberon</a>' in (
        text(response)
    )


def test_locate_by_postal_code_lists_every_commune_of_that_code(client, territory):
    response = client.get("/", {"q": "84400"})

    names = [r.commune_name for r in response.context["results"]]
    assert names == [
        "Apt",
        "Auribeau",
        "Castellet-en-Luberon",
        "Gargas",
        "Gignac",
        "Lagarde-d'Apt",
        "Rustrel",
        "Saignon",
        "Sivergues",
        "Villars",
    ]
    assert {r.territory for r in response.context["results"]} == {territory}
    assert "10 communes trouvées" in text(response)


def test_locate_says_when_the_communes_epci_has_not_joined(client, territory):
    response = client.get("/", {"q": "Thann"})

    assert response.status_code == 200
    assert response.context["results"][0].territory is None
    assert (
        "Cette commune fait partie de CC de Thann-Cernay, qui n'a pas encore rejoint la plateforme."
    ) in text(response)
    assert "/t/" not in header(response)


def test_locate_says_when_nothing_matches(client, territory):
    response = client.get("/", {"q": "Zzyzx"})

    assert response.context["results"] == []
    assert "Aucune commune ne correspond à votre recherche." in text(response)


def test_locate_rejects_a_one_character_query_in_french(client, territory):
    response = client.get("/", {"q": "x"})

    assert response.status_code == 200
    assert response.context["results"] is None
    assert response.context["form"].errors == {"q": ["Indiquez au moins deux caractères."]}
    assert "Indiquez au moins deux caractères." in text(response)


def test_territory_home_shows_both_doors(client, territory):
    response = client.get(f"{APT}/")

    assert response.status_code == 200
    page = text(response)
    assert "<h1>CC Pays d'Apt-Luberon</h1>" in page
    assert "La plateforme de la communauté\u00a0: 25 communes, 28\u00a0914 habitants." in page
    assert f'<a href="{APT}/marche/">Place des marchés</a>' in page
    assert f'<a href="{APT}/valeurs/">Valeurs territoriales</a>' in page
    assert f'href="{APT}/marche/">Entrer sur la Place des marchés</a>' in page
    assert f'href="{APT}/valeurs/">Entrer dans les Valeurs territoriales</a>' in page
    assert "/compte/signup/?territoire=pays-dapt-luberon" in page


@pytest.mark.parametrize("page", TERRITORY_PAGES)
def test_every_territory_page_has_both_doors_in_its_header(client, territory, page):
    response = client.get(f"{APT}{page}")

    assert response.status_code == 200
    nav = header(response)
    assert f'href="{APT}/marche/"' in nav
    assert f'href="{APT}/valeurs/"' in nav
    assert "CC Pays d&#x27;Apt-Luberon" in nav


def test_door_pages_mark_their_door_as_current(client, territory):
    market = header(client.get(f"{APT}/marche/"))
    values = header(client.get(f"{APT}/valeurs/"))

    assert f'href="{APT}/marche/" aria-current="page"' in market
    assert f'href="{APT}/valeurs/" aria-current="page"' in values
    assert "aria-current" not in market.replace(f'href="{APT}/marche/" aria-current', "")


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("/mentions-legales/", "Mentions légales"),
        ("/donnees-personnelles/", "Données personnelles"),
        ("/accessibilite/", "Déclaration d'accessibilité"),
        ("/conditions-utilisation/", "Conditions générales d'utilisation"),
    ],
)
def test_legal_pages_answer_at_site_and_territory_level(client, territory, page, title):
    site = client.get(page)
    local = client.get(f"{APT}{page}")

    assert (site.status_code, local.status_code) == (200, 200)
    assert f"<h1>{title}</h1>" in text(site)
    assert f"<h1>{title}</h1>" in text(local)
    assert site.context["territory"] is None
    assert local.context["territory"] == territory


def test_contact_form_sends_an_email_to_the_operator_by_default(
    client, territory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{APT}/contact/",
            {
                "name": "Jeanne Martin",
                "email": "jeanne@exemple.fr",
                "subject": "Marché du samedi",
                "message": "Bonjour, à quelle heure ouvre le marché ?",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == f"{APT}/contact/"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "[CC Pays d'Apt-Luberon] Marché du samedi"
    assert sent.to == ["contact@pmvt.localhost"]
    assert sent.reply_to == ["jeanne@exemple.fr"]
    assert sent.body == (
        "Message envoyé depuis le formulaire de contact de CC Pays d'Apt-Luberon.\n\n"
        "Jeanne Martin <jeanne@exemple.fr>\n\n"
        "Bonjour, à quelle heure ouvre le marché ?"
    )
    follow = client.get(response["Location"])
    assert [str(m) for m in follow.context["messages"]] == [
        "Votre message a été envoyé. Merci\u00a0!"
    ]


def test_contact_form_writes_to_the_territorys_own_address(
    client, territory, admin, django_capture_on_commit_callbacks
):
    territory_update_settings(
        by=admin, territory=territory, values={"contact_email": "accueil@paysapt-luberon.fr"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{APT}/contact/",
            {"name": "Paul", "email": "paul@exemple.fr", "subject": "Question", "message": "?"},
        )

    assert [m.to for m in mail.outbox] == [["accueil@paysapt-luberon.fr"]]
    assert mail.outbox[0].reply_to == ["paul@exemple.fr"]


def test_contact_form_rejects_a_bad_email_in_french_and_sends_nothing(
    client, territory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            f"{APT}/contact/",
            {"name": "Paul", "email": "paul-at-exemple", "subject": "Question", "message": "?"},
        )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Saisissez une adresse électronique valide, par exemple nom@exemple.fr."]
    }
    assert "Saisissez une adresse électronique valide, par exemple nom@exemple.fr." in (
        text(response)
    )
    assert response.context["form"]["name"].value() == "Paul"
    assert (callbacks, mail.outbox) == ([], [])


def test_contact_form_keeps_a_subject_with_a_line_break_on_one_line(
    client, territory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{APT}/contact/",
            {
                "name": "Paul",
                "email": "paul@exemple.fr",
                "subject": "Question\r\nBcc: victime@exemple.fr",
                "message": "?",
            },
        )

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "[CC Pays d'Apt-Luberon] Question Bcc: victime@exemple.fr"
    assert (sent.to, sent.bcc) == (["contact@pmvt.localhost"], [])


def test_theme_css_holds_the_territory_colours(client, territory):
    response = client.get(f"{APT}/theme.css")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert (
        response.content.decode()
        == ":root { --color-primary: #1d4e89; --color-accent: #7a3b00; }\n"
    )
    assert "max-age=3600" in response["Cache-Control"]


def test_theme_css_follows_the_settings(client, territory, admin):
    territory_update_settings(
        by=admin,
        territory=territory,
        values={"primary_color": "#000000", "accent_color": "#8b0000"},
    )

    response = client.get(f"{APT}/theme.css")

    assert (
        response.content.decode()
        == ":root { --color-primary: #000000; --color-accent: #8b0000; }\n"
    )


def test_theme_css_keeps_the_default_for_an_unreadable_stored_colour(client, territory):
    # A colour stored before the contrast rule existed (no service accepts it any more).
    Territory.objects.filter(pk=territory.pk).update(primary_color="#ffff00")

    response = client.get(f"{APT}/theme.css")

    assert response.content.decode() == ":root { --color-accent: #7a3b00; }\n"


def test_healthz_says_ok(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_fails(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


# A territory's own host name.


@pytest.fixture
def custom_host(territory):
    with scopes_disabled():
        TerritoryDomain.objects.create(territory=territory, hostname="Place.Exemple.fr.")
    return "place.exemple.fr"


def test_custom_host_serves_the_territory_home_at_the_root(client, custom_host):
    response = client.get("/", HTTP_HOST=custom_host)

    assert response.status_code == 200
    assert response.templates[0].name == "portal/home.html"
    assert "<h1>CC Pays d'Apt-Luberon</h1>" in text(response)


def test_custom_host_serves_the_market_without_the_prefix(client, custom_host):
    response = client.get("/marche/", HTTP_HOST=custom_host)

    assert response.status_code == 200
    assert response.templates[0].name == "portal/market.html"
    assert response.context["territory"].slug == "pays-dapt-luberon"


def test_custom_host_still_serves_the_api(client, custom_host):
    response = client.get("/api/v1/territories", HTTP_HOST=custom_host)

    assert response.status_code == 200
    assert [t["slug"] for t in response.json()] == ["pays-dapt-luberon"]
    assert response.json()[0]["url"] == "http://place.exemple.fr/t/pays-dapt-luberon/"


def test_custom_host_still_serves_healthz_and_account_pages(client, custom_host):
    assert client.get("/healthz", HTTP_HOST=custom_host).json()["status"] == "ok"
    login = client.get("/compte/login/", HTTP_HOST=custom_host)
    assert login.status_code == 200
    assert login.templates[0].name == "account/login.html"


def test_custom_host_of_an_inactive_territory_serves_the_federation_root(client, custom_host):
    Territory.objects.filter(slug="pays-dapt-luberon").update(is_active=False)

    response = client.get("/", HTTP_HOST=custom_host)

    assert response.status_code == 200
    assert response.templates[0].name == "portal/index.html"


def test_unknown_host_serves_the_federation_root(client, custom_host):
    response = client.get("/", HTTP_HOST="autre.exemple.fr")

    assert response.templates[0].name == "portal/index.html"


def test_api_json_is_parseable_on_any_host(client, custom_host):
    body = client.get("/api/v1/territories/pays-dapt-luberon", HTTP_HOST=custom_host).content
    assert json.loads(body)["siren"] == "200040624"


def test_the_values_door_lists_its_sections_with_what_is_open_now(client, territory):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from pmvt.aids.models import AidScheme
    from pmvt.consultations.models import Consultation

    now = timezone.now()
    with scopes_disabled():
        Consultation.objects.create(
            territory=territory,
            title="Horaires du marché",
            slug="horaires-du-marche",
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=9),
        )
        AidScheme.objects.create(
            territory=territory,
            title="Pass commerce",
            slug="pass-commerce",
            funder_name="Région Sud",
            funder_kind="region",
            kind="grant",
            is_published=True,
            amount_max=Decimal("5000"),
        )

    page = client.get(f"{APT}/valeurs/").content.decode()

    assert f'<a href="{APT}/valeurs/consultations/">Consultations</a>' in page
    assert "1 consultation en cours" in page
    assert f'<a href="{APT}/valeurs/aides/">Aides des collectivités</a>' in page
    assert "1 aide ouverte aux demandes" in page
