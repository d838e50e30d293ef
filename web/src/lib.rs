//! The `scsi-decode` decoder as a WebAssembly module for the offline page in `web/`.
//!
//! One call decodes whatever an administrator pasted: a whole log (every SCSI event the
//! log scanner finds, with its line range, and the per-device summary), a hex sense buffer
//! (decoded, with its byte map), or a key/ASC/ASCQ triple such as `5/24/00`. The answer is
//! one JSON object (see [`Output`]), built from the same library functions and `Serialize`
//! types as `scsi-decode --json`, so the page and the command line never disagree.
//!
//! # The interface the page calls
//!
//! Plain C-ABI exports, no `wasm-bindgen`: the page's script is hand-written and small,
//! and building needs nothing beyond `rustup target add wasm32-unknown-unknown`.
//!
//! 1. `input_buffer(len) -> ptr`: makes the module's input buffer `len` bytes long and
//!    returns where it starts; the script writes the UTF-8 text there.
//! 2. `decode(len) -> out_len`: decodes the first `len` bytes of that buffer and keeps the
//!    JSON answer; returns its length in bytes.
//! 3. `output_ptr()` and `output_len()`: where that answer is.
//!
//! The buffers live in a thread-local `RefCell` (WebAssembly here has one thread), so the
//! module's own code needs no `unsafe` block; the only `unsafe` token is the
//! `#[unsafe(no_mangle)]` attribute on the four exports. The script reads `memory.buffer`
//! again after every call, because a call may grow the memory.

#![deny(unsafe_code)]

use std::cell::RefCell;

use scsi_decode::logscan::summary::Summary;
use scsi_decode::logscan::{Event, Scanner, SenseFacts};
use scsi_decode::{hex, sense_out};
use serde::Serialize;
use serde_json::Value;

/// What the input was taken to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Nothing but white space.
    Empty,
    /// Log text (zero or more events found).
    Log,
    /// One hex sense buffer.
    Sense,
    /// A sense key, ASC and ASCQ.
    Triple,
    /// Hex bytes that are neither sense data nor a triple.
    Undecodable,
}

/// The answer to one [`decode_text`] call, serialized as the page's JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    /// What the input was taken to be.
    pub kind: Kind,
    /// Lines in the input.
    pub lines: usize,
    /// Each event as `scsi-decode log --json` prints it (`line`, `sense_key`, `asc`, `ascq`,
    /// `description`, `disposition`, `esxi`, `host_result`, `command`, `device`, `outcome`,
    /// ...); a sense buffer's event also has `byte_map`.
    pub events: Vec<Value>,
    /// The per-device summary, as `scsi-decode log --summary --json` prints it.
    pub summary: Value,
    /// Why hex input could not be decoded.
    pub error: Option<String>,
}

/// An event for input that is not a log: one line, named by what it was.
fn single(source: &'static str, text: &str, sense: SenseFacts) -> Event {
    Event {
        first_line: 1,
        last_line: 1,
        source,
        lines: vec![(1, text.trim().to_string())],
        sense: Some(sense),
        ..Event::default()
    }
}

fn finish(kind: Kind, lines: usize, events: &[Event], error: Option<String>) -> Output {
    let mut summary = Summary::new();
    for e in events {
        summary.add(e);
    }
    Output {
        kind,
        lines,
        events: events.iter().map(scsi_decode::event_json).collect(),
        summary: summary.json(),
        error,
    }
}

/// Decodes pasted text: a hex sense buffer, else a key/ASC/ASCQ triple, else a log (the
/// order of `scsi-decode sense` then `scsi-decode log`).
#[must_use]
pub fn decode_text(text: &str) -> Output {
    let lines = text.lines().count();
    if text.trim().is_empty() {
        return finish(Kind::Empty, lines, &[], None);
    }
    let bytes = hex::parse_file(text).ok();
    if let Some(b) = &bytes {
        if scsi_cdb::sense::Sense::parse(b).is_ok() {
            let facts = SenseFacts { bytes: Some(b.clone()), ..SenseFacts::default() };
            let e = single("hex", &sense_out::hex(b), facts);
            let mut out = finish(Kind::Sense, lines, std::slice::from_ref(&e), None);
            if let Some(ev) = out.events.first_mut() {
                ev["byte_map"] = serde_json::to_value(sense_out::sense_byte_map(b)).unwrap_or_default();
            }
            return out;
        }
    }
    if let Some((k, a, q)) = scsi_decode::triple(text) {
        let facts = SenseFacts { key: Some(k), asc: Some(a), ascq: Some(q), ..SenseFacts::default() };
        let e = single("triple", text, facts);
        return finish(Kind::Triple, lines, &[e], None);
    }
    if let Some(b) = bytes {
        let why = match scsi_cdb::sense::Sense::parse(&b) {
            Err(e) => format!("{} hex bytes, but not sense data: {e}", b.len()),
            Ok(_) => "not sense data".to_string(),
        };
        return finish(Kind::Undecodable, lines, &[], Some(why));
    }
    let mut s = Scanner::new();
    let mut events = s.feed(text.as_bytes());
    events.extend(s.finish());
    finish(Kind::Log, lines, &events, None)
}

/// [`decode_text`] as the JSON text the page reads.
#[must_use]
pub fn decode_json(text: &str) -> String {
    serde_json::to_string(&decode_text(text)).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

#[derive(Default)]
struct Buffers {
    input: Vec<u8>,
    output: String,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

/// The C-ABI exports (see the crate documentation for the calling sequence).
#[allow(unsafe_code)]
mod exports {
    use super::BUFFERS;

    /// Makes the input buffer `len` bytes long (zeroed) and returns its start.
    #[unsafe(no_mangle)]
    pub extern "C" fn input_buffer(len: usize) -> *mut u8 {
        BUFFERS.with_borrow_mut(|b| {
            b.input.clear();
            b.input.resize(len, 0);
            b.input.as_mut_ptr()
        })
    }

    /// Decodes the first `len` bytes of the input buffer (UTF-8; invalid bytes are replaced)
    /// and returns the length of the JSON answer.
    #[unsafe(no_mangle)]
    pub extern "C" fn decode(len: usize) -> usize {
        BUFFERS.with_borrow_mut(|b| {
            let n = len.min(b.input.len());
            let text = String::from_utf8_lossy(b.input.get(..n).unwrap_or_default());
            b.output = super::decode_json(&text);
            b.output.len()
        })
    }

    /// Where the last answer starts.
    #[unsafe(no_mangle)]
    pub extern "C" fn output_ptr() -> *const u8 {
        BUFFERS.with_borrow(|b| b.output.as_ptr())
    }

    /// The length of the last answer in bytes.
    #[unsafe(no_mangle)]
    pub extern "C" fn output_len() -> usize {
        BUFFERS.with_borrow(|b| b.output.len())
    }
}

pub use exports::{decode, input_buffer, output_len, output_ptr};

#[cfg(test)]
mod tests {
    use super::*;

    const LINUX: &str = "\
Dec  6 10:15:11 host kernel: some unrelated line
[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE cmd_age=0s
[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 Sense Key : Medium Error [current]
[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 Add. Sense: Unrecovered read error
[Tue Oct 27 08:51:30 2020] sd 3:0:0:1: [sde] tag#40 CDB: Read(10) 28 00 00 31 c9 b8 00 00 30 00
[Tue Oct 27 08:51:31 2020] sd 2:0:0:0: [sdb] tag#3 Sense Key : Illegal Request [current]
[Tue Oct 27 08:51:31 2020] sd 2:0:0:0: [sdb] tag#3 Add. Sense: Invalid field in cdb
";

    /// Calls the exports the way the page's script does.
    fn via_exports(text: &str) -> Value {
        let p = input_buffer(text.len());
        assert!(!p.is_null());
        BUFFERS.with_borrow_mut(|b| b.input.copy_from_slice(text.as_bytes()));
        let n = decode(text.len());
        assert_eq!(n, output_len());
        assert!(!output_ptr().is_null());
        let out = BUFFERS.with_borrow(|b| b.output.clone());
        assert_eq!(out.len(), n);
        serde_json::from_str(&out).expect("the answer is JSON")
    }

    fn codes(e: &Value) -> (u64, u64, u64, u64) {
        let g = |k: &str| e[k].as_u64().unwrap_or(999);
        (g("line"), g("sense_key"), g("asc"), g("ascq"))
    }

    #[test]
    fn log_events_carry_their_first_line_and_codes() {
        let v = via_exports(LINUX);
        assert_eq!(v["kind"], "log");
        assert_eq!(v["lines"], 7);
        let ev = v["events"].as_array().expect("events");
        assert_eq!(ev.len(), 2, "{v:#}");
        assert_eq!(codes(&ev[0]), (2, 3, 0x11, 0));
        assert_eq!(ev[0]["last_line"], 5);
        assert_eq!(ev[0]["device"], "sde");
        assert_eq!(ev[0]["command"]["name"], "READ(10)");
        assert_eq!(ev[0]["disposition"], "medium_error");
        assert_eq!(codes(&ev[1]), (6, 5, 0x24, 0));
        let devices = v["summary"]["devices"].as_array().expect("devices");
        assert_eq!(devices.len(), 2);
        assert_eq!(v["summary"]["events"], 2);
    }

    #[test]
    fn esxi_line_has_host_and_device_status() {
        let v = via_exports(
            "vmkernel: cpu11:22687)NMP: nmp_CompleteCommandForPath: Command 0x28 (0x41000b10f000) to NMP device \"naa.600601601f70190016361881f3b4de11\" failed on physical path \"vmhba3:C0:T2:L10\" H:0x0 D:0x2 P:0x0 Valid sense data: 0x2 0x4 0x3.\n",
        );
        let e = &v["events"][0];
        assert_eq!(codes(e), (1, 2, 4, 3));
        assert_eq!(e["esxi"]["device"]["code"], 2);
        assert_eq!(e["esxi"]["host"]["code"], 0);
        assert_eq!(e["device"], "naa.600601601f70190016361881f3b4de11");
    }

    #[test]
    fn triple_is_one_event_on_line_one() {
        let v = via_exports("5/24/00");
        assert_eq!(v["kind"], "triple");
        let e = &v["events"][0];
        assert_eq!(codes(e), (1, 5, 36, 0));
        assert_eq!(e["description"], "INVALID FIELD IN CDB");
        assert_eq!(e["disposition"], "invalid_request");
        assert_eq!(via_exports("0x3 0x11 0x0")["events"][0]["asc"], 0x11);
    }

    #[test]
    fn hex_sense_has_a_byte_map() {
        let v = via_exports("f0 00 03 00 00 12 34 0a 00 00 00 00 11 00 00 00 00 00\n");
        assert_eq!(v["kind"], "sense");
        let e = &v["events"][0];
        assert_eq!(codes(e), (1, 3, 0x11, 0));
        assert_eq!(e["information"], 0x1234);
        assert_eq!(e["sense"]["format"], "fixed");
        let map = e["byte_map"].as_array().expect("byte map");
        assert_eq!(map.len(), 18);
        assert_eq!(map[2]["value"], 3);
        assert!(map[2]["field"].as_str().is_some_and(|f| f.contains("SENSE KEY")), "{}", map[2]);
        assert!(map[12]["field"].as_str().is_some_and(|f| f.contains("ADDITIONAL SENSE CODE")));
    }

    #[test]
    fn other_input() {
        assert_eq!(via_exports("  \n")["kind"], "empty");
        let v = via_exports("00 01 02 03");
        assert_eq!(v["kind"], "undecodable");
        assert!(v["error"].as_str().is_some_and(|e| e.contains("not sense data")));
        let v = via_exports("nothing to see here\n");
        assert_eq!(v["kind"], "log");
        assert_eq!(v["events"].as_array().map(Vec::len), Some(0));
        // Invalid UTF-8 is replaced, not refused.
        let p = input_buffer(3);
        assert!(!p.is_null());
        BUFFERS.with_borrow_mut(|b| b.input.copy_from_slice(&[0xff, b'\n', b'x']));
        assert!(decode(3) > 0);
    }
}
