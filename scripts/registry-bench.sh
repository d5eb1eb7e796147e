#!/usr/bin/env bash
# Rerunnable benchmark of the reference registry on loopback, with wrk (Debian):
#   1. `trustlabel-registry serve` (release build) and 2. nginx with the static export, each
#      under wrk with 64 connections for BENCH_DURATION (default 30s), for the envelope
#      (Accept: application/jose+json, what the apps ask) and the page (a browser):
#      requests/s, p50/p99 latency, errors (non-2xx/3xx and socket errors), server RSS;
#   3. the time to sign and to export 10,000 labels (BENCH_LABELS).
# Figures depend on the machine: wrk and the server share its cores.
set -euo pipefail
source "$(dirname "$0")/registry-lib.sh"

duration="${BENCH_DURATION:-30s}"
connections="${BENCH_CONNECTIONS:-64}"
threads="${BENCH_THREADS:-2}"
labels="${BENCH_LABELS:-10000}"
apt_install wrk
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || apt_install nginx
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
build_registry release

work="$(mktemp -d)"
nginx_pid=""
cleanup() {
    stop_serve
    if [[ -n "$nginx_pid" ]]; then kill -QUIT "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# rss_kb PID: resident memory of PID and its children, in KiB.
rss_kb() {
    local total=0 pid
    for pid in "$1" $(pgrep -P "$1" || true); do
        total=$((total + $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

# run_wrk NAME URL PID HEADER...: one wrk run; prints a result line.
run_wrk() {
    local name="$1" url="$2" pid="$3"
    shift 3
    local args=()
    for h in "$@"; do args+=(-H "$h"); done
    local out="$work/wrk.$name.txt"
    wrk -t "$threads" -c "$connections" -d "$duration" --latency "${args[@]}" "$url" >"$out"
    local rps p50 p99 non2xx socket
    rps="$(awk '/^Requests\/sec/ {print $2}' "$out")"
    p50="$(awk '$1 == "50%" {print $2}' "$out")"
    p99="$(awk '$1 == "99%" {print $2}' "$out")"
    non2xx="$(awk '/Non-2xx or 3xx/ {print $NF}' "$out")"
    socket="$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' "$out")"
    printf '%-22s %10s req/s   p50 %-8s p99 %-8s errors %s   RSS %s MiB\n' \
        "$name" "$rps" "$p50" "$p99" "$(( ${non2xx:-0} + ${socket:-0} ))" \
        "$(( $(rss_kb "$pid") / 1024 ))"
}

jose="Accept: application/jose+json"
browser="Accept: text/html,application/xhtml+xml,*/*;q=0.8"
lang="Accept-Language: en-US,en;q=0.9"
label="/l/ringwraith-2000"

"$registry_bin" export --out "$work/site" --nginx-listen "127.0.0.1:0" 2>/dev/null
log "wrk: $threads threads, $connections connections, $duration per run, on $(nproc) cores"

start_serve "$work" --site "$work/site"
run_wrk "serve envelope" "$serve_url$label" "$serve_pid" "$jose"
run_wrk "serve page" "$serve_url$label" "$serve_pid" "$browser" "$lang"
stop_serve

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$registry_bin" export --out "$work/site" --nginx-listen "127.0.0.1:$port" 2>/dev/null
# The benchmark measures serving, not the disk: nginx's access log goes nowhere here.
sed -i 's|access_log logs/access.log trustlabel buffer=64k flush=1s;|access_log off;|' "$work/site/nginx.conf"
chmod -R a+rX "$work"
"$nginx_bin" -p "$work/site" -c nginx.conf -e stderr -g 'daemon off;' 2>"$work/nginx.err" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
run_wrk "nginx envelope" "http://127.0.0.1:$port$label" "$nginx_pid" "$jose"
run_wrk "nginx page" "http://127.0.0.1:$port$label" "$nginx_pid" "$browser" "$lang"
kill -QUIT "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""

# Signing and exporting many labels: inputs made from one fixture record.
gen="$work/gen"
mkdir -p "$gen/inputs"
"$registry_bin" keygen --alg ed25519 --out "$gen/root.json" --kid bench-root >"$gen/root-entry.json" 2>/dev/null
"$registry_bin" keygen --alg es256 --out "$gen/registry.json" --kid bench-registry >"$gen/registry-entry.json" 2>/dev/null
python3 - "$repo/api-fixtures/records/ringwraith-2000.json" "$gen" "$labels" <<'PY'
import json, sys
record_path, gen, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
record = json.load(open(record_path))
for i in range(count):
    r = dict(record)
    r["QR_code_url"] = f"https://demo.trustlabel.dev/l/bench-{i:05d}"
    r["product_name"] = f"Bench Product {i}"
    json.dump({"record": r, "status": {"authorization": "active"}, "support": {"unsupported": False}},
              open(f"{gen}/inputs/{i:05d}.json", "w"))
root = json.load(open(f"{gen}/root-entry.json"))
json.dump({k: root[k] for k in ("kid", "alg", "public_key")}, open(f"{gen}/anchor.json", "w"))
entry = json.load(open(f"{gen}/registry-entry.json"))
entry["not_before"] = "2026-01-01T00:00:00Z"  # valid at the statements' iat (--iat below)
json.dump({"iss": "root", "version": 1, "iat": 1793491200, "exp": 2109110400, "registries": [{
    "id": "demo", "name": "Bench registry", "url_prefixes": ["https://demo.trustlabel.dev/l/"],
    "keys": [entry]}]}, open(f"{gen}/trust-statement.json", "w"))
PY
"$registry_bin" trust-list sign --root "$gen/root.json" --statement "$gen/trust-statement.json" --out "$gen/trust-list.jws.json" 2>/dev/null
start=$(date +%s.%N)
find "$gen/inputs" -name '*.json' -print0 | sort -z | xargs -0 "$registry_bin" sign --key "$gen/registry.json" --prefix https://demo.trustlabel.dev/l/ --iat 1793491200 --out-dir "$gen/envelopes" 2>/dev/null
signed=$(date +%s.%N)
"$registry_bin" export --out "$gen/site" --envelopes "$gen/envelopes" --trust-list "$gen/trust-list.jws.json" --anchor "$gen/anchor.json" 2>"$gen/export.err"
exported=$(date +%s.%N)
printf 'sign %s labels: %.1f s (xargs batches)   export %s labels: %.1f s   (%s)\n' \
    "$labels" "$(echo "$signed - $start" | bc)" "$labels" "$(echo "$exported - $signed" | bc)" "$(cat "$gen/export.err")"
du -sh "$gen/site" | awk '{print "export size: " $1}'
