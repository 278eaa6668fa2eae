"""Reads on territories."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django_scopes import scopes_disabled

from pmvt.territories.models import Commune, Territory
from pmvt.territories.official_data import OfficialEpci, epci_of_commune, find_communes


def territory_list_active() -> QuerySet[Territory]:
    return Territory.objects.filter(is_active=True).order_by("name")


def commune_list(*, territory: Territory) -> QuerySet[Commune]:
    return Commune.objects.filter(territory=territory).order_by("name")


@dataclass(frozen=True)
class CommuneLocation:
    """Answer to "which territory am I in?" for one commune."""

    commune_name: str
    postal_codes: tuple[str, ...]
    departement_name: str
    epci: OfficialEpci | None
    territory: Territory | None


def territory_locate(*, query: str, limit: int = 10) -> list[CommuneLocation]:
    """Find communes by name or postal code and the federated territory each belongs to."""
    hits = find_communes(query, limit=limit)
    if not hits:
        return []
    epcis = {c.insee_code: epci_of_commune(c.insee_code) for c in hits}
    sirens = {e.siren for e in epcis.values() if e}
    with scopes_disabled():
        territories = {t.siren: t for t in territory_list_active().filter(siren__in=sirens)}
    locations = []
    for c in hits:
        epci = epcis[c.insee_code]
        locations.append(
            CommuneLocation(
                commune_name=c.name,
                postal_codes=c.postal_codes,
                departement_name=c.departement_name,
                epci=epci,
                territory=territories.get(epci.siren) if epci else None,
            )
        )
    return locations
