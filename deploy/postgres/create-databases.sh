#!/bin/sh
# Run by the postgres image on its first start, as the superuser: a login role per service, each
# owning its own database and nothing else. PUBLIC loses CONNECT on both, so neither service's role
# can open the other's database. The passwords come from .env (deploy/make-credentials.sh).
set -eu
: "${TARIFF_DB_PASSWORD:?TARIFF_DB_PASSWORD is empty: run deploy/make-credentials.sh}"
: "${NEGOTIATION_DB_PASSWORD:?NEGOTIATION_DB_PASSWORD is empty: run deploy/make-credentials.sh}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v tariff_password="$TARIFF_DB_PASSWORD" -v negotiation_password="$NEGOTIATION_DB_PASSWORD" <<'SQL'
CREATE ROLE tariff LOGIN PASSWORD :'tariff_password';
CREATE ROLE negotiation LOGIN PASSWORD :'negotiation_password';
CREATE DATABASE tariff OWNER tariff;
CREATE DATABASE negotiation OWNER negotiation;
REVOKE ALL ON DATABASE tariff FROM PUBLIC;
REVOKE ALL ON DATABASE negotiation FROM PUBLIC;
SQL
