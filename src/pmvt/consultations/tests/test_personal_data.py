"""Download my data and delete my account: the consultations' share."""

from pmvt.accounts.services.users import user_erase, user_export_data
from pmvt.consultations.models import Answer, Response
from pmvt.consultations.services.responses import response_of, response_submit, voter_key
from pmvt.consultations.tests.conftest import full_answer


def test_the_export_lists_named_responses_only(make_consultation, member):
    named = make_consultation("Horaires du marché d'Apt")
    anonymous = make_consultation("Mobilité", anonymous=True)
    response_submit(user=member, consultation=named, data=full_answer(named))
    response_submit(user=member, consultation=anonymous, data=full_answer(anonymous))

    data = user_export_data(user=member)["consultations"]

    assert [item["consultation"] for item in data] == ["Horaires du marché d'Apt"]
    assert data[0]["answers"][0] == {"question": "Quel jour préférez-vous ?", "answer": "Samedi"}
    assert data[0]["answers"][2]["answer"] == "1. Matin | 2. Midi | 3. Soir"
    assert len(data[0]["answers"]) == 5


def test_erasure_unlinks_every_response_and_keeps_the_answers(make_consultation, member):
    named = make_consultation("Horaires du marché d'Apt")
    anonymous = make_consultation("Mobilité", anonymous=True)
    response_submit(user=member, consultation=named, data=full_answer(named))
    response_submit(user=member, consultation=anonymous, data=full_answer(anonymous))
    user_id = member.pk

    user_erase(user=member)

    assert not Response.objects.filter(user_id=user_id).exists()
    for consultation in (named, anonymous):
        key = voter_key(user_id=user_id, consultation_id=consultation.pk)
        assert not Response.objects.filter(voter_key=key).exists()
        assert response_of(user=member, consultation=consultation) is None
    assert Response.objects.count() == 2
    assert Answer.objects.count() == 10
