"""Explained matching: people and assets for a project's need, projects for a person.

Every suggestion carries a score in [0, 1] and the French reasons behind it ("3 compétences
sur 4", "10 h/mois disponibles (besoin : 8 h)", "à 8 km"). The score is a weighted sum of
five components, each in [0, 1] (see docs/adr/0010-explained-matching.md):

- skills: the share of the need's controlled terms the person declares, completed by the
  free keywords (French folding + Snowball stemming, pmvt.catalog.text);
- level: the person's level in the matched skills against the level wished;
- availability: hours per month offered against hours needed;
- distance: the nearest of the person's communes to the need's commune (1 at the same place,
  0 beyond DISTANCE_MAX_KM); a person who helps remotely scores 1 on a need that allows it;
- spirit: collective projects look for volunteers: volunteering scores best, exchange next,
  "paid" only lowers the score.

Ties are broken by the profile's (or asset's, need's) primary key so rankings are stable.
Privacy is not decided here: private profiles are matched like any other, and the pages
anonymise them (pmvt.maison.presentation).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pmvt.accounts.models import User
from pmvt.assets.models import Asset, AssetCondition
from pmvt.catalog.selectors import haversine_km
from pmvt.catalog.text import WORD, fold, search_tokens
from pmvt.maison import selectors
from pmvt.projects.models import Need, NeedKind
from pmvt.skills.models import SkillLevel, SkillProfile, Spirit
from pmvt.territories.models import Commune

WEIGHT_SKILLS = 0.40
WEIGHT_LEVEL = 0.15
WEIGHT_AVAILABILITY = 0.15
WEIGHT_DISTANCE = 0.20
WEIGHT_SPIRIT = 0.10
# Within the skill component, controlled terms weigh more than free keywords.
TERMS_SHARE = 0.8
# Keywords: this many matching words give the full keyword part.
KEYWORDS_FOR_FULL = 3
DISTANCE_MAX_KM = 30.0
# A component that cannot be judged (no hours given, no place known) counts half.
UNKNOWN = 0.5
SPIRIT_SCORES = {Spirit.VOLUNTEER: 1.0, Spirit.EXCHANGE: 0.7, Spirit.PAID: 0.2}
ASSET_WEIGHT_DISTANCE = 0.4
ASSET_WEIGHT_CONDITION = 0.3
ASSET_WEIGHT_WORDS = 0.3
# Assets: this many words of the need found in the asset's title give the full word part.
ASSET_WORDS_FOR_FULL = 2
CONDITION_SCORES = {
    AssetCondition.FREE: 1.0,
    AssetCondition.EXCHANGE: 0.7,
    AssetCondition.PRICE: 0.4,
}
PEOPLE_KINDS = {NeedKind.SKILL, NeedKind.VOLUNTEERS}


@dataclass
class Suggestion:
    score: float
    reasons: list[str]
    profile: SkillProfile | None = None
    asset: Asset | None = None
    need: Need | None = None
    distance_km: float | None = None
    components: dict[str, float] = field(default_factory=dict)

    @property
    def person(self) -> User | None:
        return self.profile.user if self.profile is not None else None

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def _level_label(level: int) -> str:
    return str(SkillLevel(level).label).lower()


def _km(commune_a: Commune | None, commune_b: Commune | None) -> float | None:
    if commune_a is None or commune_b is None:
        return None
    if commune_a.pk == commune_b.pk:
        return 0.0
    points = (commune_a.latitude, commune_a.longitude, commune_b.latitude, commune_b.longitude)
    if any(value is None for value in points):
        return None
    return haversine_km(*(float(value) for value in points))  # type: ignore[arg-type]


def need_commune(need: Need) -> Commune | None:
    """Where the need is: its own commune, else the project's first commune."""
    if need.commune_id is not None:
        return need.commune
    communes = list(need.project.communes.all())
    return min(communes, key=lambda c: c.pk) if communes else None


def _nearest(origin: Commune | None, places: Iterable[Commune]) -> float | None:
    distances = [d for d in (_km(origin, place) for place in places) if d is not None]
    return min(distances) if distances else None


def _distance_reason(km: float) -> str:
    if km < 1:
        return _("dans la même commune")
    return _("à %(km)s km") % {"km": round(km)}


def _profile_tokens(profile: SkillProfile) -> set[str]:
    tokens = set(profile.search_text.split())
    tokens.update(search_tokens(profile.keywords))
    for skill in profile.skills.all():
        tokens.update(search_tokens(skill.term.label))
    return tokens


def _need_words(need: Need) -> dict[str, str]:
    """The need's keywords and title words: stemmed token → the word as written."""
    words: dict[str, str] = {}
    for text in (need.keywords, need.title):
        for word in WORD.findall(fold(text)):
            if len(word) < 3:  # "l'", "d'": elisions, not words.
                continue
            for token in search_tokens(word):
                words.setdefault(token, word)
    return words


def _person_places(profile: SkillProfile, home: Commune | None) -> list[Commune]:
    places = list(profile.communes.all())
    if home is not None and all(home.pk != place.pk for place in places):
        places.append(home)
    return places


def _spirit(profile: SkillProfile) -> tuple[float, str]:
    spirits = [s for s in profile.spirits if s in SPIRIT_SCORES]
    if not spirits:
        return UNKNOWN, ""
    best = max(spirits, key=lambda s: SPIRIT_SCORES[s])
    if best == Spirit.VOLUNTEER:
        return 1.0, _("dans un esprit bénévole")
    if best == Spirit.EXCHANGE:
        return SPIRIT_SCORES[best], _("dans un esprit d'échange de services")
    return SPIRIT_SCORES[best], _("souhaite être rémunéré")


def score_pair(
    *, need: Need, profile: SkillProfile, home: Commune | None = None, for_person: bool = False
) -> Suggestion | None:
    """How well one person fits one need; None when they share no skill a skill need asks."""
    reasons: list[str] = []
    wanted_terms = {term.pk for term in need.skill_terms.all()}
    levels = {skill.term_id: skill.level for skill in profile.skills.all()}
    matched_terms = wanted_terms & set(levels)
    need_words = _need_words(need)
    tokens = _profile_tokens(profile)
    matched_words = [word for token, word in need_words.items() if token in tokens]
    keyword_part = min(1.0, len(matched_words) / KEYWORDS_FOR_FULL) if need_words else 0.0

    # Skills.
    if wanted_terms:
        skills = TERMS_SHARE * len(matched_terms) / len(wanted_terms)
        skills += (1 - TERMS_SHARE) * keyword_part
    elif need.keywords.strip():
        skills = keyword_part
    else:
        skills = 1.0  # Nothing specific asked (volunteers): anyone fits.
    if need.kind == NeedKind.SKILL and not matched_terms and not matched_words:
        return None
    if wanted_terms:
        reasons.append(
            ngettext(
                "%(matched)d compétence sur %(wanted)d",
                "%(matched)d compétences sur %(wanted)d",
                len(matched_terms),
            )
            % {"matched": len(matched_terms), "wanted": len(wanted_terms)}
        )
    if matched_words and not matched_terms:
        reasons.append(
            _("mots-clés en commun : %(words)s") % {"words": ", ".join(sorted(matched_words))}
        )

    # Level.
    relevant = [levels[pk] for pk in matched_terms] or list(levels.values())
    best_level = max(relevant) if relevant else None
    if need.min_level:
        if best_level is None:
            level = UNKNOWN
        elif best_level >= need.min_level:
            level = 1.0
        else:
            level = max(0.0, 1.0 - 0.5 * (need.min_level - best_level))
        if best_level is not None:
            reasons.append(
                _("niveau %(level)s (souhaité : %(wanted)s)")
                % {"level": _level_label(best_level), "wanted": _level_label(need.min_level)}
            )
    else:
        level = 1.0

    # Availability.
    offered = profile.hours_per_month
    if need.hours_per_month:
        availability = min(1.0, offered / need.hours_per_month)
        reasons.append(
            _("%(offered)d h/mois disponibles (besoin : %(needed)d h)")
            % {"offered": offered, "needed": need.hours_per_month}
        )
    elif offered:
        availability = 1.0
        reasons.append(_("%(offered)d h/mois disponibles") % {"offered": offered})
    else:
        availability = UNKNOWN

    # Distance.
    km = _nearest(need_commune(need), _person_places(profile, home))
    if need.remote_ok and profile.remote:
        distance = 1.0
        reasons.append(_("possible à distance") if for_person else _("peut aider à distance"))
    elif km is not None:
        distance = max(0.0, 1.0 - km / DISTANCE_MAX_KM)
        reasons.append(_distance_reason(km))
    else:
        distance = UNKNOWN

    # Spirit.
    spirit, spirit_reason = _spirit(profile)
    if spirit_reason:
        reasons.append(spirit_reason)

    score = (
        WEIGHT_SKILLS * skills
        + WEIGHT_LEVEL * level
        + WEIGHT_AVAILABILITY * availability
        + WEIGHT_DISTANCE * distance
        + WEIGHT_SPIRIT * spirit
    )
    return Suggestion(
        score=round(score, 3),
        reasons=reasons,
        profile=profile,
        need=need if for_person else None,
        distance_km=km,
        components={
            "skills": skills,
            "level": level,
            "availability": availability,
            "distance": distance,
            "spirit": spirit,
        },
    )


def _available(profile: SkillProfile, today: date) -> bool:
    return profile.is_active and (
        profile.available_until is None or profile.available_until >= today
    )


def suggest_people(*, need: Need, limit: int = 10) -> list[Suggestion]:
    """People for a skill or volunteers need, best first; team and invited people left out."""
    if need.kind not in PEOPLE_KINDS:
        return []
    today = selectors.today()
    excluded = selectors.team_user_ids(need.project) | selectors.invited_user_ids(need)
    profiles = [
        p
        for p in selectors.matchable_profiles(territory=need.territory)
        if p.user_id not in excluded and _available(p, today)
    ]
    homes = selectors.home_communes(
        territory=need.territory, user_ids=[p.user_id for p in profiles]
    )
    suggestions = [
        s
        for s in (score_pair(need=need, profile=p, home=homes.get(p.user_id)) for p in profiles)
        if s is not None
    ]
    suggestions.sort(key=lambda s: (-s.score, s.profile.pk if s.profile else 0))
    return suggestions[:limit]


def _period_reason(need: Need) -> str:
    assert need.starts_on is not None
    first, last = need.starts_on, need.ends_on or need.starts_on
    if last == first:
        return _("libre le %(day)s") % {"day": formats.date_format(first, "j F")}
    first_format = "j" if (first.year, first.month) == (last.year, last.month) else "j F"
    return _("libre du %(first)s au %(last)s") % {
        "first": formats.date_format(first, first_format),
        "last": formats.date_format(last, "j F"),
    }


def suggest_assets(*, need: Need, limit: int = 10) -> list[Suggestion]:
    """Published assets of the kind asked, free on the need's dates, best first."""
    if need.kind != NeedKind.ASSET:
        return []
    period = selectors.need_period(need)
    excluded = selectors.invited_asset_ids(need)
    assets = selectors.published_assets(territory=need.territory)
    if need.asset_kind:
        assets = assets.filter(kind=need.asset_kind)
    origin = need_commune(need)
    need_words = _need_words(need)
    suggestions = []
    for asset in assets.order_by("pk"):
        if asset.pk in excluded:
            continue
        reasons = []
        if period is not None:
            if not selectors.asset_is_free(asset=asset, starts_at=period[0], ends_at=period[1]):
                continue
            reasons.append(_period_reason(need))
        km = _km(origin, asset.commune)
        if km is not None:
            distance = max(0.0, 1.0 - km / DISTANCE_MAX_KM)
            reasons.append(_distance_reason(km))
        else:
            distance = UNKNOWN
        asset_tokens = set(asset.search_text.split()) | set(search_tokens(asset.title))
        matched = sorted(word for token, word in need_words.items() if token in asset_tokens)
        words = min(1.0, len(matched) / ASSET_WORDS_FOR_FULL)
        if matched:
            reasons.append(_("mots en commun : %(words)s") % {"words": ", ".join(matched)})
        condition = CONDITION_SCORES.get(AssetCondition(asset.condition), UNKNOWN)
        if asset.condition == AssetCondition.FREE:
            reasons.append(_("gratuit"))
        elif asset.condition == AssetCondition.EXCHANGE:
            reasons.append(_("en échange d'un service"))
        else:
            reasons.append(_("avec participation aux frais"))
        score = (
            ASSET_WEIGHT_DISTANCE * distance
            + ASSET_WEIGHT_CONDITION * condition
            + ASSET_WEIGHT_WORDS * words
        )
        suggestions.append(
            Suggestion(
                score=round(score, 3),
                reasons=reasons,
                asset=asset,
                distance_km=km,
                components={"distance": distance, "condition": condition, "words": words},
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.asset.pk if s.asset else 0))
    return suggestions[:limit]


def suggest_needs(*, profile: SkillProfile, limit: int = 10) -> list[Suggestion]:
    """Open skill and volunteers needs for a person, best first, with reasons from their side."""
    if not _available(profile, selectors.today()):
        return []
    territory = profile.territory
    home = selectors.home_communes(territory=territory, user_ids=[profile.user_id]).get(
        profile.user_id
    )
    already = selectors.user_need_ids(territory=territory, user=profile.user)
    needs = selectors.open_needs(territory=territory).filter(kind__in=PEOPLE_KINDS)
    needs = needs.exclude(project__members__user=profile.user)
    suggestions = [
        s
        for s in (
            score_pair(need=need, profile=profile, home=home, for_person=True)
            for need in needs
            if need.pk not in already
        )
        if s is not None
    ]
    suggestions.sort(key=lambda s: (-s.score, s.need.pk if s.need else 0))
    return suggestions[:limit]
