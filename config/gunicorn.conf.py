"""Sample gunicorn configuration; every value can be overridden from the environment."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One worker per processor: a request is CPU work (Python, then PostgreSQL on the same machine)
# and slow I/O (e-mails, notifications) runs in background tasks, so more workers only make
# requests share the processors and wait longer (`make bench`, 2 cores: checkout p95 170 ms
# with 2 workers, 200 ms with 3, 440 ms with 5). Raise it if PostgreSQL runs elsewhere.
workers = int(os.environ.get("GUNICORN_WORKERS", str(max(2, multiprocessing.cpu_count()))))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle a worker after this many requests (a guard against slow leaks); 0 never recycles.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # empty: no access log
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker) -> None:
    # The application's modules and objects live as long as the worker: keep them out of the
    # cyclic collector's reach, so each collection walks only what requests allocate.
    gc.freeze()
