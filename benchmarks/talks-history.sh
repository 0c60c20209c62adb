#!/usr/bin/env bash
# Whether the cost of a write and of a page grows with a negotiation's history, measured with
# h2load (an external client, so the server's cost is what is measured) on the Release build of
# the negotiation service:
#   - RecordStatement on a negotiation that already holds 10,000 statements, against the same call
#     on an empty negotiation: runs of 2,000 calls, three on the long negotiation between four on
#     fresh ones. Target: the mean rate at least 0.8 of the empty one's.
#   - ListStatements with page_size 10 on that negotiation, against GetNegotiation on it: three
#     runs of 10,000 calls each, alternating. Target: at least 0.5.
# Every write run is checked for lost or failed calls through the negotiation's etag, which
# counts its changes (h2load sees HTTP status only, not grpc-status).
#
# Usage: benchmarks/talks-history.sh [sqlite|postgresql]
# Needs h2load (Debian nghttp2-client) and, for postgresql, the PostgreSQL server binaries.
# Exits 0 when both targets pass, 1 when one fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
provider=${1:-sqlite}
case "$provider" in sqlite | postgresql) ;; *) echo "usage: $0 [sqlite|postgresql]" >&2; exit 2 ;; esac
command -v h2load >/dev/null || { echo "h2load is missing: apt-get install nghttp2-client" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  [ -n "${pg:-}" ] && runuser -u postgres -- "$pg/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "Building..." >&2
dotnet build services/TradeGrpc.Negotiation --configuration Release --verbosity quiet -clp:NoSummary >&2
dotnet build tools/TradeGrpc.DevAuth --configuration Release --verbosity quiet -clp:NoSummary >&2
# buf convert (below) resolves the protos the contract imports from build/proto-deps.
scripts/proto-deps.sh
bin="$root/services/TradeGrpc.Negotiation/bin/Release/net10.0"

# Development credentials for this run only, as run.sh makes them: the service checks tokens against
# its signing key, and every call carries the negotiator's token (it may read and record the talks,
# for any party since it names none).
devauth() { dotnet "$root/tools/TradeGrpc.DevAuth/bin/Release/net10.0/TradeGrpc.DevAuth.dll" "$@"; }
devauth init "$work/dev" >/dev/null
devauth tokens "$work/dev" >/dev/null
token=$(. "$work/dev/tokens.env" && echo "$NEGOTIATOR")

# All the load comes from that one caller: its rate limit is set far above what the service can
# take, so that the benchmark measures the service, not the limit.
settings=(--Storage:DataDirectory="$work/store" --Sample:File= --Logging:LogLevel:Default=Warning
  --Auth:JwksFile="$work/dev/jwks.json" --Auth:Issuer=tradegrpc-dev
  --Limits:CallsPerSecondPerCaller=100000000 --Limits:CallBurstPerCaller=100000000)
if [ "$provider" = postgresql ]; then
  pg=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_port=$(free_port)
  chown postgres "$work"
  runuser -u postgres -- "$pg/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C >/dev/null
  runuser -u postgres -- "$pg/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w start \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $work" >/dev/null
  runuser -u postgres -- "$pg/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres negotiation
  settings+=(--Storage:Provider=PostgreSql "--ConnectionStrings:Negotiation=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=negotiation")
fi

port=$(free_port)
url="http://127.0.0.1:$port"
(cd "$bin" && exec dotnet TradeGrpc.Negotiation.dll --Kestrel:Endpoints:Grpc:Url="$url" --Kestrel:Endpoints:Http:Url=http://127.0.0.1:0 "${settings[@]}") &
pids+=($!)
for _ in $(seq 1 120); do
  (cd "$bin" && dotnet TradeGrpc.Negotiation.dll healthcheck "$url" >/dev/null 2>&1) && break
  sleep 0.5
done

call() { # method json
  npx buf curl --protocol grpc --http2-prior-knowledge -H "authorization: Bearer $token" -d "$2" "$url/trade.negotiation.v1.NegotiationService/$1"
}
create() { call CreateNegotiation "{\"negotiation\": {\"title\": \"$1\", \"parties\": [\"US\", \"CN\"]}}" | jq -r .name; }
changes() { call GetNegotiation "{\"name\": \"$1\"}" | jq -r '.etag | fromjson'; }

# A request as h2load sends it: the gRPC frame (no compression flag, big-endian length, the message).
frame() { # type json file
  printf '%s' "$2" > "$work/request.json"
  npx buf convert . --type "$1" --from "$work/request.json#format=json" --to "$work/request.binpb#format=binpb"
  python3 -c 'import struct, sys; m = open(sys.argv[1], "rb").read(); sys.stdout.buffer.write(b"\0" + struct.pack(">I", len(m)) + m)' \
    "$work/request.binpb" > "$3"
}
statement() { # negotiation file
  frame trade.negotiation.v1.RecordStatementRequest "{\"parent\": \"$1\", \"statement\": {\"speaker\": {\"name\": \"Robert Lighthizer\",
    \"party\": \"US\"}, \"attribution\": \"ATTRIBUTION_ON_THE_RECORD\", \"quote\": \"The talks were constructive.\",
    \"statement_date\": {\"year\": 2019, \"month\": 7, \"day\": 31}, \"source\": \"USTR press release\"}}" "$2"
}
load() { # calls method file; prints calls/s
  h2load -n "$1" -c 4 -m 8 -H content-type:application/grpc -H te:trailers -H "authorization: Bearer $token" -d "$3" \
    "$url/trade.negotiation.v1.NegotiationService/$2" > "$work/h2load.txt"
  grep -q ", 0 failed, 0 errored" "$work/h2load.txt" || { cat "$work/h2load.txt" >&2; exit 1; }
  grep -oP 'finished in [0-9.]+m?s, \K[0-9.]+(?= req/s)' "$work/h2load.txt"
}
writes() { # negotiation calls; prints calls/s after checking every call was recorded
  local before rate after
  statement "$1" "$work/statement.bin"
  before=$(changes "$1")
  rate=$(load "$2" RecordStatement "$work/statement.bin")
  after=$(changes "$1")
  [ $((after - before)) -eq "$2" ] || { echo "$1: $2 calls sent, $((after - before)) recorded" >&2; exit 1; }
  echo "$rate"
}

long=$(create "Long talks")
echo "Recording 10,000 statements on $long..." >&2
writes "$long" 10000 >/dev/null

# Runs alternate between fresh negotiations and the long one (10,000 statements and more), so that
# a change in the machine's load falls on both sides.
empty=$(writes "$(create "Empty talks 0")" 2000)
long_runs=""
for round in 1 2 3; do
  long_runs="$long_runs $(writes "$long" 2000)"
  empty="$empty $(writes "$(create "Empty talks $round")" 2000)"
done

frame trade.negotiation.v1.ListStatementsRequest "{\"parent\": \"$long\", \"page_size\": 10}" "$work/list.bin"
frame trade.negotiation.v1.GetNegotiationRequest "{\"name\": \"$long\"}" "$work/get.bin"
[ "$(call ListStatements "{\"parent\": \"$long\", \"page_size\": 10}" | jq '.statements | length')" -eq 10 ]
load 2000 GetNegotiation "$work/get.bin" >/dev/null # warm-up of both reads
load 2000 ListStatements "$work/list.bin" >/dev/null
# Two runs of each, alternating, so that a change in the machine's load falls on both.
get="" list=""
for round in 1 2 3; do
  get="$get $(load 10000 GetNegotiation "$work/get.bin")"
  list="$list $(load 10000 ListStatements "$work/list.bin")"
done

rss=$(awk '/^VmRSS/ { print $2 }' "/proc/${pids[0]}/status")

python3 - "$provider" "$empty" "$long_runs" "$list" "$get" "$(cut -d' ' -f1 /proc/loadavg)" "$rss" <<'PY'
import sys
provider, load, rss = sys.argv[1], sys.argv[6], int(sys.argv[7])
empty, long, lists, gets = ([float(x) for x in runs.split()] for runs in sys.argv[2:6])
mean = lambda runs: sum(runs) / len(runs)
write, read = mean(long) / mean(empty), mean(lists) / mean(gets)
runs = lambda values: ", ".join(f"{v:,.0f}" for v in values)
print(f"{provider}, load average {load} (the benchmark's own load included); the service holds {rss / 1024:.0f} MiB (VmRSS) at the end")
print(f"RecordStatement calls/s on empty talks ({runs(empty)}) and on talks of 10,000 statements and more ({runs(long)}):"
      f" ratio {write:.2f} (target >= 0.8) {'PASS' if write >= 0.8 else 'FAIL'}")
print(f"ListStatements (page of 10) calls/s ({runs(lists)}) and GetNegotiation ({runs(gets)}) on those talks:"
      f" ratio {read:.2f} (target >= 0.5) {'PASS' if read >= 0.5 else 'FAIL'}")
sys.exit(0 if write >= 0.8 and read >= 0.5 else 1)
PY
