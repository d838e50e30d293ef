#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scsi_cdb_fuzz::log_events(data));
