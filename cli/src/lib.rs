//! The parts of `scsi-decode` that tests and fuzzers call: hex input, the sense and CDB
//! reports (text, JSON, byte map), the response-data reports and the log scanner.

pub mod cdb_out;
pub mod data_out;
pub mod hex;
pub mod logscan;
pub mod sense_out;

use scsi_cdb::sense::{Sense, SenseBuilder};
use scsi_cdb::{AdditionalSense, SenseKey};
use serde::Serialize;
use serde_json::Value;

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

/// JSON for one sense buffer (the library's `Sense` as a `serde_json::Value`), or
/// [`ErrorJson`].
#[must_use]
pub fn sense_line_json(bytes: &[u8]) -> Value {
    match Sense::parse(bytes) {
        Ok(s) => sense_out::sense_json(&s),
        Err(e) => serde_json::to_value(ErrorJson::new(&e.to_string())).unwrap_or_default(),
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

/// The JSON of a key/ASC/ASCQ triple typed or logged without sense bytes: what
/// `scsi-decode sense --json 5/24/00` prints, and each triple line of bulk `sense --json`.
///
/// The fields are the keys in the order serde_json writes a map's keys (sorted), so this
/// value and its `serde_json::Value` print the same; `input` and `line` are left out when
/// they have no value.
///
/// ```
/// let t = scsi_decode::TripleJson::new(Some(5), Some(0x24), Some(0), None, false);
/// assert_eq!(
///     serde_json::to_string(&t).unwrap(),
///     r#"{"asc":36,"ascq":0,"deferred":false,"description":"INVALID FIELD IN CDB","disposition":"invalid_request","information":null,"sense_key":5,"sense_key_name":"ILLEGAL REQUEST"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TripleJson {
    /// `asc`: the ADDITIONAL SENSE CODE.
    pub asc: Option<u8>,
    /// `ascq`: the ADDITIONAL SENSE CODE QUALIFIER.
    pub ascq: Option<u8>,
    /// `deferred`: a deferred error.
    pub deferred: bool,
    /// `description`: the T10 text of the ASC/ASCQ (ASCQ 0 when only the ASC is known).
    pub description: Option<String>,
    /// `disposition`: what a host does with this sense, as the library classifies it.
    pub disposition: Option<&'static str>,
    /// `information`: the INFORMATION field, when given.
    pub information: Option<u64>,
    /// `input`: how the input was read (`"key/asc/ascq"` for a single triple argument).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<&'static str>,
    /// `line`: the input line (bulk mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// `sense_key`: the SENSE KEY.
    pub sense_key: Option<u8>,
    /// `sense_key_name`: its T10 name.
    pub sense_key_name: Option<&'static str>,
}

impl TripleJson {
    /// The decode of a sense key, ASC and ASCQ (and the INFORMATION and deferred flag that
    /// came with them); the disposition is the one of the sense data they make.
    #[must_use]
    pub fn new(
        key: Option<u8>,
        asc: Option<u8>,
        ascq: Option<u8>,
        information: Option<u64>,
        deferred: bool,
    ) -> Self {
        let k = key.map(SenseKey::from_nibble);
        let a = asc.map(|asc| AdditionalSense::new(asc, ascq.unwrap_or(0)));
        let disposition = k.map(|k| {
            let mut b = SenseBuilder::new(k, a.unwrap_or_default());
            b.deferred = deferred;
            let mut out = [0u8; 18];
            let n = b.emit(&mut out).unwrap_or(0);
            Sense::parse(out.get(..n).unwrap_or_default()).map(|s| s.disposition().name()).unwrap_or("fail")
        });
        Self {
            asc,
            ascq,
            deferred,
            description: a.map(|a| a.to_string()),
            disposition,
            information,
            input: None,
            line: None,
            sense_key: key,
            sense_key_name: k.map(SenseKey::name),
        }
    }
}

/// The JSON of an input that could not be decoded: `{"error": ...}`, with its `line` in bulk
/// mode (left out otherwise).
///
/// ```
/// let e = scsi_decode::ErrorJson { error: "empty line", line: Some(3) };
/// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"error":"empty line","line":3}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ErrorJson<'a> {
    /// `error`: why, in words.
    pub error: &'a str,
    /// `line`: the input line (bulk mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl<'a> ErrorJson<'a> {
    /// The error `error`, not tied to a line.
    #[must_use]
    pub fn new(error: &'a str) -> Self {
        Self { error, line: None }
    }
}
