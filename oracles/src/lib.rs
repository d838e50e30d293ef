//! Oracles for differential tests and peer benchmarks: safe Rust wrappers over libsgutils2
//! (sg3_utils) and libiscsi, through `extern "C"` declarations and the small C shims in
//! `csrc/`. Everything here exists only when `cfg(oracles)` is set by build.rs (the libraries
//! are installed).
//!
//! Conventions (see the oracle notes in the shared folder): inputs are always copied into a
//! zero-filled 256-byte buffer before a libsgutils2 call, because several of its getters read
//! past the length they are given; strings are compared by field, never whole.

#![cfg_attr(not(oracles), allow(unused))]

#[cfg(oracles)]
pub mod iscsi;
#[cfg(oracles)]
pub mod sg;
#[cfg(oracles)]
pub mod tgt;

/// True when the C libraries were found and the oracle modules are compiled in.
pub const AVAILABLE: bool = cfg!(oracles);

/// Prints why a test did nothing, when the oracles are missing (only possible outside CI).
pub fn skip_note(test: &str) {
    if !AVAILABLE {
        eprintln!("{test}: skipped, libsgutils2-dev / libiscsi-dev not installed");
    }
}
