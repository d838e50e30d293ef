#![no_main]

libfuzzer_sys::fuzz_target!(|c: scsi_cdb::Command<'_>| scsi_cdb_fuzz::roundtrip_any(c));
