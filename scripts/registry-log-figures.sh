#!/usr/bin/env bash
# Figures for the registry's transparency log through the real commands (release build):
# signs N labels (default 10,000) with the demo key, exports them with `export --log` (the log
# created and every statement appended), adds 100 more (`sign` into the same folder, then
# `export --log` again: only the new statements appended), re-exports unchanged, and runs
# `monitor` over the log directory. Prints wall times and the files each step added to
# log/. Usage: scripts/registry-log-figures.sh [N] [RUNS]
set -euo pipefail
source "$(dirname "$0")/registry-lib.sh"
labels="${1:-10000}"
runs="${2:-1}"
log "cargo build --release -p trustlabel-registry"
(cd "$repo" && cargo build --locked --quiet --release -p trustlabel-registry)
registry_bin="$target/release/trustlabel-registry"
fixtures="$repo/api-fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Inputs: the ringwraith record under N distinct label URLs.
make_inputs() { # DIR FIRST COUNT
    python3 - "$fixtures/records/ringwraith-2000.json" "$1" "$2" "$3" <<'EOF'
import json, os, sys
record = json.load(open(sys.argv[1]))
out, first, count = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
os.makedirs(out, exist_ok=True)
for i in range(first, first + count):
    record["QR_code_url"] = f"https://demo.trustlabel.dev/l/bench-{i:06d}"
    with open(f"{out}/{i:06d}.json", "w") as f:
        json.dump({"record": record, "status": {"authorization": "active"}}, f)
EOF
}
seconds() { python3 -c 'import sys,time; print(f"{time.time()-float(sys.argv[1]):.2f}")' "$1"; }
count_files() { find "$1" -type f | wc -l; }

verifier="$("$registry_bin" keygen --log --origin bench.trustlabel.dev/log --out "$work/log.key" 2>/dev/null)"
make_inputs "$work/in" 0 "$labels"
make_inputs "$work/in-more" "$labels" 100
sign() { # INPUT_DIR
    find "$1" -name '*.json' -print0 | xargs -0 "$registry_bin" sign \
        --key "$fixtures/keys/demo-ed-2026.json" --prefix https://demo.trustlabel.dev/l/ \
        --iat 1793491200 --out-dir "$work/signed" 2>/dev/null
}
# export_site [OUT] [--no-log]: the export (with the log unless --no-log), printing its own
# log and summary lines.
export_site() {
    local out="${1:-$work/site}" log_args=(--log "$work/log" --log-key "$work/log.key")
    [[ "${2:-}" == --no-log ]] && log_args=()
    "$registry_bin" export --out "$out" --envelopes "$work/signed" \
        --trust-list "$fixtures/trust/trust-list.jws.json" --anchor "$fixtures/trust/root-anchor.json" \
        "${log_args[@]}" 2>&1 | grep -E '^(log|exported)' || true
}
cpu() { # COMMAND...: runs it, prints its user+sys CPU seconds on stderr
    local start end
    start=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
    "$@"
    end=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
    log "  cpu $(python3 -c "import os,sys; print(f'{(int(sys.argv[2])-int(sys.argv[1]))/os.sysconf(\"SC_CLK_TCK\"):.2f}')" "$start" "$end") s (user+sys)"
}
for run in $(seq 1 "$runs"); do
    rm -rf "$work/signed" "$work/site" "$work/site-nolog" "$work/log"
    sign "$work/in"
    log "run $run: $labels labels signed"
    t=$(date +%s.%N); cpu export_site "$work/site-nolog" --no-log; log "export of $labels without a log (for comparison): $(seconds "$t") s"
    t=$(date +%s.%N); cpu export_site; log "export of $labels with a new log: $(seconds "$t") s, log/ holds $(count_files "$work/site/log") files, $(find "$work/site/log/tile" -path '*/entries/*' -prune -o -type f -print | wc -l) hash tiles"
    before=$(count_files "$work/site/log")
    t=$(date +%s.%N); cpu export_site; log "re-export, unchanged: $(seconds "$t") s, log/ files $before -> $(count_files "$work/site/log")"
    sign "$work/in-more"
    t=$(date +%s.%N); cpu export_site; log "export after adding 100: $(seconds "$t") s, log/ files $before -> $(count_files "$work/site/log")"
    t=$(date +%s.%N)
    cpu "$registry_bin" monitor --log "$work/log" --log-public-key "$verifier" --json >"$work/monitor.json"
    log "monitor over $((labels + 100)) entries (directory): $(seconds "$t") s, $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["checked"], "checked,", len(r["labels"]), "labels,", len(r["findings"]), "findings")' "$work/monitor.json")"
done
