//! Fuzz target (b): `ButtonData::decode` on any bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| signpost_fuzz::button_data(data));
