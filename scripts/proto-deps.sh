#!/usr/bin/env bash
# Copies the protos that protos/ imports (protovalidate, google.type, google.api) from the NuGet package
# cache into build/proto-deps, so that buf can resolve them. Run after `dotnet restore`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
version() { grep -oP "Include=\"$1\" Version=\"\K[^\"]+" "$root/Directory.Packages.props"; }
validate="$packages/protovalidate/$(version ProtoValidate)/content/proto"
common="$packages/google.api.commonprotos/$(version Google.Api.CommonProtos)/content/protos"
for dir in "$validate" "$common"; do
  [ -d "$dir" ] || { echo "missing $dir: run 'dotnet restore TradeGrpc.sln' first" >&2; exit 1; }
done
out="$root/build/proto-deps"
rm -rf "$out" && mkdir -p "$out/google"
cp -r "$validate/buf" "$out/"
cp -r "$common/google/type" "$common/google/api" "$out/google/"
