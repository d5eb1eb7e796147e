# Shared by the registry scripts (sourced): building the registry, exporting the fixtures'
# site, and running `serve` in the background on a free loopback port.

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

# apt_install PACKAGE... : installs Debian packages that are missing (as root or via sudo).
apt_install() {
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    ((${#missing[@]} == 0)) && return 0
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    log "apt-get install ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# build_registry [PROFILE]: builds trustlabel-registry (and trustlabel) and sets $registry_bin.
build_registry() {
    local profile="${1:-debug}"
    local flag=()
    [[ "$profile" == release ]] && flag=(--release)
    log "cargo build ${flag[*]} -p trustlabel-registry -p trustlabel"
    (cd "$repo" && cargo build --locked --quiet "${flag[@]}" -p trustlabel-registry -p trustlabel)
    registry_bin="$target/$profile/trustlabel-registry"
    trustlabel_bin="$target/$profile/trustlabel"
}

# start_serve OUT_DIR ARGS...: starts `serve` with ARGS on 127.0.0.1:0; sets $serve_pid and
# $serve_url. Its access log goes to OUT_DIR/serve.access.log.
start_serve() {
    local out="$1"
    shift
    "$registry_bin" serve --listen 127.0.0.1:0 "$@" >"$out/serve.access.log" 2>"$out/serve.err" &
    serve_pid=$!
    serve_url=""
    for _ in $(seq 1 100); do
        serve_url="$(head -n1 "$out/serve.access.log" 2>/dev/null || true)"
        [[ -n "$serve_url" ]] && return 0
        kill -0 "$serve_pid" 2>/dev/null || { cat "$out/serve.err" >&2; log "serve exited"; return 1; }
        sleep 0.1
    done
    log "serve printed no address"
    return 1
}

stop_serve() {
    if [[ -n "${serve_pid:-}" ]]; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
        serve_pid=""
    fi
}
