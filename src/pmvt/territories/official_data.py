"""Read access to the shipped copy of Etalab's découpage administratif (EPCI and communes)."""

import gzip
import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "decoupage-administratif.json.gz"


@dataclass(frozen=True)
class OfficialCommune:
    insee_code: str
    name: str
    postal_codes: tuple[str, ...]
    population: int
    departement_code: str
    departement_name: str
    region_code: str
    region_name: str


@dataclass(frozen=True)
class OfficialEpci:
    siren: str
    name: str
    kind: str
    population_total: int
    population_municipal: int
    communes: tuple[OfficialCommune, ...]


class UnknownEpciError(LookupError):
    pass


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-light form used to compare place names."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    for sep in ("-", "'", "’", "_"):
        plain = plain.replace(sep, " ")
    return " ".join(plain.replace("saint ", "st ").replace("sainte ", "ste ").split())


@cache
def _payload() -> dict:
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _communes() -> dict[str, OfficialCommune]:
    data = _payload()
    regions = data["regions"]
    departements = data["departements"]
    out = {}
    for code, (name, postal_codes, population, dep) in data["communes"].items():
        dep_name, region_code = departements[dep]
        out[code] = OfficialCommune(
            insee_code=code,
            name=name,
            postal_codes=tuple(postal_codes),
            population=population or 0,
            departement_code=dep,
            departement_name=dep_name,
            region_code=region_code,
            region_name=regions[region_code],
        )
    return out


@cache
def all_epci() -> dict[str, OfficialEpci]:
    communes = _communes()
    return {
        siren: OfficialEpci(
            siren=siren,
            name=name,
            kind=kind,
            population_total=pop_total,
            population_municipal=pop_municipal,
            communes=tuple(communes[code] for code in members),
        )
        for siren, name, kind, pop_total, pop_municipal, members in _payload()["epci"]
    }


def get_epci(siren: str) -> OfficialEpci:
    try:
        return all_epci()[siren]
    except KeyError:
        raise UnknownEpciError(siren) from None


@cache
def _epci_by_commune() -> dict[str, str]:
    return {c.insee_code: e.siren for e in all_epci().values() for c in e.communes}


def epci_of_commune(insee_code: str) -> OfficialEpci | None:
    siren = _epci_by_commune().get(insee_code)
    return all_epci()[siren] if siren else None


def find_communes(query: str, limit: int = 20) -> list[OfficialCommune]:
    """Communes whose postal code starts with, or whose name matches, the query."""
    q = query.strip()
    if not q:
        return []
    communes = _communes().values()
    if q.isdigit():
        hits = [c for c in communes if any(p.startswith(q) for p in c.postal_codes)]
    else:
        folded = fold(q)
        exact = [c for c in communes if fold(c.name) == folded]
        starts = [c for c in communes if fold(c.name).startswith(folded) and c not in exact]
        hits = exact + sorted(starts, key=lambda c: -c.population)
    return hits[:limit]
