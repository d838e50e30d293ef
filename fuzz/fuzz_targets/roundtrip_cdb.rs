#![no_main]

libfuzzer_sys::fuzz_target!(|p: (u64, u32, u8, u8, bool)| scsi_cdb_fuzz::roundtrip_cdb(p));
