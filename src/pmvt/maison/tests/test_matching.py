"""The ranking of the crafted fixtures (conftest.world), and the reasons given."""

from pmvt.maison.matching import suggest_assets, suggest_needs, suggest_people
from pmvt.maison.services.invitations import help_offer, invitation_decline, invitation_send


def names(suggestions):
    return [s.profile.public_name for s in suggestions]


def test_ranks_people_for_a_skill_need_by_skills_level_time_distance_and_spirit(world):
    suggestions = suggest_people(need=world["accounting"])

    assert names(suggestions)[:3] == ["Claire", "Marc", "Sophie"]
    assert [s.score for s in suggestions[:3]] == [0.893, 0.867, 0.583]
    assert suggestions[0].reasons == [
        "3 compétences sur 3",
        "niveau expert (souhaité : confirmé)",
        "10 h/mois disponibles (besoin : 8 h)",
        "à 8 km",
        "dans un esprit bénévole",
    ]
    assert suggestions[1].reasons == [
        "2 compétences sur 3",
        "niveau confirmé (souhaité : confirmé)",
        "12 h/mois disponibles (besoin : 8 h)",
        "dans la même commune",
        "dans un esprit bénévole",
    ]
    assert suggestions[2].reasons == [
        "3 compétences sur 3",
        "niveau intermédiaire (souhaité : confirmé)",
        "4 h/mois disponibles (besoin : 8 h)",
        "à 20 km",
        "souhaite être rémunéré",
    ]


def test_leaves_out_the_team_inactive_and_expired_profiles_and_people_without_the_skill(world):
    suggested = names(suggest_people(need=world["accounting"], limit=50))

    assert suggested == ["Claire", "Marc", "Sophie", "Nina"]  # Not Léo: no skill in common.
    assert "Hélène" not in suggested  # carrier
    assert "Bruno" not in suggested  # team member
    assert "Paul" not in suggested  # profile paused
    assert "Rose" not in suggested  # available until yesterday


def test_ranks_volunteers_by_keywords_with_french_stemming(world):
    suggestions = suggest_people(need=world["garden"])

    assert names(suggestions)[:3] == ["Léo", "Marc", "Claire"]
    assert suggestions[0].reasons == [
        "mots-clés en commun : jardin, potager",
        "6 h/mois disponibles (besoin : 4 h)",
        "dans la même commune",
        "dans un esprit bénévole",
    ]
    assert suggestions[1].reasons[0] == "mots-clés en commun : potager"
    assert suggestions[2].reasons == [
        "10 h/mois disponibles (besoin : 4 h)",
        "à 12 km",
        "dans un esprit bénévole",
    ]


def test_a_remote_profile_fits_a_need_that_may_be_met_remotely(world):
    suggestions = suggest_people(need=world["website"])

    assert names(suggestions) == ["Nina"]
    assert suggestions[0].score == 0.917
    assert "peut aider à distance" in suggestions[0].reasons
    assert "à 50 km" not in suggestions[0].reasons


def test_people_with_an_active_invitation_are_no_longer_suggested(world):
    claire = world["people"]["claire"][0]
    sophie = world["people"]["sophie"][0]
    invitation = invitation_send(need=world["accounting"], by=world["carrier"], person=claire)
    help_offer(need=world["accounting"], person=sophie)

    assert names(suggest_people(need=world["accounting"]))[:2] == ["Marc", "Nina"]

    invitation_decline(invitation=invitation, by=claire)
    assert names(suggest_people(need=world["accounting"]))[:2] == ["Claire", "Marc"]


def test_ranks_free_assets_of_the_kind_asked_by_words_distance_and_condition(world):
    suggestions = suggest_assets(need=world["room"])

    # Not the booked room, the tool, nor the draft.
    assert [s.asset.title for s in suggestions if s.asset] == [
        "Salle des fêtes d'Apt",
        "Grange des Argiles",
        "Salle du moulin",
    ]
    assert [s.score for s in suggestions] == [0.67, 0.593, 0.493]
    first = world["room"].starts_on
    last = world["room"].ends_on
    period = (
        f"libre du {first.day} au {last.day} {_month(last)}"
        if first.month == last.month
        else f"libre du {first.day} {_month(first)} au {last.day} {_month(last)}"
    )
    assert suggestions[0].reasons == [
        period,
        "dans la même commune",
        "mots en commun : salle",
        "avec participation aux frais",
    ]
    assert suggestions[1].reasons == [period, "à 8 km", "gratuit"]


def _month(day):
    return [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ][day.month - 1]  # fmt: skip


def test_people_suggestions_are_empty_for_an_asset_need_and_assets_for_a_skill_need(world):
    assert suggest_people(need=world["room"]) == []
    assert suggest_assets(need=world["accounting"]) == []


def test_suggests_projects_to_a_person_with_reasons_from_their_side(world):
    nina = world["people"]["nina"][1]
    suggestions = suggest_needs(profile=nina)

    assert [s.need.title for s in suggestions if s.need] == [
        "Refaire le site de l'épicerie",
        "Tenir la comptabilité de l'épicerie",
        "Chantier participatif au jardin partagé",
    ]
    assert suggestions[0].reasons == [
        "1 compétence sur 1",
        "8 h/mois disponibles (besoin : 6 h)",
        "possible à distance",
        "dans un esprit d'échange de services",
    ]


def test_suggests_no_project_of_ones_own_team_nor_already_offered(world):
    assert suggest_needs(profile=world["carrier_profile"]) == []
    marc, marc_profile = world["people"]["marc"]
    help_offer(need=world["accounting"], person=marc)

    assert [s.need.title for s in suggest_needs(profile=marc_profile) if s.need] == [
        "Chantier participatif au jardin partagé"
    ]


def test_suggests_nothing_to_a_paused_profile(world):
    assert suggest_needs(profile=world["people"]["paul"][1]) == []
