#!/usr/bin/env bash
# Builds and starts both services with embedded defaults (SQLite under .data/, in-process
# cache). Stops both on Ctrl-C or SIGTERM.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"

tariff_url=${TARIFF_URL:-http://127.0.0.1:5101}
negotiation_url=${NEGOTIATION_URL:-http://127.0.0.1:5102}

echo "Building..."
dotnet build TradeGrpc.sln --configuration Release --verbosity quiet -clp:NoSummary

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

start() { # name url
  local bin="$root/services/TradeGrpc.$1/bin/Release/net10.0"
  [ -d "$root/.data/${1,,}" ] || echo "$1: first start, creating its store in .data/${1,,} and loading its bundled data..."
  (cd "$bin" && exec dotnet "TradeGrpc.$1.dll" \
      --Kestrel:Endpoints:Grpc:Url="$2" \
      --Storage:DataDirectory="$root/.data/${1,,}" \
      --Logging:Console:FormatterName=simple) &
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

start Tariff "$tariff_url"
wait_serving Tariff "$tariff_url"
start Negotiation "$negotiation_url"
wait_serving Negotiation "$negotiation_url"

cat <<MSG

TradeGrpc is running:
  tariff service       ${tariff_url#http://}   (trade.tariff.v1.TariffService, MeasureService, ExportControlService)
  negotiation service  ${negotiation_url#http://}   (trade.negotiation.v1.NegotiationService)

Try:
  grpcurl -plaintext -d '{"name": "tariffLines/90281000"}' ${tariff_url#http://} trade.tariff.v1.TariffService/GetTariffLine

Press Ctrl-C to stop.
MSG
wait "${pids[@]}"
