#!/usr/bin/env bash
# Checks `trustlabel-registry serve` against api-fixtures/openapi.yaml with schemathesis
# (from PyPI, installed into target/registry-openapi-venv): a short property-based run of
# every operation, every response checked against the spec (status codes, content types,
# headers, bodies against their schemas). SCHEMATHESIS_MAX_EXAMPLES sets the run's length.
set -euo pipefail
source "$(dirname "$0")/registry-lib.sh"

venv="$target/registry-openapi-venv"
if [[ ! -x "$venv/bin/schemathesis" ]]; then
    log "pip install schemathesis (into $venv)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet schemathesis
fi
build_registry
work="$(mktemp -d)"
trap 'stop_serve; rm -rf "$work"' EXIT
"$registry_bin" export --out "$work/site" 2>/dev/null
start_serve "$work" --site "$work/site"
log "serve on $serve_url; $("$venv/bin/schemathesis" --version)"
(cd "$work" && "$venv/bin/schemathesis" run "$repo/api-fixtures/openapi.yaml" \
    --url "$serve_url" \
    --checks all \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-30}" \
    --seed 1 \
    --no-color)
