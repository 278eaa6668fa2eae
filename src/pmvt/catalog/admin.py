"""The operator's Django admin for the catalog (superusers only; read-only).

Offers are written by their sellers through the services, which keep the search index and
the catalog cache up to date: the admin only shows them.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pmvt.catalog.models import Category, Offer, OfferVariant


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class VariantInline(admin.TabularInline):
    model = OfferVariant
    extra = 0
    fields = ["label", "sku", "price", "pro_price", "stock_tracked", "stock", "is_active"]
    readonly_fields = ["label", "sku", "price", "pro_price", "stock_tracked", "stock", "is_active"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Category)
class CategoryAdmin(ReadOnlyAdmin):
    list_display = ["name", "parent", "position", "is_active", "territory"]
    list_filter = ["is_active", "territory"]
    search_fields = ["name", "slug"]
    list_select_related = ["parent", "territory"]


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ["name", "actor", "category", "price_from", "is_active", "territory"]
    list_filter = ["is_active", "kind", "territory"]
    search_fields = ["name", "actor__trade_name", "actor__legal_name"]
    list_select_related = ["actor", "category", "territory"]
    exclude = ["search_vector"]
    inlines = [VariantInline]
