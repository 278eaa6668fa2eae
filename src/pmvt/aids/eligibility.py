"""Who may get an aid: the criteria as one database condition, and the same rules in Python
to explain a result in plain French.

An aid lists, for each criterion, the codes it accepts; an empty list accepts everyone.
An actor matches when it matches every criterion. An actor that does not tell a value (no
NAF code, unknown headcount) matches only the criteria the aid leaves open.
Keep `eligibility_condition()` and `explain()` in step: a test compares them on every case.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from pmvt.actors.identifiers import naf_activity, naf_sections
from pmvt.actors.models import Actor, ActorKind, CaplaFamily
from pmvt.aids.models import AidScheme, HeadcountRange


@dataclass(frozen=True)
class EligibilityProfile:
    """What the matching knows of an actor (a real one, or one described in the simulator)."""

    kind: str
    capla_family: str = ""
    naf_section: str = ""
    headcount: str = ""
    commune_id: int | None = None
    commune_name: str = ""


@dataclass(frozen=True)
class Verdict:
    """Whether an aid matches a profile, and why: criteria met and criteria missed."""

    eligible: bool
    sentence: str
    matched: tuple[str, ...] = field(default_factory=tuple)
    missed: tuple[str, ...] = field(default_factory=tuple)


def naf_section_of(naf_code: str) -> str:
    """The NAF section letter (A to U) of an activity code, "" if the code is unknown."""
    activity = naf_activity(naf_code) if naf_code else None
    return activity.section if activity else ""


def profile_of_actor(actor: Actor, *, headcount: str = "") -> EligibilityProfile:
    return EligibilityProfile(
        kind=actor.kind,
        capla_family=actor.capla_family,
        naf_section=naf_section_of(actor.naf_code),
        headcount=headcount,
        commune_id=actor.commune_id,
        commune_name=actor.commune.name if actor.commune_id else "",
    )


# --- the database condition -------------------------------------------------------------------


def _accepts(field_name: str, value: str) -> Q:
    """The aid's list is empty, or holds `value`.

    JSON "contains" is not available on SQLite: match the quoted code in the JSON text, which
    is exact since codes are short slugs without quotes (as the actors' labels filter does).
    """
    open_to_all = Q(**{field_name: []})
    if not value:
        return open_to_all
    return open_to_all | Q(**{f"{field_name}__icontains": f'"{value}"'})


def eligibility_condition(profile: EligibilityProfile) -> Q:
    """A condition on AidScheme: the aid accepts this profile on every criterion."""
    restricted = AidScheme.eligible_communes.through.objects.filter(aidscheme_id=OuterRef("pk"))
    communes = ~Q(Exists(restricted))
    if profile.commune_id is not None:
        communes |= Q(Exists(restricted.filter(commune_id=profile.commune_id)))
    return (
        _accepts("eligible_actor_kinds", profile.kind)
        & _accepts("eligible_capla_families", profile.capla_family)
        & _accepts("eligible_naf_sections", profile.naf_section)
        & _accepts("eligible_headcounts", profile.headcount)
        & communes
    )


# --- the same rules in words ------------------------------------------------------------------


def _labels(choices: type, codes: Iterable[str], *, lower: bool = True) -> list[str]:
    labels = []
    for code in codes:
        try:
            label = str(choices(code).label)
        except ValueError:
            label = code
        labels.append(label[:1].lower() + label[1:] if lower else label)
    return labels


def _join(items: Sequence[str]) -> str:
    return ", ".join(items)


def _section_labels(codes: Iterable[str]) -> dict[str, str]:
    names = {section.code: section.label for section in naf_sections()}
    return {code: names.get(code, "") for code in codes}


def subject_for(kind: str) -> str:
    subjects: dict[str, str] = {
        ActorKind.BUSINESS: _("Votre entreprise"),
        ActorKind.ASSOCIATION: _("Votre association"),
        ActorKind.PUBLIC_BODY: _("Votre organisme"),
    }
    return subjects.get(kind, _("Votre structure"))


def _commune_names(aid: AidScheme) -> list[tuple[int, str]]:
    # Uses the prefetched communes when the selector prefetched them.
    return [(commune.pk, commune.name) for commune in aid.eligible_communes.all()]


def explain(aid: AidScheme, profile: EligibilityProfile) -> Verdict:
    """Why the aid matches the profile or not, in French, criterion by criterion."""
    matched: list[str] = []
    missed: list[str] = []

    kinds = list(aid.eligible_actor_kinds)
    if kinds and profile.kind not in kinds:
        missed.append(
            _("réservée aux types d'acteurs suivants : %(list)s")
            % {"list": _join(_labels(ActorKind, kinds))}
        )

    families = list(aid.eligible_capla_families)
    if families:
        if profile.capla_family in families:
            matched.append(_labels(CaplaFamily, [profile.capla_family])[0])
        else:
            missed.append(
                _("réservée aux familles %(list)s")
                % {"list": _join(_labels(CaplaFamily, families))}
            )

    sections = list(aid.eligible_naf_sections)
    if sections:
        if profile.naf_section in sections:
            matched.append(_("section %(code)s") % {"code": profile.naf_section})
        elif not profile.naf_section:
            missed.append(
                _("réservée aux sections NAF %(list)s ; indiquez votre code NAF")
                % {"list": _join(sections)}
            )
        else:
            missed.append(_("réservée aux sections NAF %(list)s") % {"list": _join(sections)})

    headcounts = list(aid.eligible_headcounts)
    if headcounts:
        wanted = _join(_labels(HeadcountRange, headcounts))
        if profile.headcount in headcounts:
            matched.append(_labels(HeadcountRange, [profile.headcount])[0])
        elif not profile.headcount:
            missed.append(
                _("réservée aux effectifs suivants : %(list)s ; indiquez votre effectif")
                % {"list": wanted}
            )
        else:
            missed.append(_("réservée aux effectifs suivants : %(list)s") % {"list": wanted})

    communes = _commune_names(aid)
    if communes:
        if profile.commune_id in {pk for pk, _name in communes}:
            matched.append(_("à %(commune)s") % {"commune": profile.commune_name})
        else:
            missed.append(
                _("réservée aux communes suivantes : %(list)s")
                % {"list": _join([name for _pk, name in communes])}
            )

    subject = subject_for(profile.kind)
    if missed:
        sentence = _("%(subject)s ne remplit pas ces conditions : %(criteria)s.") % {
            "subject": subject,
            "criteria": " ; ".join(missed),
        }
    elif matched:
        sentence = _("%(subject)s correspond : %(criteria)s.") % {
            "subject": subject,
            "criteria": _join(matched),
        }
    elif kinds:
        sentence = _("%(subject)s correspond aux conditions de cette aide.") % {"subject": subject}
    else:
        sentence = _("Cette aide est ouverte à tous les acteurs du territoire.")
    return Verdict(
        eligible=not missed, sentence=sentence, matched=tuple(matched), missed=tuple(missed)
    )


def eligibility_summary(aid: AidScheme) -> list[tuple[str, str]]:
    """Who the aid is for, as (criterion, accepted values) rows for the aid's page."""
    rows: list[tuple[str, str]] = []
    if aid.eligible_actor_kinds:
        rows.append(
            (
                _("Types d'acteurs"),
                _join(_labels(ActorKind, aid.eligible_actor_kinds, lower=False)),
            )
        )
    if aid.eligible_capla_families:
        rows.append(
            (
                _("Familles d'activité (CAPLA)"),
                _join(_labels(CaplaFamily, aid.eligible_capla_families, lower=False)),
            )
        )
    if aid.eligible_naf_sections:
        labels = _section_labels(aid.eligible_naf_sections)
        rows.append(
            (
                _("Secteurs d'activité (sections NAF)"),
                " ; ".join(
                    f"{code} – {label}" if label else code for code, label in labels.items()
                ),
            )
        )
    if aid.eligible_headcounts:
        rows.append(
            (
                _("Effectif salarié"),
                _join(_labels(HeadcountRange, aid.eligible_headcounts, lower=False)),
            )
        )
    communes = _commune_names(aid)
    if communes:
        rows.append((_("Communes"), _join([name for _pk, name in communes])))
    return rows
