#!/usr/bin/env bash
# Makes the credentials docker-compose.yml mounts at /credentials: a token signing key (jwks.json),
# a certificate authority (ca.crt), a TLS and client certificate for the tariff replicas and one
# for the negotiation replicas, and tokens for each role in tokens.env. Development only: the
# keys sit unencrypted in deploy/credentials/ (git-ignored). Run again to mint fresh tokens.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/deploy/credentials"
devauth() { dotnet run --project "$root/tools/TradeGrpc.DevAuth" --configuration Release --verbosity quiet -- "$@"; }
devauth init "$out" tariff=tariff-1,tariff-2 negotiation=negotiation-1,negotiation-2
devauth tokens "$out" >/dev/null
echo "Credentials in $out; tokens: source $out/tokens.env"
