//! Runs the built `scsi-decode` binary on the shared samples, on real log lines and on bad
//! input. Nothing may panic: every run must end with a documented exit status.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_scsi-decode"))
}

/// `../shared/testdata/<rel>`; the folder sits beside the repository in every checkout CI
/// makes, so its absence fails the test with what to do.
fn testdata(rel: &str) -> PathBuf {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/testdata"));
    assert!(
        root.is_dir(),
        "{} is missing: check out the shared folder beside the repository",
        root.display()
    );
    root.join(rel)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut c =
        bin().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = c.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = c.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn no_panic(o: &Output) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(matches!(o.status.code(), Some(0..=3)), "status {:?}: {err}", o.status);
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

#[test]
fn sense_text_and_json() {
    let o = run(&[
        "sense", "70", "00", "05", "00", "00", "00", "00", "0a", "00", "00", "00", "00", "24", "00", "00",
        "c0", "00", "04",
    ]);
    assert!(o.status.success());
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(
        t.contains("ILLEGAL REQUEST")
            && t.contains("INVALID FIELD IN CDB")
            && t.contains("field pointer byte 4"),
        "{t}"
    );
    let o =
        run(&["sense", "--json", "0x72,0x03,0x11,0x04,0,0,0,0x0c,0,0x0a,0x80,0,0,0,0,0,0x13,0x78,0xb2,0x9a"]);
    let v = json(&o);
    for key in [
        "response_code",
        "format",
        "deferred",
        "sense_key",
        "sense_key_name",
        "asc",
        "ascq",
        "description",
        "information",
        "command_specific",
        "progress",
        "filemark",
        "eom",
        "ili",
        "sks",
        "descriptors",
        "disposition",
        "truncated",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["format"], "descriptor");
    assert_eq!(v["information"], 326_677_146u64);
    assert_eq!(v["descriptors"][0]["type"], 0);
    assert_eq!(v["disposition"], "medium_error");
    assert_eq!(v["command_specific"], serde_json::Value::Null);
}

#[test]
fn every_shared_sense_sample() {
    let dir = testdata("sg3_utils-inhex/data");
    for f in ["fixed_sense.hex", "descriptor_sense.hex", "forwarded_sense.hex", "ref_sense.hex"] {
        let p = dir.join(f);
        let o = run(&["sense", "--file", p.to_str().unwrap()]);
        no_panic(&o);
        assert!(o.status.success(), "{f}");
        let o = run(&["sense", "--json", "--file", p.to_str().unwrap()]);
        assert!(json(&o)["sense_key_name"].is_string(), "{f}");
        let o = run(&["sense", "--explain", "--file", p.to_str().unwrap()]);
        assert!(String::from_utf8_lossy(&o.stdout).contains("byte   0"), "{f}");
    }
    let tgt = testdata("tgt-1.0.85-captures/data");
    for e in std::fs::read_dir(&tgt).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("sense_") {
            let v = json(&run(&["sense", "--json", "--file", p.to_str().unwrap()]));
            assert_eq!(v["sense_key_name"], "ILLEGAL REQUEST", "{name}");
        }
    }
}

#[test]
fn every_shared_file_decodes_or_fails_cleanly() {
    let mut n = 0;
    for dir in ["sg3_utils-inhex/data", "tgt-1.0.85-captures/data"] {
        let dir = testdata(dir);
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            let input = match ext {
                "hex" => "--file",
                "raw" => "--binary",
                _ => continue,
            };
            for sub in ["sense", "cdb", "inquiry", "vpd", "readcap", "luns", "zones", "mode"] {
                for j in [false, true] {
                    let mut args = vec![sub, input, p.to_str().unwrap()];
                    args.push(if j { "--json" } else { "--explain" });
                    let o = run(&args);
                    no_panic(&o);
                    if j {
                        let _ = json(&o);
                    }
                    n += 1;
                }
            }
        }
    }
    assert!(n > 500, "{n}");
}

#[test]
fn log_lines_from_the_wild() {
    let p = testdata("real-world-logs/README.md");
    let o = run(&["log", "--json", p.to_str().unwrap()]);
    assert!(o.status.success());
    let found: Vec<serde_json::Value> =
        String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let has = |src: &str, key: &str| found.iter().any(|f| f["source"] == src && f["sense_key_name"] == key);
    assert!(has("linux", "MEDIUM ERROR"));
    assert!(has("esxi", "ILLEGAL REQUEST"));
    assert!(has("esxi", "MISCOMPARE"));
    assert!(has("freebsd", "NOT READY"));
    assert!(has("freebsd", "HARDWARE ERROR"));
    assert!(has("netbsd", "ILLEGAL REQUEST"));
    assert!(has("solaris", "MEDIUM ERROR"));
    assert!(found.iter().any(|f| f["sense_key_name"] == "NOT READY" && f["sense"]["format"] == "fixed"));
    assert!(found.iter().any(|f| f["command"]["name"] == "READ(10)"));
    // The descriptor hex dump carries the failing sector Linux printed.
    assert!(found.iter().any(|f| f["information"] == 326_677_146u64 && f["sense"]["format"] == "descriptor"));
    // DriverKit-style lines.
    let o = run_stdin(
        &["log", "--json"],
        "SENSE_KEY = 0x5\nADDITIONAL_SENSE_CODE = 0x20\nADDITIONAL_SENSE_CODE_QUALIFIER = 0x0\n",
    );
    let last: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&o.stdout).lines().last().unwrap()).unwrap();
    assert_eq!(last["description"], "INVALID COMMAND OPERATION CODE");
}

#[test]
fn bulk_stdin_json_lines() {
    let input = "70 00 05 00 00 00 00 0a 00 00 00 00 20 00 00 00 00 00\nnot hex\n\n00 00 00\n72 06 29 00 00 00 00 00\n";
    let o = run_stdin(&["sense", "--json"], input);
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // One record per input line, blank lines included, each with its line number.
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["asc"], 0x20);
    assert!(lines[1]["error"].is_string());
    assert!(lines[2]["error"].is_string());
    // Three bytes that cannot be sense data are a key/ASC/ASCQ triple.
    assert_eq!((lines[3]["sense_key"].as_u64(), lines[3]["asc"].as_u64()), (Some(0), Some(0)));
    assert_eq!(lines[4]["disposition"], "reset_occurred");
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["line"], i + 1);
    }
}

#[test]
fn bad_input() {
    for args in [
        vec!["sense", "7"],
        vec!["sense", "700"],
        vec!["sense", "zz"],
        vec!["sense", "00", "00"],
        vec!["cdb", "60", "00"],
        vec!["cdb", "7f"],
        vec!["sense", "--file", "/nonexistent/file"],
        vec!["bogus"],
    ] {
        let o = run(&args);
        no_panic(&o);
        assert!(!o.status.success(), "{args:?}");
    }
    // Odd digit count in single mode: exit 1 with a message.
    let o = run(&["sense", "70005"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("odd number"));
    // Empty input: an empty argument, an empty stdin.
    let o = run(&["sense", ""]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
    let o = run_stdin(&["sense", "--json"], "");
    assert!(o.status.success() && o.stdout.is_empty());
    let o = run_stdin(&["log", "--json"], "");
    assert!(o.status.success() && o.stdout.is_empty());
    // A 10,000-byte line in bulk mode and as an argument.
    let long = "72 ".repeat(10_000);
    let o = run_stdin(&["sense", "--json"], &format!("{long}\n"));
    no_panic(&o);
    let o = run(&["sense", &long]);
    no_panic(&o);
    let o = run_stdin(&["log"], &"x".repeat(10_000));
    no_panic(&o);
}

#[test]
fn cdb_decode_and_explain() {
    let o = run(&[
        "cdb", "--json", "88", "00", "00", "00", "00", "01", "00", "00", "00", "00", "00", "00", "00", "08",
        "00", "00",
    ]);
    let v = json(&o);
    assert_eq!(v["name"], "READ(16)");
    assert_eq!(v["direction"], "from_device");
    assert_eq!(v["transfer_length"], 4096);
    let o = run(&["cdb", "--explain", "12", "04", "00", "00", "24", "00"]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.contains("INVALID") && t.contains("<-- invalid (bit 2)"), "{t}");
    let o = run(&["cdb", "--json", "12", "04", "00", "00", "24", "00"]);
    assert_eq!(json(&o)["error"]["field_pointer"]["byte"], 1);
}

/// Commands of the table-described set show every field from the library's layout, their
/// direction and transfer length, and a reserved bit is pointed at.
#[test]
fn cdb_command_set_fields() {
    let o = run(&["cdb", "--json", "2f", "32", "01", "02", "03", "04", "05", "00", "10", "00"]);
    let v = json(&o);
    assert_eq!(v["name"], "VERIFY(10)");
    assert_eq!(v["direction"], "to_device");
    assert_eq!(v["transfer_length"], 16 * 512);
    let names: Vec<&str> =
        v["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    for want in ["VRPROTECT", "DPO", "BYTCHK", "LOGICAL BLOCK ADDRESS", "GROUP NUMBER", "VERIFICATION LENGTH"]
    {
        assert!(names.contains(&want), "{names:?}");
    }
    let bytchk = v["fields"].as_array().unwrap().iter().find(|f| f["name"] == "BYTCHK").unwrap();
    assert_eq!(bytchk["value"], 1);
    // ZONE ACTIVATE with a reserved bit in byte 1.
    let o = run(&[
        "cdb",
        "--explain",
        "95",
        "48",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "1",
        "0",
        "0",
        "4",
        "2",
        "0",
        "1",
        "0",
    ]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.contains("ALL") && t.contains("<-- invalid (bit 6)"), "{t}");
    let o = run(&["cdb", "--json", "a1", "08", "0e", "00", "01", "00", "00", "00", "00", "ec", "00", "00"]);
    let v = json(&o);
    assert_eq!(v["direction"], "from_device");
    assert_eq!(v["transfer_length"], 512);
}

#[test]
fn help_has_examples() {
    let o = run(&["--help"]);
    assert!(o.status.success());
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.contains("EXAMPLES") && t.contains("EXIT STATUS"));
}

/// The newer VPD pages: code-field names in the JSON, and the byte map of a fixed-layout page.
#[test]
fn vpd_page_names_and_byte_map() {
    let bdce = testdata("sg3_utils-inhex/data/vpd_bdce.hex");
    let o = run(&["vpd", "--json", "--file", bdce.to_str().unwrap()]);
    let v = json(&o);
    assert_eq!(v["page"]["utilization_units_name"], "petabytes");
    assert_eq!(v["page"]["utilization_interval_name"], "per year");
    let zbdc = testdata("sg3_utils-inhex/data/vpd_zbdc.hex");
    let o = run(&["vpd", "--explain", "--file", zbdc.to_str().unwrap()]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.contains("zone_alignment_method_name: constant zone lengths"), "{t}");
    assert!(t.contains("zoned_block_device_extension_name: not reported"), "{t}");
    assert!(t.contains("  maximum number of open sequential write required zones: 8"), "{t}");
    assert!(t.contains("byte  23  01  00000001  ZONE ALIGNMENT METHOD (3:0)"), "{t}");
    let o =
        run(&["vpd", "--explain", "00", "b7", "00", "08", "00", "01", "00", "04", "00", "08", "00", "00"]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(
        t.contains("byte   5  01  00000001  RSCS (0)")
            && t.contains("OPTIMAL STREAM WRITE SIZE [byte 2 of 2]"),
        "{t}"
    );
    no_panic(&o);
}

#[test]
fn inquiry_version_descriptors_named() {
    // A 96-byte standard INQUIRY answer claiming SPC-4, SBC-3, iSCSI and one unknown code.
    let mut b = [0u8; 96];
    b[2] = 6;
    b[3] = 2;
    b[4] = 91;
    for (k, c) in [0x0460u16, 0x04C0, 0x0960, 0x0001].iter().enumerate() {
        b[58 + 2 * k..60 + 2 * k].copy_from_slice(&c.to_be_bytes());
    }
    let hex: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    let args: Vec<&str> = std::iter::once("inquiry").chain(hex.iter().map(String::as_str)).collect();
    let o = run(&args);
    assert!(o.status.success());
    let t = String::from_utf8_lossy(&o.stdout);
    for line in [
        "version descriptors:",
        "0x0460 (SPC-4 (no version claimed))",
        "0x04c0 (SBC-3 (no version claimed))",
        "0x0960 (iSCSI (no version claimed))",
    ] {
        assert!(t.contains(line), "{line:?} in {t}");
    }
    assert!(t.lines().any(|l| l.trim() == "0x0001"), "{t}");
    let mut json_args = args.clone();
    json_args.insert(1, "--json");
    let v = json(&run(&json_args));
    let vd = v["version_descriptors"].as_array().unwrap();
    assert_eq!(vd.len(), 4);
    assert_eq!(vd[0]["code"], 0x0460);
    assert_eq!(vd[0]["name"], "SPC-4 (no version claimed)");
    assert_eq!(vd[3]["name"], serde_json::Value::Null);
}

#[test]
fn log_page_decode() {
    let o = run(&[
        "logpage", "--json", "0d", "00", "00", "0c", "00", "00", "03", "02", "00", "26", "00", "01", "03",
        "02", "00", "ff",
    ]);
    let v = json(&o);
    assert_eq!(v["page_code"], 0x0D);
    assert_eq!(v["temperature"]["temperature"], 38);
    assert!(v["temperature"]["reference_temperature"].is_null());
    assert_eq!(v["parameters"].as_array().unwrap().len(), 2);
    let o = run(&["logpage", "2f", "00", "00", "07", "00", "00", "03", "03", "5d", "10", "26"]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.contains("HARDWARE IMPENDING FAILURE"), "{t}");
}

/// Text output is built from the library's values, never Rust `Debug` forms: no struct names,
/// no `Some(..)`/`None`, and mode pages in words, not inline JSON. The B2h page declaring 0
/// bytes shows no provisioning type.
#[test]
fn text_output_has_no_debug_forms() {
    let cases: [&[&str]; 5] = [
        &[
            "vpd", "00", "b0", "00", "3c", "00", "80", "00", "08", "00", "00", "08", "00", "00", "00", "00",
            "00",
        ],
        &["vpd", "00", "b2", "00", "00", "00", "e0", "02", "00"],
        &["readcap", "00", "00", "00", "00", "ff", "ff", "ff", "ff", "00", "00", "02", "00", "01", "03"],
        &[
            "mode", "--six", "17", "00", "00", "00", "08", "12", "04", "00", "00", "00", "00", "00", "00",
            "00", "00", "00", "00", "00", "00", "00", "00", "00", "00", "00",
        ],
        &["vpd", "00", "86", "00", "3c", "0d"],
    ];
    for args in cases {
        let o = run(args);
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        for bad in
            ["Some(", "None", "BlockLimits", "LogicalBlockProvisioning", "ExtendedInquiry", "{\"", " {"]
        {
            assert!(!text.contains(bad), "{args:?} printed {bad:?}:\n{text}");
        }
    }
    let o = run(&["vpd", "00", "b2", "00", "00", "00", "e0", "02", "00"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("provisioning type: not present"), "{text}");
    // Field lines carry the T10 names (from the JSON keys).
    let o = run(cases[0]);
    let text = String::from_utf8_lossy(&o.stdout);
    for line in [
        "  maximum compare and write length: 128",
        "  optimal transfer length granularity: 8",
        "  maximum transfer length: 2048",
        "  maximum unmap lba count: not present",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} in {text}");
    }
    let o = run(&[
        "mode", "--six", "17", "00", "00", "00", "08", "12", "04", "00", "00", "00", "00", "00", "00", "00",
        "00", "00", "00", "00", "00", "00", "00", "00", "00", "00",
    ]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("wce 1"), "{}", String::from_utf8_lossy(&o.stdout));
}

/// `72 05 24`: descriptor sense cut after the ASC. JSON and text report ASC 24h with the ASCQ
/// missing, and the lengths say why; the JSON is the library's own `Serialize` of `Sense`.
#[test]
fn short_descriptor_sense_reports_asc() {
    let o = run(&["sense", "--json", "72", "05", "24"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((j["asc"].as_u64(), j["ascq"].is_null()), (Some(0x24), true), "{j}");
    assert_eq!((j["declared_length"].is_null(), j["available_length"].as_u64()), (true, Some(3)));
    let o = run(&["sense", "72", "05", "24"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("24h") && !text.contains("ASC/ASCQ missing"), "{text}");
}

/// `--json` prints the library's shape: `serde_json::to_value` of the view over the same bytes
/// (plus the `command` tag for READ CAPACITY and MODE SENSE), for every shared sample each
/// command decodes.
#[test]
fn json_is_the_library_shape() {
    use scsi_cdb::data::{
        LogPage, ModeData, ReadCapacity10Data, ReadCapacity16Data, ReportLunsData, ReportZonesData,
        StandardInquiry, VpdPageView,
    };
    let lib = |sub: &str, b: &[u8]| -> Option<serde_json::Value> {
        let v = match sub {
            "inquiry" => serde_json::to_value(StandardInquiry::parse(b).ok()?),
            "vpd" => serde_json::to_value(VpdPageView::parse(b).ok()?),
            "readcap" if b.len() <= 8 => serde_json::to_value(ReadCapacity10Data::parse(b).ok()?),
            "readcap" => serde_json::to_value(ReadCapacity16Data::parse(b).ok()?),
            "luns" => serde_json::to_value(ReportLunsData::parse(b).ok()?),
            "zones" => serde_json::to_value(ReportZonesData::parse(b).ok()?),
            "mode" => serde_json::to_value(ModeData::parse(b, true).ok()?),
            "logpage" => serde_json::to_value(LogPage::parse(b).ok()?),
            _ => return None,
        };
        v.ok()
    };
    let mut n = 0;
    for dir in ["sg3_utils-inhex/data", "tgt-1.0.85-captures/data"] {
        for e in std::fs::read_dir(testdata(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().and_then(|x| x.to_str()) != Some("hex") {
                continue;
            }
            let b = scsi_decode::hex::parse_file(&std::fs::read_to_string(&p).unwrap()).unwrap();
            for sub in ["inquiry", "vpd", "readcap", "luns", "zones", "mode", "logpage"] {
                let o = run(&[sub, "--json", "--file", p.to_str().unwrap()]);
                if o.status.code() != Some(0) {
                    continue;
                }
                let mut cli = json(&o);
                if let Some(m) = cli.as_object_mut() {
                    m.remove("command");
                }
                assert_eq!(Some(cli), lib(sub, &b), "{sub} {}", p.display());
                n += 1;
            }
        }
    }
    assert!(n > 100, "{n}");
}

/// READ CAPACITY (10) and (16) print the same keys for the same fields.
#[test]
fn readcap_json_keys() {
    for (file, command) in [("readcap10.hex", "READ CAPACITY(10)"), ("readcap16.hex", "READ CAPACITY(16)")] {
        let p = testdata(&format!("tgt-1.0.85-captures/data/{file}"));
        let v = json(&run(&["readcap", "--json", "--file", p.to_str().unwrap()]));
        assert_eq!(v["command"], command);
        assert_eq!(v["returned_logical_block_address"], 0x1FFFF, "{v}");
        assert_eq!(v["logical_block_length"], 512, "{v}");
        assert_eq!(
            (&v["blocks"], &v["capacity_bytes"]),
            (&serde_json::json!(0x20000), &serde_json::json!("67108864"))
        );
        assert!(
            v.get("block_len").is_none() && v.get("block_length").is_none() && v.get("last_lba").is_none()
        );
    }
    let p = testdata("tgt-1.0.85-captures/data/mode_sense6_all.hex");
    let v = json(&run(&["mode", "--six", "--json", "--file", p.to_str().unwrap()]));
    assert_eq!(v["command"], "MODE SENSE(6)");
    assert_eq!(v["block_descriptors"][0]["logical_block_length"], 512);
}

/// `scsi-decode zones` on scsi_debug's REPORT ZONES answer (sg3_utils' `rep_zones.hex`: 512 MB
/// in 128 MB zones, the first conventional): the text line of each zone, the JSON values
/// (those the file's comments and `sg_rep_zones --inhex` give) and the byte map of the header
/// and of each descriptor.
#[test]
fn zones_text_json_and_explain() {
    let p = testdata("sg3_utils-inhex/data/rep_zones.hex");
    let f = p.to_str().unwrap();
    let o = run(&["zones", "--file", f]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let t = String::from_utf8_lossy(&o.stdout);
    for line in [
        "REPORT ZONES data: 4 zones declared; SAME 0 (zone type and length may differ), maximum LBA 0xfffff",
        "  zone starting LBA granularity: 0",
        "  zone 0: conventional (1h), not write pointer (0h), start LBA 0x0, length 262144 blocks, write pointer 0xffffffffffffffff",
        "  zone 1: sequential write required (2h), empty (1h), start LBA 0x40000, length 262144 blocks, write pointer 0x40000",
        "  zone 3: sequential write required (2h), empty (1h), start LBA 0xc0000, length 262144 blocks, write pointer 0xc0000",
        "  length: 320 declared, 320 present",
    ] {
        assert!(t.lines().any(|l| l == line), "{line:?} in {t}");
    }
    for bad in ["Some(", "None", "ZoneType", "ZoneCondition", "ZoneDescriptor", "{"] {
        assert!(!t.contains(bad), "printed {bad:?}:\n{t}");
    }
    let v = json(&run(&["zones", "--json", "--file", f]));
    assert_eq!(
        (&v["zone_list_length"], &v["same"], &v["maximum_lba"]),
        (&256.into(), &0.into(), &0xF_FFFF.into())
    );
    let zones = v["zones"].as_array().unwrap();
    assert_eq!(zones.len(), 4);
    assert_eq!(
        (&zones[0]["zone_type_name"], &zones[0]["write_pointer_lba"]),
        (&"conventional".into(), &u64::MAX.into())
    );
    for (i, z) in zones.iter().enumerate().skip(1) {
        let lba = serde_json::Value::from(0x4_0000 * i as u64);
        assert_eq!((&z["zone_type"], &z["zone_condition"]), (&2.into(), &1.into()), "{z}");
        assert_eq!(
            (&z["zone_start_lba"], &z["write_pointer_lba"], &z["zone_length"]),
            (&lba, &lba, &0x4_0000.into())
        );
    }
    assert_eq!(
        (&v["declared_length"], &v["available_length"], &v["truncated"]),
        (&320.into(), &320.into(), &false.into())
    );
    let o = run(&["zones", "--explain", "--file", f]);
    let t = String::from_utf8_lossy(&o.stdout);
    for line in [
        "  byte   2  01  00000001  ZONE LIST LENGTH [byte 3 of 4]",
        "  byte   4  00  00000000  SAME (3:0)",
        "  byte  15  ff  11111111  MAXIMUM LBA [byte 8 of 8]",
        "  byte  64  01  00000001  zone 0: ZONE TYPE (3:0)",
        "  byte 129  10  00010000  zone 1: ZONE CONDITION (7:4), NON_SEQ (1), RESET (0)",
        "  byte 141  04  00000100  zone 1: ZONE LENGTH [byte 6 of 8]",
        "  byte 277  0c  00001100  zone 3: ZONE START LBA [byte 6 of 8]",
        "  byte 319  00  00000000  zone 3: reserved [byte 32 of 32]",
    ] {
        assert!(t.lines().any(|l| l == line), "{line:?} in {t}");
    }
    assert_eq!(t.lines().filter(|l| l.starts_with("  byte")).count(), 320);
}

/// ZONE LIST LENGTH shorter than the buffer (two zones of the four sent): text, JSON and byte
/// map show only the declared zones, and the bytes after them are past the list; longer (eight
/// declared), the JSON and the text say truncated.
#[test]
fn zones_declared_length_shorter_than_the_buffer() {
    let b = scsi_decode::hex::parse_file(
        &std::fs::read_to_string(testdata("sg3_utils-inhex/data/rep_zones.hex")).unwrap(),
    )
    .unwrap();
    let args = |sub: &[&'static str], list: u32| -> Vec<String> {
        let mut b = b.clone();
        b[..4].copy_from_slice(&list.to_be_bytes());
        sub.iter().map(|s| s.to_string()).chain(b.iter().map(|x| format!("{x:02x}"))).collect()
    };
    let go = |a: Vec<String>| run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let o = go(args(&["zones"], 128));
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.starts_with("REPORT ZONES data: 2 zones declared; SAME 0"), "{t}");
    assert!(t.contains("  zone 1: ") && !t.contains("  zone 2: "), "{t}");
    assert!(t.lines().any(|l| l == "  length: 192 declared, 192 present"), "{t}");
    let v = json(&go(args(&["zones", "--json"], 128)));
    assert_eq!(v["zones"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["zones"][1]["zone_start_lba"], 0x4_0000);
    assert_eq!(
        (&v["declared_length"], &v["available_length"], &v["truncated"]),
        (&192.into(), &192.into(), &false.into())
    );
    let o = go(args(&["zones", "--explain"], 128));
    let t = String::from_utf8_lossy(&o.stdout);
    for line in [
        "  byte 191  00  00000000  zone 1: reserved [byte 32 of 32]",
        "  byte 192  02  00000010  past ZONE LIST LENGTH",
    ] {
        assert!(t.lines().any(|l| l == line), "{line:?} in {t}");
    }
    let v = json(&go(args(&["zones", "--json"], 512)));
    assert_eq!(v["zones"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        (&v["declared_length"], &v["available_length"], &v["truncated"]),
        (&576.into(), &320.into(), &true.into())
    );
    let o = go(args(&["zones"], 512));
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.starts_with("REPORT ZONES data: 8 zones declared (truncated)"), "{t}");
    assert!(t.contains("320 present (ask again with the declared length)"), "{t}");
    // Below the 16 bytes every answer holds: exit 1 with the reason.
    let o = run(&["zones", "00", "00", "01", "00"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(json(&run(&["zones", "--json", "00", "00", "01", "00"]))["error"].is_string());
}
