from django.db import connection
from django.test.utils import CaptureQueriesContext
def test_count(client, territory, make_member, seller, make_offer):
    make_offer(seller, "Pain")
    for logged in (False, True):
        if logged:
            client.force_login(make_member(territory))
        with CaptureQueriesContext(connection) as q:
            client.get("/t/pays-dapt-luberon/marche/catalogue/?q=pain")
        print(logged, len(q), [x["sql"][:40] for x in q.captured_queries])
