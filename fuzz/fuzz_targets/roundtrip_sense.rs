#![no_main]

libfuzzer_sys::fuzz_target!(|b: scsi_cdb::sense::SenseBuilder| scsi_cdb_fuzz::roundtrip_sense(b));
