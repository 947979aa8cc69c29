FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/app/var MEDIA_ROOT=/app/var/media STATIC_ROOT=/app/var/static

# pango and fonts for WeasyPrint's PDF reports.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
# Static files are collected at build time; the key only satisfies the
# settings' production check and is never used at run time.
RUN DEBUG=false SECRET_KEY=collectstatic-only-build-key-0000000000000000000000000000 \
    python manage.py collectstatic --noinput -v0 \
    && useradd --system --home /app factcheck \
    && mkdir -p /app/var/media && chown -R factcheck /app/var

USER factcheck
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
