//! The real-log corpus (`tests/logs/*.log`): excerpts posted publicly by other people, each
//! with its source URL and the sense key / ASC / ASCQ that the excerpt itself prints (or, for
//! names only, the T10 code of that name). Every expected event must be found at its first
//! line with exactly those values, and no other event with sense data may appear.

use std::collections::BTreeSet;
use std::path::Path;

use scsi_decode::logscan::{self, Event};

type Expect = (usize, Option<u8>, Option<u8>, Option<u8>);

struct Excerpt {
    name: String,
    source: String,
    body: String,
    expect: Vec<Expect>,
}

fn parse(name: &str, text: &str) -> Excerpt {
    let (head, body) = text.split_once("# ---\n").unwrap_or_else(|| panic!("{name}: no '# ---' line"));
    let body_lines: Vec<&str> = body.lines().collect();
    let mut source = String::new();
    let mut expect = Vec::new();
    let mut from = 0;
    for h in head.lines() {
        if let Some(u) = h.strip_prefix("# source: ") {
            source = u.to_string();
        } else if let Some(e) = h.strip_prefix("# expect: @") {
            let (sub, vals) = e.rsplit_once(" | ").unwrap_or_else(|| panic!("{name}: bad expect {e}"));
            let at = body_lines
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, l)| l.contains(sub))
                .map(|(i, _)| i)
                .unwrap_or_else(|| panic!("{name}: no line with {sub:?}"));
            from = at + 1;
            let v: Vec<Option<u8>> = vals
                .split_whitespace()
                .map(|t| (t != "-").then(|| u8::from_str_radix(t, 16).unwrap()))
                .collect();
            assert_eq!(v.len(), 3, "{name}: {e}");
            expect.push((at + 1, v[0], v[1], v[2]));
        }
    }
    assert!(source.starts_with("http"), "{name}: no source URL");
    Excerpt { name: name.to_string(), source, body: body.to_string(), expect }
}

fn corpus() -> Vec<Excerpt> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/logs");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "log"))
        .map(|p| parse(&p.file_name().unwrap().to_string_lossy(), &std::fs::read_to_string(p).unwrap()))
        .collect()
}

fn sense_events(events: &[Event]) -> Vec<Expect> {
    events
        .iter()
        .filter(|e| e.sense_key().is_some() || e.asc().is_some())
        .map(|e| (e.first_line, e.sense_key(), e.asc(), e.ascq()))
        .collect()
}

#[test]
fn every_excerpt_decodes_exactly_what_it_says() {
    let corpus = corpus();
    let mut failures = Vec::new();
    for x in &corpus {
        let got = sense_events(&logscan::scan(&x.body));
        if got != x.expect {
            failures.push(format!("{}\n  expected {:?}\n  got      {:?}", x.name, x.expect, got));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} excerpts wrong:\n{}",
        failures.len(),
        corpus.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_size_and_sources() {
    let corpus = corpus();
    let sources: BTreeSet<&str> = corpus.iter().map(|x| x.source.as_str()).collect();
    let events: usize = corpus.iter().map(|x| x.expect.len()).sum();
    println!("{} excerpts, {} sources, {} expected events", corpus.len(), sources.len(), events);
    assert!(corpus.len() >= 100, "{} excerpts", corpus.len());
    assert!(sources.len() >= 25, "{} sources", sources.len());
}

#[test]
fn the_same_events_line_by_line_and_in_chunks() {
    for x in corpus() {
        let whole = logscan::scan(&x.body);
        let mut s = logscan::Scanner::new();
        let mut lines = Vec::new();
        for l in x.body.lines() {
            lines.extend(s.feed_line(l));
        }
        lines.extend(s.finish());
        assert_eq!(whole, lines, "{}", x.name);
        let mut s = logscan::Scanner::new();
        let mut chunks = Vec::new();
        for c in x.body.as_bytes().chunks(7) {
            chunks.extend(s.feed(c));
        }
        chunks.extend(s.finish());
        assert_eq!(whole, chunks, "{}", x.name);
    }
}

#[test]
fn whole_events_carry_device_command_and_status() {
    let corpus = corpus();
    let get = |name: &str| {
        let x = corpus.iter().find(|x| x.name.contains(name)).unwrap_or_else(|| panic!("{name}"));
        logscan::scan(&x.body)
    };
    // Linux: device, host/driver bytes, the CDB and its name, the LBA from the descriptor dump.
    let e = get("unixse-46214");
    let e = e.iter().find(|e| e.sense_key() == Some(3)).unwrap();
    assert_eq!(e.device.as_deref(), Some("sda"));
    assert_eq!(e.host_result.unwrap().driver_byte, Some(8));
    assert_eq!(e.opcode(), Some(0x28));
    assert_eq!(e.medium_error_lba(), Some(326_677_146));
    assert_eq!(e.first_line, 12);
    let j = scsi_decode::event_json(e);
    assert_eq!(j["command"]["name"], "READ(10)");
    assert_eq!(j["host_result"]["driver_byte"]["name"], "DRIVER_SENSE");
    // ESXi: H:/D:/P: with names, the opcode, the naa device.
    let e = get("esxi-broadcom-338435-valid");
    let j = scsi_decode::event_json(&e[0]);
    assert_eq!(j["device"], "naa.600601601f70190016361881f3b4de11");
    assert_eq!(j["esxi"]["device"]["name"], "CHECK CONDITION");
    assert_eq!(j["esxi"]["sense_data"], "valid");
    assert_eq!(j["command"]["name"], "READ(10)");
    // Possible sense data with a host reset: reported as the reset, not as a success.
    let e = get("esx4-kb289902");
    let j = scsi_decode::event_json(&e[0]);
    assert_eq!(j["esxi"]["host"]["name"], "VMK_SCSI_HOST_RESET");
    assert!(j["sense_key"].is_null() && j["disposition"].is_null());
    assert!(j["outcome"].as_str().unwrap().starts_with("host status VMK_SCSI_HOST_RESET"));
    // Split Linux prefixes: the device-only lines tie the parts to sdb.
    let e = get("linuxbrujo");
    assert_eq!(e.iter().filter(|e| e.sense_key().is_some()).count(), 1);
    let e = e.iter().find(|e| e.sense_key().is_some()).unwrap();
    assert_eq!(e.device.as_deref(), Some("sdb"));
    assert_eq!(e.opcode(), Some(0x28));
    assert_eq!(e.information(), Some(0x20052));
    // Tape opcode names: REWIND on sa0.
    let e = get("bugzilla-14819");
    assert_eq!(scsi_decode::event_json(&e[0])["command"]["name"], "REWIND");
}
