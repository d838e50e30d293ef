//! Sense data as text and as the stable JSON shape.

use std::fmt::Write as _;

use scsi_cdb::sense::{Descriptor, Sense, SenseFormat, errno};
use serde_json::{Value, json};

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::Null, Into::into)
}

/// One descriptor as a JSON object with `type` (the code) and `type_name`.
fn descriptor_json(offset: usize, d: &Descriptor<'_>) -> Value {
    let code = d.code();
    let mut o = json!({ "type": code, "type_name": Descriptor::type_name(code), "offset": offset });
    let extra = match *d {
        Descriptor::Information { valid, information } => {
            json!({ "valid": valid, "information": information })
        }
        Descriptor::CommandSpecific(v) => json!({ "command_specific": v }),
        Descriptor::SenseKeySpecific(raw) => json!({ "sksv": raw[0] & 0x80 != 0, "raw": hex(&raw) }),
        Descriptor::Fru(f) => json!({ "fru": f }),
        Descriptor::Stream { filemark, eom, ili } => json!({ "filemark": filemark, "eom": eom, "ili": ili }),
        Descriptor::Block { ili } => json!({ "ili": ili }),
        Descriptor::AtaStatusReturn(a) => serde_json::to_value(a).unwrap_or(Value::Null),
        Descriptor::AnotherProgress { sense_key, additional_sense, progress } => json!({
            "sense_key": sense_key as u8, "sense_key_name": sense_key.name(),
            "asc": additional_sense.asc, "ascq": additional_sense.ascq,
            "description": additional_sense.to_string(), "progress": progress,
        }),
        Descriptor::UserDataSegmentReferral { not_all_r, referrals } => {
            json!({ "not_all_r": not_all_r, "referrals": hex(referrals) })
        }
        Descriptor::ForwardedSense { truncated, source, status, sense, raw } => json!({
            "fsdt": truncated, "sense_data_source": source, "forwarded_status": status,
            "sense": sense.map_or(Value::Null, |s| sense_json(&s)), "raw": hex(raw),
        }),
        Descriptor::DirectAccessBlockDevice { valid, ili, sks, fru, information, command_specific } => {
            json!({
                "valid": valid, "ili": ili, "sks_raw": hex(&sks), "fru": fru,
                "information": information, "command_specific": command_specific,
            })
        }
        Descriptor::MicrocodeActivation(t) => json!({ "activation_time": t }),
        Descriptor::OsdObjectIdentification(b)
        | Descriptor::OsdResponseIntegrity(b)
        | Descriptor::OsdAttributeIdentification(b)
        | Descriptor::DeviceDesignation(b) => json!({ "data": hex(b) }),
        Descriptor::Vendor { data, .. } | Descriptor::Unknown { data, .. } => json!({ "data": hex(data) }),
        _ => json!({}),
    };
    if let (Value::Object(o), Value::Object(e)) = (&mut o, extra) {
        o.extend(e);
    }
    o
}

/// Bytes as lower-case space-separated hex.
pub fn hex(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() * 3);
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{x:02x}");
    }
    s
}

/// The JSON object for a sense buffer (the shape documented in the README).
pub fn sense_json(s: &Sense<'_>) -> Value {
    let sum = s.summary();
    let format = match sum.format {
        SenseFormat::Fixed => "fixed",
        SenseFormat::Descriptor => "descriptor",
        SenseFormat::Vendor => "vendor",
    };
    let mut descriptors = Vec::new();
    let mut overrun = Value::Null;
    for d in s.descriptors() {
        match d {
            Ok((off, d)) => descriptors.push(descriptor_json(off, &d)),
            Err(e) => {
                overrun = json!({ "offset": e.offset, "type": e.code, "declared": e.declared, "available": e.available });
            }
        }
    }
    let (fm, eom, ili) = (sum.filemark, sum.eom, sum.ili);
    json!({
        "response_code": sum.response_code,
        "format": format,
        "deferred": sum.deferred,
        "sense_key": sum.sense_key.map(|k| k as u8),
        "sense_key_name": sum.sense_key.map(|k| k.name()),
        "asc": sum.additional_sense.map(|a| a.asc),
        "ascq": sum.additional_sense.map(|a| a.ascq),
        "description": sum.additional_sense.map(|a| a.to_string()),
        "information": opt(sum.information),
        "command_specific": opt(sum.command_specific),
        "progress": opt(sum.progress),
        "progress_percent": sum.progress.map(|p| f64::from(u32::from(p) * 10000 / 65536) / 100.0),
        "filemark": fm,
        "eom": eom,
        "ili": ili,
        "fru": opt(sum.fru),
        "sdat_ovfl": s.sdat_ovfl(),
        "sks": sum.sks.map_or(Value::Null, |k| serde_json::to_value(k).unwrap_or(Value::Null)),
        "ata_status": s.ata_status().map_or(Value::Null, |a| serde_json::to_value(a).unwrap_or(Value::Null)),
        "descriptors": descriptors,
        "descriptor_overrun": overrun,
        "disposition": sum.disposition().name(),
        "errno": errno::from_sense(&sum),
        "declared_length": s.declared_len(),
        "available_length": s.available_len(),
        "truncated": sum.truncated,
    })
}

/// Multi-line text for a sense buffer.
pub fn sense_text(s: &Sense<'_>, color: bool) -> String {
    let sum = s.summary();
    let mut t = String::new();
    let (b, r) = if color { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    let format = match sum.format {
        SenseFormat::Fixed => "Fixed format",
        SenseFormat::Descriptor => "Descriptor format",
        SenseFormat::Vendor => "Vendor-specific format",
    };
    let when = if sum.deferred { "deferred" } else { "current" };
    let _ = write!(t, "{format}, {when}");
    if let Some(k) = sum.sense_key {
        let _ = write!(t, "; sense key: {b}{}{r} ({:X}h)", k.name(), k as u8);
    }
    t.push('\n');
    if sum.format == SenseFormat::Vendor {
        let _ = writeln!(t, "  bytes: {}", hex(s.as_bytes()));
        return t;
    }
    match sum.additional_sense {
        Some(a) => {
            let _ = writeln!(t, "Additional sense: {b}{a}{r} ({:02X}h/{:02X}h)", a.asc, a.ascq);
        }
        None => t.push_str("Additional sense: not present\n"),
    }
    if s.sdat_ovfl() {
        t.push_str("  Sense data overflow (SDAT_OVFL)\n");
    }
    if let Some(i) = sum.information {
        let _ = writeln!(t, "  Information: {i:#x} ({i})");
    }
    if let Some(c) = sum.command_specific.filter(|c| *c != 0) {
        let _ = writeln!(t, "  Command-specific information: {c:#x}");
    }
    if let Some(k) = sum.sks {
        let _ = writeln!(t, "  Sense-key specific: {k}");
    } else if let Some(p) = sum.progress {
        let hundredths = u32::from(p) * 10000 / 65536;
        let _ = writeln!(t, "  Progress: {}.{:02}%", hundredths / 100, hundredths % 100);
    }
    let flags: Vec<&str> = [(sum.filemark, "FILEMARK"), (sum.eom, "EOM"), (sum.ili, "ILI")]
        .iter()
        .filter(|f| f.0)
        .map(|f| f.1)
        .collect();
    if !flags.is_empty() {
        let _ = writeln!(t, "  Flags: {}", flags.join(" "));
    }
    if let Some(f) = sum.fru {
        let _ = writeln!(t, "  Field replaceable unit: {f:#04x}");
    }
    if let Some(a) = s.ata_status() {
        let _ = writeln!(
            t,
            "  ATA status return: extend={} error={:#04x} count={:#x} lba={:#x} device={:#04x} status={:#04x}",
            u8::from(a.extend),
            a.error,
            a.count,
            a.lba,
            a.device,
            a.status
        );
    }
    for d in s.descriptors() {
        match d {
            Ok((off, d)) => {
                let _ = writeln!(
                    t,
                    "  Descriptor {:02X}h at byte {off}: {}",
                    d.code(),
                    Descriptor::type_name(d.code())
                );
                if let Descriptor::ForwardedSense { sense: Some(inner), status, .. } = d {
                    let _ = writeln!(t, "    forwarded status {status:#04x}; forwarded sense: {inner}");
                }
            }
            Err(e) => {
                let _ = writeln!(
                    t,
                    "  Descriptor at byte {} runs past the end: declares {} bytes, {} present",
                    e.offset, e.declared, e.available
                );
            }
        }
    }
    let _ = writeln!(t, "  Disposition: {} (errno {})", sum.disposition(), errno::from_sense(&sum));
    if sum.truncated {
        let _ = writeln!(
            t,
            "  Truncated: {} bytes declared, {} present",
            s.declared_len().map_or_else(|| "?".to_string(), |d| d.to_string()),
            s.available_len()
        );
    }
    t
}
