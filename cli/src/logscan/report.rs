//! An event as JSON and as text, and its one-line outcome.

use std::fmt::Write as _;

use scsi_cdb::cdb::decode::service_action;
use scsi_cdb::sense::{Sense, SenseBuilder};
use scsi_cdb::{AdditionalSense, Command, OpCode, SenseKey, Status};
use serde_json::{Value, json};

use super::names;
use super::{Event, SenseValidity};
use crate::{cdb_out, sense_out};

fn code_json(code: u8, named: Option<(&'static str, &'static str)>) -> Value {
    json!({ "code": code, "name": named.map(|n| n.0), "meaning": named.map(|n| n.1) })
}

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
        let generic = cdb_out::report(b).name;
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

/// The field `name` (its T10 name) of a logged CDB, read from the decoded command. A CDB
/// that does not decode (a reserved bit set, cut short in the log) is read through the field
/// layout of its operation code and service action, as `scsi-decode cdb` lists it; a field
/// the log did not print is `None`.
fn cdb_field(cdb: &[u8], name: &str) -> Option<u64> {
    let fields = match Command::parse_prefix(cdb) {
        Ok((cmd, _)) => cmd.fields(),
        Err(_) => Command::layout(OpCode(*cdb.first()?), service_action(cdb))?.2,
    };
    fields.iter().find(|f| f.name == name)?.get(cdb)
}

/// An event as JSON (the shape documented in the README).
#[must_use]
pub fn event_json(e: &Event) -> Value {
    let key = e.sense_key();
    let (asc, ascq) = (e.asc(), e.ascq());
    let description = asc.map(|a| AdditionalSense::new(a, ascq.unwrap_or(0)).to_string());
    let sense = e.sense.as_ref().and_then(|s| s.bytes.as_ref()).and_then(|b| Sense::parse(b).ok());
    let esxi = e.esxi.as_ref().map(|x| {
        json!({
            "host": x.host.map(|h| code_json(h, names::esxi_host(h))),
            "device": x.device.map(|d| json!({ "code": d, "name": Status(d).name() })),
            "plugin": x.plugin.map(|p| code_json(p, names::esxi_plugin(p))),
            "sense_data": x.sense_data.map(|s| s.0.name()),
            "reported": x.sense_data.map(|s| s.1.to_vec()),
        })
    });
    let host = e.host_result.map(|h| {
        json!({
            "host_byte": h.host_byte.map(|b| code_json(b, names::linux_host(b))),
            "driver_byte": h.driver_byte.map(|b| code_json(b, names::linux_driver(b))),
        })
    });
    let command = e.command.as_ref().map(|c| {
        let mut v = json!({
            "opcode": e.opcode(),
            "name": command_name(e),
            "logged_name": c.logged_name,
            "cdb": c.cdb.as_ref().map(|b| sense_out::hex(b)),
        });
        if let Some(b) = c.cdb.as_ref().filter(|b| !b.is_empty()) {
            v["lba"] = json!(cdb_field(b, "LOGICAL BLOCK ADDRESS"));
            v["transfer_length"] = json!(cdb_field(b, "TRANSFER LENGTH"));
        }
        v
    });
    json!({
        "line": e.first_line,
        "last_line": e.last_line,
        "lines": e.lines.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "source": e.source,
        "device": e.device,
        "text": e.lines.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n"),
        "sense_key": key,
        "sense_key_name": key.map(names::key_name),
        "asc": asc,
        "ascq": ascq,
        "description": description,
        "information": e.information(),
        "deferred": e.deferred(),
        "disposition": disposition(e),
        "sense": sense.map(|s| sense_out::sense_json(&s)),
        "esxi": esxi,
        "host_result": host,
        "status": e.status.map(|s| json!({ "code": s, "name": Status(s).name() })),
        "command": command,
        "lba": e.lba,
        "medium_error_lba": e.medium_error_lba(),
        "outcome": outcome(e),
    })
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
    use super::cdb_field;

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
