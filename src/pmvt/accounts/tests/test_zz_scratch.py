from axes.models import AccessAttempt
from pmvt.conftest import PASSWORD

def test_scratch(client, member, make_user, settings):
    other = make_user("autre@apt.test")
    for i in range(5):
        r = client.post("/compte/login/", {"login": member.email, "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
        print(i, r.status_code)
    print(list(AccessAttempt.objects.values("username","ip_address","failures_since_start")))
    r = client.post("/compte/login/", {"login": member.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    print("locked?", r.status_code, r.templates[0].name if r.templates else None, r.get("Location"))
    r = client.post("/compte/login/", {"login": other.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    print("other same ip", r.status_code, r.get("Location"))
    client.logout()
    r = client.post("/compte/login/", {"login": member.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    print("same email other ip", r.status_code, r.get("Location"))
    assert 0
