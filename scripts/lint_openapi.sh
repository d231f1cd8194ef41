#!/usr/bin/env bash
# Lints the OpenAPI document of an ordo binary with Spectral (tools/, ruleset spectral:oas in
# tools/.spectral.yaml): fails on any error or warning.
# usage: scripts/lint_openapi.sh path/to/ordo
set -euo pipefail
ordo=${1:?usage: lint_openapi.sh path/to/ordo}
tools="$(cd "$(dirname "$0")/../tools" && pwd)"
spectral="$tools/node_modules/.bin/spectral"
if [[ ! -x $spectral ]]; then
  echo "lint_openapi: $spectral is missing: run 'npm ci' in tools/ (make build does)" >&2
  exit 1
fi
document=$(mktemp --suffix=.json)
trap 'rm -f "$document"' EXIT
"$ordo" openapi >"$document"
"$spectral" lint --ruleset "$tools/.spectral.yaml" --fail-severity=warn "$document"
