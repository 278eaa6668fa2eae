"""News: a visitor reads the territory's news (home, list, filter, post), and the demo
inhabitant proposes a post, told it waits for moderation, and finds it in "Mes actualités"."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import HOME, log_in

pytestmark = pytest.mark.browser

NEWS = f"{HOME}valeurs/actualites/"
INHABITANT = "habitant@demo.pmvt.fr"


@pytest.fixture
def demo(transactional_db):
    """The demo territory, its accounts, its actors, its themes and its news (pmvt.demo)."""
    from django_scopes import scope, scopes_disabled

    from pmvt.demo.actors import load_actors
    from pmvt.demo.community import load_community
    from pmvt.demo.loader import load_foundation
    from pmvt.demo.news import load_news

    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_community(territory)
        load_news(territory)
    return territory


def fits_a_phone(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def test_a_visitor_reads_the_news(page, axe, demo):
    page.goto(HOME)
    section = page.locator(".news-home")
    expect(section.get_by_role("heading", level=2)).to_have_text("Quoi de neuf sur le territoire ?")
    expect(section.locator(".news-card")).to_have_count(5)
    axe.check(page)

    section.get_by_role("link", name="Toutes les actualités").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actualités")
    expect(page.locator(".news-card")).to_have_count(8)  # The pending one is not shown.
    expect(page.locator("main")).not_to_contain_text("Vide-grenier de l'école de Villars")
    expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]')).to_have_count(1)
    axe.check(page)
    assert fits_a_phone(page)

    page.get_by_label("Thème", exact=True).select_option(label="Mobilité")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator(".news-card")).to_have_count(3)
    expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).to_have_count(2)
    axe.check(page)

    page.get_by_role("link", name="Une navette gratuite entre Apt et Roussillon cet été").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Une navette gratuite entre Apt et Roussillon cet été"
    )
    expect(page.locator(".news-post__body strong")).to_have_text("gratuite")
    expect(page.locator("main")).to_contain_text("CC Pays d'Apt-Luberon")
    axe.check(page)
    assert fits_a_phone(page)

    response = page.request.get(f"{NEWS}flux.atom")
    assert response.ok
    assert "Une navette gratuite" in response.text()


def test_an_inhabitant_proposes_a_post_that_waits_for_moderation(page, axe, demo):
    from pmvt.demo.loader import DEMO_PASSWORD

    log_in(page, axe, INHABITANT, DEMO_PASSWORD)
    page.goto(NEWS)
    axe.check(page)
    page.get_by_role("link", name="Proposer une actualité").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer une actualité")
    expect(page.locator("main")).to_contain_text("relue par la modération")
    axe.check(page)
    assert fits_a_phone(page)

    # Nothing is saved while the form has an error; what was typed is kept.
    page.get_by_label("Texte").fill("La chorale cherche des voix graves.")
    page.get_by_role("button", name="Envoyer l'actualité").click()
    expect(page.locator(".error-summary")).to_contain_text("Titre")
    expect(page.get_by_label("Texte")).to_have_value("La chorale cherche des voix graves.")
    axe.check(page)

    page.get_by_label("Titre").fill("La chorale de Saint-Saturnin recrute")
    page.get_by_label("Texte").fill(
        "La chorale cherche des **voix graves** pour son concert de Noël.\n\n"
        "<script>alert(1)</script>"
    )
    page.get_by_label("Culture et patrimoine").check()
    page.get_by_label("Commune concernée").select_option(label="Saint-Saturnin-lès-Apt")
    page.get_by_role("button", name="Envoyer l'actualité").click()

    expect(page.get_by_role("status")).to_contain_text("après relecture par la modération")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "La chorale de Saint-Saturnin recrute"
    )
    expect(page.locator(".news-status")).to_contain_text("En attente de modération")
    expect(page.locator(".news-post__body strong")).to_have_text("voix graves")
    expect(page.locator(".news-post__body")).to_contain_text("<script>alert(1)</script>")
    axe.check(page)

    page.goto(f"{NEWS}mes-actualites/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes actualités")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("La chorale de Saint-Saturnin recrute")
    expect(rows.first).to_contain_text("En attente de modération")
    axe.check(page)
    assert fits_a_phone(page)
