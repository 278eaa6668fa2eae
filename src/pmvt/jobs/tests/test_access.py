"""Permission rules: allow and deny for each helper, and the CV download over HTTP."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pmvt.accounts.models import Role
from pmvt.actors.models import StaffRole
from pmvt.core.exceptions import PermissionDeniedError
from pmvt.jobs.access import (
    access_actor_jobs_as_editor,
    access_actor_jobs_as_staff,
    access_application_cv,
    access_apply,
    access_territory_jobs_as_admin,
    can_edit_offer,
    can_handle_applications,
    can_publish_offer,
    can_view_offer,
)
from pmvt.jobs.tests.conftest import add_staff, apply, owner_of

ANONYMOUS = AnonymousUser()


@pytest.fixture
def people(bakery, make_member, territory, other_territory, make_actor, admin, operator):
    """Everyone the CV rules speak of."""
    return {
        "owner": owner_of(bakery),
        "staff": add_staff(bakery, make_member(territory), StaffRole.STAFF),
        "other_staff": owner_of(make_actor("Confiserie Aptésienne")),
        "other_member": make_member(territory),
        "admin": admin,
        "other_admin": make_member(other_territory, Role.ADMIN),
        "operator": operator,
    }


def test_editing_an_actor_offer(offer, people):
    assert can_edit_offer(user=people["owner"], offer=offer)
    assert not can_edit_offer(user=people["staff"], offer=offer)
    assert not can_edit_offer(user=people["other_staff"], offer=offer)
    assert not can_edit_offer(user=people["admin"], offer=offer)
    assert not can_edit_offer(user=ANONYMOUS, offer=offer)


def test_editing_a_collectivite_offer(make_offer, people):
    offer = make_offer(None, by=people["admin"])
    assert can_edit_offer(user=people["admin"], offer=offer)
    assert can_edit_offer(user=people["operator"], offer=offer)
    assert not can_edit_offer(user=people["other_admin"], offer=offer)
    assert not can_edit_offer(user=people["owner"], offer=offer)
    assert not can_edit_offer(user=ANONYMOUS, offer=offer)


def test_publishing_needs_a_verified_actor(make_actor, make_offer, bakery, people):
    offer = make_offer(bakery, publish=False)
    assert can_publish_offer(user=people["owner"], offer=offer)
    assert not can_publish_offer(user=people["staff"], offer=offer)
    pending = make_actor("En attente", verified=False)
    draft = make_offer(pending, publish=False)
    assert not can_publish_offer(user=owner_of(pending), offer=draft)


def test_handling_applications(offer, make_offer, people):
    assert can_handle_applications(user=people["owner"], offer=offer)
    assert can_handle_applications(user=people["staff"], offer=offer)
    assert not can_handle_applications(user=people["other_staff"], offer=offer)
    assert not can_handle_applications(user=people["admin"], offer=offer)
    assert not can_handle_applications(user=people["operator"], offer=offer)
    own = make_offer(None, by=people["admin"])
    assert can_handle_applications(user=people["admin"], offer=own)
    assert not can_handle_applications(user=people["operator"], offer=own)
    assert not can_handle_applications(user=people["other_admin"], offer=own)


def test_viewing_a_draft(make_offer, bakery, people):
    draft = make_offer(bakery, publish=False)
    assert can_view_offer(user=people["owner"], offer=draft)
    assert not can_view_offer(user=people["other_member"], offer=draft)
    assert not can_view_offer(user=ANONYMOUS, offer=draft)


def test_back_office_access(bakery, territory, people):
    access_actor_jobs_as_staff(user=people["staff"], actor=bakery)
    access_actor_jobs_as_editor(user=people["owner"], actor=bakery)
    with pytest.raises(PermissionDeniedError):
        access_actor_jobs_as_editor(user=people["staff"], actor=bakery)
    for user in (people["other_staff"], people["admin"], people["other_member"], ANONYMOUS):
        with pytest.raises(PermissionDeniedError):
            access_actor_jobs_as_staff(user=user, actor=bakery)
    access_territory_jobs_as_admin(user=people["admin"], territory=territory)
    for user in (people["other_admin"], people["owner"], ANONYMOUS):
        with pytest.raises(PermissionDeniedError):
            access_territory_jobs_as_admin(user=user, territory=territory)


def test_applying_needs_a_membership(territory, member, people):
    access_apply(user=member, territory=territory)
    for user in (people["other_admin"], people["operator"], ANONYMOUS):
        with pytest.raises(PermissionDeniedError):
            access_apply(user=user, territory=territory)


# --- the CV -----------------------------------------------------------------------------------

ACTOR_OFFER_CV = {
    "applicant": True,
    "owner": True,
    "staff": True,
    "other_staff": False,
    "other_member": False,
    "admin": False,
    "other_admin": False,
    "operator": False,
}


@pytest.mark.parametrize(("who", "allowed"), ACTOR_OFFER_CV.items())
def test_who_reads_the_cv_of_an_actor_offer(offer, member, people, who, allowed):
    application = apply(offer, member)
    user = member if who == "applicant" else people[who]
    if allowed:
        access_application_cv(user=user, application=application)
    else:
        with pytest.raises(PermissionDeniedError):
            access_application_cv(user=user, application=application)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("applicant", True),
        ("admin", True),
        ("other_admin", False),
        ("owner", False),
        ("operator", False),
    ],
)
def test_who_reads_the_cv_of_a_collectivite_offer(make_offer, member, people, who, allowed):
    offer = make_offer(None, by=people["admin"])
    application = apply(offer, member)
    user = member if who == "applicant" else people[who]
    if allowed:
        access_application_cv(user=user, application=application)
    else:
        with pytest.raises(PermissionDeniedError):
            access_application_cv(user=user, application=application)


def cv_url(application) -> str:
    return application.get_cv_url()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("applicant", 200),
        ("owner", 200),
        ("staff", 200),
        ("other_staff", 403),
        ("other_member", 403),
        ("admin", 403),
        ("other_admin", 403),
        ("anonymous", 302),
    ],
)
def test_the_cv_download_over_http(client, offer, member, people, who, status, activate_totp):
    application = apply(offer, member)
    if who == "applicant":
        client.force_login(member)
    elif who != "anonymous":
        client.force_login(people[who])

    response = client.get(cv_url(application))

    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith('attachment; filename="cv.pdf"')
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    elif status == 302:
        assert "/comptes/" in response["Location"] or "login" in response["Location"]


def test_the_cv_of_another_territory_is_not_found(
    client, offer, member, make_member, other_territory
):
    application = apply(offer, member)
    client.force_login(member)
    url = cv_url(application).replace("pays-dapt-luberon", other_territory.slug)
    assert client.get(url).status_code == 404


def test_the_admin_downloads_the_cv_of_a_collectivite_offer(client, make_offer, member, people):
    offer = make_offer(None, by=people["admin"])
    application = apply(offer, member)
    client.force_login(people["admin"])
    response = client.get(cv_url(application))
    assert response.status_code == 200
    response.close()
