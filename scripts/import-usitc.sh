#!/usr/bin/env bash
# Streams a USITC annual tariff database file (tariff_database_YYYY.csv, plain or .gz) to a
# running tariff service's ImportTariffData, which replaces the schedule and prints a summary.
# Usage: TOKEN=... scripts/import-usitc.sh [--validate-only] FILE [HOST:PORT]     (default 127.0.0.1:5101)
# TOKEN is a bearer token with the schedule.import permission (the ustr role). The header states
# the file's length, SHA-256 and row count, which the service checks before it changes anything;
# with --validate-only it reports what the file would change and changes nothing.
# Uses grpcurl when it is installed, otherwise buf curl through npx.
set -euo pipefail
usage='usage: TOKEN=... scripts/import-usitc.sh [--validate-only] FILE [HOST:PORT]'
validate_only=false
if [ "${1:-}" = --validate-only ]; then
  validate_only=true
  shift
fi
file=${1:?$usage}
token=${TOKEN:?TOKEN must hold a bearer token with schedule.import (the ustr role)}
address=${2:-127.0.0.1:5101}
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 1; }
gzip=false
read_file=(cat "$file")
case "$file" in *.gz) gzip=true; read_file=(gzip -dc "$file") ;; esac
size=$(stat -c %s "$file")
sha256=$(sha256sum "$file" | cut -d' ' -f1)
# Rows after the header line (USITC rows hold no line breaks); a last line without one counts too.
rows=$("${read_file[@]}" | awk 'END { print NR - 1 }')

messages() {
  printf '{"header": {"format": "TARIFF_DATA_FORMAT_USITC_ANNUAL_CSV", "gzip": %s, "file_name": "%s", "size_bytes": "%s", "sha256": "%s", "row_count": %s, "validate_only": %s}}\n' \
    "$gzip" "$(basename "$file")" "$size" "$sha256" "$rows" "$validate_only"
  # 1 MiB chunks, each one message with its bytes in base64 (proto JSON for bytes).
  split -b 1048576 --filter='printf "{\"chunk\": \"%s\"}\n" "$(base64 -w0)"' "$file"
}

method=trade.tariff.v1.TariffService/ImportTariffData
if command -v grpcurl >/dev/null; then
  messages | grpcurl -plaintext -max-msg-sz 16777216 -H "authorization: Bearer $token" -d @ "$address" "$method"
else
  root=$(cd "$(dirname "$0")/.." && pwd)
  messages | (cd "$root" && npx buf curl --protocol grpc --http2-prior-knowledge -H "authorization: Bearer $token" -d @- "http://$address/$method")
fi
