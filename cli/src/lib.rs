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
