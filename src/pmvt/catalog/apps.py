from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "pmvt.catalog"
    label = "catalog"
