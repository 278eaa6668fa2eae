"""The consultations' share of "download my data" and "delete my account".

Named responses are exported with their answers. Anonymous responses are not linked to the
account, so they are not exported. On erasure every response of the member (named or anonymous)
loses its link: the identity and the keyed hash go, the answers stay in the results.
"""

import secrets
from typing import Any

from django.db.models import Q

from pmvt.accounts.models import User
from pmvt.consultations.export import answer_text
from pmvt.consultations.models import Consultation, Response
from pmvt.consultations.services.responses import voter_key


def export_consultation_responses(user: User) -> list[dict[str, Any]]:
    responses = (
        Response.objects.filter(user=user)
        .select_related("consultation__territory")
        .prefetch_related(
            "answers__question", "answers__choice", "answers__choices", "answers__ranks__choice"
        )
        .order_by("submitted_at", "pk")
    )
    return [
        {
            "territory": response.consultation.territory.name,
            "consultation": response.consultation.title,
            "submitted_at": response.submitted_at.isoformat(),
            "answers": [
                {"question": answer.question.label, "answer": answer_text(answer.question, answer)}
                for answer in sorted(
                    response.answers.all(), key=lambda a: (a.question.position, a.question_id)
                )
            ],
        }
        for response in responses
    ]


def erase_consultation_responses(user: User) -> None:
    """Unlink the member's responses; their answers keep counting in the results."""
    keys = [
        voter_key(user_id=user.pk, consultation_id=pk)
        for pk in Consultation.objects.values_list("pk", flat=True)
    ]
    for pk in Response.objects.filter(Q(user=user) | Q(voter_key__in=keys)).values_list(
        "pk", flat=True
    ):
        Response.objects.filter(pk=pk).update(user=None, voter_key=secrets.token_hex(32))
