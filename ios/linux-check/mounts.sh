# Bind mounts for running the trixie Swift root with chroot. Sourced, not run.
# Each mount is made only when not already there, and undone by the caller's EXIT trap,
# so neither a second run nor a failed one leaves /proc bound twice.

_chroot_mounts=(proc sys dev)
_chroot_mounted=()

mount_chroot() {
    local root="$1" m
    for m in "${_chroot_mounts[@]}"; do
        mkdir -p "$root/$m"
        if ! mountpoint -q "$root/$m"; then
            mount --rbind "/$m" "$root/$m"
            mount --make-rslave "$root/$m"
            _chroot_mounted+=("$root/$m")
        fi
    done
}

umount_chroot() {
    local i
    for ((i = ${#_chroot_mounted[@]} - 1; i >= 0; i--)); do
        umount -R "${_chroot_mounted[$i]}" 2>/dev/null || umount -lR "${_chroot_mounted[$i]}" || true
    done
    _chroot_mounted=()
}
