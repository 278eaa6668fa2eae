"""The CAPLA family of a business, derived from its NAF rév. 2 code.

CAPLA groups local businesses in four families: Commerçants, Artisans, Professions
Libérales, Agriculteurs. The family follows from the activity code; the owner may choose
another one (Actor.capla_family_overridden), e.g. a baker registered as a retailer.

Mapping, the most specific rule first (class, then division, then section):

=================================  ==========================================================
Agriculteur                        section A (01–03: crops, livestock, vines, forestry,
                                   fishing)
Artisan                            division 10 (food: bakeries 10.71C/D, butchers 10.13B,
                                   confectioners 10.82Z…), 11 (beverages: craft brewers),
                                   13–16 (textile, clothing, leather, wood: 16),
                                   18 (printing), class 20.41 (soap makers), 23 (pottery,
                                   glass, stone), 25 (metalwork), 31–33 (furniture, jewellery,
                                   repair), 41–43 (building trades), 95 (repair of goods),
                                   class 96.02 (hairdressing and beauty care)
Commerçant                         45–47 (trade, including markets 47.81Z), 56 (restaurants,
                                   cafés)
Profession libérale                69–75 (law, accounting, consulting, architects 71,
                                   veterinarians 75), 86 (health: doctors, nurses,
                                   physiotherapists, osteopaths)
none                               everything else (industry, public bodies, associations…)
=================================  ==========================================================
"""

from pmvt.actors.identifiers import naf_activity, normalize_naf_code
from pmvt.actors.models import CaplaFamily

CLASS_RULES: dict[str, str] = {
    "20.41": CaplaFamily.ARTISAN,
    "96.02": CaplaFamily.ARTISAN,
}

DIVISION_RULES: dict[str, str] = {
    **dict.fromkeys(
        ["10", "11", "13", "14", "15", "16", "18", "23", "25", "31", "32", "33", "41", "42", "43"],
        CaplaFamily.ARTISAN,
    ),
    "95": CaplaFamily.ARTISAN,
    **dict.fromkeys(["45", "46", "47", "56"], CaplaFamily.COMMERCANT),
    **dict.fromkeys(["69", "70", "71", "72", "73", "74", "75", "86"], CaplaFamily.LIBERAL),
}

SECTION_RULES: dict[str, str] = {"A": CaplaFamily.AGRICULTEUR}


def capla_family_for_naf(naf_code: str) -> str:
    """The CAPLA family of an activity code, or "" when none applies (or the code is unknown)."""
    activity = naf_activity(naf_code)
    if activity is None:
        return ""
    code = normalize_naf_code(naf_code)
    return (
        CLASS_RULES.get(code[:5])
        or DIVISION_RULES.get(activity.division)
        or SECTION_RULES.get(activity.section)
        or ""
    )
