"""Demo skills of the CC Pays d'Apt-Luberon (pmvt.skills): ~40 inhabitants who say what they
can offer, and two terms of the territory's own vocabulary.

The inhabitants are inactive demo accounts (no password, no email is sent), members of the
territory with a commune; their profiles mix levels, communes, spirits and visibilities (a few
are private: used for matching, never shown). The demo inhabitant (habitant@demo.pmvt.fr) has
no profile: the browser walk declares one.

Deterministic and idempotent: an existing account, term or profile is left as it is.
Everything goes through the services.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from pmvt.accounts.models import User
from pmvt.accounts.services.memberships import membership_join
from pmvt.skills.models import SkillTerm, Visibility
from pmvt.skills.selectors import profile_of
from pmvt.skills.services.profiles import ProfileData, skill_profile_save
from pmvt.skills.services.vocabulary import skill_term_add
from pmvt.skills.vocabulary import seed_national_terms
from pmvt.territories.models import Commune, Territory

ADMIN_EMAIL = "admin@demo.pmvt.fr"
TERRITORY_TERMS = [
    ("Murets en pierre sèche", "Bâtiment et bricolage"),
    ("Enduits et badigeons aux ocres", "Bâtiment et bricolage"),
]
PUBLIC, MEMBERS, PRIVATE = Visibility.PUBLIC, Visibility.MEMBERS, Visibility.PRIVATE
V, E, P = "volunteer", "exchange", "paid"
WEEK, WEEKEND, ALL = [1, 2, 3, 4, 5], [6, 7], [1, 2, 3, 4, 5, 6, 7]


@dataclass(frozen=True)
class Inhabitant:
    name: str
    commune: str  # INSEE code; also the first commune they can reach
    skills: dict[str, int]  # term slug → level (1 beginner … 4 expert)
    presentation: str
    hours: int
    spirits: list[str]
    visibility: str = MEMBERS
    keywords: str = ""
    reach: tuple[str, ...] = ()  # other communes they can reach
    remote: bool = False
    days: tuple[int, ...] = (1, 2, 3, 4, 5)
    periods: tuple[str, ...] = ("morning", "afternoon")

    @property
    def email(self) -> str:
        first, _space, last = self.name.partition(" ")
        return f"{slugify(first)}.{slugify(last)}@demo.pmvt.fr".replace("-", "")


INHABITANTS = [
    Inhabitant(
        "Bernard Roux",
        "84003",
        {"comptabilite": 4, "gestion-administrative": 3},
        "Expert-comptable à la retraite, je tiens volontiers les comptes d'une association "
        "ou j'aide à monter un budget prévisionnel.",
        12,
        [V],
        PUBLIC,
        reach=("84047", "84105"),
    ),
    Inhabitant(
        "Sylvie Arnaud",
        "84102",
        {"recherche-de-financements": 4, "gestion-de-projet": 3},
        "J'ai monté des dossiers LEADER et des demandes de subventions pendant vingt ans.",
        8,
        [V, P],
        PUBLIC,
        remote=True,
        reach=("84003",),
    ),
    Inhabitant(
        "Karim Benali",
        "84003",
        {"menuiserie": 4, "travail-du-bois": 4, "petits-travaux-de-bricolage": 3},
        "Menuisier, je peux aider à aménager un local ou à construire du mobilier de récupération.",
        10,
        [E, P],
        PUBLIC,
        keywords="agencement, palettes",
        reach=("84105", "84047", "84118"),
        days=(6,),
        periods=("morning",),
    ),
    Inhabitant(
        "Lucie Martin",
        "84118",
        {"jardinage": 3, "maraichage": 4},
        "Maraîchère installée à Saint-Saturnin, je transmets volontiers les bases du "
        "potager en permaculture.",
        6,
        [V, E],
        PUBLIC,
        keywords="permaculture, semences",
        reach=("84145", "84003"),
    ),
    Inhabitant(
        "Paul Chabert",
        "84020",
        {"maconnerie": 4, "murets-en-pierre-seche": 4},
        "Maçon, passionné de restanques : je forme aux murets en pierre sèche.",
        8,
        [V, P],
        PUBLIC,
        reach=("84058", "84073", "84023"),
        days=(6, 7),
        periods=("weekend",),
    ),
    Inhabitant(
        "Nadia Haddad",
        "84003",
        {"conception-de-sites-web": 4, "graphisme": 3},
        "Développeuse web indépendante : un site simple pour une association, une "
        "boutique en ligne pour un producteur.",
        6,
        [E, P],
        PUBLIC,
        remote=True,
    ),
    Inhabitant(
        "Élise Fabre",
        "84105",
        {"graphisme": 4, "photo-et-video": 3},
        "Graphiste, j'aime créer des affiches et des logos pour les projets locaux.",
        5,
        [V, E],
        MEMBERS,
        remote=True,
        reach=("84003",),
    ),
    Inhabitant(
        "Thomas Girard",
        "84047",
        {"reseaux-sociaux": 3, "communication-et-redaction": 3},
        "Community manager en reconversion, j'aide à faire connaître un projet.",
        8,
        [V],
        MEMBERS,
        remote=True,
    ),
    Inhabitant(
        "Monique Blanc",
        "84051",
        {"couture": 4, "cuisine": 3},
        "Couturière retraitée, j'anime des ateliers de retouche et de réparation.",
        10,
        [V],
        PUBLIC,
        keywords="retouches, tricot",
        reach=("84073", "84114"),
        periods=("afternoon",),
    ),
    Inhabitant(
        "Jacques Meyer",
        "84073",
        {"apiculture": 4, "entretien-despaces-verts": 2},
        "Apiculteur amateur depuis trente ans : je peux installer et suivre un rucher pédagogique.",
        4,
        [V],
        PUBLIC,
        reach=("84058", "84020"),
    ),
    Inhabitant(
        "Sophie Laurent",
        "84003",
        {"soutien-scolaire": 4, "langue-anglaise": 4, "traduction": 3},
        "Professeure d'anglais, je propose du soutien scolaire et des traductions.",
        6,
        [V, P],
        MEMBERS,
        remote=True,
        periods=("evening",),
    ),
    Inhabitant(
        "Ahmed Saïdi",
        "84003",
        {"permis-c-poids-lourd": 4, "conduite-de-minibus": 4, "permis-b": 4},
        "Chauffeur poids lourd, disponible pour des transports de matériel ou de personnes.",
        8,
        [V, P],
        MEMBERS,
        reach=("84105", "84047", "84103", "84118"),
        days=(6, 7),
        periods=("weekend",),
    ),
    Inhabitant(
        "Chantal Pons",
        "84102",
        {"premiers-secours-psc1": 4, "accompagnement-des-personnes-agees": 4},
        "Infirmière à la retraite, formatrice aux premiers secours.",
        6,
        [V],
        PUBLIC,
        reach=("84003", "84057"),
    ),
    Inhabitant(
        "Julien Rey",
        "84103",
        {"electricite": 4, "plomberie": 3},
        "Électricien, je vérifie une installation ou je conseille sur un aménagement.",
        4,
        [E, P],
        MEMBERS,
        reach=("84003", "84060"),
        days=(5, 6),
    ),
    Inhabitant(
        "Camille Vidal",
        "84003",
        {"animation-dateliers": 4, "animation-de-reunions": 4},
        "Facilitatrice : j'anime des réunions participatives et des ateliers "
        "d'intelligence collective.",
        6,
        [V, P],
        PUBLIC,
        remote=True,
        keywords="intelligence collective, facilitation",
    ),
    Inhabitant(
        "Marcel Dumas",
        "84145",
        {"reparation-de-velos": 4, "reparation-dappareils-electriques": 3},
        "Bricoleur du Repair Café : vélos, grille-pain, lampes, tout se répare.",
        8,
        [V],
        PUBLIC,
        reach=("84003", "84118"),
        days=(6,),
    ),
    Inhabitant(
        "Isabelle Morel",
        "84105",
        {"ressources-humaines": 4, "conseil-juridique": 3},
        "Ancienne DRH, j'accompagne les petites structures sur l'emploi et les statuts.",
        4,
        [V],
        PRIVATE,
        remote=True,
    ),
    Inhabitant(
        "François Leroy",
        "84112",
        {"taille-et-greffe-darbres-fruitiers": 4, "jardinage": 4},
        "Arboriculteur, je montre la taille et la greffe des fruitiers anciens.",
        6,
        [V, E],
        PUBLIC,
        reach=("84144", "84033"),
    ),
    Inhabitant(
        "Amandine Girard",
        "84003",
        {"patisserie": 4, "cuisine": 4},
        "Pâtissière, j'aime cuisiner pour les fêtes de village et transmettre.",
        6,
        [V, P],
        MEMBERS,
        reach=("84105",),
        days=(1, 2),
    ),
    Inhabitant(
        "Rachid Amrani",
        "84003",
        {"aide-informatique": 4, "bureautique": 4},
        "Technicien informatique : j'aide les aînés avec leur ordinateur ou leur téléphone.",
        10,
        [V],
        PUBLIC,
        keywords="smartphone, démarches en ligne",
        reach=("84047", "84105"),
    ),
    Inhabitant(
        "Hélène Bonnet",
        "84057",
        {"histoire-locale-et-patrimoine": 4, "langue-italienne": 3},
        "Guide conférencière, je connais l'histoire des ocres et des villages perchés.",
        4,
        [V, P],
        PUBLIC,
        reach=("84102", "84085", "84066"),
    ),
    Inhabitant(
        "Olivier Sanchez",
        "84102",
        {"enduits-et-badigeons-aux-ocres": 4, "peinture-et-decoration": 4},
        "Artisan peintre, spécialiste des enduits à la chaux et des badigeons aux ocres.",
        6,
        [E, P],
        PUBLIC,
        reach=("84057", "84003"),
    ),
    Inhabitant(
        "Laure Mercier",
        "84003",
        {"organisation-devenements": 4, "communication-et-redaction": 3},
        "J'ai organisé des festivals : logistique, bénévoles, programme.",
        8,
        [V],
        MEMBERS,
        reach=("84105", "84047"),
    ),
    Inhabitant(
        "Kevin Robert",
        "84047",
        {"petits-travaux-de-bricolage": 2, "permis-b": 3},
        "Demandeur d'emploi, bricoleur, je veux me rendre utile et apprendre.",
        20,
        [V, E],
        MEMBERS,
        reach=("84003", "84118"),
        days=(1, 2, 3, 4, 5, 6),
    ),
    Inhabitant(
        "Émilie Fontaine",
        "84020",
        {"garde-denfants": 3, "soutien-scolaire": 3},
        "Étudiante en éducation, je garde des enfants et j'aide aux devoirs.",
        8,
        [E, P],
        MEMBERS,
        reach=("84058",),
        periods=("afternoon", "holidays"),
    ),
    Inhabitant(
        "Gérard Lambert",
        "84023",
        {"entretien-despaces-verts": 4, "jardinage": 3},
        "Ancien agent des espaces verts, je sais entretenir un jardin partagé.",
        8,
        [V],
        PRIVATE,
        reach=("84003", "84128"),
    ),
    Inhabitant(
        "Inès Carpentier",
        "84003",
        {"langue-espagnole": 4, "traduction": 4},
        "Traductrice espagnol-français, je traduis documents et sites.",
        4,
        [P],
        PUBLIC,
        remote=True,
    ),
    Inhabitant(
        "Yves Garnier",
        "84066",
        {"musique": 4, "animation-dateliers": 3},
        "Musicien, j'anime des ateliers de percussions pour les enfants.",
        4,
        [V, P],
        PUBLIC,
        reach=("84003", "84118", "84085"),
    ),
    Inhabitant(
        "Martine Perrin",
        "84048",
        {"gestion-administrative": 3, "bureautique": 3},
        "Secrétaire à la retraite, je tiens un secrétariat d'association.",
        6,
        [V],
        MEMBERS,
        remote=True,
        reach=("84003",),
    ),
    Inhabitant(
        "David Lopez",
        "84003",
        {"photo-et-video": 4, "reseaux-sociaux": 2},
        "Vidéaste, je filme un projet pour le raconter.",
        4,
        [E, P],
        PUBLIC,
        remote=True,
        reach=("84102", "84105"),
    ),
    Inhabitant(
        "Claudine Roche",
        "84033",
        {"couture": 3, "accompagnement-des-personnes-agees": 3},
        "Je rends visite aux personnes isolées et je couds pour les associations.",
        6,
        [V],
        PRIVATE,
        reach=("84003", "84006"),
    ),
    Inhabitant(
        "Mathieu Guérin",
        "84060",
        {"maraichage": 3, "apiculture": 2},
        "Jeune agriculteur, je partage mes essais de maraîchage sur sol sec.",
        4,
        [E],
        MEMBERS,
        reach=("84103", "84144"),
    ),
    Inhabitant(
        "Sandrine Blanchard",
        "84003",
        {"comptabilite": 3, "ressources-humaines": 2},
        "Assistante comptable, je peux aider une association à tenir sa trésorerie.",
        4,
        [V, P],
        PUBLIC,
        periods=("evening",),
    ),
    Inhabitant(
        "Patrick Faure",
        "84144",
        {"permis-c-poids-lourd": 3, "maconnerie": 3},
        "Ancien chauffeur et maçon, je prête main-forte pour les chantiers.",
        10,
        [V],
        MEMBERS,
        reach=("84112", "84048", "84003"),
    ),
    Inhabitant(
        "Aurélie Noël",
        "84114",
        {"graphisme": 2, "animation-dateliers": 3},
        "Animatrice, j'organise des ateliers créatifs pour les familles.",
        6,
        [V, E],
        PUBLIC,
        reach=("84051", "84073"),
        days=(3, 6),
    ),
    Inhabitant(
        "Hugo Masson",
        "84003",
        {"conception-de-sites-web": 2, "aide-informatique": 3},
        "Lycéen passionné d'informatique, je veux aider et apprendre.",
        8,
        [V],
        MEMBERS,
        remote=True,
        periods=("evening", "weekend", "holidays"),
    ),
    Inhabitant(
        "Nicole Chevalier",
        "84085",
        {"histoire-locale-et-patrimoine": 3, "cuisine": 3},
        "Je connais les recettes et les histoires du plateau de Vaucluse.",
        4,
        [V],
        PUBLIC,
        reach=("84057", "84066"),
    ),
    Inhabitant(
        "Stéphane Morin",
        "84006",
        {"recherche-de-financements": 3, "gestion-de-projet": 4},
        "Chef de projet, j'aide à structurer un projet collectif et son plan de financement.",
        4,
        [V, P],
        PRIVATE,
        remote=True,
    ),
    Inhabitant(
        "Valérie Durand",
        "84003",
        {"premiers-secours-psc1": 3, "garde-denfants": 3},
        "Assistante maternelle, formée aux premiers secours.",
        4,
        [P],
        MEMBERS,
        days=(3,),
    ),
    Inhabitant(
        "Luc Bertrand",
        "84128",
        {"murets-en-pierre-seche": 3, "travail-du-bois": 3},
        "Je restaure les restanques et les cabanons de pierre.",
        6,
        [V, E],
        PUBLIC,
        reach=("84020", "84023", "84105"),
        days=(6, 7),
        periods=("weekend",),
    ),
]


def _user(territory: Territory, person: Inhabitant, commune: Commune | None) -> User:
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User.objects.create_user(
            email=person.email, display_name=person.name, is_active=False
        )
    membership_join(user=user, territory=territory, commune=commune)
    return User.objects.get(pk=user.pk)


def _territory_terms(territory: Territory) -> None:
    admin = User.objects.get(email=ADMIN_EMAIL)
    for label, category in TERRITORY_TERMS:
        if not SkillTerm.objects.filter(territory=territory, slug=slugify(label)).exists():
            skill_term_add(territory=territory, by=admin, label=label, category=category)


def load_skills(territory: Territory) -> None:
    seed_national_terms(SkillTerm)  # A flushed test database has lost the data migration's rows.
    _territory_terms(territory)
    terms = {
        t.slug: t.pk
        for t in SkillTerm.objects.filter(territory__isnull=True)
        | SkillTerm.objects.filter(territory=territory)
    }
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    for person in INHABITANTS:
        user = _user(territory, person, communes.get(person.commune))
        if profile_of(territory=territory, user=user) is not None:
            continue
        reach = [communes[code] for code in (person.commune, *person.reach) if code in communes]
        first_name = person.name.split(" ")[0]
        skill_profile_save(
            territory=territory,
            user=user,
            data=ProfileData(
                skills={terms[slug]: level for slug, level in person.skills.items()},
                keywords=person.keywords,
                public_name=first_name if person.visibility == PUBLIC else "",
                presentation=person.presentation,
                hours_per_month=person.hours,
                days=list(person.days),
                periods=list(person.periods),
                communes=reach,
                remote=person.remote,
                spirits=person.spirits,
                visibility=person.visibility,
            ),
        )
