//! Helpers shared by the integration tests: the shared test data folder and its hex format.

#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared/testdata/<rel>` relative to the repository root.
pub fn testdata(rel: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata")).join(rel)
}

/// Fails the test, saying what to do, when the shared test data is missing: it sits beside
/// the repository (`../shared/testdata`) in every checkout CI makes, so a missing folder is a
/// set-up error, never a reason to pass.
pub fn require_testdata() {
    let dir = testdata("");
    assert!(
        dir.is_dir(),
        "{} is missing: check out the shared folder beside the repository (../shared)",
        dir.display()
    );
}

/// Parses sg3_utils-style hex text: bytes separated by spaces, commas, tabs or newlines,
/// single-digit bytes allowed, `#` comments to the end of the line.
pub fn parse_hex(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        for tok in line.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()) {
            let tok = tok.trim_start_matches("0x");
            assert!(tok.len() <= 2, "bad hex token {tok:?}");
            out.push(u8::from_str_radix(tok, 16).unwrap_or_else(|e| panic!("bad hex token {tok:?}: {e}")));
        }
    }
    out
}

/// Reads and parses a hex file under the shared test data.
pub fn hex_file(rel: &str) -> Vec<u8> {
    let p = testdata(rel);
    parse_hex(&std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
}
