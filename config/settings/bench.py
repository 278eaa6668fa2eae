"""`make bench`: production settings served over plain HTTP on the loopback."""

from .prod import *

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # Log-ins are not measured.
AXES_ENABLED = False
ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]
LOGGING["root"]["level"] = "WARNING"  # type: ignore[index]
