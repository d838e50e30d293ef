//! `cargo check` in this folder proves the library builds without std: if std leaked in through
//! a dependency or a feature, its `panic_impl` would clash with the handler below.

#![no_std]
#![no_main]

use scsi_cdb::{Cdb, Command, Read16};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

/// Exercises an encode and a decode so they are type-checked in a no_std build.
#[unsafe(no_mangle)]
pub extern "C" fn scsi_cdb_no_std_smoke(out: &mut [u8; 16]) -> usize {
    let n = Read16::new(1, 1).encode_into(out).unwrap_or(0);
    match Command::parse(out) {
        Ok(c) => n + usize::from(c.opcode().0),
        Err(_) => 0,
    }
}
