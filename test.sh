#!/usr/bin/env bash
# Builds and tests everything: installs what the tests need when it is missing (as root),
# checks the protos, the dashboard's types and docker-compose.yml, runs every test project, and ends with one line
# "N passed, N failed, N skipped".
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v docker-compose >/dev/null || missing+=(docker-compose)
# The dashboard's tests drive Debian's Chromium, headless (tests/TradeGrpc.Dashboard.Tests).
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]}..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The tests need ${missing[*]}. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

echo "== restore and build"
dotnet restore TradeGrpc.sln --verbosity quiet
dotnet build TradeGrpc.sln --no-restore --configuration Release --verbosity quiet -warnaserror -clp:NoSummary

echo "== buf lint and breaking"
[ -d node_modules/@bufbuild/buf ] || npm ci --no-audit --no-fund --loglevel=error
./scripts/proto-deps.sh
npx buf lint
# protos/contract.binpb is the released contract: a change that would break a client built
# against it (a renamed or removed field, method or value) fails here.
contract=$(mktemp --suffix=.binpb)
npx buf build -o "$contract"
npx buf breaking "$contract" --against protos/contract.binpb --path trade
rm -f "$contract"

echo "== dashboard type check"
# The build bundles the page with esbuild, which strips the types without checking them.
npx tsc -p services/TradeGrpc.Dashboard/web

echo "== docker-compose config"
docker-compose -f docker-compose.yml config --quiet

echo "== kubernetes manifests"
# node_modules from before a package was added to package.json has buf, so npm ci above was skipped.
npm ls --silent >/dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error
node --test --test-reporter=dot scripts/kubernetes-manifests.test.mjs
node scripts/kubernetes-manifests.mjs deploy/kubernetes

echo "== tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test TradeGrpc.sln --no-build --configuration Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
summaries=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" || true)
projects=$(grep -c '\.Tests\.csproj' < <(dotnet sln TradeGrpc.sln list) || true)
ran=$(printf '%s\n' "$summaries" | grep -c . || true)
count() { printf '%s\n' "$summaries" | grep -oE "$1: +[0-9]+" | awk '{ s += $2 } END { print s + 0 }'; }
failed=$(count Failed)
if [ "$ran" -lt "$projects" ]; then
  echo "Only $ran of $projects test projects reported results." >&2
  failed=$((failed + projects - ran))
  status=1
fi
echo "$(count Passed) passed, $failed failed, $(count Skipped) skipped"
exit "$status"
