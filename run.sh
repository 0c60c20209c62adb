#!/usr/bin/env bash
# Builds and starts both services with embedded defaults (SQLite under .data/, in-process
# cache) and development credentials (.data/dev/: a token signing key, a certificate authority,
# and tokens for the roles in .data/dev/tokens.env). Stops both on Ctrl-C or SIGTERM.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"

tariff_url=${TARIFF_URL:-http://127.0.0.1:5101}
tariff_services_url=${TARIFF_SERVICES_URL:-https://127.0.0.1:5111}
negotiation_url=${NEGOTIATION_URL:-http://127.0.0.1:5102}
# HTTP/1.1: REST/JSON, the OpenAPI document and gRPC-Web.
tariff_http_url=${TARIFF_HTTP_URL:-http://127.0.0.1:5201}
negotiation_http_url=${NEGOTIATION_HTTP_URL:-http://127.0.0.1:5202}
dev="$root/.data/dev"

echo "Building..."
dotnet build TradeGrpc.sln --configuration Release --verbosity quiet -clp:NoSummary

devauth() { dotnet "$root/tools/TradeGrpc.DevAuth/bin/Release/net10.0/TradeGrpc.DevAuth.dll" "$@"; }
devauth init "$dev" tariff negotiation >/dev/null
devauth tokens "$dev" >/dev/null

pids=()
stop() {
  trap - INT TERM
  echo
  echo "Stopping..."
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  echo "Stopped."
  exit 0
}
trap stop INT TERM

start() { # name url http-url settings...
  local name=$1 url=$2 http_url=$3
  shift 3
  local bin="$root/services/TradeGrpc.$name/bin/Release/net10.0"
  [ -d "$root/.data/${name,,}" ] || echo "$name: first start, creating its store in .data/${name,,} and loading its bundled data..."
  (cd "$bin" && exec dotnet "TradeGrpc.$name.dll" \
      --Kestrel:Endpoints:Grpc:Url="$url" \
      --Kestrel:Endpoints:Http:Url="$http_url" \
      --Storage:DataDirectory="$root/.data/${name,,}" \
      --Auth:JwksFile="$dev/jwks.json" \
      --Auth:Issuer=tradegrpc-dev \
      --Logging:Console:FormatterName=simple \
      "$@") &
  pids+=($!)
}

wait_serving() { # name url
  local bin="$root/services/TradeGrpc.$1/bin/Release/net10.0"
  for _ in $(seq 1 120); do
    if (cd "$bin" && dotnet "TradeGrpc.$1.dll" healthcheck "$2" >/dev/null 2>&1); then return 0; fi
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "$1 exited during start" >&2; stop; }
    sleep 0.5
  done
  echo "$1 did not become SERVING at $2" >&2
  stop
}

# The tariff service takes the negotiation service's calls over TLS, by its client certificate.
# Each service serves the dashboard on its HTTP port, and lets the page the other serves call it (CORS).
start Tariff "$tariff_url" "$tariff_http_url" \
  --Dashboard:NegotiationAddress="$negotiation_http_url" \
  --Cors:AllowedOrigins:0="$negotiation_http_url" \
  --Kestrel:Endpoints:Services:Url="$tariff_services_url" \
  --Kestrel:Endpoints:Services:Certificate:Path="$dev/tariff.crt" \
  --Kestrel:Endpoints:Services:Certificate:KeyPath="$dev/tariff.key" \
  --Kestrel:Endpoints:Services:ClientCertificateMode=RequireCertificate \
  --Auth:ClientCaFile="$dev/ca.crt" \
  --Auth:ServiceRoles:negotiation=negotiation-service
wait_serving Tariff "$tariff_url"
start Negotiation "$negotiation_url" "$negotiation_http_url" \
  --Dashboard:TariffAddress="$tariff_http_url" \
  --Cors:AllowedOrigins:0="$tariff_http_url" \
  --Tariff:Address="$tariff_services_url" \
  --Tariff:ClientCertificate="$dev/negotiation.crt" \
  --Tariff:ClientKey="$dev/negotiation.key" \
  --Tariff:CaFile="$dev/ca.crt"
wait_serving Negotiation "$negotiation_url"

cat <<MSG

TradeGrpc is running:
  tariff service       gRPC ${tariff_url#http://}   REST and gRPC-Web $tariff_http_url   (trade.tariff.v1.TariffService, MeasureService, ExportControlService)
  negotiation service  gRPC ${negotiation_url#http://}   REST and gRPC-Web $negotiation_http_url   (trade.negotiation.v1.NegotiationService)
OpenAPI documents: $tariff_http_url/openapi/v1.json and $negotiation_http_url/openapi/v1.json
Dashboard: $tariff_http_url/dashboard/ (paste a token from .data/dev/tokens.env, such as TOKEN)

Calls need a bearer token. Tokens for each role are in .data/dev/tokens.env:
  source .data/dev/tokens.env     # TOKEN (analyst), IMPORTER, EXPORTER, USTR, BIS, NEGOTIATOR, OFFICIAL, AUDITOR
  grpcurl -plaintext -H "authorization: Bearer \$TOKEN" -d '{"name": "tariffLines/90281000"}' ${tariff_url#http://} trade.tariff.v1.TariffService/GetTariffLine
  curl -H "authorization: Bearer \$TOKEN" $tariff_http_url/v1/tariffLines/90281000
More tokens:
  dotnet tools/TradeGrpc.DevAuth/bin/Release/net10.0/TradeGrpc.DevAuth.dll token .data/dev negotiator --party US --sub lighthizer --org "Office of the USTR"

Press Ctrl-C to stop.
MSG
wait
