"""CSV import: create or update by sku, all or nothing, a French report line by line."""

from decimal import Decimal

import pytest

from pmvt.catalog.csv_format import COLUMNS
from pmvt.catalog.models import Offer, OfferVariant
from pmvt.catalog.services import imports
from pmvt.catalog.services.imports import CatalogImportError, catalog_import_csv
from pmvt.core.exceptions import PermissionDeniedError

NBSP = "\u00a0"
HEADER = ";".join(COLUMNS)
APT = "/t/pays-dapt-luberon"


def csv_bytes(*rows: str, header: str = HEADER, bom: bool = True) -> bytes:
    text = "\r\n".join([header, *rows]) + "\r\n"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def row(
    sku="",
    nom="Pain de campagne",
    categorie="Boulangerie-pâtisserie > Pains",
    type_="produit",
    description="",
    unite="pièce",
    tva="5,5",
    format_="",
    prix="3,20",
    prix_pro="",
    suivi="oui",
    stock="10",
    commune="",
    labels="",
    allergenes="",
) -> str:
    cells = [sku, nom, categorie, type_, description, unite, tva, format_, prix, prix_pro]
    return ";".join([*cells, suivi, stock, commune, labels, allergenes])


def snapshot() -> list[tuple]:
    return [
        *Offer.objects.values_list("pk", "name", "category_id", "vat_rate", "price_from").order_by(
            "pk"
        ),
        *OfferVariant.objects.values_list("pk", "sku", "label", "price", "stock").order_by("pk"),
    ]


def refused(seller, owner, data: bytes) -> list[str]:
    with pytest.raises(CatalogImportError) as error:
        catalog_import_csv(actor=seller, by=owner, data=data)
    return error.value.errors


# --- success ----------------------------------------------------------------------------------


def test_import_creates_offers_grouping_formats_by_name(seller, owner, categories):
    report = catalog_import_csv(
        actor=seller,
        by=owner,
        data=csv_bytes(
            row(
                sku="PC-500",
                format_="500 g",
                prix="3,20",
                labels="bio, fait_maison",
                allergenes="gluten",
            ),
            row(
                sku="PC-1KG",
                format_="1 kg",
                prix="5.80",
                prix_pro="5",
                stock="4",
                labels="bio, fait_maison",
                allergenes="gluten",
            ),
            row(
                nom="Atelier pain",
                categorie="Services",
                type_="service",
                unite="heure",
                tva="20",
                prix="35",
                suivi="",
                stock="",
            ),
            row(nom="Pomme Golden", categorie="fruits", tva="5.50", commune="84047", unite="kg"),
        ),
    )

    assert (report.offers_created, report.offers_updated) == (3, 0)
    assert (report.variants_created, report.variants_updated) == (4, 0)
    assert report.summary == (
        f"Import terminé{NBSP}: 3 offre(s) créée(s), 0 mise(s) à jour{NBSP}; "
        "4 format(s) créé(s), 0 mis à jour."
    )
    bread = Offer.objects.get(name="Pain de campagne")
    assert (bread.labels, bread.allergens, bread.price_from, bread.slug) == (
        ["bio", "fait_maison"],
        ["gluten"],
        Decimal("3.20"),
        "pain-de-campagne",
    )
    assert list(bread.variants.values_list("sku", "label", "price", "pro_price", "stock")) == [
        ("PC-500", "500 g", Decimal("3.20"), None, 10),
        ("PC-1KG", "1 kg", Decimal("5.80"), Decimal("5.00"), 4),
    ]
    workshop = Offer.objects.get(name="Atelier pain")
    assert (workshop.kind, workshop.unit, workshop.vat_rate) == (
        "service",
        "hour",
        Decimal("20.00"),
    )
    assert list(workshop.variants.values_list("sku", "stock_tracked", "stock")) == [
        ("atelier-pain", False, 0)
    ]
    apple = Offer.objects.select_related("origin_commune").get(name="Pomme Golden")
    assert apple.origin_commune is not None
    assert (apple.category.name, apple.origin_commune.name, apple.unit) == (
        "Fruits",
        "Gargas",
        "kg",
    )


def test_imported_offers_are_found_by_the_search(seller, owner, categories, territory):
    from pmvt.catalog.selectors import OfferFilters, offer_search

    catalog_import_csv(actor=seller, by=owner, data=csv_bytes(row(nom="Fougasses aux olives")))

    page = offer_search(territory=territory, query="fougasse", filters=OfferFilters(), sort="name")
    assert [o.name for o in page.offers] == ["Fougasses aux olives"]


def test_import_updates_by_sku_and_keeps_stock_when_left_blank(
    seller, owner, categories, make_offer
):
    offer = make_offer(
        seller,
        "Pain",
        variants=[
            {"label": "500 g", "price": Decimal("3"), "stock": 7, "sku": "P-500"},
            {"label": "1 kg", "price": Decimal("5"), "stock": 2, "sku": "P-1KG"},
        ],
    )

    report = catalog_import_csv(
        actor=seller,
        by=owner,
        data=csv_bytes(
            row(sku="P-500", nom="Pain au levain", format_="500 g", prix="3,40", stock=""),
            row(sku="", nom="Pain au levain", format_="2 kg", prix="9", stock="1"),
        ),
    )

    assert (report.offers_created, report.offers_updated) == (0, 1)
    assert (report.variants_created, report.variants_updated) == (1, 1)
    offer.refresh_from_db()
    assert (offer.name, offer.price_from) == ("Pain au levain", Decimal("3.40"))
    assert list(offer.variants.values_list("sku", "label", "price", "stock", "position")) == [
        ("P-500", "500 g", Decimal("3.40"), 7, 0),
        ("P-1KG", "1 kg", Decimal("5.00"), 2, 1),
        ("pain-au-levain-2-kg", "2 kg", Decimal("9.00"), 1, 2),
    ]


def test_import_of_the_export_changes_nothing(client, seller, owner, make_offer, commune):
    make_offer(
        seller,
        "Pain de campagne",
        description='Au levain ; "maison"\nCuit au feu de bois.',
        labels=["bio"],
        allergens=["gluten", "sesame"],
        origin_commune=commune("84047"),
        variants=[
            {"label": "500 g", "price": Decimal("3.20"), "stock": 12},
            {"label": "1 kg", "price": Decimal("5.80"), "pro_price": Decimal("5"), "stock": 4},
        ],
    )
    make_offer(
        seller,
        "Atelier",
        category="services",
        kind="service",
        unit="hour",
        vat_rate=Decimal("20"),
        variants=[{"price": Decimal("35")}],
    )
    client.force_login(owner)
    exported = client.get(f"{APT}/espace-pro/{seller.slug}/catalogue/export.csv").content
    before = snapshot()

    report = catalog_import_csv(actor=seller, by=owner, data=exported)

    assert (report.offers_created, report.offers_updated) == (0, 0)
    assert (report.variants_created, report.variants_updated) == (0, 0)
    assert snapshot() == before


def test_import_accepts_a_file_without_bom_and_columns_in_any_order(seller, owner, categories):
    columns = list(reversed(COLUMNS))
    values = dict(zip(COLUMNS, row(sku="X1").split(";"), strict=True))
    data = csv_bytes(";".join(values[c] for c in columns), header=";".join(columns), bom=False)

    catalog_import_csv(actor=seller, by=owner, data=data)

    assert OfferVariant.objects.get().sku == "X1"


def test_import_skips_blank_lines(seller, owner, categories):
    catalog_import_csv(actor=seller, by=owner, data=csv_bytes(row(), ";;;;;;;;;;;;;;", ""))

    assert Offer.objects.count() == 1


# --- line errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"tva": "19"},
            f"Ligne 3{NBSP}: le taux de TVA 19 n'existe pas (20{NBSP}; 10{NBSP}; 5,5{NBSP}; 2,1).",
        ),
        (
            {"tva": ""},
            f"Ligne 3{NBSP}: indiquez le taux de TVA (20{NBSP}; 10{NBSP}; 5,5{NBSP}; 2,1).",
        ),
        (
            {"prix": "12,5x"},
            f"Ligne 3{NBSP}: le prix «{NBSP}12,5x{NBSP}» n'est pas un montant{NBSP}: écrivez par "
            "exemple 12,50.",
        ),
        ({"prix": ""}, f"Ligne 3{NBSP}: indiquez le prix TTC, par exemple 12,50."),
        ({"prix": "-2"}, f"Ligne 3{NBSP}: le prix ne peut pas être négatif."),
        (
            {"prix": "2,555"},
            f"Ligne 3{NBSP}: le prix 2,555 a plus de deux décimales{NBSP}: arrondissez au centime.",
        ),
        (
            {"prix_pro": "beaucoup"},
            f"Ligne 3{NBSP}: le prix professionnel «{NBSP}beaucoup{NBSP}» n'est pas un montant"
            f"{NBSP}: écrivez par exemple 12,50.",
        ),
        (
            {"stock": "2,5"},
            f"Ligne 3{NBSP}: le stock «{NBSP}2,5{NBSP}» n'est pas valable{NBSP}: indiquez un nombre "
            "entier entre 0 et 1\u202f000\u202f000.",
        ),
        (
            {"suivi": "peut-être"},
            f"Ligne 3{NBSP}: écrivez «{NBSP}oui{NBSP}» ou «{NBSP}non{NBSP}» (et non «{NBSP}"
            f"peut-être{NBSP}»).",
        ),
        (
            {"unite": "sac"},
            f"Ligne 3{NBSP}: l'unité «{NBSP}sac{NBSP}» n'existe pas (pièce{NBSP}; kg{NBSP}; "
            f"litre{NBSP}; douzaine{NBSP}; botte{NBSP}; heure{NBSP}; prestation).",
        ),
        (
            {"type_": "location"},
            f"Ligne 3{NBSP}: le type «{NBSP}location{NBSP}» n'existe pas (produit{NBSP}; service).",
        ),
        (
            {"categorie": "Poissonnerie"},
            f"Ligne 3{NBSP}: la catégorie «{NBSP}Poissonnerie{NBSP}» n'existe pas sur le territoire"
            f"{NBSP}: choisissez-en une de la liste affichée sur la page d'import.",
        ),
        (
            {"commune": "13055"},
            f"Ligne 3{NBSP}: la commune d'origine 13055 n'est pas une commune du territoire.",
        ),
        (
            {"labels": "bio, nature"},
            f"Ligne 3{NBSP}: le label «{NBSP}nature{NBSP}» n'est pas dans la liste proposée.",
        ),
        (
            {"allergenes": "lait, fraise"},
            f"Ligne 3{NBSP}: l'allergène «{NBSP}fraise{NBSP}» n'est pas l'un des 14 allergènes à "
            "déclarer.",
        ),
        ({"nom": ""}, f"Ligne 3{NBSP}: indiquez le nom de l'offre."),
        (
            {"sku": "réf 1"},
            f"Ligne 3{NBSP}: la référence «{NBSP}réf 1{NBSP}» n'est pas valable{NBSP}: 64 "
            "caractères au plus, lettres sans accent, chiffres, points, tirets, barres obliques "
            "ou soulignés.",
        ),
    ],
)
def test_import_reports_each_bad_value_and_writes_nothing(
    seller, owner, categories, make_offer, changes, message
):
    make_offer(seller, "Déjà là")
    before = snapshot()

    errors = refused(seller, owner, csv_bytes(row(nom="Autre"), row(**changes)))

    assert errors == [message]
    assert snapshot() == before


def test_import_reports_every_error_of_every_line_in_order(seller, owner, categories):
    errors = refused(
        seller,
        owner,
        csv_bytes(
            row(),
            row(tva="19", prix="abc"),
            row(nom="Miel", stock="-1"),
            "trop;peu;de;colonnes",
        ),
    )

    assert errors == [
        f"Ligne 3{NBSP}: le taux de TVA 19 n'existe pas (20{NBSP}; 10{NBSP}; 5,5{NBSP}; 2,1).",
        f"Ligne 3{NBSP}: le prix «{NBSP}abc{NBSP}» n'est pas un montant{NBSP}: écrivez par exemple "
        "12,50.",
        f"Ligne 4{NBSP}: le stock «{NBSP}-1{NBSP}» n'est pas valable{NBSP}: indiquez un nombre "
        "entier entre 0 et 1\u202f000\u202f000.",
        f"Ligne 5{NBSP}: 4 colonnes au lieu de 15{NBSP}: vérifiez les points-virgules et les "
        "guillemets.",
    ]
    assert snapshot() == []


def test_import_refuses_a_reference_twice_in_the_file(seller, owner, categories):
    errors = refused(
        seller, owner, csv_bytes(row(sku="A1", format_="500 g"), row(sku="A1", format_="1 kg"))
    )

    assert errors == [f"Ligne 3{NBSP}: la référence «{NBSP}A1{NBSP}» figure déjà ligne 2."]


def test_import_refuses_lines_of_one_offer_that_disagree(seller, owner, categories):
    errors = refused(
        seller,
        owner,
        csv_bytes(
            row(format_="500 g"),
            row(format_="1 kg", tva="20", categorie="Épicerie"),
        ),
    )

    assert errors == [
        f"Ligne 3{NBSP}: cette ligne décrit la même offre que la ligne 2, avec d'autres valeurs "
        f"pour{NBSP}: catégorie, taux TVA. Les lignes d'une offre portent les mêmes valeurs, "
        "seuls le format, les prix et le stock changent."
    ]


def test_import_refuses_two_formats_of_the_same_name(seller, owner, categories, make_offer):
    make_offer(seller, "Pain", variants=[{"label": "500 g", "price": Decimal("3"), "sku": "P-500"}])

    errors = refused(
        seller,
        owner,
        csv_bytes(
            row(nom="Pain", format_="500 g"),
            row(nom="Miel", format_="1 kg"),
            row(nom="Miel", format_="1 KG"),
        ),
    )

    assert errors == [
        f"Ligne 2{NBSP}: l'offre a déjà un format «{NBSP}500 g{NBSP}».",
        f"Ligne 4{NBSP}: l'offre a déjà un format «{NBSP}1 KG{NBSP}» (ligne 3).",
    ]


def test_import_refuses_an_ambiguous_category_name(seller, owner, territory, categories):
    from pmvt.catalog.services.offers import category_create

    category_create(territory=territory, name="Fruits", parent=categories["epicerie"])

    errors = refused(seller, owner, csv_bytes(row(categorie="fruits")))

    assert errors == [
        f"Ligne 2{NBSP}: plusieurs catégories s'appellent «{NBSP}fruits{NBSP}»{NBSP}: écrivez aussi "
        f"la catégorie principale, par exemple «{NBSP}Fruits et légumes > Fruits{NBSP}»."
    ]


# --- file errors ------------------------------------------------------------------------------


def test_import_refuses_a_file_not_in_utf8(seller, owner, categories):
    # Excel's "CSV (point-virgule)" is Windows-1252: "catégorie" fails on the first line.
    data = (HEADER + "\r\n" + row(nom="Pâté") + "\r\n").encode("cp1252")

    errors = refused(seller, owner, data)

    assert errors == [
        f"Ligne 1{NBSP}: le fichier n'est pas encodé en UTF-8. Dans votre tableur, "
        f"enregistrez-le au format «{NBSP}CSV UTF-8 (délimité par des points-virgules){NBSP}»."
    ]


def test_import_refuses_wrong_headers(seller, owner, categories):
    header = HEADER.replace("taux TVA", "TVA").replace(";stock;", ";quantité;")

    errors = refused(seller, owner, csv_bytes(row(), header=header))

    assert errors[:2] == [
        f"Ligne 1{NBSP}: colonnes manquantes{NBSP}: «{NBSP}taux TVA{NBSP}», «{NBSP}stock{NBSP}».",
        f"Ligne 1{NBSP}: colonnes inconnues{NBSP}: «{NBSP}TVA{NBSP}», «{NBSP}quantité{NBSP}».",
    ]
    assert errors[2].startswith(
        f"La première ligne doit contenir les colonnes{NBSP}: sku{NBSP}; nom"
    )


def test_import_explains_the_separator(seller, owner, categories):
    data = csv_bytes(row().replace(";", ","), header=HEADER.replace(";", ","))

    assert refused(seller, owner, data) == [
        f"Ligne 1{NBSP}: les colonnes doivent être séparées par des points-virgules (;), comme "
        "dans le fichier exporté."
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Le fichier est vide."),
        (csv_bytes(), "Le fichier ne contient aucune ligne de données."),
    ],
)
def test_import_refuses_an_empty_file(seller, owner, categories, data, message):
    assert refused(seller, owner, data) == [message]


def test_import_refuses_more_than_5_mb(seller, owner, categories):
    data = csv_bytes(row(description="x" * (5 * 1024 * 1024)))

    assert refused(seller, owner, data) == [
        f"Le fichier dépasse 5{NBSP}Mo{NBSP}: découpez-le en plusieurs fichiers."
    ]


def test_import_refuses_more_than_10000_lines(seller, owner, categories, monkeypatch):
    monkeypatch.setattr(imports, "MAX_LINES", 3)

    errors = refused(seller, owner, csv_bytes(*(row(nom=f"Pain {i}") for i in range(4))))

    assert errors == [
        f"Le fichier contient plus de 10\u202f000 lignes{NBSP}: découpez-le en plusieurs fichiers."
    ]
    assert snapshot() == []


def test_import_reports_an_unclosed_quote(seller, owner, categories):
    errors = refused(seller, owner, csv_bytes(row(), row(description='"Au levain')))

    assert errors[-1].startswith(f"Ligne 3{NBSP}:")
    assert snapshot() == []


def test_import_needs_a_catalog_editor(seller, add_staff, categories):
    with pytest.raises(PermissionDeniedError):
        catalog_import_csv(actor=seller, by=add_staff(seller), data=csv_bytes(row()))

    assert snapshot() == []


# --- the page ---------------------------------------------------------------------------------


def test_import_page_reports_errors_and_changes_nothing(client, seller, owner, categories):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(owner)

    response = client.post(
        f"{APT}/espace-pro/{seller.slug}/catalogue/import/",
        {"file": SimpleUploadedFile("catalogue.csv", csv_bytes(row(), row(tva="19")), "text/csv")},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        f"Le fichier n&#x27;a pas été importé{NBSP}: 1 erreur. Rien n&#x27;a été modifié." in page
    )
    assert (
        f"<li>Ligne 3{NBSP}: le taux de TVA 19 n&#x27;existe pas (20{NBSP}; 10{NBSP}; 5,5{NBSP}; "
        "2,1).</li>"
    ) in page
    assert snapshot() == []


def test_import_page_imports_and_says_what_changed(client, seller, owner, categories):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(owner)

    response = client.post(
        f"{APT}/espace-pro/{seller.slug}/catalogue/import/",
        {"file": SimpleUploadedFile("catalogue.csv", csv_bytes(row()), "text/csv")},
        follow=True,
    )

    assert response.redirect_chain == [(f"{APT}/espace-pro/{seller.slug}/catalogue/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"Import terminé{NBSP}: 1 offre(s) créée(s), 0 mise(s) à jour{NBSP}; 1 format(s) créé(s), "
        "0 mis à jour."
    ]
    assert Offer.objects.count() == 1


def test_export_quotes_what_a_spreadsheet_would_run_and_import_reads_it_back(
    client, seller, owner, make_offer
):
    make_offer(
        seller,
        '=HYPERLINK("http://example.test";"clic")',
        description="-2 € sur le deuxième",
        variants=[{"label": "@lot", "price": Decimal("3.20"), "stock": 5}],
    )
    client.force_login(owner)
    exported = client.get(f"{APT}/espace-pro/{seller.slug}/catalogue/export.csv").content
    text = exported.decode("utf-8")

    assert "'=HYPERLINK" in text
    assert "'-2 € sur le deuxième" in text
    assert ";'@lot;" in text
    before = snapshot()
    report = catalog_import_csv(actor=seller, by=owner, data=exported)
    assert (report.offers_updated, report.variants_updated) == (0, 0)
    assert snapshot() == before
