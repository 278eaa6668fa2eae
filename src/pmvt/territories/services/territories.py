"""Writes on territories: import from the official data, settings."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.text import slugify
from django_scopes import scopes_disabled

from pmvt.territories.cache import versions_bump
from pmvt.territories.models import Commune, Territory
from pmvt.territories.official_data import OfficialEpci, fold, get_epci

if TYPE_CHECKING:
    from pmvt.accounts.models import User


@dataclass
class ImportReport:
    territory: Territory
    created: bool
    communes_created: int
    communes_updated: int
    communes_removed: int

    def __str__(self) -> str:
        verb = "créé" if self.created else "mis à jour"
        return (
            f"{self.territory.siren} {self.territory.name} : territoire {verb}, "
            f"communes : {self.communes_created} créée(s), {self.communes_updated} mise(s) à "
            f"jour, {self.communes_removed} retirée(s)"
        )


def _unique_slug(epci: OfficialEpci) -> str:
    base = slugify(epci.name.removeprefix(epci.kind).strip())[:70] or epci.siren
    slug = base
    taken = Territory.objects.filter(slug=slug).exclude(siren=epci.siren).exists()
    return f"{base}-{epci.siren}" if taken else slug


COMMUNE_FIELDS = [
    "name",
    "postal_codes",
    "population",
    "departement_code",
    "departement_name",
    "region_code",
    "region_name",
    "search_name",
]


@transaction.atomic
def territory_import(*, siren: str) -> ImportReport:
    """Create or update a territory and exactly its official member communes (idempotent)."""
    epci = get_epci(siren)
    territory = Territory.objects.filter(siren=siren).first()
    created = territory is None
    if territory is None:
        territory = Territory.objects.create(
            siren=siren,
            name=epci.name,
            kind=epci.kind,
            slug=_unique_slug(epci),
            population=epci.population_total,
        )
    elif (territory.name, territory.kind, territory.population) != (
        epci.name,
        epci.kind,
        epci.population_total,
    ):
        territory.name, territory.kind = epci.name, epci.kind
        territory.population = epci.population_total
        territory.save(update_fields=["name", "kind", "population", "updated_at"])

    with scopes_disabled():
        existing = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
        to_create, to_update = [], []
        for oc in epci.communes:
            values = {
                "name": oc.name,
                "postal_codes": " ".join(oc.postal_codes),
                "population": oc.population,
                "departement_code": oc.departement_code,
                "departement_name": oc.departement_name,
                "region_code": oc.region_code,
                "region_name": oc.region_name,
                "search_name": fold(oc.name),
            }
            current = existing.pop(oc.insee_code, None)
            if current is None:
                to_create.append(Commune(territory=territory, insee_code=oc.insee_code, **values))
            elif any(getattr(current, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                to_update.append(current)
        Commune.objects.bulk_create(to_create, batch_size=500)
        Commune.objects.bulk_update(to_update, COMMUNE_FIELDS, batch_size=500)
        removed = len(existing)
        if existing:
            Commune.objects.filter(pk__in=[c.pk for c in existing.values()]).delete()
    if not created and (to_create or to_update or removed):
        # Bulk writes send no signal: the caches that show commune names (catalog pages,
        # delivery options, the checkout's communes) are told here, after commit.
        for version in ("catalog_version", "logistics_version"):
            versions_bump(territory_ids=[territory.pk], field=version)
    return ImportReport(territory, created, len(to_create), len(to_update), removed)


SETTINGS_FIELDS = [
    "display_name",
    "tagline",
    "logo",
    "primary_color",
    "accent_color",
    "contact_email",
    "contact_phone",
    "contact_address",
    "publisher_name",
    "legal_mentions",
    "accessibility_contact",
    "accessibility_state",
    "accessibility_audit_date",
    "accessibility_audit_rate",
]


@transaction.atomic
def territory_update_settings(*, by: "User", territory: Territory, values: dict) -> Territory:
    """Save the settings a territory admin edits; values were validated by the form."""
    from pmvt.accounts.access import access_territory_as_admin

    access_territory_as_admin(user=by, territory=territory)
    changed = [name for name in SETTINGS_FIELDS if name in values]
    for name in changed:
        setattr(territory, name, values[name])
    territory.full_clean()
    territory.save(update_fields=[*changed, "updated_at"])
    return territory
