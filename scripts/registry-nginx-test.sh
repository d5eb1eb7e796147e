#!/usr/bin/env bash
# The static export behind a real web server: exports the fixtures' site, starts Debian's
# nginx on a loopback port with the exported nginx.conf (foreground, the export as prefix),
# and checks through it (scripts/registry-check-server.py) that the real scanner
# (`trustlabel scan --registry-origin`) verifies every fixture label as the manifest
# expects, that a browser gets the page in its language, that ETags give 304, and that the
# transparency log is served with a proof for every verified label; `trustlabel-registry
# monitor` replays the log over HTTP. Then the same checks against `trustlabel-registry
# serve --site` on the same export.
# Installs nginx (apt) if missing.
set -euo pipefail
source "$(dirname "$0")/registry-lib.sh"

command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || apt_install nginx
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
build_registry

work="$(mktemp -d)"
nginx_pid=""
cleanup() {
    stop_serve
    if [[ -n "$nginx_pid" ]]; then kill -QUIT "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$registry_bin" export --out "$work/site" --nginx-listen "127.0.0.1:$port"
# Run as root, nginx's workers drop to an unprivileged user: they must be able to read the export.
chmod -R a+rX "$work"
"$nginx_bin" -p "$work/site" -c nginx.conf -e stderr -t -q
"$nginx_bin" -p "$work/site" -c nginx.conf -e stderr -g 'daemon off;' 2>"$work/nginx.err" &
nginx_pid=$!
for _ in $(seq 1 50); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx.err" >&2; log "nginx exited"; exit 1; }
    sleep 0.1
done
log "nginx $("$nginx_bin" -v 2>&1 | sed 's/.*: //') on 127.0.0.1:$port"
python3 "$repo/scripts/registry-check-server.py" "http://127.0.0.1:$port" "$trustlabel_bin" "$repo/api-fixtures" "$work"
# The monitor over HTTP through nginx: the log's keys from the fixtures' trust list, every
# entry's statement checked against the demo registry's keys.
"$registry_bin" monitor --log "http://127.0.0.1:$port/log/" >"$work/monitor.txt"
tail -n1 "$work/monitor.txt" | grep -q "records" || { cat "$work/monitor.txt" >&2; log "monitor"; exit 1; }
log "monitor over nginx: $(head -n1 "$work/monitor.txt")"

rm -rf "$work/scan-cache"
start_serve "$work" --site "$work/site"
log "trustlabel-registry serve on $serve_url"
python3 "$repo/scripts/registry-check-server.py" "$serve_url" "$trustlabel_bin" "$repo/api-fixtures" "$work"
log "passed: nginx and serve"
