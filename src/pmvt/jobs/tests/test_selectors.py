"""Reads: the door's live line, the marketplace search kind, the JSON-LD mapping, isolation."""

from decimal import Decimal

from django_scopes import scope

from pmvt.catalog.kinds import offer_kind
from pmvt.jobs.jsonld import employment_type
from pmvt.jobs.models import Contract, JobOffer
from pmvt.jobs.selectors import JobFilters, job_list, open_jobs_line, skill_choices
from pmvt.jobs.tests.conftest import days
from pmvt.portal.doors import door_sections


def test_the_door_line_counts_open_offers(territory, make_offer, bakery):
    assert open_jobs_line(territory) == ""
    make_offer(bakery)
    assert open_jobs_line(territory) == "1 offre ouverte"
    make_offer(bakery, title="Deux")
    expired = make_offer(bakery, title="Expirée")
    JobOffer.objects.filter(pk=expired.pk).update(closes_on=days(-1))
    assert open_jobs_line(territory) == "2 offres ouvertes"


def test_the_market_door_lists_the_jobs_section(territory, offer):
    sections = {s.section.key: s for s in door_sections("market", territory=territory)}
    assert sections["jobs"].url == "/t/pays-dapt-luberon/marche/emplois/"
    assert sections["jobs"].live == "1 offre ouverte"


def test_the_search_kind_finds_open_offers(
    territory, make_offer, bakery, django_assert_num_queries
):
    make_offer(bakery, title="Vendeur en boulangerie", closes_on=days(3))
    make_offer(bakery, title="Pâtissier", skills="pâtisserie", closes_on=days(30))
    make_offer(bakery, title="Brouillon pâtissier", publish=False)
    kind = offer_kind("jobs")
    assert kind is not None and str(kind.label) == "Emplois"

    with django_assert_num_queries(2):
        results = kind.search(territory, "patisseries", 10, 0)
    assert results.count == 1
    assert [hit.title for hit in results.hits] == ["Pâtissier"]

    everything = kind.search(territory, "", 1, 0)
    assert everything.count == 2
    hit = everything.hits[0]
    assert hit.title == "Vendeur en boulangerie"
    assert hit.badge == "Ferme bientôt"
    assert hit.meta[:2] == ["CDD", "Apt"]
    assert hit.summary == "Boulangerie des Ocres"
    assert hit.when == days(3)
    assert kind.search(territory, "", 10, 1).hits[0].title == "Pâtissier"


def test_offers_stay_in_their_territory(territory, other_territory, make_offer, bakery, make_actor):
    make_offer(bakery)
    thann_actor = make_actor("Boulangerie de Thann", in_territory=other_territory)
    make_offer(thann_actor, title="Vendeur à Thann")
    today = days(0)
    assert [o.title for o in job_list(territory=territory, today=today)] == [
        "Vendeur ou vendeuse en boulangerie"
    ]
    assert [o.title for o in job_list(territory=other_territory, today=today)] == [
        "Vendeur à Thann"
    ]
    assert offer_kind("jobs").search(other_territory, "boulangerie", 10, 0).count == 1  # type: ignore[union-attr]
    with scope(territory=other_territory):
        assert list(JobOffer.objects.values_list("title", flat=True)) == ["Vendeur à Thann"]


def test_skill_choices_and_the_skill_filter(territory, make_offer, bakery):
    make_offer(bakery, skills="Pâtisserie, vente")
    make_offer(bakery, title="Autre", skills="vente")
    assert skill_choices(territory=territory, today=days(0)) == ["pâtisserie", "vente"]
    found = job_list(territory=territory, filters=JobFilters(skill="patisserie"), today=days(0))
    assert [o.title for o in found] == ["Vendeur ou vendeuse en boulangerie"]


def test_employment_types():
    def offer(contract: str, hours: str | None = None) -> JobOffer:
        return JobOffer(contract=contract, hours_per_week=Decimal(hours) if hours else None)

    assert employment_type(offer(Contract.CDI, "35")) == ["FULL_TIME"]
    assert employment_type(offer(Contract.CDI, "20")) == ["PART_TIME"]
    assert employment_type(offer(Contract.CDD)) == ["FULL_TIME", "TEMPORARY"]
    assert employment_type(offer(Contract.SEASONAL, "39")) == ["FULL_TIME", "TEMPORARY"]
    assert employment_type(offer(Contract.INTERNSHIP)) == ["INTERN"]
    assert employment_type(offer(Contract.APPRENTICESHIP)) == ["FULL_TIME", "OTHER"]
    assert employment_type(offer(Contract.TZCLD, "24")) == ["PART_TIME"]
