//! The `arbitrary` feature: valid-by-construction commands round-trip through the decoder, and
//! the near-valid generator drives the example emulator (fuzz/src/emulator.rs) without a
//! failure, over a deterministic stream of inputs.

#![cfg(feature = "arbitrary")]

#[path = "../fuzz/src/emulator.rs"]
mod emulator;
#[path = "../fuzz/src/roundtrip_any.rs"]
mod roundtrip_any;

use arbitrary::{Arbitrary, Unstructured};
use scsi_cdb::Command;
use scsi_cdb::cdb::NearValidCdb;

fn stream(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn arbitrary_commands_are_valid_and_round_trip() {
    for seed in 0..5000u64 {
        let raw = stream(seed, 256);
        let Ok(c) = Command::arbitrary(&mut Unstructured::new(&raw)) else { continue };
        roundtrip_any::roundtrip_any(c);
    }
}

#[test]
fn near_valid_cdbs_through_the_emulator() {
    let mut flipped = 0;
    for seed in 0..5000u64 {
        let raw = stream(seed ^ 0xABCD, 256);
        let Ok(n) = NearValidCdb::arbitrary(&mut Unstructured::new(&raw)) else { continue };
        if Command::parse(n.bytes().as_bytes()).is_err() {
            flipped += 1;
        }
        emulator::emulate(n);
    }
    assert!(flipped > 100, "only {flipped} near-valid CDBs were rejected");
}
