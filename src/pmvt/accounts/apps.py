from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pmvt.accounts"
    label = "accounts"
