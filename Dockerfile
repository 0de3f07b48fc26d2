# Nightstand production image: gunicorn behind your TLS-terminating proxy.
# Pinned to an exact release and digest: a rebuild gets the same base until this line changes.
FROM python:3.12.12-slim-bookworm@sha256:593bd06efe90efa80dc4eee3948be7c0fde4134606dd40d8dd8dbcade98e669c

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A fixed numeric id, so that the host and Kubernetes' runAsNonRoot can tell it is not root.
RUN groupadd --system --gid 10001 nightstand \
    && useradd --system --uid 10001 --gid nightstand --home /app nightstand
WORKDIR /app

# The dependencies are exact pins in pyproject.toml.
COPY pyproject.toml README.md ./
COPY config ./config
COPY exchange ./exchange
COPY households ./households
COPY insights ./insights
COPY journal ./journal
COPY routines ./routines
COPY reminders ./reminders
COPY api ./api
COPY offline ./offline
RUN pip install --no-cache-dir .

COPY manage.py gunicorn.conf.py ./
COPY bin/docker-entrypoint ./bin/docker-entrypoint
COPY templates ./templates
# The compiled translations (.mo) are committed next to their .po: no gettext in the image.
COPY locale ./locale
COPY static ./static
# collectstatic needs settings, not secrets: a build-time key that is never used at run time.
# It writes hashed names with brotli and gzip copies, which whitenoise serves.
RUN SECRET_KEY=build-only DATABASE_URL='' DATA_DIR=/tmp/build-data \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/data && chown nightstand:nightstand /app/data

USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
# The entrypoint migrates, then execs the command: gunicorn is PID 1 and stops gracefully on
# SIGTERM. Workers, timeouts and the address come from the environment (gunicorn.conf.py).
ENTRYPOINT ["/app/bin/docker-entrypoint"]
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
