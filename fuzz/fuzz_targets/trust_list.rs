#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| trustlabel_fuzz::trust_list(data));
