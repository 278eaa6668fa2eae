"""Demo catalog of the CC Pays d'Apt-Luberon: a two-level category tree and about 300 offers
of the verified demo actors (see pmvt.demo.actors), each through offer_create.

Deterministic (fixed seed for the stocks) and idempotent: a category whose slug exists, or an
offer whose slug exists for its actor, is left as it is. Products follow each actor's trade
(by slug, else by CAPLA family); prices are plausible 2026 prices, VAT follows the usual rates
(5,5 % food and books, 10 % restaurant, flowers and housing works, 20 % alcohol, crafts and
services).
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorStaff, ActorStatus, StaffRole
from pmvt.catalog.models import Category, Offer
from pmvt.catalog.services.offers import category_create, offer_create
from pmvt.territories.models import Commune, Territory

SEED = 84_400_2  # Apt's postal code, catalog step.

CATEGORY_TREE: dict[str, list[str]] = {
    "Fruits et légumes": ["Fruits", "Légumes", "Paniers de saison"],
    "Crémerie et fromages": ["Fromages", "Produits laitiers", "Œufs"],
    "Boulangerie-pâtisserie": ["Pains", "Viennoiseries", "Pâtisseries", "Confiseries"],
    "Boucherie-charcuterie": ["Viandes", "Volailles", "Charcuterie", "Plats cuisinés"],
    "Épicerie": ["Épicerie salée", "Épicerie sucrée", "Huiles et olives", "Glaces"],
    "Boissons et vins": ["Vins", "Bières et spiritueux", "Jus et sirops"],
    "Miel et confitures": ["Miels", "Confitures et pâtes de fruits", "Produits de la ruche"],
    "Fleurs et plantes": ["Bouquets", "Plantes et plants", "Lavande"],
    "Artisanat et maison": [
        "Poterie et céramique",
        "Savons et cosmétiques",
        "Bois et mobilier",
        "Livres et papeterie",
    ],
    "Services": [
        "Santé et bien-être",
        "Beauté et coiffure",
        "Travaux et rénovation",
        "Conseil et études",
        "Animaux",
        "Réparation",
        "Visites et loisirs",
        "Restauration",
        "Vie associative",
    ],
}

PRODUCT, SERVICE = "product", "service"


@dataclass(frozen=True)
class Spec:
    """One demo offer: formats are (label, price TTC[, pro price])."""

    name: str
    category: str  # a child category of CATEGORY_TREE
    formats: tuple[tuple, ...]
    unit: str = "piece"
    vat: str = "5.50"
    kind: str = PRODUCT
    labels: tuple[str, ...] = ()
    allergens: tuple[str, ...] = ()
    description: str = ""
    origin: str = ""  # INSEE code; "" for the actor's commune
    local: bool = True  # produced or made on the territory
    tracked: bool | None = None  # None: stock tracked for products only
    extra: dict = field(default_factory=dict)


def P(name: str, category: str, *formats: tuple, **kw) -> Spec:
    return Spec(name, category, formats, **kw)


def S(name: str, category: str, price: str, unit: str = "service", **kw) -> Spec:
    """A service: one format, VAT 20 %, no stock."""
    return Spec(
        name, category, (("", price),), unit=unit, vat=kw.pop("vat", "20.00"), kind=SERVICE, **kw
    )


BREAD = ("gluten",)
OFFERS_BY_ACTOR: dict[str, list[Spec]] = {
    "boulangerie-des-ocres": [
        P("Pain au levain aux noix", "Pains", ("400 g", "4.90"), allergens=("gluten", "nuts")),
        P("Éclair au chocolat", "Pâtisseries", ("", "3.20"), allergens=("gluten", "milk", "eggs")),
        P(
            "Pain de campagne au levain",
            "Pains",
            ("500 g", "3.20"),
            ("1 kg", "5.80", "5.20"),
            labels=("fait_maison", "artisanal"),
            allergens=BREAD,
            description="Levain naturel, farine de blés anciens T80 moulue à Apt, cuit au feu de bois.",
        ),
        P(
            "Baguette tradition",
            "Pains",
            ("", "1.30", "1.10"),
            labels=("fait_maison",),
            allergens=BREAD,
        ),
        P(
            "Fougasse aux olives",
            "Pains",
            ("", "4.50"),
            labels=("fait_maison",),
            allergens=BREAD,
            description="Pâte à pain à l'huile d'olive, olives noires de Saint-Pantaléon.",
        ),
        P("Fougasse aux lardons", "Pains", ("", "4.80"), labels=("fait_maison",), allergens=BREAD),
        P("Pain aux céréales", "Pains", ("400 g", "4.20"), allergens=("gluten", "sesame")),
        P("Pain complet", "Pains", ("500 g", "3.80"), labels=("bio",), allergens=BREAD),
        P("Pain d'épeautre", "Pains", ("500 g", "5.20"), labels=("bio",), allergens=BREAD),
        P(
            "Pompe à l'huile",
            "Pains",
            ("", "6.00"),
            allergens=BREAD,
            description="La pompe à l'huile de Noël, parfumée à la fleur d'oranger.",
        ),
        P(
            "Croissant au beurre",
            "Viennoiseries",
            ("", "1.30"),
            ("Lot de 6", "7.20"),
            allergens=("gluten", "milk", "eggs"),
        ),
        P(
            "Pain au chocolat",
            "Viennoiseries",
            ("", "1.45"),
            ("Lot de 6", "8.00"),
            allergens=("gluten", "milk", "eggs", "soybeans"),
        ),
        P(
            "Gibassier",
            "Viennoiseries",
            ("", "5.50"),
            allergens=("gluten", "eggs"),
            description="Brioche plate à l'huile d'olive, à l'anis et aux écorces d'orange confites.",
        ),
        P(
            "Tarte aux abricots",
            "Pâtisseries",
            ("Part", "3.50"),
            ("Entière, 6 parts", "18.00"),
            allergens=("gluten", "milk", "eggs"),
        ),
        P(
            "Tarte au citron meringuée",
            "Pâtisseries",
            ("Part", "3.80"),
            ("Entière, 6 parts", "20.00"),
            allergens=("gluten", "milk", "eggs"),
        ),
        P(
            "Navettes à la fleur d'oranger",
            "Confiseries",
            ("200 g", "5.20"),
            allergens=("gluten", "eggs"),
        ),
        P(
            "Croquants aux amandes",
            "Confiseries",
            ("200 g", "5.90"),
            allergens=("gluten", "eggs", "nuts"),
        ),
    ],
    "confiserie-aptesienne": [
        P("Fruits confits au détail", "Confiseries", ("100 g", "6.20"), allergens=("sulphites",)),
        P(
            "Marrons glacés",
            "Confiseries",
            ("Boîte de 6", "14.90"),
            allergens=("sulphites",),
            local=False,
        ),
        P(
            "Fruits confits d'Apt assortis",
            "Confiseries",
            ("250 g", "14.50"),
            ("500 g", "27.00", "24.00"),
            labels=("fait_maison", "artisanal"),
            allergens=("sulphites",),
            description="Abricots, melons, clémentines, poires et cerises confits lentement au sirop.",
        ),
        P(
            "Abricots confits",
            "Confiseries",
            ("250 g", "12.90"),
            labels=("fait_maison",),
            allergens=("sulphites",),
        ),
        P("Melon confit", "Confiseries", ("Tranche de 200 g", "9.80"), allergens=("sulphites",)),
        P("Clémentines confites", "Confiseries", ("250 g", "13.50"), allergens=("sulphites",)),
        P("Cerises confites", "Confiseries", ("200 g", "8.90"), allergens=("sulphites",)),
        P(
            "Orangettes au chocolat noir",
            "Confiseries",
            ("150 g", "9.50"),
            allergens=("milk", "soybeans", "sulphites"),
        ),
        P(
            "Calissons",
            "Confiseries",
            ("200 g", "11.00"),
            ("400 g", "21.00"),
            allergens=("nuts", "eggs", "sulphites"),
        ),
        P("Nougat blanc de Provence", "Confiseries", ("200 g", "8.50"), allergens=("nuts", "eggs")),
        P("Nougat noir", "Confiseries", ("200 g", "8.50"), allergens=("nuts",)),
        P("Berlingots", "Confiseries", ("150 g", "5.90")),
        P("Pâtes de fruits", "Confitures et pâtes de fruits", ("250 g", "9.90")),
        P(
            "Coffret des 13 desserts",
            "Confiseries",
            ("", "32.00"),
            allergens=("nuts", "eggs", "gluten", "sulphites"),
            description="Le coffret de Noël provençal : fruits confits, nougats, calissons, "
            "fruits secs et pompe à l'huile.",
        ),
    ],
    "atelier-terre-docre": [
        P(
            "Bol en grès ocre",
            "Poterie et céramique",
            ("", "18.00"),
            vat="20.00",
            labels=("artisanal", "fait_maison"),
            description="Tourné à la main, émail à l'ocre.",
        ),
        P(
            "Tasse émaillée",
            "Poterie et céramique",
            ("", "16.00"),
            vat="20.00",
            labels=("artisanal",),
        ),
        P(
            "Assiette plate",
            "Poterie et céramique",
            ("", "22.00"),
            ("Lot de 4", "80.00"),
            vat="20.00",
            labels=("artisanal",),
        ),
        P("Saladier", "Poterie et céramique", ("", "45.00"), vat="20.00", labels=("artisanal",)),
        P(
            "Pichet en faïence",
            "Poterie et céramique",
            ("", "38.00"),
            vat="20.00",
            labels=("artisanal",),
        ),
        P(
            "Vase ocre rouge",
            "Poterie et céramique",
            ("", "55.00"),
            vat="20.00",
            labels=("artisanal",),
        ),
        P("Plat à tian", "Poterie et céramique", ("", "42.00"), vat="20.00", labels=("artisanal",)),
        S(
            "Stage de tournage",
            "Visites et loisirs",
            "65.00",
            description="Une demi-journée à l'atelier, terre et cuisson comprises.",
        ),
    ],
    "menuiserie-berard": [
        S(
            "Réparation de chaise",
            "Réparation",
            "45.00",
            description="Recollage, remplacement de barreaux, reprise du paillage.",
        ),
        S("Fabrication d'étagère sur mesure", "Travaux et rénovation", "45.00", unit="hour"),
        S(
            "Pose de fenêtre en bois",
            "Travaux et rénovation",
            "480.00",
            vat="10.00",
            description="Dans un logement de plus de deux ans (TVA à 10 %).",
        ),
        S("Restauration de volets", "Travaux et rénovation", "45.00", unit="hour", vat="10.00"),
        S("Visite et devis à domicile", "Travaux et rénovation", "0.00"),
        P(
            "Planche à découper en olivier",
            "Bois et mobilier",
            ("", "35.00"),
            vat="20.00",
            labels=("artisanal",),
        ),
        P(
            "Tabouret en chêne",
            "Bois et mobilier",
            ("", "120.00"),
            vat="20.00",
            labels=("artisanal", "fait_maison"),
        ),
    ],
    "savonnerie-de-rustrel": [
        P(
            "Savon au lait d'ânesse",
            "Savons et cosmétiques",
            ("100 g", "6.50"),
            vat="20.00",
            labels=("artisanal",),
        ),
        P(
            "Savon à la lavande",
            "Savons et cosmétiques",
            ("100 g", "5.50"),
            ("Lot de 3", "15.00"),
            vat="20.00",
            labels=("artisanal",),
        ),
        P(
            "Savon à l'huile d'olive",
            "Savons et cosmétiques",
            ("100 g", "5.00"),
            vat="20.00",
            labels=("artisanal", "bio"),
        ),
        P(
            "Savon à l'ocre rouge",
            "Savons et cosmétiques",
            ("100 g", "5.80"),
            vat="20.00",
            labels=("artisanal",),
            description="Argile et ocre des carrières de Rustrel.",
        ),
        P(
            "Shampooing solide",
            "Savons et cosmétiques",
            ("75 g", "9.50"),
            vat="20.00",
            labels=("vegetalien",),
        ),
        P("Baume à lèvres au miel", "Savons et cosmétiques", ("", "4.90"), vat="20.00"),
        P("Coffret découverte", "Savons et cosmétiques", ("4 savons", "21.00"), vat="20.00"),
        P(
            "Savon de Marseille",
            "Savons et cosmétiques",
            ("300 g", "6.90"),
            vat="20.00",
            local=False,
            labels=("vegetalien",),
        ),
    ],
    "salon-emilie-coiffure": [
        S("Coupe femme", "Beauté et coiffure", "35.00"),
        S("Coupe homme", "Beauté et coiffure", "22.00"),
        S("Coupe enfant (moins de 12 ans)", "Beauté et coiffure", "15.00"),
        S("Shampooing et brushing", "Beauté et coiffure", "25.00"),
        S("Coloration", "Beauté et coiffure", "55.00"),
        S("Balayage", "Beauté et coiffure", "75.00"),
        S("Coiffure de mariée", "Beauté et coiffure", "90.00"),
    ],
    "maconnerie-pierre-seche-du-luberon": [
        S(
            "Restauration de mur en pierre sèche",
            "Travaux et rénovation",
            "48.00",
            unit="hour",
            vat="10.00",
            labels=("valeurs_parc",),
        ),
        S("Construction de restanque", "Travaux et rénovation", "48.00", unit="hour", vat="10.00"),
        S("Enduit à la chaux", "Travaux et rénovation", "45.00", unit="hour", vat="10.00"),
        S("Visite et devis", "Travaux et rénovation", "0.00"),
        S(
            "Initiation à la pierre sèche",
            "Visites et loisirs",
            "60.00",
            description="Une journée de chantier école, outils fournis.",
        ),
    ],
    "les-glaces-de-roussillon": [
        P("Sorbet fraise", "Glaces", ("Pot de 500 ml", "7.00"), labels=("vegetalien",)),
        P(
            "Glace pistache",
            "Glaces",
            ("Pot de 500 ml", "8.00"),
            allergens=("milk", "eggs", "nuts"),
        ),
        P(
            "Glace à la lavande",
            "Glaces",
            ("Pot de 500 ml", "7.50"),
            ("Pot de 1 l", "13.50"),
            allergens=("milk", "eggs"),
            labels=("fait_maison",),
        ),
        P(
            "Sorbet abricot",
            "Glaces",
            ("Pot de 500 ml", "7.00"),
            ("Pot de 1 l", "12.50"),
            labels=("fait_maison", "vegetalien"),
        ),
        P(
            "Glace miel et pignons",
            "Glaces",
            ("Pot de 500 ml", "8.00"),
            allergens=("milk", "eggs", "nuts"),
        ),
        P("Sorbet melon", "Glaces", ("Pot de 500 ml", "7.00"), labels=("vegetalien",)),
        P(
            "Glace chocolat noir",
            "Glaces",
            ("Pot de 500 ml", "7.50"),
            allergens=("milk", "soybeans"),
        ),
        P("Sorbet cerise", "Glaces", ("Pot de 500 ml", "7.00")),
        P(
            "Glace vanille",
            "Glaces",
            ("Pot de 500 ml", "7.00"),
            ("Pot de 1 l", "12.50"),
            allergens=("milk", "eggs"),
        ),
        P(
            "Glace caramel au beurre salé",
            "Glaces",
            ("Pot de 500 ml", "7.50"),
            allergens=("milk", "eggs"),
        ),
    ],
    "les-primeurs-du-luberon": [
        P("Fraises", "Fruits", ("Barquette de 500 g", "4.90"), local=False),
        P("Asperges vertes", "Légumes", ("Botte de 500 g", "6.50"), unit="bunch"),
        P("Haricots verts", "Légumes", ("500 g", "3.90"), unit="kg"),
        P("Épinards", "Légumes", ("500 g", "2.90"), unit="kg"),
        P("Pomme Golden", "Fruits", ("1 kg", "2.80"), unit="kg", origin="84051"),
        P("Pomme Reinette grise du Canada", "Fruits", ("1 kg", "3.20"), unit="kg", origin="84051"),
        P("Poire Williams", "Fruits", ("1 kg", "3.40"), unit="kg"),
        P("Abricots", "Fruits", ("1 kg", "4.90"), unit="kg", origin="84051"),
        P(
            "Cerises du Luberon",
            "Fruits",
            ("500 g", "5.50"),
            ("1 kg", "9.90"),
            unit="kg",
            origin="84051",
        ),
        P("Pêches de vigne", "Fruits", ("1 kg", "4.80"), unit="kg"),
        P("Melon charentais", "Fruits", ("", "2.50")),
        P("Raisin muscat", "Fruits", ("1 kg", "4.50"), unit="kg"),
        P("Figues violettes", "Fruits", ("500 g", "4.80"), unit="kg"),
        P("Citrons", "Fruits", ("1 kg", "3.50"), unit="kg", local=False),
        P("Tomates cœur de bœuf", "Légumes", ("1 kg", "4.20"), unit="kg", origin="84047"),
        P("Courgettes", "Légumes", ("1 kg", "2.60"), unit="kg", origin="84047"),
        P("Aubergines", "Légumes", ("1 kg", "3.20"), unit="kg"),
        P("Poivrons", "Légumes", ("1 kg", "3.90"), unit="kg"),
        P("Ail de Provence", "Légumes", ("Tresse", "9.00")),
        P("Salade batavia", "Légumes", ("", "1.20")),
        P("Pommes de terre", "Légumes", ("1 kg", "1.80"), ("5 kg", "8.00"), unit="kg"),
        P("Oignons doux", "Légumes", ("1 kg", "2.40"), unit="kg"),
    ],
    "fromagerie-du-calavon": [
        P(
            "Chèvre mariné à l'huile d'olive",
            "Fromages",
            ("Bocal de 250 g", "8.90"),
            allergens=("milk",),
            labels=("fait_maison",),
        ),
        P(
            "Tomme de vache de montagne",
            "Fromages",
            ("1 kg", "24.00"),
            unit="kg",
            allergens=("milk",),
            local=False,
        ),
        P(
            "Banon AOP",
            "Fromages",
            ("", "7.50"),
            labels=("aop",),
            allergens=("milk",),
            origin="84060",
            description="Fromage de chèvre au lait cru enveloppé dans des feuilles de châtaignier.",
        ),
        P(
            "Tomme de chèvre",
            "Fromages",
            ("200 g", "6.80"),
            ("1 kg", "32.00"),
            unit="kg",
            allergens=("milk",),
            origin="84060",
        ),
        P("Brousse du Rove", "Fromages", ("250 g", "4.90"), allergens=("milk",), local=False),
        P("Fromage de chèvre frais", "Fromages", ("", "2.80"), allergens=("milk",), origin="84060"),
        P(
            "Picodon AOP",
            "Fromages",
            ("", "3.20"),
            labels=("aop",),
            allergens=("milk",),
            local=False,
        ),
        P(
            "Tomme de brebis",
            "Fromages",
            ("1 kg", "29.00"),
            unit="kg",
            allergens=("milk",),
            local=False,
        ),
        P(
            "Comté 18 mois",
            "Fromages",
            ("250 g", "6.50"),
            ("1 kg", "26.00"),
            unit="kg",
            labels=("aop",),
            allergens=("milk",),
            local=False,
        ),
        P(
            "Beurre de baratte",
            "Produits laitiers",
            ("250 g", "4.20"),
            allergens=("milk",),
            local=False,
        ),
        P(
            "Yaourts au lait de brebis",
            "Produits laitiers",
            ("Lot de 4", "4.60"),
            allergens=("milk",),
            local=False,
        ),
        P(
            "Crème fraîche épaisse",
            "Produits laitiers",
            ("25 cl", "3.20"),
            allergens=("milk",),
            local=False,
        ),
    ],
    "boucherie-jourdan": [
        P("Merguez", "Charcuterie", ("1 kg", "15.90"), unit="kg", labels=("fait_maison",)),
        P("Rôti de porc", "Viandes", ("1 kg", "16.50"), unit="kg", local=False),
        P(
            "Pâté en croûte",
            "Charcuterie",
            ("Tranche", "3.90"),
            allergens=("gluten", "eggs"),
            labels=("fait_maison",),
        ),
        P(
            "Gigot d'agneau de Sisteron",
            "Viandes",
            ("1 kg", "26.90"),
            unit="kg",
            labels=("igp", "label_rouge"),
            local=False,
        ),
        P("Côtes d'agneau", "Viandes", ("1 kg", "29.50"), unit="kg", labels=("igp",), local=False),
        P("Bœuf bourguignon", "Viandes", ("1 kg", "18.90"), unit="kg", local=False),
        P("Entrecôte", "Viandes", ("1 kg", "32.00"), unit="kg", local=False),
        P(
            "Saucisses de Toulouse",
            "Charcuterie",
            ("1 kg", "14.90"),
            unit="kg",
            allergens=("sulphites",),
        ),
        P(
            "Caillettes provençales",
            "Charcuterie",
            ("", "2.80"),
            ("Lot de 4", "10.50"),
            allergens=("eggs",),
            labels=("fait_maison",),
        ),
        P(
            "Terrine de campagne",
            "Charcuterie",
            ("250 g", "5.90"),
            allergens=("eggs",),
            labels=("fait_maison",),
        ),
        P("Saucisson sec", "Charcuterie", ("", "7.50"), allergens=("sulphites",), local=False),
        P(
            "Poulet fermier",
            "Volailles",
            ("1 kg", "12.90"),
            unit="kg",
            labels=("label_rouge",),
            local=False,
        ),
        P(
            "Daube provençale",
            "Plats cuisinés",
            ("Portion", "9.50"),
            ("Pour 4", "34.00"),
            allergens=("sulphites", "celery"),
            labels=("fait_maison",),
            description="Bœuf mijoté au vin rouge du Luberon, à réchauffer.",
        ),
    ],
    "le-bocal-aptesien": [
        P("Quinoa", "Épicerie salée", ("500 g", "4.90"), labels=("bio",), local=False),
        P(
            "Flocons d'avoine",
            "Épicerie salée",
            ("500 g", "2.60"),
            labels=("bio",),
            allergens=("gluten",),
            local=False,
        ),
        P(
            "Sucre de canne complet",
            "Épicerie sucrée",
            ("1 kg", "5.40"),
            unit="kg",
            labels=("commerce_equitable",),
            local=False,
        ),
        P(
            "Lentilles vertes",
            "Épicerie salée",
            ("500 g", "3.20"),
            ("1 kg", "5.90"),
            unit="kg",
            labels=("bio",),
            local=False,
        ),
        P(
            "Pois chiches",
            "Épicerie salée",
            ("1 kg", "4.80"),
            unit="kg",
            labels=("bio",),
            local=False,
        ),
        P(
            "Petit épeautre de Haute-Provence",
            "Épicerie salée",
            ("500 g", "3.60"),
            ("1 kg", "6.50"),
            unit="kg",
            labels=("igp", "bio"),
            allergens=("gluten",),
            local=False,
        ),
        P(
            "Riz de Camargue",
            "Épicerie salée",
            ("1 kg", "4.20"),
            unit="kg",
            labels=("igp",),
            local=False,
        ),
        P(
            "Farine de blé T80",
            "Épicerie salée",
            ("1 kg", "2.40"),
            unit="kg",
            labels=("bio",),
            allergens=("gluten",),
        ),
        P(
            "Pâtes artisanales",
            "Épicerie salée",
            ("500 g", "3.60"),
            allergens=("gluten", "eggs"),
            local=False,
        ),
        P(
            "Herbes de Provence",
            "Épicerie salée",
            ("50 g", "3.50"),
            labels=("label_rouge",),
            local=False,
        ),
        P("Sel de Camargue", "Épicerie salée", ("1 kg", "3.20"), unit="kg", local=False),
        P(
            "Café en grains",
            "Épicerie sucrée",
            ("250 g", "6.90"),
            labels=("commerce_equitable",),
            local=False,
        ),
        P("Thé vert", "Épicerie sucrée", ("100 g", "7.50"), labels=("bio",), local=False),
        P(
            "Chocolat noir 70 %",
            "Épicerie sucrée",
            ("100 g", "3.90"),
            labels=("commerce_equitable",),
            allergens=("soybeans",),
            local=False,
        ),
        P(
            "Amandes décortiquées",
            "Épicerie sucrée",
            ("250 g", "6.20"),
            allergens=("nuts",),
            local=False,
        ),
        P(
            "Vinaigre de vin rouge",
            "Huiles et olives",
            ("50 cl", "4.50"),
            allergens=("sulphites",),
            local=False,
        ),
    ],
    "la-cave-du-luberon": [
        P(
            "AOC Luberon rouge bio",
            "Vins",
            ("75 cl", "12.50"),
            vat="20.00",
            labels=("aop", "bio"),
            allergens=("sulphites",),
            origin="84051",
        ),
        P(
            "Vin cuit de Provence",
            "Vins",
            ("50 cl", "16.00"),
            vat="20.00",
            allergens=("sulphites",),
        ),
        P(
            "AOC Luberon rouge",
            "Vins",
            ("75 cl", "9.50", "8.00"),
            ("Magnum 1,5 l", "21.00"),
            vat="20.00",
            labels=("aop",),
            allergens=("sulphites",),
            origin="84073",
        ),
        P(
            "AOC Luberon rosé",
            "Vins",
            ("75 cl", "8.90", "7.50"),
            vat="20.00",
            labels=("aop",),
            allergens=("sulphites",),
        ),
        P(
            "AOC Luberon blanc",
            "Vins",
            ("75 cl", "10.50", "9.00"),
            vat="20.00",
            labels=("aop",),
            allergens=("sulphites",),
        ),
        P(
            "AOC Ventoux rouge",
            "Vins",
            ("75 cl", "8.50"),
            vat="20.00",
            labels=("aop",),
            allergens=("sulphites",),
            local=False,
        ),
        P(
            "Côtes du Rhône",
            "Vins",
            ("75 cl", "7.90"),
            vat="20.00",
            labels=("aop",),
            allergens=("sulphites",),
            local=False,
        ),
        P(
            "Muscat de Beaumes-de-Venise",
            "Vins",
            ("50 cl", "14.50"),
            vat="20.00",
            labels=("aop",),
            allergens=("sulphites",),
            local=False,
        ),
        P(
            "Bière blonde artisanale",
            "Bières et spiritueux",
            ("33 cl", "3.50"),
            ("Pack de 6", "19.00"),
            vat="20.00",
            allergens=("gluten",),
            labels=("artisanal",),
        ),
        P(
            "Pastis artisanal",
            "Bières et spiritueux",
            ("70 cl", "29.00"),
            vat="20.00",
            labels=("artisanal",),
        ),
        P("Eau-de-vie de poire", "Bières et spiritueux", ("50 cl", "32.00"), vat="20.00"),
        P("Jus de raisin", "Jus et sirops", ("1 l", "4.90"), unit="litre"),
        P("Sirop de lavande", "Jus et sirops", ("50 cl", "6.50")),
    ],
    "librairie-des-ocres": [
        P("Provence, les villages perchés", "Livres et papeterie", ("", "29.90"), local=False),
        P("Agenda du Luberon", "Livres et papeterie", ("", "14.50"), vat="20.00"),
        P("Guide des sentiers du Luberon", "Livres et papeterie", ("", "19.90"), local=False),
        P(
            "Les ocres du pays d'Apt",
            "Livres et papeterie",
            ("", "24.00"),
            description="Histoire des carrières et de l'industrie de l'ocre, de Roussillon à Gargas.",
        ),
        P("Recettes de Provence", "Livres et papeterie", ("", "22.50"), local=False),
        P(
            "Carte de randonnée Apt – Luberon",
            "Livres et papeterie",
            ("1:25 000", "12.90"),
            local=False,
        ),
        P(
            "Le renard du Luberon",
            "Livres et papeterie",
            ("", "13.90"),
            description="Album jeunesse d'une autrice aptésienne, dès 4 ans.",
        ),
        P("Carnet de randonnée", "Livres et papeterie", ("", "8.50"), vat="20.00"),
        P(
            "Cartes postales des villages perchés",
            "Livres et papeterie",
            ("Lot de 5", "5.00"),
            vat="20.00",
        ),
        S(
            "Commande de livre sur demande",
            "Conseil et études",
            "0.00",
            description="Tout livre disponible chez l'éditeur, à retirer en librairie.",
        ),
    ],
    "le-bistrot-de-lacoste": [
        P(
            "Salade du Luberon",
            "Restauration",
            ("", "13.50"),
            vat="10.00",
            allergens=("milk",),
            description="Mesclun, chèvre chaud au miel, tomates anciennes, pignons.",
        ),
        P(
            "Café gourmand",
            "Restauration",
            ("", "7.50"),
            vat="10.00",
            allergens=("gluten", "milk", "eggs", "nuts"),
        ),
        P(
            "Menu du jour",
            "Restauration",
            ("Entrée, plat, dessert", "22.00"),
            ("Entrée et plat ou plat et dessert", "18.00"),
            vat="10.00",
            allergens=("gluten", "milk", "eggs"),
            labels=("fait_maison",),
        ),
        P("Plat du jour", "Restauration", ("", "14.50"), vat="10.00", labels=("fait_maison",)),
        P(
            "Daube à emporter",
            "Restauration",
            ("Portion", "12.00"),
            vat="10.00",
            allergens=("sulphites", "celery"),
            labels=("fait_maison",),
        ),
        P(
            "Tian de légumes",
            "Restauration",
            ("Portion", "9.00"),
            vat="10.00",
            labels=("fait_maison", "vegetalien"),
        ),
        P(
            "Tarte du jour",
            "Restauration",
            ("Part", "4.50"),
            vat="10.00",
            allergens=("gluten", "milk", "eggs"),
        ),
        P(
            "Panier pique-nique",
            "Restauration",
            ("Pour 1", "18.00"),
            ("Pour 2", "34.00"),
            vat="10.00",
            allergens=("gluten", "milk", "eggs"),
            description="Sandwich à la tapenade, salade, fromage de chèvre, fruit et biscuit.",
        ),
        P(
            "Formule enfant",
            "Restauration",
            ("", "10.00"),
            vat="10.00",
            allergens=("gluten", "milk", "eggs"),
        ),
    ],
    "lepicerie-de-viens": [
        P("Jambon blanc", "Charcuterie", ("4 tranches", "5.60"), local=False),
        P("Eau minérale", "Jus et sirops", ("Pack de 6 × 1,5 l", "3.90"), local=False),
        P(
            "Œufs frais de plein air",
            "Œufs",
            ("Boîte de 6", "2.40"),
            ("Douzaine", "4.50"),
            unit="dozen",
            allergens=("eggs",),
        ),
        P(
            "Lait entier",
            "Produits laitiers",
            ("1 l", "1.30"),
            unit="litre",
            allergens=("milk",),
            local=False,
        ),
        P("Confiture d'abricots", "Confitures et pâtes de fruits", ("350 g", "4.90")),
        P("Miel toutes fleurs", "Miels", ("500 g", "9.50"), origin="84105"),
        P("Café moulu", "Épicerie sucrée", ("250 g", "4.20"), local=False),
        P("Pâtes", "Épicerie salée", ("500 g", "1.40"), allergens=("gluten",), local=False),
        P("Huile d'olive", "Huiles et olives", ("75 cl", "16.00"), origin="84114"),
        P("Baguette (dépôt de pain)", "Pains", ("", "1.20"), allergens=("gluten",)),
        P("Tapenade de l'épicerie", "Huiles et olives", ("100 g", "5.20"), allergens=("fish",)),
    ],
    "fleurs-de-garance": [
        P("Pivoines", "Bouquets", ("Botte de 5", "18.00"), vat="10.00", unit="bunch"),
        P(
            "Géraniums",
            "Plantes et plants",
            ("Pot", "3.90"),
            ("Jardinière de 3", "11.00"),
            vat="10.00",
        ),
        P(
            "Bouquet de saison",
            "Bouquets",
            ("Petit", "25.00"),
            ("Moyen", "40.00"),
            ("Grand", "60.00"),
            vat="10.00",
        ),
        P("Bouquet de lavande fraîche", "Lavande", ("", "12.00"), vat="10.00"),
        P(
            "Plante aromatique en pot",
            "Plantes et plants",
            ("Romarin", "4.50"),
            ("Thym", "4.50"),
            ("Sauge", "4.50"),
            vat="10.00",
        ),
        P(
            "Olivier en pot",
            "Plantes et plants",
            ("80 cm", "39.00"),
            ("1,20 m", "79.00"),
            vat="10.00",
            local=False,
        ),
        P("Composition florale de deuil", "Bouquets", ("", "65.00"), vat="10.00"),
        P(
            "Couronne de fleurs séchées",
            "Bouquets",
            ("", "35.00"),
            vat="20.00",
            labels=("fait_maison",),
        ),
        S(
            "Fleurs pour un mariage",
            "Conseil et études",
            "150.00",
            description="Rendez-vous de conseil et devis pour la décoration florale.",
        ),
    ],
    "cabinet-de-kinesitherapie-du-calavon": [
        S("Séance de kinésithérapie (30 min)", "Santé et bien-être", "30.00"),
        S("Séance de rééducation du dos", "Santé et bien-être", "35.00"),
        S("Bilan kinésithérapique", "Santé et bien-être", "40.00"),
        S("Drainage lymphatique", "Santé et bien-être", "45.00"),
        S("Séance à domicile", "Santé et bien-être", "40.00"),
    ],
    "atelier-darchitecture-lauze": [
        S("Consultation d'architecte", "Conseil et études", "90.00", unit="hour"),
        S("Étude de faisabilité", "Conseil et études", "450.00"),
        S("Dossier de permis de construire", "Conseil et études", "1800.00"),
        S("Visite conseil en rénovation énergétique", "Conseil et études", "150.00"),
    ],
    "claire-roux-osteopathe": [
        S("Consultation d'ostéopathie", "Santé et bien-être", "60.00"),
        S("Consultation pour nourrisson", "Santé et bien-être", "50.00"),
        S("Consultation à domicile", "Santé et bien-être", "70.00"),
    ],
    "clinique-veterinaire-des-ocres": [
        S("Consultation vétérinaire", "Animaux", "38.00"),
        S("Vaccination du chien", "Animaux", "62.00"),
        S("Vaccination du chat", "Animaux", "55.00"),
        S("Stérilisation d'une chatte", "Animaux", "150.00"),
        P(
            "Croquettes pour chien adulte",
            "Animaux",
            ("3 kg", "19.90"),
            ("12 kg", "54.90"),
            vat="20.00",
            local=False,
        ),
    ],
    "luberon-conseil": [
        S("Tenue de comptabilité mensuelle", "Conseil et études", "120.00"),
        S("Bilan annuel", "Conseil et études", "900.00"),
        S("Déclaration de revenus", "Conseil et études", "90.00"),
        S("Heure de conseil", "Conseil et études", "80.00", unit="hour"),
    ],
    "cabinet-infirmier-de-cereste": [
        S("Prise de sang à domicile", "Santé et bien-être", "12.00"),
        S("Pansement", "Santé et bien-être", "8.00"),
        S("Injection", "Santé et bien-être", "6.00"),
        S("Vaccination contre la grippe", "Santé et bien-être", "6.30"),
    ],
    "les-jardins-de-gargas": [
        P("Épinards", "Légumes", ("500 g", "3.20"), unit="kg", labels=("bio",)),
        P("Haricots verts", "Légumes", ("500 g", "4.20"), unit="kg", labels=("bio",)),
        P("Concombres", "Légumes", ("", "1.40"), labels=("bio",)),
        P(
            "Panier de légumes de saison",
            "Paniers de saison",
            ("Petit", "12.00"),
            ("Grand", "20.00"),
            labels=("bio", "valeurs_parc"),
        ),
        P("Tomates anciennes", "Légumes", ("1 kg", "5.20"), unit="kg", labels=("bio",)),
        P("Courgettes", "Légumes", ("1 kg", "2.80"), unit="kg", labels=("bio",)),
        P("Salade feuille de chêne", "Légumes", ("", "1.30"), labels=("bio",)),
        P("Radis", "Légumes", ("Botte", "1.50"), unit="bunch", labels=("bio",)),
        P("Carottes", "Légumes", ("Botte", "2.20"), unit="bunch", labels=("bio",)),
        P("Blettes", "Légumes", ("Botte", "2.50"), unit="bunch", labels=("bio",)),
        P("Fèves", "Légumes", ("1 kg", "4.50"), unit="kg", labels=("bio",)),
        P("Pommes de terre nouvelles", "Légumes", ("1 kg", "2.50"), unit="kg", labels=("bio",)),
        P("Poireaux", "Légumes", ("Botte", "2.80"), unit="bunch", labels=("bio",)),
        P("Basilic", "Légumes", ("Botte", "1.50"), unit="bunch", labels=("bio",)),
        P(
            "Plants de tomates",
            "Plantes et plants",
            ("", "2.50"),
            ("Lot de 6", "13.00"),
            vat="10.00",
            labels=("bio",),
        ),
    ],
    "vergers-de-goult": [
        P("Prunes reine-claude", "Fruits", ("1 kg", "4.40"), unit="kg", labels=("hve",)),
        P("Nectarines", "Fruits", ("1 kg", "4.20"), unit="kg", labels=("hve",)),
        P(
            "Pomme Golden",
            "Fruits",
            ("1 kg", "2.60"),
            ("Cagette de 3 kg", "7.20"),
            unit="kg",
            labels=("hve", "valeurs_parc"),
        ),
        P("Pomme Reinette du Canada", "Fruits", ("1 kg", "3.00"), unit="kg", labels=("hve",)),
        P("Pomme Gala", "Fruits", ("1 kg", "2.70"), unit="kg", labels=("hve",)),
        P("Poire Conférence", "Fruits", ("1 kg", "3.20"), unit="kg", labels=("hve",)),
        P(
            "Cerises du Luberon",
            "Fruits",
            ("500 g", "5.20"),
            ("1 kg", "9.50"),
            unit="kg",
            labels=("hve", "valeurs_parc"),
        ),
        P("Abricots Bergeron", "Fruits", ("1 kg", "4.60"), unit="kg", labels=("hve",)),
        P("Pêches jaunes", "Fruits", ("1 kg", "4.20"), unit="kg"),
        P("Coings", "Fruits", ("1 kg", "3.00"), unit="kg"),
        P("Pommes à cuire", "Fruits", ("Cagette de 5 kg", "8.00")),
        P(
            "Jus de pomme artisanal",
            "Jus et sirops",
            ("1 l", "3.90"),
            ("Carton de 6", "21.00"),
            unit="litre",
            labels=("artisanal",),
        ),
        P("Compote pomme-abricot", "Confitures et pâtes de fruits", ("Pot de 500 g", "3.50")),
    ],
    "le-rucher-de-saignon": [
        P(
            "Miel de lavande",
            "Miels",
            ("250 g", "7.50"),
            ("500 g", "13.50", "12.00"),
            ("1 kg", "24.00"),
            labels=("igp", "bio"),
            description="Miel de lavande de Provence IGP, récolte de juillet.",
        ),
        P("Miel de romarin", "Miels", ("250 g", "7.00"), ("500 g", "12.50"), labels=("bio",)),
        P("Miel toutes fleurs", "Miels", ("500 g", "10.50"), ("1 kg", "19.00"), labels=("bio",)),
        P("Miel de châtaignier", "Miels", ("500 g", "11.50"), labels=("bio",)),
        P("Miel de garrigue", "Miels", ("250 g", "7.50"), labels=("bio",)),
        P("Pollen de fleurs", "Produits de la ruche", ("250 g", "9.00")),
        P("Gelée royale", "Produits de la ruche", ("10 g", "15.00")),
        P(
            "Pain d'épices au miel",
            "Pâtisseries",
            ("300 g", "6.50"),
            allergens=("gluten", "eggs", "milk"),
        ),
        P("Nougat au miel", "Confiseries", ("200 g", "7.90"), allergens=("nuts", "eggs")),
        P(
            "Bougie en cire d'abeille",
            "Produits de la ruche",
            ("", "8.00"),
            vat="20.00",
            labels=("artisanal",),
        ),
        S(
            "Visite du rucher",
            "Visites et loisirs",
            "12.00",
            description="Une heure avec l'apiculteur, en tenue, ruche ouverte. Dès 8 ans.",
        ),
    ],
    "chevrerie-de-lagarde": [
        P("Banon AOP fermier", "Fromages", ("", "7.00"), labels=("aop",), allergens=("milk",)),
        P(
            "Fromage de chèvre frais",
            "Fromages",
            ("", "2.50"),
            ("Lot de 4", "9.00"),
            allergens=("milk",),
            labels=("fait_maison",),
        ),
        P("Chèvre demi-sec", "Fromages", ("", "2.80"), allergens=("milk",)),
        P("Chèvre sec", "Fromages", ("", "3.00"), allergens=("milk",)),
        P(
            "Tomme de chèvre fermière",
            "Fromages",
            ("1 kg", "30.00"),
            unit="kg",
            allergens=("milk",),
        ),
        P("Faisselle de chèvre", "Produits laitiers", ("500 g", "3.80"), allergens=("milk",)),
        P("Yaourts de chèvre", "Produits laitiers", ("Lot de 4", "4.80"), allergens=("milk",)),
        P(
            "Lait de chèvre cru",
            "Produits laitiers",
            ("1 l", "2.20"),
            unit="litre",
            allergens=("milk",),
        ),
        S("Visite de la chèvrerie et traite", "Visites et loisirs", "8.00"),
    ],
    "domaine-des-claparedes": [
        P(
            "AOC Luberon rouge, cuvée des Claparèdes",
            "Vins",
            ("75 cl", "11.50", "9.50"),
            ("Magnum 1,5 l", "24.00"),
            vat="20.00",
            labels=("aop", "bio"),
            allergens=("sulphites",),
        ),
        P(
            "AOC Luberon rosé, cuvée des Claparèdes",
            "Vins",
            ("75 cl", "9.50", "8.00"),
            vat="20.00",
            labels=("aop", "bio"),
            allergens=("sulphites",),
        ),
        P(
            "AOC Luberon blanc, cuvée des Claparèdes",
            "Vins",
            ("75 cl", "12.00", "10.00"),
            vat="20.00",
            labels=("aop", "bio"),
            allergens=("sulphites",),
        ),
        P(
            "IGP Vaucluse rouge",
            "Vins",
            ("75 cl", "7.00"),
            ("Bag-in-box 5 l", "22.00"),
            vat="20.00",
            labels=("igp", "hve"),
            allergens=("sulphites",),
        ),
        P(
            "Jus de raisin du domaine",
            "Jus et sirops",
            ("1 l", "4.50"),
            unit="litre",
            labels=("bio",),
        ),
        P("Huile d'olive du domaine", "Huiles et olives", ("50 cl", "13.00"), labels=("bio",)),
        S("Visite et dégustation au domaine", "Visites et loisirs", "15.00"),
    ],
    "oliveraie-de-saint-pantaleon": [
        P(
            "Huile d'olive vierge extra",
            "Huiles et olives",
            ("25 cl", "8.50"),
            ("50 cl", "15.00"),
            ("1 l", "27.00", "24.00"),
            ("Bidon de 3 l", "72.00"),
            unit="litre",
            labels=("bio",),
            description="Aglandau et bouteillan, moulin à froid à Saint-Pantaléon.",
        ),
        P("Huile d'olive de Provence AOP", "Huiles et olives", ("75 cl", "24.00"), labels=("aop",)),
        P("Olives noires", "Huiles et olives", ("250 g", "5.50")),
        P("Olives vertes cassées", "Huiles et olives", ("250 g", "5.50")),
        P(
            "Tapenade noire",
            "Huiles et olives",
            ("100 g", "5.90"),
            allergens=("fish",),
            labels=("fait_maison",),
        ),
        P(
            "Tapenade verte",
            "Huiles et olives",
            ("100 g", "5.90"),
            allergens=("nuts",),
            labels=("fait_maison",),
        ),
        P("Savon à l'huile d'olive", "Savons et cosmétiques", ("100 g", "4.50"), vat="20.00"),
        S("Visite de l'oliveraie et dégustation", "Visites et loisirs", "10.00"),
    ],
    "les-lavandes-du-plateau": [
        P(
            "Bouquet de lavande séchée",
            "Lavande",
            ("", "6.00"),
            vat="10.00",
            labels=("valeurs_parc",),
        ),
        P(
            "Huile essentielle de lavande fine AOP",
            "Lavande",
            ("10 ml", "9.50"),
            ("30 ml", "24.00"),
            vat="20.00",
            labels=("aop",),
        ),
        P("Huile essentielle de lavandin", "Lavande", ("10 ml", "6.50"), vat="20.00"),
        P("Sachet de lavande", "Lavande", ("", "3.50"), ("Lot de 3", "9.00"), vat="20.00"),
        P("Eau florale de lavande", "Savons et cosmétiques", ("200 ml", "8.90"), vat="20.00"),
        P("Miel de lavande du plateau", "Miels", ("250 g", "7.90"), labels=("igp",)),
        S("Visite de la distillerie", "Visites et loisirs", "8.00"),
    ],
    "amap-du-pays-dapt": [
        S("Adhésion annuelle à l'AMAP", "Vie associative", "15.00"),
        P(
            "Panier hebdomadaire de légumes",
            "Paniers de saison",
            ("", "12.00"),
            labels=("bio",),
            origin="84047",
            tracked=False,
        ),
        P("Panier de fruits", "Paniers de saison", ("", "8.00"), origin="84051", tracked=False),
    ],
    "epicerie-solidaire-la-courte-echelle": [
        P(
            "Panier solidaire",
            "Paniers de saison",
            ("", "5.00"),
            description="Réservé aux bénéficiaires orientés par le CCAS.",
        ),
        P(
            "Pâtes (prix solidaire)",
            "Épicerie salée",
            ("500 g", "0.50"),
            allergens=("gluten",),
            local=False,
        ),
        P("Riz (prix solidaire)", "Épicerie salée", ("1 kg", "0.80"), local=False),
        P(
            "Lait demi-écrémé (prix solidaire)",
            "Produits laitiers",
            ("1 l", "0.40"),
            allergens=("milk",),
            local=False,
        ),
        S("Adhésion solidaire", "Vie associative", "1.00"),
    ],
    "repair-cafe-du-luberon": [
        S(
            "Réparation de petit électroménager",
            "Réparation",
            "0.00",
            description="Participation libre. Apportez l'appareil et ses accessoires.",
        ),
        S("Réparation de vélo", "Réparation", "0.00"),
        S("Atelier couture et retouches", "Réparation", "0.00"),
        S("Réparation de chaise", "Réparation", "0.00"),
    ],
    "office-de-tourisme-pays-dapt-luberon": [
        S("Visite guidée de la vieille ville d'Apt", "Visites et loisirs", "8.00"),
        S("Visite guidée du Colorado provençal", "Visites et loisirs", "10.00", origin="84103"),
        S("Balade contée au sentier des ocres", "Visites et loisirs", "6.00", origin="84102"),
        P(
            "Topoguide des randonnées du pays d'Apt",
            "Livres et papeterie",
            ("", "12.50"),
            local=False,
        ),
        P("Affiche des villages perchés", "Livres et papeterie", ("", "15.00"), vat="20.00"),
    ],
}


def _categories(territory: Territory) -> dict[str, Category]:
    """The demo category tree, created once; returns the child categories by name."""
    existing = {c.slug: c for c in Category.objects.filter(territory=territory)}
    children: dict[str, Category] = {}
    for top_name, child_names in CATEGORY_TREE.items():
        top = existing.get(slugify(top_name)) or category_create(territory=territory, name=top_name)
        for name in child_names:
            child = existing.get(slugify(name)) or category_create(
                territory=territory, name=name, parent=top
            )
            children[name] = child
    return children


def _owner(actor: Actor) -> User:
    staff = ActorStaff.objects.filter(actor=actor, role=StaffRole.OWNER).select_related("user")
    return staff.order_by("pk").first().user  # type: ignore[union-attr]


def load_catalog(territory: Territory) -> None:
    """Create the demo categories and offers of `territory` (idempotent)."""
    rng = random.Random(SEED)
    categories = _categories(territory)
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    actors = {
        a.slug: a for a in Actor.objects.filter(territory=territory, status=ActorStatus.VERIFIED)
    }
    for slug, specs in OFFERS_BY_ACTOR.items():
        actor = actors.get(slug)
        # Draw the stocks even for missing actors and existing offers: the rest never changes.
        stocks = [
            [rng.choice((0, 2, 4, 8, 12, 20, 30, 45, 60, 90)) for _f in s.formats] for s in specs
        ]
        if actor is None:
            continue
        existing = set(Offer.objects.filter(actor=actor).values_list("slug", flat=True))
        owner = _owner(actor)
        for spec, spec_stocks in zip(specs, stocks, strict=True):
            if slugify(spec.name) in existing:
                continue
            tracked = spec.kind == PRODUCT if spec.tracked is None else spec.tracked
            offer_create(
                actor=actor,
                by=owner,
                category=categories[spec.category],
                name=spec.name,
                kind=spec.kind,
                description=spec.description,
                vat_rate=Decimal(spec.vat),
                unit=spec.unit,
                origin_commune=communes.get(spec.origin) if spec.origin else None,
                produced_on_territory=spec.local and spec.kind == PRODUCT,
                labels=list(spec.labels),
                allergens=list(spec.allergens),
                variants=[
                    {
                        "label": fmt[0],
                        "price": Decimal(fmt[1]),
                        "pro_price": Decimal(fmt[2]) if len(fmt) > 2 else None,
                        "stock_tracked": tracked,
                        "stock": stock if tracked else 0,
                    }
                    for fmt, stock in zip(spec.formats, spec_stocks, strict=True)
                ],
            )
