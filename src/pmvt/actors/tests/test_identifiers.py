"""SIRET, SIREN and NAF checks, and the CAPLA family derived from the NAF code."""

import pytest

from pmvt.actors.capla import capla_family_for_naf
from pmvt.actors.identifiers import (
    clean_naf_code,
    clean_siret,
    fictitious_siret,
    naf_activity,
    naf_sections,
    normalize_naf_code,
    siren_of,
)
from pmvt.actors.models import CaplaFamily
from pmvt.core.exceptions import ApplicationError

# La Poste's establishments do not follow the Luhn key; their sum of digits is a multiple of 5.
LA_POSTE_SIRET = "35600000000048"


def test_accepts_a_siret_with_a_valid_luhn_key_and_removes_spaces():
    siret = fictitious_siret(42)

    assert clean_siret(f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}") == siret


def test_accepts_la_postes_sirets_that_break_the_luhn_rule():
    assert clean_siret("356 000 000 00048") == LA_POSTE_SIRET


def test_keeps_an_empty_siret_empty():
    assert clean_siret("  ") == ""


@pytest.mark.parametrize("value", ["1234567890123", "123456789012345", "7328293200007A"])
def test_rejects_a_siret_without_exactly_fourteen_digits(value):
    with pytest.raises(ApplicationError) as error:
        clean_siret(value)

    assert str(error.value.message) == "Le SIRET doit comporter exactement 14 chiffres."
    assert error.value.code == "invalid_siret"


def test_rejects_a_siret_whose_luhn_key_is_wrong():
    siret = fictitious_siret(42)
    wrong = siret[:-1] + str((int(siret[-1]) + 1) % 10)

    with pytest.raises(ApplicationError) as error:
        clean_siret(wrong)

    assert str(error.value.message) == (
        "Ce SIRET n'est pas valide : sa clé de contrôle ne correspond pas. "
        "Vérifiez les 14 chiffres sur votre avis de situation Insee."
    )


def test_siren_is_the_first_nine_digits_of_the_siret():
    assert siren_of("73282932000074") == "732829320"


def test_fictitious_sirets_are_valid_and_distinct():
    sirets = {fictitious_siret(n) for n in range(200)}

    assert len(sirets) == 200
    assert all(clean_siret(s) == s and s.startswith("000") for s in sirets)


@pytest.mark.parametrize("value", ["1071C", "10.71c", "10.71 C", " 10.71C "])
def test_normalizes_naf_codes(value):
    assert normalize_naf_code(value) == "10.71C"
    assert clean_naf_code(value) == "10.71C"


def test_gives_the_label_and_section_of_a_naf_code():
    activity = naf_activity("10.71C")

    assert activity is not None
    assert (activity.code, activity.label, activity.section, activity.division) == (
        "10.71C",
        "Boulangerie et boulangerie-pâtisserie",
        "C",
        "10",
    )


def test_trims_the_labels_of_the_nomenclature():
    activity = naf_activity("47.29Z")

    assert activity is not None
    assert activity.label == "Autres commerces de détail alimentaires en magasin spécialisé"


@pytest.mark.parametrize("value", ["10.71X", "99.99Z", "boulangerie"])
def test_rejects_a_naf_code_unknown_to_the_nomenclature(value):
    with pytest.raises(ApplicationError) as error:
        clean_naf_code(value)

    assert error.value.code == "invalid_naf"
    assert "nomenclature NAF rév. 2" in str(error.value.message)


def test_lists_the_21_sections_of_naf_with_their_divisions():
    sections = naf_sections()

    assert [s.code for s in sections] == list("ABCDEFGHIJKLMNOPQRSTU")
    assert sections[0].label == "Agriculture, sylviculture et pêche"
    assert sections[0].divisions == ("01", "02", "03")


@pytest.mark.parametrize(
    ("naf_code", "family"),
    [
        ("01.13Z", CaplaFamily.AGRICULTEUR),  # maraîcher
        ("01.21Z", CaplaFamily.AGRICULTEUR),  # vigneron
        ("01.49Z", CaplaFamily.AGRICULTEUR),  # apiculteur
        ("10.71C", CaplaFamily.ARTISAN),  # boulangerie
        ("10.71D", CaplaFamily.ARTISAN),  # pâtisserie
        ("10.82Z", CaplaFamily.ARTISAN),  # confiseur de fruits confits
        ("16.23Z", CaplaFamily.ARTISAN),  # charpente
        ("20.41Z", CaplaFamily.ARTISAN),  # savonnerie
        ("23.41Z", CaplaFamily.ARTISAN),  # potier
        ("43.32A", CaplaFamily.ARTISAN),  # menuisier
        ("95.23Z", CaplaFamily.ARTISAN),  # cordonnier
        ("96.02A", CaplaFamily.ARTISAN),  # coiffure
        ("45.20A", CaplaFamily.COMMERCANT),  # garage
        ("47.21Z", CaplaFamily.COMMERCANT),  # primeur
        ("47.81Z", CaplaFamily.COMMERCANT),  # marchand forain
        ("56.10A", CaplaFamily.COMMERCANT),  # restaurant
        ("69.20Z", CaplaFamily.LIBERAL),  # expert-comptable
        ("71.11Z", CaplaFamily.LIBERAL),  # architecte
        ("75.00Z", CaplaFamily.LIBERAL),  # vétérinaire
        ("86.21Z", CaplaFamily.LIBERAL),  # médecin généraliste
        ("86.90E", CaplaFamily.LIBERAL),  # kinésithérapeute
        ("20.11Z", ""),  # gaz industriels
        ("84.11Z", ""),  # administration publique
        ("94.99Z", ""),  # association
        ("96.09Z", ""),  # other personal services
        ("99.99Z", ""),  # unknown code
    ],
)
def test_derives_the_capla_family_from_the_naf_code(naf_code, family):
    assert capla_family_for_naf(naf_code) == family
