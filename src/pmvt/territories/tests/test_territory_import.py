"""territory_import: a territory gets exactly its official member communes, idempotently."""

import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from pmvt.conftest import APT_SIREN, THANN_SIREN
from pmvt.territories.models import Commune, Territory, TerritoryKind
from pmvt.territories.official_data import get_epci
from pmvt.territories.services.territories import territory_import

UNKNOWN_SIREN = "123456789"
# Two EPCI share the name "CC des Quatre Rivières" (Haute-Savoie and Haute-Saône).
QUATRE_RIVIERES_74 = "247400666"
QUATRE_RIVIERES_70 = "247000623"


def communes_of(territory: Territory) -> list[Commune]:
    with scopes_disabled():
        return list(Commune.objects.filter(territory=territory).order_by("insee_code"))


def snapshot() -> list[tuple]:
    """Every stored territory and commune, to prove that an action changed nothing."""
    with scopes_disabled():
        return [
            *Territory.objects.order_by("pk").values_list("pk", "siren", "name", "updated_at"),
            *Commune.objects.order_by("pk").values_list(
                "pk", "territory_id", "insee_code", "name", "postal_codes", "population"
            ),
        ]


@pytest.mark.django_db
def test_import_creates_territory_with_exactly_the_official_communes():
    epci = get_epci(APT_SIREN)

    report = territory_import(siren=APT_SIREN)

    territory = Territory.objects.get()
    assert report.territory == territory
    assert (report.created, report.communes_created) == (True, 25)
    assert (report.communes_updated, report.communes_removed) == (0, 0)
    assert (territory.siren, territory.name, territory.kind) == (
        "200040624",
        "CC Pays d'Apt-Luberon",
        TerritoryKind.CC,
    )
    assert (territory.slug, territory.population, territory.is_active) == (
        "pays-dapt-luberon",
        28914,
        True,
    )
    stored = communes_of(territory)
    assert [c.insee_code for c in stored] == sorted(c.insee_code for c in epci.communes)
    official = {c.insee_code: c for c in epci.communes}
    for commune in stored:
        expected = official[commune.insee_code]
        assert (commune.name, commune.postal_code_list, commune.population) == (
            expected.name,
            list(expected.postal_codes),
            expected.population,
        )
        assert (commune.departement_code, commune.departement_name) == (
            expected.departement_code,
            expected.departement_name,
        )
        assert (commune.region_code, commune.region_name) == (
            expected.region_code,
            expected.region_name,
        )
    assert {c.departement_code for c in stored} == {"04", "84"}


@pytest.mark.django_db
def test_import_stores_names_postal_codes_population_departement_and_region():
    territory = territory_import(siren=APT_SIREN).territory

    with scopes_disabled():
        apt = Commune.objects.get(territory=territory, insee_code="84003")
        cereste = Commune.objects.get(territory=territory, insee_code="04045")
    assert (apt.name, apt.postal_codes, apt.population, apt.search_name) == (
        "Apt",
        "84400",
        10143,
        "apt",
    )
    assert (apt.departement_code, apt.departement_name) == ("84", "Vaucluse")
    assert (apt.region_code, apt.region_name) == ("93", "Provence-Alpes-Côte d'Azur")
    assert (cereste.name, cereste.postal_codes, cereste.population) == (
        "Céreste-en-Luberon",
        "04280",
        1219,
    )
    assert (cereste.departement_code, cereste.departement_name) == (
        "04",
        "Alpes-de-Haute-Provence",
    )
    assert cereste.search_name == "cereste en luberon"


@pytest.mark.django_db
def test_reimport_changes_nothing():
    territory_import(siren=APT_SIREN)
    before = snapshot()

    report = territory_import(siren=APT_SIREN)

    assert (report.created, report.communes_created, report.communes_updated) == (False, 0, 0)
    assert report.communes_removed == 0
    assert str(report) == (
        "200040624 CC Pays d'Apt-Luberon : territoire mis à jour, "
        "communes : 0 créée(s), 0 mise(s) à jour, 0 retirée(s)"
    )
    assert snapshot() == before


@pytest.mark.django_db
def test_reimport_restores_changed_commune_removes_extra_and_recreates_missing():
    territory = territory_import(siren=APT_SIREN).territory
    with scopes_disabled():
        # Simulate drift from the official data, as an older import or a manual edit would leave.
        Commune.objects.filter(territory=territory, insee_code="84003").update(
            name="Apt-la-Vieille", population=1
        )
        Commune.objects.filter(territory=territory, insee_code="84145").delete()
        Commune.objects.create(
            territory=territory,
            insee_code="68011",
            name="Aspach-le-Bas",
            departement_code="68",
            departement_name="Haut-Rhin",
            region_code="44",
            region_name="Grand Est",
        )
    Territory.objects.filter(pk=territory.pk).update(name="Ancien nom", population=3)

    report = territory_import(siren=APT_SIREN)

    assert (report.created, report.communes_created, report.communes_updated) == (False, 1, 1)
    assert report.communes_removed == 1
    territory.refresh_from_db()
    assert (territory.name, territory.population) == ("CC Pays d'Apt-Luberon", 28914)
    stored = {c.insee_code: c for c in communes_of(territory)}
    assert sorted(stored) == sorted(c.insee_code for c in get_epci(APT_SIREN).communes)
    assert (stored["84003"].name, stored["84003"].population) == ("Apt", 10143)
    assert stored["84145"].name == "Villars"
    assert "68011" not in stored


@pytest.mark.django_db
def test_import_keeps_territory_settings_on_reimport():
    territory = territory_import(siren=APT_SIREN).territory
    Territory.objects.filter(pk=territory.pk).update(
        display_name="Pays d'Apt", primary_color="#000000", slug="apt", is_active=False
    )

    territory_import(siren=APT_SIREN)

    territory.refresh_from_db()
    assert (territory.display_name, territory.primary_color) == ("Pays d'Apt", "#000000")
    assert (territory.slug, territory.is_active) == ("apt", False)


@pytest.mark.django_db
def test_import_gives_the_second_homonymous_territory_a_slug_suffixed_with_its_siren():
    first = territory_import(siren=QUATRE_RIVIERES_74).territory
    second = territory_import(siren=QUATRE_RIVIERES_70).territory

    assert first.name == second.name == "CC des Quatre Rivières"
    assert first.slug == "des-quatre-rivieres"
    assert second.slug == "des-quatre-rivieres-247000623"
    # Re-importing does not move a published address.
    assert territory_import(siren=QUATRE_RIVIERES_74).territory.slug == "des-quatre-rivieres"
    assert territory_import(siren=QUATRE_RIVIERES_70).territory.slug == (
        "des-quatre-rivieres-247000623"
    )


@pytest.mark.django_db
def test_command_imports_and_prints_what_it_did():
    out = StringIO()

    call_command("territory_import", APT_SIREN, THANN_SIREN, stdout=out)

    assert out.getvalue().splitlines() == [
        "200040624 CC Pays d'Apt-Luberon : territoire créé, "
        "communes : 25 créée(s), 0 mise(s) à jour, 0 retirée(s)",
        "200036465 CC de Thann-Cernay : territoire créé, "
        "communes : 16 créée(s), 0 mise(s) à jour, 0 retirée(s)",
        "2 territoire(s) importé(s) (2 nouveau(x)), 41 commune(s) créée(s).",
    ]
    assert sorted(Territory.objects.values_list("siren", flat=True)) == [THANN_SIREN, APT_SIREN]


@pytest.mark.django_db
def test_command_reports_nothing_to_do_on_reimport():
    call_command("territory_import", APT_SIREN, stdout=StringIO())
    out = StringIO()

    call_command("territory_import", APT_SIREN, stdout=out)

    assert out.getvalue().splitlines() == [
        "200040624 CC Pays d'Apt-Luberon : territoire mis à jour, "
        "communes : 0 créée(s), 0 mise(s) à jour, 0 retirée(s)",
        "1 territoire(s) importé(s) (0 nouveau(x)), 0 commune(s) créée(s).",
    ]


@pytest.mark.django_db
def test_command_rejects_unknown_siren_and_changes_nothing():
    with pytest.raises(CommandError) as error:
        call_command("territory_import", UNKNOWN_SIREN, stdout=StringIO())

    assert str(error.value) == (
        "SIREN inconnu : aucun EPCI de ce numéro dans les données officielles "
        "(découpage administratif), rien n'a été importé : 123456789"
    )
    assert snapshot() == []


@pytest.mark.django_db
def test_command_rejects_unknown_siren_mixed_with_valid_one_and_creates_nothing():
    call_command("territory_import", THANN_SIREN, stdout=StringIO())
    before = snapshot()

    with pytest.raises(CommandError) as error:
        call_command("territory_import", APT_SIREN, UNKNOWN_SIREN, "999", stdout=StringIO())

    assert str(error.value) == ("SIREN mal formé (9 chiffres attendus), rien n'a été importé : 999")
    assert snapshot() == before
    assert not Territory.objects.filter(siren=APT_SIREN).exists()


@pytest.mark.django_db
def test_command_rejects_no_siren_and_sirens_with_all():
    with pytest.raises(CommandError) as nothing:
        call_command("territory_import", stdout=StringIO())
    with pytest.raises(CommandError) as both:
        call_command("territory_import", APT_SIREN, "--all", stdout=StringIO())

    assert str(nothing.value) == "Donnez au moins un numéro SIREN, ou --all."
    assert str(both.value) == "Donnez soit des numéros SIREN, soit --all, pas les deux."
    assert snapshot() == []


@pytest.mark.slow
@pytest.mark.django_db
def test_command_all_imports_every_epci_and_commune():
    out = StringIO()
    started = time.perf_counter()

    call_command("territory_import", "--all", stdout=out)

    elapsed = time.perf_counter() - started
    assert out.getvalue() == (
        "1255 territoire(s) importé(s) (1255 nouveau(x)), 34871 commune(s) créée(s).\n"
    )
    assert Territory.objects.count() == 1255
    assert Territory.objects.values("slug").distinct().count() == 1255
    with scopes_disabled():
        assert Commune.objects.count() == 34871
        assert Commune.objects.filter(territory__siren=APT_SIREN).count() == 25
    assert Territory.objects.get(siren=QUATRE_RIVIERES_70).slug == "des-quatre-rivieres"
    assert Territory.objects.get(siren=QUATRE_RIVIERES_74).slug == "des-quatre-rivieres-247400666"
    assert elapsed < 60, f"--all took {elapsed:.1f} s"
