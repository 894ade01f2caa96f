//! Ingest of arbitrary bytes read as html: no panic, and the input is accounted for.
#![no_main]

use concord::ingest::InputFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| concord_fuzz::ingest("fuzz.html", bytes, InputFormat::Html));
