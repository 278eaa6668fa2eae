"""Demo news of the CC Pays d'Apt-Luberon: eight posts, as the issue describes them.

- three by the territory (admin@demo.pmvt.fr, "au nom du territoire");
- four by verified actors: the bakery (acteur@demo.pmvt.fr), the Repair Café, the AMAP and the
  tourist office (their owner accounts from pmvt.demo.actors);
- two by the demo inhabitant (habitant@demo.pmvt.fr): one approved by the demo moderator, one
  still waiting for moderation (the demo moderator can approve it).

Themes come from the community step (pmvt.demo.community, run before this one); a theme that
does not exist is skipped. Deterministic and idempotent: a post whose address exists is left as
it is. Everything goes through the services, as on the site; the publication dates are then set
relative to today, so the demo always looks alive.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.community.models import ModerationDecision, Theme, Visibility
from pmvt.community.services.moderation import content_moderate
from pmvt.news.models import Post
from pmvt.news.services.posts import PERSONAL, Publisher, post_create
from pmvt.territories.models import Commune, Territory

ADMIN_EMAIL = "admin@demo.pmvt.fr"
MODERATOR_EMAIL = "moderation@demo.pmvt.fr"
INHABITANT_EMAIL = "habitant@demo.pmvt.fr"
TERRITORY = "territoire"


def _pro(actor_slug: str) -> str:
    """The owner account pmvt.demo.actors gives a demo actor."""
    return f"pro.{actor_slug}@demo.pmvt.fr"


@dataclass(frozen=True)
class DemoPost:
    title: str
    author: str  # email
    signed_by: str  # "" (the author), TERRITORY, or an actor's slug
    days_ago: int
    summary: str
    body: str
    themes: tuple[str, ...] = ()
    commune: str = ""  # INSEE code
    pending: bool = False


DEMO_POSTS = [
    DemoPost(
        title="Travaux place de la Bouquerie : le marché du samedi se déplace",
        author=ADMIN_EMAIL,
        signed_by=TERRITORY,
        days_ago=1,
        summary=(
            "Du 3 au 24 mars, les étals du marché d'Apt s'installent cours Lauze de Perret "
            "pendant la réfection de la place."
        ),
        body=(
            "La place de la Bouquerie fait peau neuve : **du 3 au 24 mars**, le marché "
            "provençal du samedi matin s'installe cours Lauze de Perret et rue des Marchands.\n\n"
            "## Ce qui change\n\n"
            "- les producteurs restent regroupés en haut du cours ;\n"
            "- le parking de la Bouquerie est fermé, celui du Cours est gratuit le samedi ;\n"
            "- la navette du centre-ville passe toutes les 20 minutes.\n\n"
            "Le plan du marché est disponible à l'office de tourisme et sur "
            "[la page des marchés](/t/pays-dapt-luberon/marche/marches/)."
        ),
        themes=("commerce-local", "mobilite"),
        commune="84003",
    ),
    DemoPost(
        title="Une navette gratuite entre Apt et Roussillon cet été",
        author=ADMIN_EMAIL,
        signed_by=TERRITORY,
        days_ago=4,
        summary="Six allers-retours par jour de juillet à août, vélos acceptés.",
        body=(
            "De juillet à fin août, une navette **gratuite** relie la gare routière d'Apt au "
            "village de Roussillon, avec arrêts à Gargas et au sentier des Ocres.\n\n"
            "Six allers-retours par jour, sept jours sur sept ; deux places pour vélos à "
            "chaque passage. Les horaires sont affichés aux arrêts et en mairie."
        ),
        themes=("mobilite", "environnement"),
        commune="84102",
    ),
    DemoPost(
        title="Rénover sa devanture : une aide de la communauté de communes",
        author=ADMIN_EMAIL,
        signed_by=TERRITORY,
        days_ago=9,
        summary=(
            "Commerçants et artisans du territoire peuvent demander jusqu'à 30 % du coût de "
            "leurs travaux de façade."
        ),
        body=(
            "Pour garder des centres-bourgs vivants, la communauté de communes aide les "
            "commerçants et artisans à rénover leur devanture : enseigne, vitrine, "
            "accessibilité de l'entrée.\n\n"
            "L'aide couvre **jusqu'à 30 %** des travaux, dans la limite de 5 000 €. Le "
            "dossier se dépose avant le début du chantier."
        ),
        themes=("commerce-local", "economie-et-emploi"),
    ),
    DemoPost(
        title="La Boulangerie des Ocres fête ses vingt ans",
        author="acteur@demo.pmvt.fr",
        signed_by="boulangerie-des-ocres",
        days_ago=2,
        summary="Dégustation, visite du fournil et fougasse offerte samedi matin.",
        body=(
            "Vingt ans que le fournil de la rue des Marchands s'allume à quatre heures du "
            "matin ! Pour fêter ça, **samedi de 8 h à 12 h** : visite du fournil, "
            "dégustation des pains au levain et une fougasse aux olives offerte aux "
            "cent premiers clients.\n\n"
            "Merci à tous nos clients fidèles, et au moulin de Manosque qui nous fournit "
            "depuis le premier jour."
        ),
        themes=("commerce-local",),
        commune="84003",
    ),
    DemoPost(
        title="Repair café : prochaine séance à Gargas",
        author=_pro("repair-cafe-du-luberon"),
        signed_by="repair-cafe-du-luberon",
        days_ago=3,
        summary="Grille-pain, vélos, vêtements : venez réparer avec nos bénévoles.",
        body=(
            "Le Repair Café du Luberon vous attend **samedi de 14 h à 17 h** à la Maison des "
            "associations de Gargas.\n\n"
            "Apportez l'objet en panne : nos bénévoles bricoleurs, couturières et "
            "électroniciens le réparent **avec vous**. Entrée libre, café offert."
        ),
        themes=("environnement", "solidarites"),
        commune="84047",
    ),
    DemoPost(
        title="L'AMAP cherche de nouveaux adhérents pour les paniers d'hiver",
        author=_pro("amap-du-pays-dapt"),
        signed_by="amap-du-pays-dapt",
        days_ago=6,
        summary="Légumes, œufs et fromages de chèvre des fermes voisines, chaque mercredi.",
        body=(
            "La saison d'hiver commence en novembre : l'AMAP du Pays d'Apt ouvre quinze "
            "nouveaux contrats de paniers de légumes, avec en option les œufs et les "
            "fromages de chèvre.\n\n"
            "Distribution **le mercredi de 18 h à 19 h 30** à la salle des fêtes d'Apt. "
            "Venez rencontrer les producteurs lors d'une distribution."
        ),
        themes=("environnement", "commerce-local"),
        commune="84003",
    ),
    DemoPost(
        title="Journées du patrimoine : les ocres de Rustrel en visite libre",
        author=_pro("office-de-tourisme-pays-dapt-luberon"),
        signed_by="office-de-tourisme-pays-dapt-luberon",
        days_ago=12,
        summary="Le Colorado provençal ouvert gratuitement les deux jours, visites commentées.",
        body=(
            "Pour les Journées européennes du patrimoine, le Colorado provençal de Rustrel "
            "est en **accès libre** samedi et dimanche.\n\n"
            "Des guides de l'office de tourisme racontent l'histoire de l'exploitation de "
            "l'ocre à 10 h, 14 h et 16 h. Prévoyez de bonnes chaussures : les sentiers "
            "tachent !"
        ),
        themes=("culture-et-patrimoine",),
        commune="84103",
    ),
    DemoPost(
        title="Un atelier vélo pour les jeunes à Saint-Saturnin",
        author=INHABITANT_EMAIL,
        signed_by="",
        days_ago=5,
        summary="Apprendre à réparer son vélo, le mercredi après-midi, pour les 11-17 ans.",
        body=(
            "Avec quelques parents, nous lançons un atelier vélo pour les jeunes de 11 à "
            "17 ans, **le mercredi de 14 h à 16 h** sous le préau de l'ancienne école.\n\n"
            "Crevaisons, freins, dérailleurs : on apprend à tout réparer soi-même. Les dons "
            "de vieux vélos et de pièces sont les bienvenus."
        ),
        themes=("jeunesse", "mobilite"),
        commune="84118",
    ),
    DemoPost(
        title="Vide-grenier de l'école de Villars",
        author=INHABITANT_EMAIL,
        signed_by="",
        days_ago=0,
        summary="Dimanche 12 mai, cour de l'école : emplacements à 5 € au profit de la classe verte.",
        body=(
            "L'association des parents d'élèves organise son vide-grenier **dimanche 12 mai** "
            "dans la cour de l'école de Villars.\n\n"
            "Emplacement de 2 mètres à 5 €, au profit de la classe verte des CM. Buvette et "
            "gâteaux maison sur place."
        ),
        themes=("jeunesse", "solidarites"),
        commune="84145",
        pending=True,
    ),
]


def _publisher(spec: DemoPost, actors: dict[str, Actor]) -> Publisher:
    if spec.signed_by == TERRITORY:
        return Publisher(territory=True)
    if spec.signed_by:
        return Publisher(actor=actors[spec.signed_by])
    return PERSONAL


def load_news(territory: Territory) -> None:
    """Create the demo posts of `territory` (idempotent)."""
    themes = {t.slug: t for t in Theme.objects.filter(territory=territory)}
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    actors = {a.slug: a for a in Actor.objects.filter(territory=territory)}
    existing = set(Post.objects.filter(territory=territory).values_list("slug", flat=True))
    moderator = User.objects.get(email=MODERATOR_EMAIL)
    now = timezone.now()
    for spec in DEMO_POSTS:
        if slugify(spec.title) in existing:
            continue
        if spec.signed_by not in ("", TERRITORY) and spec.signed_by not in actors:
            continue  # The actors step did not run.
        post = post_create(
            territory=territory,
            author=User.objects.get(email=spec.author),
            title=spec.title,
            summary=spec.summary,
            body=spec.body,
            themes=[themes[slug] for slug in spec.themes if slug in themes],
            commune=communes.get(spec.commune),
            publisher=_publisher(spec, actors),
        )
        if post.visibility == Visibility.PENDING and not spec.pending:
            content_moderate(
                moderator=moderator,
                content=post,
                decision=ModerationDecision.APPROVE,
                reason="Une belle initiative, merci de la partager.",
            )
        when = now - timedelta(days=spec.days_ago, hours=2)
        dates = {"created_at": when}
        if not spec.pending:
            dates["published_at"] = when
        Post.objects.filter(pk=post.pk).update(**dates)
