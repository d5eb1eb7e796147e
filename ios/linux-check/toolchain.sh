#!/usr/bin/env bash
# Creates (once) a Debian 13 "trixie" root folder holding Debian's Swift toolchain
# (swiftlang 6.0.3), for compiling and testing the iOS app's platform-free Swift on Linux.
# Usage: toolchain.sh ROOT   (as root; reused when ROOT/.trustlabel-swift-ready exists)
set -euo pipefail

root="${1:?usage: toolchain.sh ROOT}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
ready="$root/.trustlabel-swift-ready"

if [[ -f "$ready" ]]; then
    exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
    echo "toolchain.sh: creating $root needs root (debootstrap, bind mounts)" >&2
    exit 1
fi
if ! command -v debootstrap >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
fi

# shellcheck source=mounts.sh
source "$(dirname "${BASH_SOURCE[0]}")/mounts.sh"

mkdir -p "$root"
if [[ ! -x "$root/usr/bin/apt-get" || ! -f "$root/.debootstrap-done" ]]; then
    # A half-made root from an interrupted run is thrown away rather than trusted, but never
    # while something is mounted inside it (rm would reach the host's /dev or /proc).
    if findmnt -rn -o TARGET | grep -q "^$(realpath "$root")/"; then
        echo "toolchain.sh: $root has mounts inside; unmount them first" >&2
        exit 1
    fi
    rm -rf "${root:?}"/* 2>/dev/null || true
    debootstrap --variant=minbase trixie "$root" "$mirror"
    touch "$root/.debootstrap-done"
fi

mount_chroot "$root"
trap 'umount_chroot' EXIT
trap 'exit 130' INT TERM # through the EXIT trap: the mounts are undone on Ctrl-C or kill too
chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get update -qq
chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends swiftlang libc6-dev
chroot "$root" apt-get clean
chroot "$root" swift --version
touch "$ready"
