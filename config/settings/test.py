"""The test suite: fast hashing, in-memory email, tasks run immediately."""

from .base import *

SECRET_KEY = "test-only-insecure-key-0123456789-abcdefghijklmnopqrstuvwxyz"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = VAR_DIR / "test-media"
PMVT_PRIVATE_ROOT = VAR_DIR / "test-private"
PMVT_MAP_TILE_URL = ""  # No network in tests.
# Tests read what they just wrote in one uncommitted transaction; pmvt.catalog.tests.test_cache
# turns the cache on to prove its invalidation.
PMVT_CATALOG_CACHE_SECONDS = 0
PMVT_LOGISTICS_CACHE_SECONDS = 0
PMVT_TERRITORY_CACHE_SECONDS = 0
if not DATABASE_URL:
    # A file-less database keeps `make test` self-contained.
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["TEST"] = {"NAME": None}
