from django.urls import URLPattern, URLResolver, path

from pmvt.news import views
from pmvt.news.feeds import NewsAtomFeed, NewsRssFeed

app_name = "news"

T = "t/<slug:territory_slug>/"
NEWS = f"{T}valeurs/actualites/"
POST = f"{NEWS}<slug:post_slug>/"
THEME = f"{NEWS}theme/<slug:theme_slug>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(NEWS, views.news_index, name="list"),
    path(f"{NEWS}flux.rss", NewsRssFeed(), name="feed_rss"),
    path(f"{NEWS}flux.atom", NewsAtomFeed(), name="feed_atom"),
    path(f"{THEME}flux.rss", NewsRssFeed(), name="theme_feed_rss"),
    path(f"{THEME}flux.atom", NewsAtomFeed(), name="theme_feed_atom"),
    path(f"{NEWS}proposer/", views.post_new, name="new"),
    path(f"{NEWS}mes-actualites/", views.my_posts, name="mine"),
    path(POST, views.post_detail, name="detail"),
    path(f"{POST}modifier/", views.post_edit, name="edit"),
    path(f"{POST}supprimer/", views.post_remove, name="delete"),
]
