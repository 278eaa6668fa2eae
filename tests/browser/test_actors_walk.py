"""Local actors: a visitor browses the directory, its map and the markets; a baker registers
her activity and runs her professional space; the territory's admin verifies her."""

import re
from datetime import time

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.support import HOME, PASSWORD, log_in, make_member, totp_code

pytestmark = pytest.mark.browser

DIRECTORY = f"{HOME}marche/acteurs/"
ADMIN_EMAIL = "direction@paysapt-luberon.example"
BAKER_EMAIL = "elodie.boulangere@example.fr"
NBSP = "\u00a0"


@pytest.fixture
def market_day(territory, operator):
    """Three verified actors with hours and points, one pending, and the Saturday market."""
    from pmvt.actors.identifiers import fictitious_siret
    from pmvt.actors.services.actors import actor_register, actor_verify
    from pmvt.actors.services.markets import market_create, market_stall_set
    from pmvt.actors.services.page import actor_opening_hours_set
    from pmvt.territories.models import Commune

    with scopes_disabled():
        communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
        for code, point in {"84003": ("43.8765", "5.3963"), "84047": ("43.9003", "5.3572")}.items():
            Commune.objects.filter(pk=communes[code].pk).update(
                latitude=point[0], longitude=point[1]
            )
        actors = {}
        for n, (name, naf, code, labels) in enumerate(
            [
                ("Boulangerie des Ocres", "10.71C", "84003", ["fait_maison"]),
                ("Les Jardins de Gargas", "01.13Z", "84047", ["bio", "vente_directe"]),
                ("Cabinet de kinésithérapie", "86.90E", "84003", []),
                ("Boucherie en attente", "47.22Z", "84003", []),
            ]
        ):
            owner = make_member(territory, f"owner{n}@actors.example")
            actor = actor_register(
                territory=territory,
                by=owner,
                kind="business",
                legal_name=name,
                commune=communes[code],
                address="Place de la Bouquerie",
                siret=fictitious_siret(700 + n),
                naf_code=naf,
                labels=labels,
                phone="04 90 00 00 00",
                description=f"{name} : présentation de démonstration.",
                offers_click_collect=n == 0,
                notify_admins=False,
            )
            actor_opening_hours_set(
                actor=actor, by=owner, hours=[(d, time(8), time(12)) for d in range(6)]
            )
            if n < 3:
                actor_verify(actor=actor, by=operator)
            actors[name] = actor
        market = market_create(
            territory=territory,
            by=operator,
            name="Marché d'Apt",
            commune=communes["84003"],
            place="Place de la Bouquerie",
            weekday=5,
            start_time=time(8),
            end_time=time(13),
        )
        market_stall_set(
            market=market, actor=actors["Les Jardins de Gargas"], by=operator, offers_pickup=True
        )
    return actors


def test_visitor_browses_the_directory_the_map_an_actor_and_the_markets(page, axe, market_day):
    page.goto(DIRECTORY)
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des acteurs")
    results = page.locator(".actor-list")
    expect(results.get_by_role("heading", level=3)).to_have_text(
        ["Boulangerie des Ocres", "Cabinet de kinésithérapie", "Les Jardins de Gargas"]
    )
    expect(page.locator("main")).not_to_contain_text("Boucherie en attente")
    # The map script shows the map (no tiles in tests) with one marker per actor.
    expect(page.get_by_role("heading", name="Carte des acteurs")).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(3)
    axe.check(page)

    page.get_by_label("Famille").select_option(label="Agriculteur")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"famille=agriculteur"))
    expect(results.get_by_role("heading", level=3)).to_have_text(["Les Jardins de Gargas"])
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    axe.check(page)

    page.get_by_label("Famille").select_option(label="Commerçant")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("Aucun acteur ne correspond à ces critères.")).to_be_visible()
    axe.check(page)

    page.goto(DIRECTORY)
    page.get_by_role("link", name="Les Jardins de Gargas").click()
    expect(page).to_have_url(re.compile(r"/marche/acteurs/les-jardins-de-gargas/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Les Jardins de Gargas")
    expect(page.get_by_role("table")).to_contain_text(f"8{NBSP}h – 12{NBSP}h")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("retrait des commandes au stand")
    assert page.locator('script[type="application/ld+json"]').count() == 1
    axe.check(page)

    page.get_by_role("link", name="Marché d'Apt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Marchés de plein vent")
    expect(page.locator("#marche-marche-dapt")).to_contain_text("Les Jardins de Gargas")
    axe.check(page)
    page.get_by_role("link", name="Calendrier à imprimer").click()
    expect(page.get_by_role("table")).to_contain_text("Les Jardins de Gargas (R)")
    axe.check(page)

    # Without JavaScript the map stays hidden and the list is complete.
    context = page.context.browser.new_context(
        base_url=page.url.split("/t/")[0], java_script_enabled=False
    )
    no_js = context.new_page()
    no_js.goto(DIRECTORY)
    expect(no_js.get_by_role("heading", name="Carte des acteurs")).to_be_hidden()
    expect(no_js.locator(".actor-card")).to_have_count(3)
    context.close()


def test_a_baker_registers_and_the_admin_verifies_her(page, axe, territory, operator, market_day):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from pmvt.accounts.models import Role
    from pmvt.actors.identifiers import fictitious_siret
    from pmvt.actors.models import Actor, ActorStatus

    make_member(territory, BAKER_EMAIL)
    admin = make_member(territory, ADMIN_EMAIL, role=Role.ADMIN, by=operator)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)

    log_in(page, axe, BAKER_EMAIL)
    page.goto(f"{HOME}marche/inscrire-mon-activite/")
    axe.check(page)
    form = page.locator("main form")
    form.get_by_label("Entreprise").check()
    form.get_by_label(re.compile(r"^Raison sociale")).fill("SARL Fournil du Cours")
    form.get_by_label(re.compile(r"^SIRET")).fill("123 456 789")
    form.get_by_label(re.compile(r"^Code NAF")).fill("10.71C")
    form.get_by_label(re.compile(r"^Commune")).select_option(label="Apt")
    form.get_by_label(re.compile(r"^Adresse")).fill("2 cours Lauze-de-Perret")
    form.get_by_role("button", name="Envoyer ma demande d'inscription").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Le SIRET doit comporter exactement 14 chiffres.")
    expect(page.get_by_label(re.compile(r"^SIRET"))).to_have_attribute("aria-invalid", "true")
    axe.check(page)

    page.get_by_label(re.compile(r"^SIRET")).fill(fictitious_siret(800))
    page.get_by_role("button", name="Envoyer ma demande d'inscription").click()
    expect(page).to_have_url(re.compile(r"/espace-pro/sarl-fournil-du-cours/$"))
    expect(page.locator("main")).to_contain_text("en attente de vérification par le territoire")
    expect(page.locator("main")).to_contain_text("10.71C – Boulangerie et boulangerie-pâtisserie")
    axe.check(page)

    # The professional space works on a phone.
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    for link, heading in [
        ("Ma page", "Ma page"),
        ("Horaires d'ouverture", "Horaires d'ouverture"),
        ("Fermetures exceptionnelles", "Fermetures exceptionnelles"),
        ("Photos", "Photos"),
    ]:
        page.goto(f"{HOME}espace-pro/sarl-fournil-du-cours/")
        page.locator(".pro-links").get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        axe.check(page)

    page.goto(f"{HOME}espace-pro/sarl-fournil-du-cours/fiche/horaires/")
    page.get_by_label(f"Mardi, plage 1{NBSP}: ouverture").fill("07:00")
    page.get_by_label(f"Mardi, plage 1{NBSP}: fermeture").fill("06:00")
    page.get_by_role("button", name="Enregistrer les horaires").click()
    expect(page.get_by_role("alert")).to_contain_text("doit être après l'heure d'ouverture")
    axe.check(page)
    page.get_by_label(f"Mardi, plage 1{NBSP}: fermeture").fill("13:00")
    page.get_by_role("button", name="Enregistrer les horaires").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Les horaires d'ouverture ont été enregistrés."
    )

    page.goto(f"{HOME}espace-pro/sarl-fournil-du-cours/")
    page.locator(".pro-links").get_by_role("link", name="Équipe").click()
    page.get_by_label(re.compile(r"^Adresse électronique")).fill("vendeuse@example.fr")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_role("status")).to_contain_text("L'invitation a été envoyée")
    expect(page.get_by_role("table").nth(1)).to_contain_text("vendeuse@example.fr")
    axe.check(page)

    page.goto(f"{HOME}espace-pro/sarl-fournil-du-cours/")
    page.locator(".pro-links").get_by_role("link", name="Marchés").click()
    expect(page.locator("main")).to_contain_text("doit être vérifiée par le territoire")
    axe.check(page)

    # The admin verifies the activity from the back office.
    page.get_by_role("button", name="Se déconnecter").click()
    log_in(page, axe, ADMIN_EMAIL, PASSWORD)
    page.locator("main form").first.get_by_label("Code").fill(totp_code(secret))
    page.locator("main form").first.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(re.compile(rf"{HOME}$"))
    page.goto(f"{HOME}gestion/")
    page.get_by_role("navigation", name="Gestion du territoire").get_by_role(
        "link", name="Acteurs et marchés"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acteurs à vérifier")
    expect(page.get_by_role("table")).to_contain_text("SARL Fournil du Cours")
    axe.check(page)
    page.get_by_role("link", name="SARL Fournil du Cours").click()
    axe.check(page)
    page.get_by_role("button", name="Vérifier et publier la page").click()
    expect(page.get_by_role("status")).to_contain_text("sa page est publiée")
    axe.check(page)
    with scopes_disabled():
        assert Actor.objects.get(slug="sarl-fournil-du-cours").status == ActorStatus.VERIFIED

    page.get_by_role("navigation", name="Acteurs et marchés").get_by_role(
        "link", name="Marchés de plein vent"
    ).click()
    axe.check(page)
    page.get_by_role("link", name="Ajouter un marché").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter un marché")
    axe.check(page)
    page.go_back()
    page.get_by_role("link", name="Marché d'Apt").click()
    expect(page.get_by_role("heading", level=2, name="Exposants")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Les Jardins de Gargas")
    axe.check(page)
