#![no_main]

// Fuzzes an imaginary target emulator with valid and near-valid CDBs from the `arbitrary`
// feature: `NearValidCdb` is a command valid by construction with exactly one bit flipped.
libfuzzer_sys::fuzz_target!(|n: scsi_cdb::cdb::NearValidCdb| scsi_cdb_fuzz::emulate(n));
