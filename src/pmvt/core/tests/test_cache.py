"""The Redis cache backend shares one client per connection pool (CI's PostgreSQL step)."""

import os

import pytest

from pmvt.core.cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture
def redis_cache():
    if not REDIS_URL:
        pytest.skip("needs Redis: REDIS_URL=redis://…")
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "pmvt-test-cache"})
    yield cache
    cache.delete_many(["answer", "other"])


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client()

    assert redis_cache._cache.get_client("answer") is client
    assert redis_cache._cache.get_client("answer", write=True) is client


def test_values_go_through_the_shared_client(redis_cache):
    redis_cache.set("answer", {"value": 42}, 30)

    assert redis_cache.get("answer") == {"value": 42}
    assert redis_cache.add("answer", "other", 30) is False
    assert redis_cache.get_many(["answer", "other"]) == {"answer": {"value": 42}}
