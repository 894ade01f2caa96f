//! Ingest of arbitrary bytes read as jsonl: no panic, and the input is accounted for.
#![no_main]

use concord::ingest::InputFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| concord_fuzz::ingest("fuzz.jsonl", bytes, InputFormat::Jsonl));
