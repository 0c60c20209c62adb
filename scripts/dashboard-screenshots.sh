#!/usr/bin/env bash
# Runs the dashboard's browser tests (tests/TradeGrpc.Dashboard.Tests), which save a screenshot of each view
# under TestResults/dashboard/, and copies one per view into docs/dashboard/ for the README.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
shots="$root/TestResults/dashboard"
rm -rf "$shots"
DASHBOARD_SCREENSHOTS="$shots" dotnet test tests/TradeGrpc.Dashboard.Tests --configuration Release
mkdir -p docs/dashboard
for view in calculator-what-if history talks purchases impact; do
  cp "$shots/$view.png" "docs/dashboard/$view.png"
done
echo "Copied to docs/dashboard: $(ls docs/dashboard | tr '\n' ' ')"
