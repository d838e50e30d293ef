//! The `scsi` binary against a real target: tgtd on 127.0.0.1 through `iscsi://` (feature
//! `libiscsi`). The JSON must be scsi-decode's for the same bytes; CHECK CONDITION must give the
//! decoded sense and sg3_utils' exit status.
//!
//! Prints `SKIPPED:` and passes when the feature is off, tgtd is missing or the test is not
//! root; fails instead when `CI=true`.

fn skip(reason: &str) {
    let _ = std::io::Write::write_fmt(
        &mut std::io::stderr(),
        format_args!("SKIPPED: scsi-tool iscsi_tgt: {reason}\n"),
    ); // past the test harness capture
    assert!(std::env::var("CI").map_or(true, |v| v != "true"), "CI=true: {reason}");
}

#[cfg(not(feature = "libiscsi"))]
#[test]
fn live_target() {
    skip("built without the libiscsi feature (cargo test -p scsi-tool --features libiscsi)");
}

#[cfg(feature = "libiscsi")]
#[test]
fn live_target() {
    use std::process::Command;
    use std::time::Duration;

    use scsi_cdb_oracles::tgt::{DISK_BYTES, IQN, Target};
    use serde_json::Value;

    if !scsi_cdb_oracles::AVAILABLE {
        return skip("libiscsi-dev / libsgutils2-dev not installed");
    }
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    if !root {
        return skip("tgtd needs root");
    }
    let target = match Target::start(Duration::from_secs(90)) {
        Ok(t) => t,
        Err(e) => return skip(&format!("tgtd could not start: {e:?}")),
    };
    let url = format!("iscsi://{}/{IQN}/1", target.portal);
    let scsi = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_scsi")).args(args).output().expect("run scsi");
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let json = |s: &str| -> Value { serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}")) };

    // Clear the power-on unit attention: the first TUR may exit 6 with the decoded sense.
    let (code, _, err) = scsi(&["tur", &url]);
    if code == Some(6) {
        assert!(err.contains("UNIT ATTENTION") && err.contains("disposition"), "{err}");
    } else {
        assert_eq!(code, Some(0), "{err}");
    }
    assert_eq!(scsi(&["tur", &url]).0, Some(0));

    // INQUIRY JSON is scsi-decode's decode of the bytes sg_raw-style `raw` returns.
    let (code, out, err) = scsi(&["inquiry", &url, "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let inq = json(&out);
    assert_eq!(inq["device"], url.as_str());
    let total = inq["data"]["declared_length"].as_u64().unwrap();
    let (code, out, err) = scsi(&[
        "raw",
        &url,
        "12 00 00 00",
        &format!("{total:02x}"),
        "00",
        "--in",
        &total.to_string(),
        "--json",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let hex = json(&out)["result"]["data_in"].as_str().unwrap().to_owned();
    let bytes: Vec<u8> = hex.split(' ').map(|h| u8::from_str_radix(h, 16).unwrap()).collect();
    let (_, want) =
        scsi_decode::data_out::decode(scsi_decode::data_out::Kind::Inquiry, &bytes, false).unwrap();
    assert_eq!(inq["data"], want);
    assert_eq!(want["vendor"], "IET");

    // VPD 00h lists 83h; 83h decodes.
    let (code, out, err) = scsi(&["inquiry", &url, "--vpd", "0", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let pages = json(&out);
    assert!(pages.to_string().contains("131") || out.contains("83"), "{out}");
    let (code, _, err) = scsi(&["inquiry", &url, "--vpd", "0x83"]);
    assert_eq!(code, Some(0), "{err}");

    // READ CAPACITY (10) and (16) agree with the backing file.
    for long in [false, true] {
        let mut args = vec!["readcap", url.as_str(), "--json"];
        if long {
            args.push("--long");
        }
        let (code, out, err) = scsi(&args);
        assert_eq!(code, Some(0), "{err}");
        let v = json(&out);
        // (10) and (16) use the same keys.
        assert_eq!(v["data"]["logical_block_length"], 512, "{v}");
        assert_eq!(v["data"]["returned_logical_block_address"].as_u64(), Some(DISK_BYTES / 512 - 1), "{v}");
    }

    // REPORT LUNS lists LUN 0 (controller) and 1; SYNCHRONIZE CACHE and REQUEST SENSE succeed.
    let (code, out, err) = scsi(&["luns", &url]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("LUN"), "{out}");
    assert_eq!(scsi(&["sync", &url]).0, Some(0));
    // tgt refuses IMMED (INVALID FIELD IN CDB): exit 5 with the decoded sense.
    let (code, _, err) = scsi(&["sync", &url, "--immed"]);
    assert!(code == Some(0) || (code == Some(5) && err.contains("ILLEGAL REQUEST")), "{code:?} {err}");
    let (code, out, err) = scsi(&["sense", &url, "--json"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(json(&out)["sense"]["sense_key"], 0, "{out}");

    // CHECK CONDITION: a READ (10) past the end exits 22 (LBA out of range), a vendor opcode
    // exits 9 (invalid opcode), both with the decoded sense and disposition.
    let lba = format!("{:08x}", DISK_BYTES / 512);
    let (code, out, _) = scsi(&["raw", &url, &format!("28 00 {lba} 00 00 01 00"), "--in", "512", "--json"]);
    assert_eq!(code, Some(22), "{out}");
    let v = json(&out);
    assert_eq!((v["status"].as_u64(), v["sense"]["asc"].as_u64()), (Some(2), Some(0x21)), "{v}");
    assert!(v["disposition"].is_string(), "{v}");
    let (code, _, err) = scsi(&["raw", &url, "c5 00 00 00 00 00", "--vendor"]);
    assert_eq!(code, Some(9), "{err}");
    assert!(err.contains("ILLEGAL REQUEST") && err.contains("disposition"), "{err}");

    // Data-out from a file: WRITE (10) one block, then read it back.
    let f = std::env::temp_dir().join(format!("scsi-tool-block-{}", std::process::id()));
    let block: Vec<u8> = (0..512u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&f, &block).unwrap();
    let (code, _, err) = scsi(&["raw", &url, "2a 00 00 00 00 10 00 00 01 00", "--out", f.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    std::fs::remove_file(&f).unwrap();
    let (code, out, err) = scsi(&["raw", &url, "28 00 00 00 00 10 00 00 01 00", "--in", "512", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let got: Vec<u8> = json(&out)["result"]["data_in"]
        .as_str()
        .unwrap()
        .split(' ')
        .map(|h| u8::from_str_radix(h, 16).unwrap())
        .collect();
    assert_eq!(got, block);
}
