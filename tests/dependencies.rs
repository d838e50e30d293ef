//! The library's build dependencies: a clean `cargo build` of `scsi-cdb` (every feature) must
//! compile one major version of `syn`, so the derives it uses (zerocopy, strum, thiserror,
//! serde, arbitrary) share one parser build. `Cargo.lock` pins the versions that agree; this
//! test fails when an update brings a second major back.

use std::collections::BTreeSet;
use std::process::Command;

#[test]
fn one_major_version_of_syn() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "-p", "scsi-cdb", "--all-features", "-e", "normal,build", "--prefix", "none"])
        .args(["--format", "{p}", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo tree");
    assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let majors: BTreeSet<&str> =
        text.lines().filter_map(|l| l.strip_prefix("syn v")).filter_map(|v| v.split('.').next()).collect();
    assert_eq!(majors.len(), 1, "syn majors in the library's build: {majors:?}\n{text}");
}
