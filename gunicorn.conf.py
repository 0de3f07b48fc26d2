"""How gunicorn serves Nightstand, in one place: the image, compose and the tests all start
`gunicorn --config gunicorn.conf.py`, and tune it through the environment.

- GUNICORN_BIND (default 0.0.0.0:8000): where to listen.
- WEB_CONCURRENCY (default 3): worker processes; about 2 × cores + 1 for sync workers.
- GUNICORN_TIMEOUT (default 30): seconds a worker may spend on one request before it is
  replaced; the slowest page (the year's report) answers in well under a second.
- GUNICORN_GRACEFUL_TIMEOUT (default 20): on SIGTERM, seconds that requests in flight get to
  finish. Docker waits 10 s before SIGKILL unless `stop_grace_period` says more (compose does).
- GUNICORN_KEEPALIVE (default 5): seconds an idle keep-alive connection from the proxy is kept.
"""

import os


def _seconds(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


wsgi_app = "config.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND") or "0.0.0.0:8000"]
workers = _seconds("WEB_CONCURRENCY", 3)
timeout = _seconds("GUNICORN_TIMEOUT", 30)
graceful_timeout = _seconds("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = _seconds("GUNICORN_KEEPALIVE", 5)

accesslog = "-"
errorlog = "-"
# The heartbeat file of each worker: in memory, since a container's disk may be slow or
# read-only, and a stalled write would look like a hung worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No runtime control socket: it would sit in the (read-only) home of the app's user, and
# several instances on one host would fight over the same path.
control_socket_disable = True
