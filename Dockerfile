# Nightstand production image: gunicorn behind your TLS-terminating proxy.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system nightstand && useradd --system --gid nightstand --home /app nightstand
WORKDIR /app

COPY pyproject.toml README.md ./
COPY config ./config
COPY exchange ./exchange
COPY households ./households
COPY insights ./insights
COPY journal ./journal
COPY routines ./routines
RUN pip install .

COPY manage.py ./
COPY templates ./templates
COPY static ./static
# collectstatic needs settings, not secrets: a build-time key that is never used at run time.
RUN SECRET_KEY=build-only DATABASE_URL= DATA_DIR=/tmp/build-data \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/data && chown nightstand:nightstand /app/data

USER nightstand
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request, sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
