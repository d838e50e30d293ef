//! The parts of `scsi-decode` that tests and fuzzers call: hex input, the sense and CDB
//! reports (text, JSON, byte map), the response-data reports and the log scanner.

pub mod cdb_out;
pub mod data_out;
pub mod hex;
pub mod logscan;
pub mod sense_out;

use scsi_cdb::sense::{Sense, SenseBuilder};
use scsi_cdb::{AdditionalSense, SenseKey};
use serde_json::{Value, json};

pub use logscan::report::{event_json, event_text};

/// Exit statuses (documented in the README).
pub mod exit {
    /// Everything decoded.
    pub const OK: i32 = 0;
    /// The input was not decodable (bad hex, not sense data, ...).
    pub const UNDECODABLE: i32 = 1;
    /// Bad command-line usage.
    pub const USAGE: i32 = 2;
    /// A file could not be read.
    pub const IO: i32 = 3;
}

/// JSON for one sense buffer, or `{"error": ...}`.
#[must_use]
pub fn sense_line_json(bytes: &[u8]) -> Value {
    match Sense::parse(bytes) {
        Ok(s) => sense_out::sense_json(&s),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

/// A key/ASC/ASCQ triple typed as `0x5 0x24 0x0`, `5/24/00`, `05 24 00`, `05-24-00`,
/// `05:24:00` or `5h,24h,0h` (hex numbers; the key below 10h).
///
/// ```
/// assert_eq!(scsi_decode::triple("5/24/00"), Some((5, 0x24, 0)));
/// assert_eq!(scsi_decode::triple("0x10 0 0"), None);
/// ```
#[must_use]
pub fn triple(text: &str) -> Option<(u8, u8, u8)> {
    let toks: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '-' | ':'))
        .filter(|t| !t.is_empty())
        .collect();
    let [k, a, q] = toks.as_slice() else { return None };
    let num = |t: &str| {
        let t = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")).unwrap_or(t);
        let t = t.strip_suffix(['h', 'H']).unwrap_or(t);
        (t.len() <= 2).then(|| u8::from_str_radix(t, 16).ok()).flatten()
    };
    let (k, a, q) = (num(k)?, num(a)?, num(q)?);
    (k < 16).then_some((k, a, q))
}

/// The decode of a key/ASC/ASCQ triple from a log line, as JSON.
#[must_use]
pub fn triple_json(
    key: Option<u8>,
    asc: Option<u8>,
    ascq: Option<u8>,
    information: Option<u64>,
    deferred: bool,
) -> Value {
    let k = key.map(SenseKey::from_nibble);
    let a = asc.map(|asc| AdditionalSense::new(asc, ascq.unwrap_or(0)));
    let disposition = k.map(|k| {
        let mut b = SenseBuilder::new(k, a.unwrap_or_default());
        b.deferred = deferred;
        let mut out = [0u8; 18];
        let n = b.emit(&mut out).unwrap_or(0);
        Sense::parse(out.get(..n).unwrap_or_default()).map(|s| s.disposition().name()).unwrap_or("fail")
    });
    json!({
        "sense_key": key,
        "sense_key_name": k.map(SenseKey::name),
        "asc": asc,
        "ascq": ascq,
        "description": a.map(|a| a.to_string()),
        "information": information,
        "deferred": deferred,
        "disposition": disposition,
    })
}
