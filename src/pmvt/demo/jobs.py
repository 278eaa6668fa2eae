"""Demo job offers of the CC Pays d'Apt-Luberon: offers of demo actors (the bakery of
acteur@demo.pmvt.fr among them), one of the "entreprise à but d'emploi" of the Territoires
zéro chômeur de longue durée programme, one of the collectivité, and an application of the
demo inhabitant (habitant@demo.pmvt.fr) with a small PDF CV made in code.

Deterministic (dates relative to the day of loading) and idempotent: an offer whose employer
already has one of the same title is left as it is. Everything goes through the services,
as on the site.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.jobs.models import Contract, JobApplication, JobOffer, SalaryPeriod
from pmvt.jobs.services.applications import job_application_submit
from pmvt.jobs.services.offers import OfferValues, job_offer_create
from pmvt.territories.models import Commune, Territory

ADMIN_EMAIL = "admin@demo.pmvt.fr"
INHABITANT_EMAIL = "habitant@demo.pmvt.fr"
EBE_NAME = "EBE Luberon Solidaire"
EBE_OWNER_EMAIL = "pro.ebe-luberon-solidaire@demo.pmvt.fr"
EBE_SIRET_NUMBER = 8440
APPLIED_TITLE = "Employé ou employée de rayon fruits et légumes"


@dataclass(frozen=True)
class DemoOffer:
    employer: str  # Actor slug; "" for the collectivité.
    title: str
    contract: str
    commune: str  # INSEE code
    closes_in_days: int
    description: str
    skills: str = ""
    hours: str | None = None
    schedule: str = ""
    salary: tuple[str | None, str | None, str] = (None, None, "")
    starts_in_days: int | None = None


DEMO_OFFERS: list[DemoOffer] = [
    DemoOffer(
        "boulangerie-des-ocres",
        "Vendeur ou vendeuse en boulangerie",
        Contract.CDD,
        "84003",
        21,
        "La Boulangerie des Ocres cherche une personne souriante pour la vente au comptoir, "
        "six mois renouvelables.\n\n"
        "- Accueil et conseil des clients\n- Mise en place de la vitrine\n"
        "- Encaissement et tenue de la caisse\n\nDébutant ou débutante accepté : nous formons.",
        skills="vente, encaissement, hygiène alimentaire",
        hours="30",
        schedule="Du mardi au samedi, de 6 h 30 à 13 h",
        salary=("11.88", "12.50", SalaryPeriod.HOUR),
        starts_in_days=30,
    ),
    DemoOffer(
        "boulangerie-des-ocres",
        "Apprenti boulanger ou apprentie boulangère",
        Contract.APPRENTICESHIP,
        "84003",
        45,
        "Préparez votre CAP boulanger au fournil : pains au levain, viennoiseries, cuisson au "
        "feu de bois. Deux semaines au fournil, une semaine au CFA d'Avignon.",
        skills="boulangerie, travail de nuit",
        hours="35",
        starts_in_days=60,
    ),
    DemoOffer(
        "le-bistrot-de-lacoste",
        "Commis de cuisine pour la saison",
        Contract.SEASONAL,
        "84058",
        30,
        "D'avril à octobre, rejoignez la cuisine du Bistrot : préparations froides, mise en "
        "place, plonge. Logement possible au village.",
        skills="cuisine, travail en équipe",
        hours="39",
        salary=("1900", "2100", SalaryPeriod.MONTH),
        starts_in_days=90,
    ),
    DemoOffer(
        "menuiserie-berard",
        "Menuisier ou menuisière poseur",
        Contract.CDI,
        "84145",
        40,
        "Fabrication en atelier et pose chez nos clients de fenêtres, portes et escaliers en "
        "bois du pays. Véhicule de l'entreprise.",
        skills="menuiserie, pose, permis B",
        hours="35",
        salary=("24000", "30000", SalaryPeriod.YEAR),
    ),
    DemoOffer(
        "les-primeurs-du-luberon",
        APPLIED_TITLE,
        Contract.SEASONAL,
        "84003",
        14,
        "Réception des livraisons des producteurs, mise en rayon, conseil aux clients, pour l'été.",
        skills="vente, mise en rayon",
        hours="28",
        salary=("11.88", "11.88", SalaryPeriod.HOUR),
    ),
    DemoOffer(
        "ebe-luberon-solidaire",
        "Agent ou agente polyvalente – recyclerie et services",
        Contract.TZCLD,
        "84003",
        60,
        "L'entreprise à but d'emploi du programme Territoires zéro chômeur de longue durée "
        "embauche en CDI, au temps de travail choisi, des personnes privées d'emploi depuis "
        "plus d'un an et domiciliées sur le territoire.\n\n"
        "Activités : recyclerie, petits travaux de jardin, aide aux courses des personnes âgées.",
        skills="polyvalence, travail en équipe",
        hours="24",
        schedule="Temps de travail choisi, de 20 à 35 heures",
        salary=("11.88", "11.88", SalaryPeriod.HOUR),
    ),
    DemoOffer(
        "",
        "Stage – chargé ou chargée de mission économie locale",
        Contract.INTERNSHIP,
        "84003",
        35,
        "Le service développement économique de la communauté de communes accueille un ou une "
        "stagiaire de master pour animer la Place des marchés avec les commerçants.",
        skills="animation, économie locale",
        hours="35",
        starts_in_days=75,
    ),
]


def tiny_pdf(text: str = "CV") -> bytes:
    """A small valid one-page PDF showing `text` (ASCII), built by hand."""
    safe = "".join(c for c in text if 32 <= ord(c) < 127).replace("\\", "").replace("(", "")
    safe = safe.replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _ebe(territory: Territory, admin: User) -> Actor:
    """The entreprise à but d'emploi (TZCLD), created here: no earlier demo step has one."""
    actor = Actor.objects.filter(territory=territory, slug="ebe-luberon-solidaire").first()
    if actor is not None:
        return actor
    owner = User.objects.filter(email=EBE_OWNER_EMAIL).first()
    if owner is None:
        owner = User.objects.create_user(
            email=EBE_OWNER_EMAIL, display_name="Nadia Coordinatrice", is_active=False
        )
    actor = actor_register(
        territory=territory,
        by=owner,
        kind=ActorKind.ASSOCIATION,
        legal_name=EBE_NAME,
        commune=Commune.objects.get(territory=territory, insee_code="84003"),
        address="Zone d'activités de Perréal",
        siret=fictitious_siret(EBE_SIRET_NUMBER),
        naf_code="88.99B",
        email="contact.ebe@demo.pmvt.fr",
        description="Entreprise à but d'emploi du programme Territoires zéro chômeur de longue "
        "durée : des emplois en CDI pour des activités utiles au territoire.",
        notify_admins=False,
    )
    actor_verify(actor=actor, by=admin)
    return actor


def _values(spec: DemoOffer, communes: dict[str, Commune]) -> OfferValues:
    today = timezone.localdate()
    low, high, period = spec.salary
    return OfferValues(
        title=spec.title,
        contract=spec.contract,
        commune=communes[spec.commune],
        closes_on=today + timedelta(days=spec.closes_in_days),
        description=spec.description,
        hours_per_week=Decimal(spec.hours) if spec.hours else None,
        schedule=spec.schedule,
        skills=spec.skills,
        salary_min=Decimal(low) if low else None,
        salary_max=Decimal(high) if high else None,
        salary_period=period,
        starts_on=today + timedelta(days=spec.starts_in_days) if spec.starts_in_days else None,
    )


def load_jobs(territory: Territory) -> None:
    """Create the demo job offers and the inhabitant's application (idempotent)."""
    admin = User.objects.get(email=ADMIN_EMAIL)
    _ebe(territory, admin)
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    actors = {a.slug: a for a in Actor.objects.filter(territory=territory)}
    for spec in DEMO_OFFERS:
        actor = actors.get(spec.employer) if spec.employer else None
        if spec.employer and actor is None:
            continue  # The actors step did not run: nothing to post for.
        if JobOffer.objects.filter(territory=territory, actor=actor, title=spec.title).exists():
            continue
        by = admin if actor is None else actor.staff.select_related("user").order_by("pk")[0].user
        job_offer_create(
            territory=territory, by=by, actor=actor, values=_values(spec, communes), publish=True
        )
    _apply(territory)


def _apply(territory: Territory) -> None:
    inhabitant = User.objects.filter(email=INHABITANT_EMAIL).first()
    offer = JobOffer.objects.filter(territory=territory, title=APPLIED_TITLE).first()
    if inhabitant is None or offer is None:
        return
    if JobApplication.objects.filter(offer=offer, applicant=inhabitant).exists():
        return
    job_application_submit(
        offer=offer,
        by=inhabitant,
        message="Bonjour, j'ai travaillé deux étés au rayon primeur d'une épicerie d'Apt et je "
        "suis disponible dès maintenant. Jean",
        cv=SimpleUploadedFile(
            "CV Jean Habitant.pdf", tiny_pdf("Jean Habitant - CV"), "application/pdf"
        ),
    )
