//! An event as JSON and as text, and its one-line outcome.

use std::fmt::Write as _;

use scsi_cdb::cdb::explain::CdbReport;
use scsi_cdb::sense::{Sense, SenseBuilder};
use scsi_cdb::{AdditionalSense, OpCode, SenseKey, Status};
use serde::Serialize;
use serde_json::Value;

use super::names;
use super::{Event, SenseValidity};
use crate::{cdb_out, sense_out};

/// The disposition of the event's sense (what a host should do), as the core classifies it.
#[must_use]
pub fn disposition(e: &Event) -> Option<&'static str> {
    if let Some(b) = e.sense.as_ref().and_then(|s| s.bytes.as_ref()) {
        if let Ok(s) = Sense::parse(b) {
            return Some(s.disposition().name());
        }
    }
    let k = e.sense_key()?;
    let a = AdditionalSense::new(e.asc().unwrap_or(0), e.ascq().unwrap_or(0));
    let mut b = SenseBuilder::new(SenseKey::from_nibble(k), a);
    b.deferred = e.deferred();
    let mut out = [0u8; 18];
    let n = b.emit(&mut out).ok()?;
    Sense::parse(out.get(..n).unwrap_or_default()).ok().map(|s| s.disposition().name())
}

/// The peripheral device type a device name implies (tape for `st0`/`sa0`, CD for `sr0`/`cd0`,
/// changer for `ch0`), else direct access.
fn device_type(dev: Option<&str>) -> scsi_cdb::PeripheralDeviceType {
    let d = dev.unwrap_or_default();
    let kind = d.trim_end_matches(|c: char| c.is_ascii_digit());
    scsi_cdb::PeripheralDeviceType(match kind {
        "st" | "nst" | "sa" | "nsa" | "osst" => 0x01,
        "sr" | "scd" | "cd" => 0x05,
        "ch" => 0x08,
        _ => 0x00,
    })
}

/// The name of the failed command (from its CDB, else its opcode, else what the log called it).
#[must_use]
pub fn command_name(e: &Event) -> Option<String> {
    let c = e.command.as_ref()?;
    if let Some(b) = c.cdb.as_ref().filter(|b| !b.is_empty()) {
        let pdt = device_type(e.device.as_deref());
        let generic = cdb_out::report(b).name().to_string();
        // A tape or changer names some opcodes differently (01h REWIND, not REZERO UNIT).
        return Some(match OpCode(b[0]).name_for(pdt) {
            Some(n) if OpCode(b[0]).name() != Some(n) => n.to_string(),
            _ => generic,
        });
    }
    if let Some(op) = c.opcode {
        let pdt = device_type(e.device.as_deref());
        return Some(OpCode(op).name_for(pdt).map_or_else(|| format!("opcode {op:02X}h"), str::to_string));
    }
    c.logged_name.clone()
}

fn asc_text(asc: u8, ascq: Option<u8>) -> String {
    match ascq {
        Some(q) => format!("{} ({asc:02X}h/{q:02X}h)", AdditionalSense::new(asc, q)),
        None => format!("ASC {asc:02X}h"),
    }
}

/// One line saying what happened: host/transport failure first, then the sense, the status.
#[must_use]
pub fn outcome(e: &Event) -> String {
    let mut t = String::new();
    if let Some(x) = &e.esxi {
        if let Some(h) = x.host.filter(|h| *h != 0) {
            let _ = write!(
                t,
                "host status {}",
                names::esxi_host(h).map_or_else(|| format!("{h:#x}"), |n| n.0.into())
            );
        }
        if let Some(p) = x.plugin.filter(|p| *p != 0) {
            if !t.is_empty() {
                t.push_str(", ");
            }
            let _ = write!(
                t,
                "plugin status {}",
                names::esxi_plugin(p).map_or_else(|| format!("{p:#x}"), |n| n.0.into())
            );
        }
    }
    if let Some(h) = e.host_result.and_then(|h| h.host_byte).filter(|h| *h != 0) {
        if !t.is_empty() {
            t.push_str(", ");
        }
        let _ =
            write!(t, "host byte {}", names::linux_host(h).map_or_else(|| format!("{h:#x}"), |n| n.0.into()));
    }
    let key = e.sense_key();
    if key.is_some() || e.asc().is_some() {
        if !t.is_empty() {
            t.push_str("; ");
        }
        if e.deferred() {
            t.push_str("deferred ");
        }
        t.push_str(key.map_or("sense key not logged", names::key_name));
        if let Some(a) = e.asc() {
            let _ = write!(t, ": {}", asc_text(a, e.ascq()));
        }
    } else if let Some(s) = e.status.filter(|s| *s != 0) {
        if !t.is_empty() {
            t.push_str("; ");
        }
        let _ = write!(t, "status {}", Status(s));
    }
    if let Some(x) = e.esxi.as_ref().and_then(|x| x.sense_data) {
        if x.0 != SenseValidity::Valid && e.sense_key().is_none() {
            if !t.is_empty() {
                t.push_str("; ");
            }
            let _ = write!(
                t,
                "{} sense data {:#x} {:#x} {:#x} (not decoded)",
                x.0.name(),
                x.1[0],
                x.1[1],
                x.1[2]
            );
        }
    }
    if t.is_empty() {
        t.push_str(if e.lba.is_some() { "I/O error" } else { "no error reported" });
    }
    if let Some(c) = command_name(e) {
        let _ = write!(t, " on {c}");
    }
    if let Some(l) = e.medium_error_lba().or(e.lba) {
        let _ = write!(t, " at LBA {l}");
    }
    t
}

/// The JSON of one log event: what `scsi-decode log --json` prints, one object per line.
///
/// Its fields are the keys, declared in the order serde_json writes a map's keys (sorted),
/// so serializing this value and serializing its `serde_json::Value` give the same bytes. A
/// fact the log did not give is `null`; only `file` is left out when it has no value.
#[derive(Debug, Clone, Serialize)]
pub struct EventJson<'a> {
    /// `asc`: the ADDITIONAL SENSE CODE, from the sense bytes or the line.
    pub asc: Option<u8>,
    /// `ascq`: the ADDITIONAL SENSE CODE QUALIFIER.
    pub ascq: Option<u8>,
    /// `command`: the failed command, when the log named or printed it.
    pub command: Option<CommandJson<'a>>,
    /// `deferred`: the sense is a deferred error.
    pub deferred: bool,
    /// `description`: the T10 text of the ASC/ASCQ (ASCQ 0 when the log gave only the ASC).
    pub description: Option<String>,
    /// `device`: the device the lines name (`sda`, `naa.…`, `da0`, `sd11`).
    pub device: Option<&'a str>,
    /// `disposition`: what a host does with this sense, as the library classifies it.
    pub disposition: Option<&'static str>,
    /// `esxi`: the ESXi H:/D:/P: status and sense remark.
    pub esxi: Option<EsxiJson>,
    /// `file`: the file the event was read from, when `log` reads several (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    /// `host_result`: the Linux host and driver bytes.
    pub host_result: Option<HostResultJson>,
    /// `information`: the INFORMATION field (sense bytes or the log's `Info fld=`).
    pub information: Option<u64>,
    /// `last_line`: the last line of the event (1-based).
    pub last_line: usize,
    /// `lba`: the LBA the log printed (`sector N`, `Error Block:`).
    pub lba: Option<u64>,
    /// `line`: the first line of the event (1-based).
    pub line: usize,
    /// `lines`: the number of each line the event was read from.
    pub lines: Vec<usize>,
    /// `medium_error_lba`: the LBA of a medium error (INFORMATION, else the logged LBA).
    pub medium_error_lba: Option<u64>,
    /// `outcome`: one line saying what happened ([`outcome`]).
    pub outcome: String,
    /// `sense`: the sense bytes the log printed, decoded: the object of
    /// `scsi-decode sense --json`.
    #[serde(serialize_with = "through_value")]
    pub sense: Option<Sense<'a>>,
    /// `sense_key`: the SENSE KEY.
    pub sense_key: Option<u8>,
    /// `sense_key_name`: its name.
    pub sense_key_name: Option<&'static str>,
    /// `source`: the recogniser family that found it (`linux`, `esxi`, `freebsd`, ...).
    pub source: &'static str,
    /// `status`: the SCSI status the log gave.
    pub status: Option<StatusJson>,
    /// `text`: the event's lines, joined with `\n`.
    pub text: String,
}

/// A code with its name and meaning (`{"code", "meaning", "name"}`): an ESXi host or plugin
/// status, a Linux host or driver byte. `name` and `meaning` are `null` for an unknown code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CodeJson {
    /// `code`: the number.
    pub code: u8,
    /// `meaning`: what it means, in words.
    pub meaning: Option<&'static str>,
    /// `name`: its symbolic name (`VMK_SCSI_HOST_NO_CONNECT`, `DID_BAD_TARGET`).
    pub name: Option<&'static str>,
}

impl CodeJson {
    fn new(code: u8, named: Option<(&'static str, &'static str)>) -> Self {
        Self { code, meaning: named.map(|n| n.1), name: named.map(|n| n.0) }
    }
}

/// A SCSI status with its name (`{"code", "name"}`; `name` is `null` for an unassigned code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusJson {
    /// `code`: the status byte.
    pub code: u8,
    /// `name`: its T10 name (`CHECK CONDITION`).
    pub name: Option<&'static str>,
}

impl StatusJson {
    fn new(code: u8) -> Self {
        Self { code, name: Status(code).name() }
    }
}

/// The ESXi `H:0x0 D:0x2 P:0x0 Valid sense data: 0x5 0x24 0x0` part of an event.
#[derive(Debug, Clone, Serialize)]
pub struct EsxiJson {
    /// `device`: D:, the SCSI status.
    pub device: Option<StatusJson>,
    /// `host`: H:, the host (adapter) status.
    pub host: Option<CodeJson>,
    /// `plugin`: P:, the multipathing plug-in status.
    pub plugin: Option<CodeJson>,
    /// `reported`: the three numbers after the remark (key, ASC, ASCQ).
    pub reported: Option<[u8; 3]>,
    /// `sense_data`: the remark: `valid`, `possible` or `invalid`.
    pub sense_data: Option<&'static str>,
}

/// The Linux `hostbyte=` / `driverbyte=` (or `return code =`) part of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HostResultJson {
    /// `driver_byte`: the driver byte (`DRIVER_SENSE`).
    pub driver_byte: Option<CodeJson>,
    /// `host_byte`: the host byte (`DID_OK`, `DID_BAD_TARGET`).
    pub host_byte: Option<CodeJson>,
}

/// The failed command of an event.
#[derive(Debug, Clone, Serialize)]
pub struct CommandJson<'a> {
    /// `cdb`: the CDB bytes the log printed, as lower-case hex.
    pub cdb: Option<String>,
    /// `lba`: the CDB's LOGICAL BLOCK ADDRESS; present only when the log printed CDB bytes,
    /// `null` when the command has no such field or the log cut it off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lba: Option<Option<u64>>,
    /// `logged_name`: the name the log gave the command, as printed.
    pub logged_name: Option<&'a str>,
    /// `name`: its T10 name ([`command_name`]).
    pub name: Option<String>,
    /// `opcode`: the OPERATION CODE (from the CDB, else as logged).
    pub opcode: Option<u8>,
    /// `transfer_length`: the CDB's TRANSFER LENGTH, present when `lba` is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer_length: Option<Option<u64>>,
}

/// Serializes a value as its `serde_json::Value` (a map with sorted keys), the way the CLI
/// prints the library's JSON everywhere.
fn through_value<T: Serialize, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    serde_json::to_value(v).unwrap_or_default().serialize(s)
}

impl<'a> EventJson<'a> {
    /// The JSON of `e`.
    #[must_use]
    pub fn new(e: &'a Event) -> Self {
        let key = e.sense_key();
        let (asc, ascq) = (e.asc(), e.ascq());
        let esxi = e.esxi.as_ref().map(|x| EsxiJson {
            device: x.device.map(StatusJson::new),
            host: x.host.map(|h| CodeJson::new(h, names::esxi_host(h))),
            plugin: x.plugin.map(|p| CodeJson::new(p, names::esxi_plugin(p))),
            reported: x.sense_data.map(|s| s.1),
            sense_data: x.sense_data.map(|s| s.0.name()),
        });
        let host_result = e.host_result.map(|h| HostResultJson {
            driver_byte: h.driver_byte.map(|b| CodeJson::new(b, names::linux_driver(b))),
            host_byte: h.host_byte.map(|b| CodeJson::new(b, names::linux_host(b))),
        });
        let command = e.command.as_ref().map(|c| {
            // The CDB's fields from the library's report of it (`scsi-decode cdb`), which reads
            // a CDB that does not decode (a reserved bit set, cut short in the log) through the
            // layout of its operation code; a field the log did not print is `None`.
            let report = c.cdb.as_deref().filter(|b| !b.is_empty()).map(CdbReport::new);
            CommandJson {
                cdb: c.cdb.as_ref().map(|b| sense_out::hex(b)),
                lba: report.as_ref().map(|r| r.field("LOGICAL BLOCK ADDRESS")),
                logged_name: c.logged_name.as_deref(),
                name: command_name(e),
                opcode: e.opcode(),
                transfer_length: report.as_ref().map(|r| r.field("TRANSFER LENGTH")),
            }
        });
        Self {
            asc,
            ascq,
            command,
            deferred: e.deferred(),
            description: asc.map(|a| AdditionalSense::new(a, ascq.unwrap_or(0)).to_string()),
            device: e.device.as_deref(),
            disposition: disposition(e),
            esxi,
            file: None,
            host_result,
            information: e.information(),
            last_line: e.last_line,
            lba: e.lba,
            line: e.first_line,
            lines: e.lines.iter().map(|(n, _)| *n).collect(),
            medium_error_lba: e.medium_error_lba(),
            outcome: outcome(e),
            sense: e.sense.as_ref().and_then(|s| s.bytes.as_deref()).and_then(|b| Sense::parse(b).ok()),
            sense_key: key,
            sense_key_name: key.map(names::key_name),
            source: e.source,
            status: e.status.map(StatusJson::new),
            text: e.lines.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n"),
        }
    }

    /// The same, naming the file it was read from (`file`).
    #[must_use]
    pub fn in_file(self, file: Option<&'a str>) -> Self {
        Self { file, ..self }
    }
}

/// An event as a `serde_json::Value` ([`EventJson`]), for callers that add keys to it.
#[must_use]
pub fn event_json(e: &Event) -> Value {
    serde_json::to_value(EventJson::new(e)).unwrap_or_default()
}

/// An event as text: a heading line with the outcome, the details, and the lines it came from.
#[must_use]
pub fn event_text(e: &Event) -> String {
    let mut t = String::new();
    let range = if e.first_line == e.last_line {
        format!("line {}", e.first_line)
    } else {
        format!("lines {}-{}", e.first_line, e.last_line)
    };
    let dev = e.device.as_deref().map(|d| format!(" {d}")).unwrap_or_default();
    let _ = writeln!(t, "{range} [{}]{dev}: {}", e.source, outcome(e));
    if let Some(d) = disposition(e) {
        let _ = writeln!(t, "  disposition: {d}");
    }
    if let Some(i) = e.information() {
        let _ = writeln!(t, "  information: {i:#x} ({i})");
    }
    if let Some(x) = &e.esxi {
        let mut parts = Vec::new();
        if let Some(h) = x.host {
            let n = names::esxi_host(h);
            parts.push(format!("H:{h:#x} {} ({})", n.map_or("?", |n| n.0), n.map_or("unknown", |n| n.1)));
        }
        if let Some(d) = x.device {
            parts.push(format!("D:{d:#x} {}", Status(d)));
        }
        if let Some(p) = x.plugin {
            let n = names::esxi_plugin(p);
            parts.push(format!("P:{p:#x} {} ({})", n.map_or("?", |n| n.0), n.map_or("unknown", |n| n.1)));
        }
        let _ = writeln!(t, "  esxi: {}", parts.join(", "));
        if let Some((v, _)) = x.sense_data {
            let meaning = match v {
                SenseValidity::Valid => "the device returned these",
                SenseValidity::Possible => "not confirmed by a CHECK CONDITION; read H:/D:/P: first",
                SenseValidity::Invalid => "not sense data; the numbers mean nothing",
            };
            let _ = writeln!(t, "  sense data: {} ({meaning})", v.name());
        }
    }
    if let Some(h) = e.host_result {
        let b = |v: Option<u8>, f: fn(u8) -> Option<(&'static str, &'static str)>| {
            v.map_or_else(
                || "?".to_string(),
                |v| f(v).map_or_else(|| format!("{v:#x}"), |n| format!("{} ({})", n.0, n.1)),
            )
        };
        let _ = writeln!(
            t,
            "  host byte: {}, driver byte: {}",
            b(h.host_byte, names::linux_host),
            b(h.driver_byte, names::linux_driver)
        );
    }
    if let Some(s) = e.status {
        let _ = writeln!(t, "  status: {}", Status(s));
    }
    if let Some(c) = &e.command {
        let mut l = format!("  command: {}", command_name(e).unwrap_or_default());
        if let Some(b) = &c.cdb {
            let _ = write!(l, " [{}]", sense_out::hex(b));
        }
        let _ = writeln!(t, "{l}");
    }
    for (n, l) in &e.lines {
        let _ = writeln!(t, "  {n:>6} | {}", l.trim_end());
    }
    t
}

#[cfg(test)]
mod tests {
    use scsi_cdb::cdb::explain::CdbReport;

    /// A logged CDB's field, as an event's `command` object reads it.
    fn cdb_field(cdb: &[u8], name: &str) -> Option<u64> {
        CdbReport::new(cdb).field(name)
    }

    const LBA: &str = "LOGICAL BLOCK ADDRESS";
    const LEN: &str = "TRANSFER LENGTH";

    #[test]
    fn cdb_fields_from_the_decoded_command() {
        let read10 = [0x28, 0, 0x00, 0x31, 0xC9, 0xB8, 0, 0x00, 0x30, 0];
        assert_eq!((cdb_field(&read10, LBA), cdb_field(&read10, LEN)), (Some(3_262_904), Some(48)));
        let write16 = [0x8A, 0, 0, 0, 0, 0x01, 0x12, 0x34, 0x56, 0x78, 0, 0, 0x01, 0x00, 0, 0];
        assert_eq!((cdb_field(&write16, LBA), cdb_field(&write16, LEN)), (Some(0x01_1234_5678), Some(256)));
        // Trailing bytes after the CDB are not part of it.
        let longer = [0x28, 0, 0, 0, 0, 7, 0, 0, 1, 0, 0xFF, 0xFF];
        assert_eq!((cdb_field(&longer, LBA), cdb_field(&longer, LEN)), (Some(7), Some(1)));
        // A command without the field.
        assert_eq!(cdb_field(&[0x00, 0, 0, 0, 0, 0], LBA), None);
        assert_eq!(cdb_field(&[0xC0, 1, 2, 3, 4, 5], LBA), None);
    }

    #[test]
    fn cdb_fields_of_a_cdb_that_does_not_decode() {
        // Cut short in the log: the LBA is there, the transfer length is not.
        let cut = [0x28, 0, 0x00, 0x31, 0xC9, 0xB8, 0, 0x00];
        assert!(scsi_cdb::Command::parse_prefix(&cut).is_err());
        assert_eq!((cdb_field(&cut, LBA), cdb_field(&cut, LEN)), (Some(3_262_904), None));
        // A reserved bit set (byte 6 bit 7 of READ(10)): read through the layout.
        let reserved = [0x28, 0, 0, 0, 0x10, 0, 0x80, 0, 4, 0];
        assert!(scsi_cdb::Command::parse_prefix(&reserved).is_err());
        assert_eq!((cdb_field(&reserved, LBA), cdb_field(&reserved, LEN)), (Some(0x1000), Some(4)));
    }
}
