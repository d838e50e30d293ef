//! Names that logs use: sense keys as operating systems spell them, ASC/ASCQ descriptions
//! (today's T10 list and older spellings), VMware ESXi host and plugin status, Linux host and
//! driver bytes.

use std::collections::HashMap;
use std::sync::OnceLock;

use scsi_cdb::{AdditionalSense, SenseKey};

/// Upper case, every run of non-alphanumeric characters as one space, trimmed.
pub(crate) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_uppercase());
        } else {
            space = true;
        }
    }
    out
}

/// A number as logs write it: `0x1f`, `1Fh`, `1f` (hex), or `d:31`-style decimal is not used.
/// `hex_default` decides how bare digits are read.
pub(crate) fn number(s: &str, hex_default: bool) -> Option<u64> {
    let t = s.trim().trim_end_matches([',', '.', ';', ')', ']']);
    let t = t.trim_start_matches(['(', '[']);
    if let Some(h) = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .or_else(|| t.strip_prefix("0\u{d7}"))
        .or_else(|| t.strip_prefix('$'))
    {
        return u64::from_str_radix(h, 16).ok();
    }
    if let Some(h) = t.strip_suffix('h').or_else(|| t.strip_suffix('H')) {
        if !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()) {
            return u64::from_str_radix(h, 16).ok();
        }
    }
    if hex_default { u64::from_str_radix(t, 16).ok() } else { t.parse().ok() }
}

/// A byte-sized number (see [`number`]).
pub(crate) fn byte(s: &str, hex_default: bool) -> Option<u8> {
    number(s, hex_default).and_then(|v| u8::try_from(v).ok())
}

/// A sense key from a number (hex) or a name in any of the spellings logs use ("Medium Error",
/// "MEDIA ERROR", "HARDWARE FAILURE", "KEY_ILLEGAL_REQUEST", "ILLEGAL_REQUEST(5)").
pub fn key_from_text(text: &str) -> Option<u8> {
    let t = text.trim();
    if let Some(k) = byte(t, true).filter(|k| *k < 16) {
        return Some(k);
    }
    let n = normalize(t);
    let n = n.strip_prefix("KEY ").unwrap_or(&n);
    let n = n.strip_prefix("SENSE KEY ").unwrap_or(n);
    KEY_SPELLINGS
        .iter()
        .find(|(s, _)| n == *s || n.strip_prefix(*s).is_some_and(|r| r.starts_with(' ')))
        .map(|(_, k)| *k)
}

/// Sense key spellings, longest first where one is a prefix of another.
const KEY_SPELLINGS: &[(&str, u8)] = &[
    ("NO SENSE", 0),
    ("RECOVERED ERROR", 1),
    ("RECOVERED", 1),
    ("SOFT ERROR", 1),
    ("NOT READY", 2),
    ("MEDIUM ERROR", 3),
    ("MEDIA ERROR", 3),
    ("HARDWARE ERROR", 4),
    ("HARDWARE FAILURE", 4),
    ("ILLEGAL REQUEST", 5),
    ("UNIT ATTENTION", 6),
    ("DATA PROTECT", 7),
    ("WRITE PROTECTED", 7),
    ("BLANK CHECK", 8),
    ("VENDOR SPECIFIC", 9),
    ("COPY ABORTED", 0x0A),
    ("ABORTED COMMAND", 0x0B),
    ("EQUAL", 0x0C),
    ("VOLUME OVERFLOW", 0x0D),
    ("MISCOMPARE", 0x0E),
    ("COMPLETED", 0x0F),
];

/// Every sense key spelling as a regex alternation (for recognisers that look for a name).
pub(crate) fn key_alternation() -> String {
    KEY_SPELLINGS
        .iter()
        .filter(|(s, _)| *s != "RECOVERED" && *s != "EQUAL" && *s != "COMPLETED")
        .map(|(s, _)| s.replace(' ', r"[ _]"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Older T10 (SCSI-2 and SPC drafts) and operating-system spellings of codes whose name has
/// since changed; they resolve to today's code.
const OLD_NAMES: &[(&str, u8, u8)] = &[
    ("NOT READY TO READY TRANSITION MEDIUM MAY HAVE CHANGED", 0x28, 0x00),
    ("NOT READY TO READY TRANSITION", 0x28, 0x00),
    ("MEDIUM MAY HAVE CHANGED", 0x28, 0x00),
    ("POWER ON RESET OR BUS DEVICE RESET OCCURRED", 0x29, 0x00),
    ("POWER ON OR RESET OCCURRED", 0x29, 0x00),
    ("UNRECOVERED READ ERROR AUTO REALLOCATE FAILED", 0x11, 0x04),
    ("WRITE ERROR AUTO REALLOCATION FAILED", 0x0C, 0x02),
    ("WRITE ERROR RECOVERED WITH AUTO REALLOCATION", 0x0C, 0x01),
    ("INVALID OPCODE", 0x20, 0x00),
    ("INVALID COMMAND OPERATION CODE", 0x20, 0x00),
    ("LOGICAL BLOCK ADDRESS OUT OF RANGE", 0x21, 0x00),
    ("SCSI PARITY ERROR", 0x47, 0x00),
    ("MEDIUM NOT PRESENT", 0x3A, 0x00),
    ("NO ADDITIONAL SENSE INFORMATION", 0x00, 0x00),
    ("RECOVERED DATA WITH ERROR CORRECTION APPLIED", 0x18, 0x00),
    ("RECOVERED DATA WITH ERROR CORR APPLIED", 0x18, 0x00),
    ("RECOVERED DATA WITH ECC", 0x18, 0x00),
    ("LOGICAL UNIT NOT READY CAUSE NOT REPORTABLE", 0x04, 0x00),
    ("LOGICAL UNIT IS IN PROCESS OF BECOMING READY", 0x04, 0x01),
    ("LOGICAL UNIT NOT READY INITIALIZING COMMAND REQUIRED", 0x04, 0x02),
    ("LOGICAL UNIT NOT READY INITIALIZING CMD REQUIRED", 0x04, 0x02),
    ("LOGICAL UNIT NOT READY MANUAL INTERVENTION REQUIRED", 0x04, 0x03),
    ("LOGICAL UNIT NOT READY FORMAT IN PROGRESS", 0x04, 0x04),
    ("L EC UNCORRECTABLE ERROR", 0x11, 0x05),
    ("INVALID FIELD IN CDB", 0x24, 0x00),
    ("INVALID FIELD IN COMMAND PACKET", 0x24, 0x00),
    ("MICROCODE HAS BEEN CHANGED", 0x3F, 0x01),
    ("FAILURE PREDICTION THRESHOLD EXCEEDED", 0x5D, 0x00),
    ("MODE PARAMETERS CHANGED", 0x2A, 0x01),
    ("PARAMETERS CHANGED", 0x2A, 0x00),
    ("CAPACITY DATA HAS CHANGED", 0x2A, 0x09),
    ("REPORTED LUNS DATA HAS CHANGED", 0x3F, 0x0E),
    ("COMMANDS CLEARED BY ANOTHER INITIATOR", 0x2F, 0x00),
    ("BUS DEVICE RESET FUNCTION OCCURRED", 0x29, 0x03),
    ("INTERNAL TARGET FAILURE", 0x44, 0x00),
    ("PERIPHERAL DEVICE WRITE FAULT", 0x03, 0x00),
    ("ID CRC OR ECC ERROR", 0x10, 0x00),
    ("TRACK FOLLOWING ERROR", 0x09, 0x00),
    ("INCOMPATIBLE MEDIUM INSTALLED", 0x30, 0x00),
    ("CANNOT READ MEDIUM UNKNOWN FORMAT", 0x30, 0x01),
    ("CANNOT READ MEDIUM INCOMPATIBLE FORMAT", 0x30, 0x02),
    ("LOGICAL UNIT HAS NOT SELF CONFIGURED YET", 0x3E, 0x00),
    ("MEDIUM FORMAT CORRUPTED", 0x31, 0x00),
    ("SAVING PARAMETERS NOT SUPPORTED", 0x39, 0x00),
    ("WRITE PROTECTED", 0x27, 0x00),
];

fn asc_table() -> &'static HashMap<String, (u8, u8)> {
    static T: OnceLock<HashMap<String, (u8, u8)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::with_capacity(900);
        for (a, d) in AdditionalSense::all() {
            m.entry(normalize(d)).or_insert((a.asc, a.ascq));
        }
        for (n, asc, ascq) in OLD_NAMES {
            m.entry((*n).to_string()).or_insert((*asc, *ascq));
        }
        m
    })
}

/// ASC/ASCQ from a description written in full (case, punctuation and spacing ignored; older
/// T10 names accepted).
pub fn asc_from_text(text: &str) -> Option<(u8, u8)> {
    asc_table().get(&normalize(text)).copied()
}

/// ASC/ASCQ from the longest leading run of words of `text` that is a description: for text
/// followed by other words ("Unrecovered read error [current]", "L-EC Uncorrectable Error'
/// occurred while reading").
pub fn asc_from_prefix(text: &str) -> Option<(u8, u8)> {
    let n = normalize(text);
    let words: Vec<&str> = n.split(' ').take(16).collect();
    let t = asc_table();
    (1..=words.len()).rev().find_map(|k| t.get(&words[..k].join(" ")).copied())
}

/// The name of a sense key.
#[must_use]
pub fn key_name(key: u8) -> &'static str {
    SenseKey::from_nibble(key).name()
}

/// VMware ESXi host status (`H:0x..`): name and meaning, as VMware documents them.
#[must_use]
pub fn esxi_host(code: u8) -> Option<(&'static str, &'static str)> {
    Some(match code {
        0x0 => ("VMK_SCSI_HOST_OK", "no error"),
        0x1 => ("VMK_SCSI_HOST_NO_CONNECT", "no connection to the device (device gone or path down)"),
        0x2 => ("VMK_SCSI_HOST_BUS_BUSY", "the bus or fabric was busy; the command is retried"),
        0x3 => ("VMK_SCSI_HOST_TIMEOUT", "the command timed out"),
        0x4 => ("VMK_SCSI_HOST_BAD_TARGET", "the target did not respond"),
        0x5 => ("VMK_SCSI_HOST_ABORT", "the command was aborted (often after a timeout)"),
        0x6 => ("VMK_SCSI_HOST_PARITY", "parity error on the bus"),
        0x7 => ("VMK_SCSI_HOST_ERROR", "internal error of the host adapter or driver"),
        0x8 => ("VMK_SCSI_HOST_RESET", "the command was terminated by a bus, target or LUN reset"),
        0x9 => ("VMK_SCSI_HOST_BAD_INTR", "unexpected interrupt"),
        0xA => ("VMK_SCSI_HOST_PASSTHROUGH", "the command was passed through unchecked"),
        0xB => ("VMK_SCSI_HOST_SOFT_ERROR", "soft error in the adapter; the command is retried"),
        0xC => ("VMK_SCSI_HOST_RETRY", "the adapter asks for a retry"),
        0xD => ("VMK_SCSI_HOST_REQUEUE", "the adapter asks for the command to be queued again"),
        _ => return None,
    })
}

/// VMware ESXi plugin status (`P:0x..`): name and meaning.
#[must_use]
pub fn esxi_plugin(code: u8) -> Option<(&'static str, &'static str)> {
    Some(match code {
        0x0 => ("VMK_SCSI_PLUGIN_GOOD", "no error"),
        0x1 => ("VMK_SCSI_PLUGIN_TRANSIENT", "transient error of the multipathing plugin; retried"),
        0x2 => ("VMK_SCSI_PLUGIN_SNAPSHOT", "the LUN is a snapshot"),
        0x3 => ("VMK_SCSI_PLUGIN_RESERVATION_CONFLICT", "SCSI reservation conflict"),
        0x4 => ("VMK_SCSI_PLUGIN_REQUEUE", "the plugin asks for the command to be queued again"),
        0x5 => ("VMK_SCSI_PLUGIN_ATS_MISCOMPARE", "atomic test and set (COMPARE AND WRITE) miscompare"),
        0x6 => ("VMK_SCSI_PLUGIN_THINPROV_BUSY_GROWING", "thin provisioned LUN busy growing"),
        0x7 => ("VMK_SCSI_PLUGIN_THINPROV_ATQUOTA", "thin provisioned LUN at its quota"),
        0x8 => ("VMK_SCSI_PLUGIN_THINPROV_NOSPACE", "thin provisioned LUN out of space"),
        _ => return None,
    })
}

/// Linux host byte (`hostbyte=`) names and meanings.
const HOST_BYTES: &[(&str, &str)] = &[
    ("DID_OK", "no error"),
    ("DID_NO_CONNECT", "could not connect to the device"),
    ("DID_BUS_BUSY", "bus busy through the timeout period"),
    ("DID_TIME_OUT", "the command timed out"),
    ("DID_BAD_TARGET", "bad target"),
    ("DID_ABORT", "the command was aborted"),
    ("DID_PARITY", "parity error"),
    ("DID_ERROR", "internal error of the host adapter driver"),
    ("DID_RESET", "reset by somebody"),
    ("DID_BAD_INTR", "unexpected interrupt"),
    ("DID_PASSTHROUGH", "force the command past the mid-layer"),
    ("DID_SOFT_ERROR", "the low-level driver asks for a retry"),
    ("DID_IMM_RETRY", "retry without decrementing the retry count"),
    ("DID_REQUEUE", "requeue the command"),
    ("DID_TRANSPORT_DISRUPTED", "transport disrupted; retried after the transport recovers"),
    ("DID_TRANSPORT_FAILFAST", "transport class fast-failed the I/O"),
    ("DID_TARGET_FAILURE", "permanent target failure; do not retry"),
    ("DID_NEXUS_FAILURE", "permanent nexus failure on this path"),
    ("DID_ALLOC_FAILURE", "space allocation on the device failed"),
    ("DID_MEDIUM_ERROR", "medium error"),
    ("DID_TRANSPORT_MARGINAL", "transport marginal errors"),
];

/// Linux driver byte (`driverbyte=`) names and meanings.
const DRIVER_BYTES: &[(&str, &str)] = &[
    ("DRIVER_OK", "no error"),
    ("DRIVER_BUSY", "driver busy"),
    ("DRIVER_SOFT", "soft error"),
    ("DRIVER_MEDIA", "media error"),
    ("DRIVER_ERROR", "driver error"),
    ("DRIVER_INVALID", "invalid request"),
    ("DRIVER_TIMEOUT", "timeout"),
    ("DRIVER_HARD", "hard error"),
    ("DRIVER_SENSE", "sense data is available"),
];

/// Linux host byte name and meaning.
#[must_use]
pub fn linux_host(code: u8) -> Option<(&'static str, &'static str)> {
    HOST_BYTES.get(usize::from(code)).copied()
}

/// Linux driver byte name and meaning (the low nibble; the high bits were suggestions).
#[must_use]
pub fn linux_driver(code: u8) -> Option<(&'static str, &'static str)> {
    DRIVER_BYTES.get(usize::from(code & 0x0F)).copied()
}

/// A Linux host byte from its name or number.
pub(crate) fn linux_host_code(s: &str) -> Option<u8> {
    let u = s.trim().to_ascii_uppercase();
    HOST_BYTES.iter().position(|(n, _)| *n == u).and_then(|p| u8::try_from(p).ok()).or_else(|| byte(&u, true))
}

/// A Linux driver byte from its name or number.
pub(crate) fn linux_driver_code(s: &str) -> Option<u8> {
    let u = s.trim().to_ascii_uppercase();
    DRIVER_BYTES
        .iter()
        .position(|(n, _)| *n == u)
        .and_then(|p| u8::try_from(p).ok())
        .or_else(|| byte(&u, true))
}

/// A SCSI status from its name as logs spell it ("Check Condition", "BUSY").
pub(crate) fn status_from_text(s: &str) -> Option<u8> {
    let n = normalize(s);
    [
        ("GOOD", 0x00),
        ("CHECK CONDITION", 0x02),
        ("CONDITION MET", 0x04),
        ("BUSY", 0x08),
        ("RESERVATION CONFLICT", 0x18),
        ("TASK SET FULL", 0x28),
        ("QUEUE FULL", 0x28),
        ("ACA ACTIVE", 0x30),
        ("TASK ABORTED", 0x40),
    ]
    .iter()
    .find(|(name, _)| n == *name || n.starts_with(&format!("{name} ")))
    .map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        assert_eq!(key_from_text("Medium Error"), Some(3));
        assert_eq!(key_from_text("KEY_ILLEGAL_REQUEST"), Some(5));
        assert_eq!(key_from_text("HARDWARE FAILURE"), Some(4));
        assert_eq!(key_from_text("0x6"), Some(6));
        assert_eq!(key_from_text("Bogus"), None);
        assert_eq!(asc_from_text("Not Ready To Ready Transition (Medium May Have Changed)"), Some((0x28, 0)));
        assert_eq!(asc_from_text("Unrecovered read error - auto reallocate failed"), Some((0x11, 4)));
        assert_eq!(asc_from_prefix("Medium not present [current] x"), Some((0x3A, 0)));
        assert_eq!(asc_from_prefix("L-EC UNCORRECTABLE ERROR' occurred while"), Some((0x11, 5)));
        assert_eq!(linux_host_code("DID_TIME_OUT"), Some(3));
        assert_eq!(linux_driver_code("DRIVER_SENSE"), Some(8));
        assert_eq!(linux_host(0x13).map(|h| h.0), Some("DID_MEDIUM_ERROR"));
        assert_eq!(esxi_host(8).map(|h| h.0), Some("VMK_SCSI_HOST_RESET"));
        assert_eq!(status_from_text("Check Condition"), Some(2));
        assert_eq!(number("1Fh", false), Some(0x1F));
        assert_eq!(number("0\u{d7}44", false), Some(0x44));
    }
}
