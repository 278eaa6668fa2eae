"""The other kinds of offer in the marketplace search (catalog.kinds): jobs, missions…"""

import pytest

from pmvt.catalog import kinds
from pmvt.catalog.kinds import KindHit, KindResults, OfferKind

CATALOG = "/t/pays-dapt-luberon/marche/catalogue/"


@pytest.fixture
def fake_kind(monkeypatch):
    """A registered kind whose search records its calls and finds 45 numbered offers."""
    calls: list[tuple[str, int, int]] = []

    def search(territory, query, limit, offset):
        calls.append((query, limit, offset))
        found = [f"Offre {n}" for n in range(1, 46) if query.lower() in f"offre {n}"]
        return KindResults(
            count=len(found),
            hits=[
                KindHit(title=title, url=f"/offre/{title}", meta=["CDI", "Apt"])
                for title in found[offset : offset + limit]
            ],
        )

    registry = {"fake": OfferKind(key="fake", label="Annonces", position=1, search=search)}
    monkeypatch.setattr(kinds, "_KINDS", registry)
    return calls


def test_the_products_page_links_every_kind_with_the_words_kept(client, territory, fake_kind):
    response = client.get(CATALOG, {"q": "vélo"})

    body = response.content.decode()
    assert 'href="/t/pays-dapt-luberon/marche/catalogue/?q=v%C3%A9lo&amp;type=fake"' in body
    assert fake_kind == []  # Links only: the products page pays no query for other kinds.


def test_a_kind_page_lists_its_hits_and_pages_them(client, territory, fake_kind):
    first = client.get(CATALOG, {"type": "fake"})
    second = client.get(CATALOG, {"type": "fake", "page": "3"})

    assert first.status_code == 200
    body = first.content.decode()
    assert "45 résultats" in body
    assert body.count('class="card__title"') == 20
    assert 'href="?type=fake&page=2"' in body.replace("&amp;", "&")
    assert 'aria-current="page">Annonces' in body
    assert fake_kind[:2] == [("", 20, 0), ("", 20, 40)]
    assert second.content.decode().count('class="card__title"') == 5


def test_a_kind_page_searches_the_words(client, territory, fake_kind):
    response = client.get(CATALOG, {"type": "fake", "q": "offre 4"})

    body = response.content.decode()
    assert "7 résultats" in body  # 4 and 40–45
    assert fake_kind == [("offre 4", 20, 0)]


@pytest.mark.parametrize("page", ["abc", "-3", "0"])
def test_a_bad_page_number_shows_the_first_page(client, territory, fake_kind, page):
    response = client.get(CATALOG, {"type": "fake", "page": page})

    assert response.status_code == 200
    assert fake_kind == [("", 20, 0)]


def test_an_unknown_kind_shows_products_and_services(client, territory, fake_kind):
    response = client.get(CATALOG, {"type": "nope"})

    assert response.status_code == 200
    assert "Produits ou services" in response.content.decode()  # The products' filters.
    assert fake_kind == []


def test_no_result_says_so(client, territory, fake_kind):
    response = client.get(CATALOG, {"type": "fake", "q": "zzz"})

    assert "Aucune offre de ce type ne correspond à votre recherche." in response.content.decode()
