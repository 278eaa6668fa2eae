"""The catalog: a visitor searches, filters and opens an offer; a seller runs her catalog
(create, fix a mistake, stock, import with errors, export), on a computer and a phone."""

import re
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in, make_member

pytestmark = pytest.mark.browser

CATALOG = f"{HOME}marche/catalogue/"
SELLER_EMAIL = "rucher@catalogue.example"
NBSP = "\u00a0"


@pytest.fixture
def shop(territory, operator):
    """Two verified sellers with a few offers; the beekeeper logs in with SELLER_EMAIL."""
    from pmvt.actors.identifiers import fictitious_siret
    from pmvt.actors.services.actors import actor_register, actor_verify
    from pmvt.catalog.services.offers import category_create, offer_create
    from pmvt.territories.models import Commune

    with scopes_disabled():
        communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
        sweet = category_create(territory=territory, name="Miel et confitures")
        honey = category_create(territory=territory, name="Miels", parent=sweet)
        fruit = category_create(territory=territory, name="Fruits et légumes")
        apples = category_create(territory=territory, name="Fruits", parent=fruit)
        sellers = {}
        for n, (name, naf, code) in enumerate(
            [("Le Rucher de Saignon", "01.49Z", "84105"), ("Vergers de Goult", "01.24Z", "84051")]
        ):
            owner = make_member(territory, SELLER_EMAIL if n == 0 else f"verger{n}@example.fr")
            actor = actor_register(
                territory=territory,
                by=owner,
                kind="business",
                legal_name=name,
                commune=communes[code],
                address="Route de Sivergues",
                siret=fictitious_siret(950 + n),
                naf_code=naf,
                offers_click_collect=True,
                notify_admins=False,
            )
            sellers[name] = (actor_verify(actor=actor, by=operator), owner)
        bee, bee_owner = sellers["Le Rucher de Saignon"]
        offer_create(
            actor=bee,
            by=bee_owner,
            category=honey,
            name="Miel de lavande",
            labels=["bio", "igp"],
            description="Récolte de juillet sur le plateau d'Albion.",
            variants=[
                {"label": "250 g", "price": Decimal("7.50"), "stock": 3},
                {"label": "500 g", "price": Decimal("13.50"), "stock": 20},
            ],
        )
        farm, farm_owner = sellers["Vergers de Goult"]
        for name, price in [("Pomme Golden", "2.60"), ("Pommes Reinette", "3.00")]:
            offer_create(
                actor=farm,
                by=farm_owner,
                category=apples,
                name=name,
                unit="kg",
                labels=["hve"],
                variants=[{"label": "1 kg", "price": Decimal(price), "stock": 40}],
            )
    return sellers


def test_visitor_searches_filters_and_opens_an_offer(page, axe, shop):
    page.goto(f"{HOME}marche/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Place des marchés")
    expect(page.locator(".offer-list .card__title")).to_have_count(3)
    axe.check(page)

    page.get_by_label("Rechercher un produit ou un service").fill("pommes")
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"/marche/catalogue/\?q=pommes$"))
    expect(page.get_by_role("heading", level=2, name="2 offres")).to_be_visible()
    expect(page.locator(".offer-list .card__title")).to_have_text(
        ["Pomme Golden", "Pommes Reinette"]
    )
    axe.check(page)

    page.get_by_label("Trier par").select_option(label="Prix décroissant")
    page.get_by_role("button", name="Appliquer").click()
    expect(page.locator(".offer-list .card__title")).to_have_text(
        ["Pommes Reinette", "Pomme Golden"]
    )
    axe.check(page)

    page.goto(CATALOG)
    expect(page.get_by_role("heading", level=2, name="3 offres")).to_be_visible()
    page.get_by_label("Label").select_option(label="Agriculture biologique (1)")
    page.get_by_role("button", name="Appliquer").click()
    expect(page.locator(".offer-list .card__title")).to_have_text(["Miel de lavande"])
    expect(page.locator(".offer-list")).to_contain_text(f"à partir de 7,50{NBSP}€ / pièce")
    axe.check(page)

    page.get_by_role("link", name="Miel de lavande", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Miel de lavande")
    formats = page.get_by_role("table")
    expect(formats).to_contain_text("Plus que 3")
    expect(formats).to_contain_text(f"13,50{NBSP}€")
    assert page.locator('script[type="application/ld+json"]').count() >= 1
    axe.check(page)

    page.get_by_label("Quantité – 500 g").fill("2")
    page.get_by_role("button", name="Ajouter au panier : 500 g").click()
    expect(page.get_by_role("status")).to_contain_text("ajouté au panier")

    page.goto(f"{CATALOG}?q=caviar")
    expect(page.get_by_text("Aucune offre ne correspond à votre recherche.")).to_be_visible()
    axe.check(page)


def test_seller_runs_her_catalog(page, axe, shop, tmp_path):
    pro = f"{HOME}espace-pro/le-rucher-de-saignon/catalogue/"
    log_in(page, axe, SELLER_EMAIL)
    page.goto(pro)
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogue de Le Rucher de Saignon")
    axe.check(page)

    page.get_by_role("link", name="Ajouter une offre").first.click()
    axe.check(page)
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Nom de l'offre")).fill("Miel de romarin")
    form.get_by_label(re.compile(r"^Catégorie")).select_option(label="Miel et confitures › Miels")
    form.locator("#id_variants-0-label").fill("250 g")
    form.locator("#id_variants-0-price").fill("sept euros")
    form.locator("#id_variants-0-stock").fill("12")
    form.get_by_role("button", name="Mettre l'offre en vente").click()
    expect(page.get_by_role("alert")).to_contain_text("n'est pas un montant")
    axe.check(page)
    page.locator("#id_variants-0-price").fill("7,00")
    page.get_by_role("button", name="Mettre l'offre en vente").click()
    expect(page).to_have_url(re.compile(r"/catalogue/$"))
    expect(page.get_by_role("status")).to_contain_text(
        f"L'offre «{NBSP}Miel de romarin{NBSP}» est en vente."
    )
    axe.check(page)

    page.get_by_label("Stock – Miel de romarin 250 g").fill("5")
    page.get_by_role("button", name="Mettre à jour – Miel de romarin 250 g").click()
    expect(page.get_by_role("status")).to_contain_text(f"{NBSP}: 5.")

    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Importer un fichier CSV").click()
    axe.check(page)
    bad = tmp_path / "catalogue.csv"
    header = (
        "sku;nom;catégorie;type;description;unité;taux TVA;format;prix TTC;prix pro;stock suivi;"
        "stock;commune d'origine (INSEE);labels;allergènes"
    )
    bad.write_text(
        f"{header}\nM-1;Miel de bruyère;Miels;produit;;pièce;19;250 g;8;;oui;4;;;\n",
        encoding="utf-8",
    )
    page.get_by_label("Fichier CSV").set_input_files(str(bad))
    page.get_by_role("button", name="Vérifier et importer").click()
    expect(page.get_by_role("alert")).to_contain_text(
        f"Ligne 2{NBSP}: le taux de TVA 19 n'existe pas (20{NBSP}; 10{NBSP}; 5,5{NBSP}; 2,1)."
    )
    axe.check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mon catalogue actuel comme modèle").click()
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        content = exported.read()
    assert content.splitlines()[0] == header
    assert "Miel de romarin" in content
