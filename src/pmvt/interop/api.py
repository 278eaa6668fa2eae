"""PM-VT's open API (v1): public, read-only for now. OpenAPI schema at /api/v1/openapi.json."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django_scopes import scopes_disabled
from ninja import NinjaAPI, Schema

from pmvt.territories.selectors import commune_list, territory_list_active

api = NinjaAPI(
    title="PM-VT API",
    version="1",
    description=(
        "API ouverte de PM-VT (Place des Marchés – Valeurs Territoriales). "
        "Données des territoires issues du découpage administratif d'Etalab (licence MIT)."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)


class TerritorySummary(Schema):
    slug: str
    name: str
    siren: str
    kind: str
    population: int
    url: str


class CommuneOut(Schema):
    insee_code: str
    name: str
    postal_codes: list[str]
    population: int
    departement_code: str
    region_code: str


class TerritoryDetail(TerritorySummary):
    communes: list[CommuneOut]


def _summary(territory, request: HttpRequest) -> dict:
    return {
        "slug": territory.slug,
        "name": territory.public_name,
        "siren": territory.siren,
        "kind": territory.kind,
        "population": territory.population,
        "url": request.build_absolute_uri(territory.get_absolute_url()),
    }


@api.get("/territories", response=list[TerritorySummary], tags=["territories"])
def list_territories(request: HttpRequest):
    """The federated territories of this installation."""
    return [_summary(t, request) for t in territory_list_active()]


@api.get("/territories/{slug}", response=TerritoryDetail, tags=["territories"])
def get_territory(request: HttpRequest, slug: str):
    """One territory with its member communes and their INSEE codes."""
    territory = get_object_or_404(territory_list_active(), slug=slug)
    with scopes_disabled():
        communes = [
            {
                "insee_code": c.insee_code,
                "name": c.name,
                "postal_codes": c.postal_code_list,
                "population": c.population,
                "departement_code": c.departement_code,
                "region_code": c.region_code,
            }
            for c in commune_list(territory=territory)
        ]
    return {**_summary(territory, request), "communes": communes}
