"""The public API v1 (django-ninja): territories and their communes."""

import json

import pytest

from pmvt.conftest import APT_SIREN
from pmvt.territories.models import Territory
from pmvt.territories.official_data import get_epci
from pmvt.territories.services.territories import territory_update_settings


def test_lists_active_territories_with_exact_fields(client, territory, other_territory):
    Territory.objects.filter(pk=other_territory.pk).update(is_active=False)

    response = client.get("/api/v1/territories")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == [
        {
            "slug": "pays-dapt-luberon",
            "name": "CC Pays d'Apt-Luberon",
            "siren": "200040624",
            "kind": "CC",
            "population": 28914,
            "url": "http://testserver/t/pays-dapt-luberon/",
        }
    ]


def test_lists_territories_by_name(client, territory, other_territory):
    response = client.get("/api/v1/territories")

    assert [t["slug"] for t in response.json()] == ["pays-dapt-luberon", "de-thann-cernay"]


def test_list_shows_the_public_name(client, territory, admin):
    territory_update_settings(by=admin, territory=territory, values={"display_name": "Pays d'Apt"})

    assert client.get("/api/v1/territories").json()[0]["name"] == "Pays d'Apt"


def test_list_is_empty_without_territory(client, db):
    response = client.get("/api/v1/territories")

    assert (response.status_code, response.json()) == (200, [])


def test_detail_gives_the_official_communes_with_insee_codes(client, territory):
    response = client.get("/api/v1/territories/pays-dapt-luberon")

    assert response.status_code == 200
    data = response.json()
    communes = data.pop("communes")
    assert data == {
        "slug": "pays-dapt-luberon",
        "name": "CC Pays d'Apt-Luberon",
        "siren": "200040624",
        "kind": "CC",
        "population": 28914,
        "url": "http://testserver/t/pays-dapt-luberon/",
    }
    assert sorted(c["insee_code"] for c in communes) == sorted(
        c.insee_code for c in get_epci(APT_SIREN).communes
    )
    assert [c["name"] for c in communes] == sorted(c["name"] for c in communes)
    apt = next(c for c in communes if c["insee_code"] == "84003")
    assert apt == {
        "insee_code": "84003",
        "name": "Apt",
        "postal_codes": ["84400"],
        "population": 10143,
        "departement_code": "84",
        "region_code": "93",
    }


def test_detail_holds_only_the_territorys_communes(client, territory, other_territory):
    response = client.get("/api/v1/territories/de-thann-cernay")

    codes = [c["insee_code"] for c in response.json()["communes"]]
    assert len(codes) == 16
    assert all(code.startswith("68") for code in codes)


@pytest.mark.parametrize("slug", ["nulle-part", "pays-dapt-luberon"])
def test_detail_answers_404_for_an_unknown_or_inactive_territory(client, territory, slug):
    Territory.objects.filter(pk=territory.pk).update(is_active=False)

    response = client.get(f"/api/v1/territories/{slug}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_openapi_schema_is_valid_json_with_both_paths(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "PM-VT API"
    assert schema["info"]["version"] == "1"
    assert sorted(schema["paths"]) == ["/api/v1/territories", "/api/v1/territories/{slug}"]
    assert list(schema["paths"]["/api/v1/territories"]) == ["get"]
    assert list(schema["paths"]["/api/v1/territories/{slug}"]) == ["get"]
    assert set(schema["components"]["schemas"]) >= {
        "TerritorySummary",
        "TerritoryDetail",
        "CommuneOut",
    }


def test_api_is_read_only(client, territory):
    response = client.post("/api/v1/territories", {"slug": "pirate"})

    assert response.status_code == 405
    assert Territory.objects.count() == 1
