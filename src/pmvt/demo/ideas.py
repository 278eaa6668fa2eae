"""Demo idea campaigns of the CC Pays d'Apt-Luberon (participatory innovation).

- an open campaign, "Comment faire revenir les jeunes en centre-bourg ?", with one idea at each
  status of the workflow (each step with the territory's public answer), supports, comments
  with a reply, and follows. The demo inhabitant (habitant@demo.pmvt.fr) has not supported the
  Friday concerts idea: the browser walk lets him read the rules and support it;
- a closed campaign on winter activities in the villages, with two answered ideas.

Everything goes through the services, as on the site: an inhabitant's idea or comment waits
for moderation (the territory moderates before publication), so the demo moderator approves it.
Deterministic and idempotent: a campaign that exists (same slug) is left as it is. The closed
campaign is created open, filled, then its dates are moved to the past.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.community.models import ModeratedContent, Theme, Visibility
from pmvt.community.services.moderation import content_moderate
from pmvt.ideas.models import Campaign, Idea
from pmvt.ideas.services.campaigns import campaign_create, campaign_update
from pmvt.ideas.services.ideas import idea_answer, idea_submit
from pmvt.ideas.services.participation import comment_create, idea_follow, idea_support
from pmvt.territories.models import Commune, Territory

ADMIN = "admin@demo.pmvt.fr"
MODERATOR = "moderation@demo.pmvt.fr"
INHABITANT = "habitant@demo.pmvt.fr"
BAKER = "acteur@demo.pmvt.fr"
OPEN_SLUG = "comment-faire-revenir-les-jeunes-en-centre-bourg"
CLOSED_SLUG = "animer-nos-villages-en-hiver"
CONCERTS_SLUG = "des-concerts-le-vendredi-soir-sur-la-place"


def _pro(slug: str) -> str:
    """The owner account pmvt.demo.actors gives a demo actor."""
    return f"pro.{slug}@demo.pmvt.fr"


SUPPORTERS = [
    BAKER,
    MODERATOR,
    INHABITANT,
    _pro("les-primeurs-du-luberon"),
    _pro("fromagerie-du-calavon"),
    _pro("confiserie-aptesienne"),
    _pro("atelier-terre-docre"),
    _pro("savonnerie-de-rustrel"),
]


@dataclass(frozen=True)
class DemoIdea:
    title: str
    author: str
    description: str
    commune: str  # INSEE code, "" for the whole territory
    themes: tuple[str, ...]
    answers: list[tuple[str, str]] = field(default_factory=list)  # (status, public answer)
    supporters: tuple[str, ...] = ()
    comments: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)
    followers: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoCampaign:
    slug: str
    title: str
    question: str
    description: str
    rules: str
    themes: tuple[str, ...]
    ideas: list[DemoIdea]
    closed: bool = False


CAMPAIGNS = [
    DemoCampaign(
        slug=OPEN_SLUG,
        title="Comment faire revenir les jeunes en centre-bourg ?",
        question=(
            "Quels lieux, services, événements ou emplois donneraient envie aux 15-30 ans de "
            "vivre, de travailler et de sortir au cœur de nos bourgs ?"
        ),
        description=(
            "Les centres-bourgs du Pays d'Apt-Luberon perdent leurs jeunes : peu de lieux où se "
            "retrouver, des transports rares le soir, des logements chers.\n\n"
            "La communauté de communes vous demande vos idées. Les plus soutenues seront "
            "étudiées par les services et présentées au conseil communautaire ; **chaque idée "
            "reçoit une réponse publique**."
        ),
        rules=(
            "Une idée doit concerner au moins une commune de la communauté de communes. "
            "Les idées qui relèvent d'une seule commune sont transmises à sa mairie."
        ),
        themes=("jeunesse", "culture-et-patrimoine", "mobilite", "commerce-local"),
        ideas=[
            DemoIdea(
                title="Des concerts le vendredi soir sur la place",
                author=BAKER,
                description=(
                    "L'été, la place de la Bouquerie se vide à 19 h. Des **concerts gratuits** "
                    "le vendredi soir, avec les groupes des écoles de musique du territoire, "
                    "donneraient une raison de rester en ville.\n\n"
                    "Les commerçants de la place peuvent ouvrir plus tard ces soirs-là."
                ),
                commune="84003",
                themes=("culture-et-patrimoine", "commerce-local"),
                supporters=(MODERATOR, _pro("fromagerie-du-calavon")),
                comments=[
                    (
                        _pro("confiserie-aptesienne"),
                        "Nous ouvririons la terrasse jusqu'à 22 h ces soirs-là.",
                        [],
                    )
                ],
            ),
            DemoIdea(
                title="Un tiers-lieu jeunesse dans l'ancienne poste",
                author=INHABITANT,
                description=(
                    "L'ancienne poste de Saint-Saturnin est vide depuis trois ans. On pourrait y "
                    "ouvrir un tiers-lieu pour les 15-25 ans :\n\n"
                    "- un espace pour réviser, avec du wifi ;\n"
                    "- une salle de répétition ;\n"
                    "- des permanences de la mission locale."
                ),
                commune="84118",
                themes=("jeunesse",),
                answers=[
                    (
                        "under_study",
                        "Les services étudient l'état du bâtiment et le coût de sa mise aux "
                        "normes. Réponse attendue à l'automne.",
                    )
                ],
                supporters=(BAKER, MODERATOR, _pro("les-primeurs-du-luberon")),
                comments=[
                    (
                        BAKER,
                        "Excellente idée, j'y déposerais volontiers des invendus le soir.",
                        [(INHABITANT, "Merci ! Un frigo partagé serait parfait.")],
                    ),
                ],
                followers=(MODERATOR,),
            ),
            DemoIdea(
                title="Des navettes le samedi soir entre les villages et Apt",
                author=MODERATOR,
                description=(
                    "Sans voiture, impossible de rentrer à Roussillon ou à Gargas après 19 h. "
                    "Une navette le samedi soir, à réserver la veille, relierait les villages "
                    "au centre d'Apt."
                ),
                commune="",
                themes=("mobilite", "jeunesse"),
                answers=[
                    ("under_study", "Le service mobilité étudie la demande avec la Région."),
                    (
                        "accepted",
                        "Retenue : une navette à la demande sera testée de juin à septembre, "
                        "financée par la communauté de communes.",
                    ),
                ],
                supporters=(
                    BAKER,
                    INHABITANT,
                    _pro("atelier-terre-docre"),
                    _pro("savonnerie-de-rustrel"),
                ),
                followers=(INHABITANT,),
            ),
            DemoIdea(
                title="Un skatepark sur le parking du cours Lauze de Perret",
                author=_pro("atelier-terre-docre"),
                description="Transformer une partie du parking en skatepark couvert.",
                commune="84003",
                themes=("jeunesse",),
                answers=[
                    ("under_study", "Les services regardent les emplacements possibles."),
                    (
                        "declined",
                        "Non retenue à cet endroit : le parking sert au marché du samedi et aux "
                        "secours. Un emplacement près du collège est à l'étude dans le cadre du "
                        "plan d'équipements sportifs.",
                    ),
                ],
                supporters=(INHABITANT,),
            ),
            DemoIdea(
                title="Un marché de créateurs tenu par des jeunes",
                author=_pro("confiserie-aptesienne"),
                description=(
                    "Un dimanche par mois, des stands gratuits pour les jeunes créateurs et "
                    "créatrices du territoire, accompagnés par des artisans installés."
                ),
                commune="84003",
                themes=("commerce-local", "jeunesse"),
                answers=[
                    ("under_study", "À l'étude avec l'association des commerçants."),
                    ("accepted", "Retenue : premier marché en mai."),
                    ("in_progress", "Les inscriptions des exposants sont ouvertes."),
                ],
                supporters=(BAKER, INHABITANT, MODERATOR),
            ),
            DemoIdea(
                title="Le wifi gratuit sur les places des bourgs",
                author=_pro("les-primeurs-du-luberon"),
                description="Un accès wifi public et gratuit sur la place principale de chaque bourg.",
                commune="",
                themes=("jeunesse",),
                answers=[
                    ("under_study", "Étude technique en cours avec le syndicat numérique."),
                    ("accepted", "Retenue dans le programme numérique 2026."),
                    ("in_progress", "Les bornes sont en cours d'installation."),
                    ("realised", "Le wifi public fonctionne sur 12 places depuis mars."),
                ],
                supporters=(BAKER, INHABITANT, MODERATOR, _pro("fromagerie-du-calavon")),
            ),
        ],
    ),
    DemoCampaign(
        slug=CLOSED_SLUG,
        title="Animer nos villages en hiver",
        question="Quelles activités pour que les villages vivent aussi de novembre à mars ?",
        description="La campagne s'est tenue l'hiver dernier ; voici les réponses de la collectivité.",
        rules="",
        themes=("culture-et-patrimoine", "solidarites"),
        ideas=[
            DemoIdea(
                title="Des veillées contes dans les bibliothèques",
                author=MODERATOR,
                description="Une veillée par mois, dans une bibliothèque différente à chaque fois.",
                commune="",
                themes=("culture-et-patrimoine",),
                answers=[
                    ("under_study", "À l'étude avec le réseau des bibliothèques."),
                    ("accepted", "Retenue : six veillées l'hiver prochain."),
                ],
                supporters=(BAKER, INHABITANT),
            ),
            DemoIdea(
                title="Une patinoire éphémère à Apt",
                author=BAKER,
                description="Une patinoire synthétique pendant les vacances de Noël.",
                commune="84003",
                themes=("culture-et-patrimoine",),
                answers=[
                    ("under_study", "Les services chiffrent la location."),
                    (
                        "declined",
                        "Non retenue : le coût (80 000 € par saison) dépasse le budget des "
                        "animations d'hiver.",
                    ),
                ],
                supporters=(INHABITANT,),
            ),
        ],
        closed=True,
    ),
]


def _publish(content: ModeratedContent, moderator: User) -> None:
    """An inhabitant's content waits for moderation: the demo moderator approves it."""
    if content.visibility == Visibility.PENDING:
        content_moderate(
            moderator=moderator,
            content=content,
            decision="approve",
            reason="Conforme aux conditions d'utilisation.",
        )


def _load_campaign(
    territory: Territory, spec: DemoCampaign, users: dict[str, User], admin: User
) -> None:
    themes = {t.slug: t for t in Theme.objects.filter(territory=territory)}
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    moderator = users[MODERATOR]
    now = timezone.now()
    campaign = campaign_create(
        territory=territory,
        by=admin,
        title=spec.title,
        question=spec.question,
        description=spec.description,
        rules=spec.rules,
        opens_at=now - timedelta(days=20),
        closes_at=now + timedelta(days=40),
        themes=[themes[slug] for slug in spec.themes if slug in themes],
    )
    if campaign.slug != spec.slug:
        Campaign.objects.filter(pk=campaign.pk).update(slug=spec.slug)
        campaign.slug = spec.slug
    for idea_spec in spec.ideas:
        author = users.get(idea_spec.author)
        if author is None:
            continue
        idea = idea_submit(
            campaign=campaign,
            author=author,
            title=idea_spec.title,
            description=idea_spec.description,
            themes=[themes[slug] for slug in idea_spec.themes if slug in themes],
            commune=communes.get(idea_spec.commune),
        )
        _publish(idea, moderator)
        idea = Idea.objects.select_related("campaign__territory", "territory").get(pk=idea.pk)
        for email in idea_spec.supporters:
            if email in users and email != idea_spec.author:
                idea_support(idea=idea, user=users[email])
        for email in idea_spec.followers:
            if email in users:
                idea_follow(idea=idea, user=users[email])
        for email, text, replies in idea_spec.comments:
            if email not in users:
                continue
            comment = comment_create(idea=idea, author=users[email], text=text)
            _publish(comment, moderator)
            for reply_email, reply_text in replies:
                if reply_email in users:
                    reply = comment_create(
                        idea=idea, author=users[reply_email], text=reply_text, parent=comment
                    )
                    _publish(reply, moderator)
        for status, answer in idea_spec.answers:
            idea_answer(idea=idea, by=admin, to=status, answer=answer)
    if spec.closed:
        campaign_update(
            campaign=campaign,
            by=admin,
            title=campaign.title,
            question=campaign.question,
            description=campaign.description,
            rules=campaign.rules,
            opens_at=now - timedelta(days=150),
            closes_at=now - timedelta(days=60),
            themes=list(campaign.themes.all()),
        )


def load_ideas(territory: Territory) -> None:
    users = {u.email: u for u in User.objects.filter(email__in={ADMIN, *SUPPORTERS, MODERATOR})}
    # Authors of ideas not in SUPPORTERS (none today) would be looked up here too.
    admin = users[ADMIN]
    existing = set(Campaign.objects.filter(territory=territory).values_list("slug", flat=True))
    for spec in CAMPAIGNS:
        if spec.slug in existing:
            continue
        _load_campaign(territory, spec, users, admin)
