//! `cargo run -p uniffi-bindgen -- generate --library target/debug/libtrustlabel_ffi.so
//! --language kotlin --config ffi/uniffi.toml --out-dir <dir>`: the bindings generator, pinned
//! to the same uniffi version as `trustlabel-ffi` (the two must match exactly).

fn main() {
    uniffi::uniffi_bindgen_main()
}
