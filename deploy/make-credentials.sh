#!/usr/bin/env bash
# Makes the credentials docker-compose.yml mounts at /credentials, and deploy/kubernetes reads from
# its secrets: a token signing key (jwks.json), a certificate authority (ca.crt), a TLS and client
# certificate for the tariff replicas and one for the negotiation replicas, and tokens for each role
# in tokens.env. Development only: the keys sit unencrypted in deploy/credentials/ (git-ignored).
# Run again to mint fresh tokens.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/deploy/credentials"
devauth() { dotnet run --project "$root/tools/TradeGrpc.DevAuth" --configuration Release --verbosity quiet -- "$@"; }
# Each certificate names its service's hosts: compose's containers, and the Services of
# deploy/kubernetes in the namespace tradegrpc (the negotiation service checks the name it calls).
in_cluster() { for service in "$@"; do printf ',%s.tradegrpc.svc,%s.tradegrpc.svc.cluster.local' "$service" "$service"; done; }
devauth init "$out" "tariff=tariff-1,tariff-2$(in_cluster tariff tariff-balanced)" \
  "negotiation=negotiation-1,negotiation-2$(in_cluster negotiation negotiation-balanced)"
devauth tokens "$out" >/dev/null
echo "Credentials in $out; tokens: source $out/tokens.env"

# The passwords compose reads from .env: made once, kept on later runs (PostgreSQL sets its roles'
# passwords on its first start only).
env="$root/.env"
if [ ! -e "$env" ]; then
  secret() { openssl rand -hex 24; }
  (umask 077; printf 'REDIS_PASSWORD=%s\nPOSTGRES_PASSWORD=%s\nTARIFF_DB_PASSWORD=%s\nNEGOTIATION_DB_PASSWORD=%s\n' \
    "$(secret)" "$(secret)" "$(secret)" "$(secret)" > "$env")
  echo "Passwords in $env"
fi

# The images run as the .NET images' non-root user (uid 1654), and the keys are readable by their owner only.
if [ "$(id -u)" -eq 0 ]; then
  chown -R 1654 "$out"
else
  echo "Give the containers' user the keys: sudo chown -R 1654 $out"
fi
