"""schema.org JobPosting of an offer's page, for search engines (Google for Jobs)."""

from decimal import Decimal
from typing import Any

from django.http import HttpRequest

from pmvt.core.markdown import render_markdown
from pmvt.jobs.models import Contract, JobOffer, SalaryPeriod

FULL_TIME_HOURS = Decimal("35")  # The French legal working week.

SALARY_UNITS = {
    SalaryPeriod.HOUR: "HOUR",
    SalaryPeriod.MONTH: "MONTH",
    SalaryPeriod.YEAR: "YEAR",
}


def employment_type(offer: JobOffer) -> list[str]:
    """schema.org's employmentType values for a French contract."""
    part_time = offer.hours_per_week is not None and offer.hours_per_week < FULL_TIME_HOURS
    time_kind = "PART_TIME" if part_time else "FULL_TIME"
    if offer.contract in (Contract.CDI, Contract.TZCLD):
        return [time_kind]
    if offer.contract in (Contract.CDD, Contract.SEASONAL):
        return [time_kind, "TEMPORARY"]
    if offer.contract == Contract.INTERNSHIP:
        return ["INTERN"]
    return [time_kind, "OTHER"]  # Apprenticeship: work and study.


def _amount(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def job_posting_json_ld(*, offer: JobOffer, request: HttpRequest) -> dict[str, Any]:
    organisation: dict[str, Any] = {"@type": "Organization", "name": offer.employer_name}
    if offer.actor is not None:
        organisation["sameAs"] = request.build_absolute_uri(offer.actor.get_absolute_url())
    else:
        organisation["sameAs"] = request.build_absolute_uri(offer.territory.get_absolute_url())
    commune = offer.commune
    address: dict[str, Any] = {
        "@type": "PostalAddress",
        "addressLocality": commune.name,
        "addressRegion": commune.region_name,
        "addressCountry": "FR",
    }
    postal_codes = commune.postal_code_list
    if postal_codes:
        address["postalCode"] = postal_codes[0]
    if offer.actor is not None and offer.actor.commune_id == commune.pk:
        address["streetAddress"] = offer.actor.address
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": offer.title,
        "description": str(render_markdown(offer.description)),
        "datePosted": (offer.published_at or offer.created_at).date().isoformat(),
        "validThrough": f"{offer.closes_on.isoformat()}T23:59:59",
        "employmentType": employment_type(offer),
        "hiringOrganization": organisation,
        "jobLocation": {"@type": "Place", "address": address},
        "url": request.build_absolute_uri(offer.get_absolute_url()),
        "directApply": True,
        "identifier": {"@type": "PropertyValue", "name": offer.employer_name, "value": offer.pk},
    }
    if offer.skills:
        data["skills"] = ", ".join(offer.skills)
    if offer.starts_on:
        data["jobStartDate"] = offer.starts_on.isoformat()
    if offer.hours_per_week is not None:
        data["workHours"] = f"{offer.hours_per_week.normalize():f} h / semaine"
    if offer.has_salary and offer.salary_period:
        value: dict[str, Any] = {
            "@type": "QuantitativeValue",
            "unitText": SALARY_UNITS[SalaryPeriod(offer.salary_period)],
        }
        if offer.salary_min is not None and offer.salary_max is not None:
            if offer.salary_min == offer.salary_max:
                value["value"] = _amount(offer.salary_min)
            else:
                value["minValue"] = _amount(offer.salary_min)
                value["maxValue"] = _amount(offer.salary_max)
        elif offer.salary_min is not None:
            value["minValue"] = _amount(offer.salary_min)
        elif offer.salary_max is not None:
            value["maxValue"] = _amount(offer.salary_max)
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "EUR", "value": value}
    return data
