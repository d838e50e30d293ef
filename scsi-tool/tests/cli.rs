//! The `scsi` binary without a device: exit statuses and messages.

use std::process::{Command, Output};

fn scsi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scsi")).args(args).output().expect("run scsi")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_missing_device_exits_50_plus_enoent_and_names_it() {
    for sub in [
        &["inquiry"][..],
        &["inquiry", "--vpd", "0x83"],
        &["readcap"],
        &["readcap", "--long"],
        &["luns"],
        &["tur"],
        &["sync", "--immed"],
        &["sense"],
        &["probe"],
    ] {
        let mut args = sub.to_vec();
        args.insert(1, "/dev/no-such-scsi-device");
        let o = scsi(&args);
        assert_eq!(o.status.code(), Some(52), "{args:?}: {}", stderr(&o));
        let e = stderr(&o);
        assert!(e.contains("/dev/no-such-scsi-device") && e.contains("cannot open"), "{args:?}: {e}");
    }
}

#[test]
fn json_errors_are_json() {
    let o = scsi(&["tur", "/dev/no-such-scsi-device", "--json"]);
    assert_eq!(o.status.code(), Some(52));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["exit_status"], 52);
    assert!(v["error"].as_str().unwrap().contains("/dev/no-such-scsi-device"));
}

#[test]
fn probe_of_a_file_that_is_not_a_scsi_device_exits_99_in_json() {
    let o = scsi(&["probe", "/dev/null", "--json"]);
    assert_eq!(o.status.code(), Some(99), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["exit_status"], 99);
}

#[test]
fn a_file_that_is_not_a_scsi_device_exits_99() {
    let o = scsi(&["inquiry", "/dev/null"]);
    assert_eq!(o.status.code(), Some(99), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a SCSI pass-through device"), "{}", stderr(&o));
}

#[test]
fn bad_command_lines_exit_1() {
    // Not hex.
    let o = scsi(&["raw", "/dev/null", "zz"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // A 6-byte CDB with a 10-byte opcode is refused unless --vendor.
    let o = scsi(&["raw", "/dev/null", "28", "00", "00", "00", "00", "00"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--vendor"), "{}", stderr(&o));
    let o = scsi(&["raw", "/dev/null", "28", "00", "00", "00", "00", "00", "--vendor"]);
    assert_eq!(o.status.code(), Some(99), "{}", stderr(&o));
    // Unknown subcommand, bad VPD page.
    assert_eq!(scsi(&["frobnicate"]).status.code(), Some(1));
    assert_eq!(scsi(&["inquiry", "/dev/null", "--vpd", "0x1ff"]).status.code(), Some(99));
    // A missing --out file is a file error.
    let o = scsi(&["raw", "/dev/null", "2a 00 00 00 00 00 00 00 01 00", "--out", "/no/such/file"]);
    assert_eq!(o.status.code(), Some(15), "{}", stderr(&o));
}

#[test]
fn help_lists_the_exit_statuses() {
    let o = scsi(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let h = String::from_utf8_lossy(&o.stdout);
    for line in
        ["2  NOT READY", "3  MEDIUM ERROR", "5  ILLEGAL REQUEST", "6  UNIT ATTENTION", "11  ABORTED COMMAND"]
    {
        assert!(h.contains(line), "{line}: {h}");
    }
    for sub in ["inquiry", "readcap", "luns", "tur", "sync", "sense", "probe", "raw"] {
        assert!(h.contains(sub), "{sub}");
    }
}
