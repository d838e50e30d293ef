#![no_main]

// Answers every step of a probe with arbitrary status, sense and data: no panic, and the probe
// ends within its bound.
libfuzzer_sys::fuzz_target!(|data: &[u8]| scsi_cdb_fuzz::probe(data));
