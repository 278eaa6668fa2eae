"""Skills' share of "download my data" and "delete my account".

Exported: the person's skill profiles (skills and levels, keywords, time, communes, spirit,
visibility), the contact requests they sent and those they received. On erasure all of it
goes: the profiles (with their skills and the requests they received) and the requests sent.
"""

from typing import Any

from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.skills.models import ContactRequest, SkillProfile


def _request(r: ContactRequest) -> dict[str, Any]:
    return {
        "territory": r.territory.name,
        "message": r.message,
        "status": r.status,
        "answer": r.answer,
        "created_at": r.created_at.isoformat(),
        "answered_at": r.answered_at.isoformat() if r.answered_at else None,
    }


def export_skills_data(user: User) -> dict[str, list[dict[str, Any]]]:
    with scopes_disabled():
        profiles = (
            SkillProfile.objects.filter(user=user)
            .select_related("territory")
            .prefetch_related("skills__term", "communes")
            .order_by("pk")
        )
        sent = ContactRequest.objects.filter(sender=user).select_related(
            "territory", "profile__user"
        )
        received = ContactRequest.objects.filter(profile__user=user).select_related(
            "territory", "sender"
        )
        return {
            "profiles": [
                {
                    "territory": p.territory.name,
                    "public_name": p.public_name,
                    "presentation": p.presentation,
                    "skills": [
                        {"term": s.term.label, "level": s.get_level_display()}
                        for s in p.skills.all()
                    ],
                    "keywords": p.keywords,
                    "hours_per_month": p.hours_per_month,
                    "days": p.days,
                    "periods": p.periods,
                    "available_until": p.available_until.isoformat() if p.available_until else None,
                    "communes": [c.name for c in p.communes.all()],
                    "remote": p.remote,
                    "spirits": p.spirits,
                    "visibility": p.visibility,
                    "is_active": p.is_active,
                    "created_at": p.created_at.isoformat(),
                }
                for p in profiles
            ],
            "contact_requests_sent": [
                {**_request(r), "to": r.profile.display_name} for r in sent.order_by("pk")
            ],
            "contact_requests_received": [
                {**_request(r), "from": r.sender.display_name} for r in received.order_by("pk")
            ],
        }


def erase_skills_data(user: User) -> None:
    with scopes_disabled():
        ContactRequest.objects.filter(sender=user).delete()
        SkillProfile.objects.filter(user=user).delete()
