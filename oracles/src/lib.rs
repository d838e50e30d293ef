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

/// Prints `SKIPPED: <why>` as one line past the test harness's output capture, so a suite that
/// did not run says so even when every test passes.
pub fn skipped(why: &str) {
    let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("SKIPPED: {why}\n"));
}

/// Prints why a test did nothing, when the oracles are missing (only possible outside CI).
pub fn skip_note(test: &str) {
    if !AVAILABLE {
        // Written past the test harness capture, so the skip is one visible line.
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("SKIPPED: {test}: libsgutils2-dev / libiscsi-dev not installed\n"),
        );
    }
}

/// `../shared/testdata/<rel>` beside the repository.
pub fn testdata(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/testdata")).join(rel)
}

/// Parses sg3_utils-style hex text: bytes separated by spaces, commas or newlines, `#` comments.
///
/// # Panics
/// On a token that is not a hex byte (the shared samples are well formed).
pub fn parse_hex(text: &str) -> Vec<u8> {
    text.lines()
        .flat_map(|l| l.split('#').next().unwrap_or("").split(|c: char| c.is_whitespace() || c == ','))
        .filter(|t| !t.is_empty())
        .map(|t| u8::from_str_radix(t.trim_start_matches("0x"), 16).expect("hex byte"))
        .collect()
}

/// The bytes of a hex sample under the shared test data, or `None` when it is absent.
pub fn hex_file(rel: &str) -> Option<Vec<u8>> {
    std::fs::read_to_string(testdata(rel)).ok().map(|t| parse_hex(&t))
}
