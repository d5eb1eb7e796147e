#!/usr/bin/env bash
# Accessibility of the registry's consumer pages in a real browser: Debian's chromium
# (headless, driven by playwright-core) with axe-core: 0 WCAG 2.2 A/AA violations on every
# fixture page in every language of the export (en-US, es-US, zh-Hans, zh-Hant, vi), pages
# negotiated by Accept-Language, reflow at 320 px and 200% zoom, no script, tone words, the
# record's own words marked lang="en".
# Screenshots (390 px, 1280 px) and a11y-report.json go to target/registry-web-artifacts/.
# Installs what it needs: chromium (apt), the node packages (npm ci in registry/web-tests).
set -euo pipefail
source "$(dirname "$0")/registry-lib.sh"

command -v node >/dev/null || apt_install nodejs npm
# Noto CJK: without it the Chinese pages screenshot as empty boxes (axe does not need fonts).
apt_install chromium fonts-noto-cjk
log "npm ci (registry/web-tests)"
(cd "$repo/registry/web-tests" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

build_registry
work="$(mktemp -d)"
trap 'stop_serve; rm -rf "$work"' EXIT
"$registry_bin" export --out "$work/site" 2>"$work/export.err" || { cat "$work/export.err" >&2; exit 1; }
start_serve "$work" --site "$work/site"
log "serve on $serve_url"

artifacts="$target/registry-web-artifacts"
rm -rf "$artifacts"
node "$repo/registry/web-tests/a11y.mjs" "$serve_url" "$work/site/site.json" "$artifacts"
