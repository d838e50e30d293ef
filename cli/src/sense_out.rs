//! Sense data as text and as the stable JSON shape.

use std::fmt::Write as _;

use scsi_cdb::sense::{Descriptor, Sense, SenseFormat, errno};
use serde_json::Value;

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

/// The JSON object for a sense buffer (the shape documented in the README): the library's
/// own `Serialize` impl, so a library user who serializes a `Sense` gets the same object.
pub fn sense_json(s: &Sense<'_>) -> Value {
    serde_json::to_value(s).unwrap_or(Value::Null)
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
        None => match sum.asc {
            Some(asc) => {
                let _ = writeln!(
                    t,
                    "Additional sense: ASC {asc:02X}h, ASCQ not present (the data ends before it)"
                );
            }
            None => t.push_str("Additional sense: not present\n"),
        },
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

/// One byte of a sense buffer's byte map: its offset, value and the field it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ByteRow {
    /// Offset in the buffer.
    pub byte: usize,
    /// The byte.
    pub value: u8,
    /// The field it belongs to (from the library's layout tables and descriptor walk).
    pub field: String,
}

/// The byte map of a sense buffer, one row per byte: the header fields from the library's
/// layout tables, the descriptors from its descriptor walk.
#[must_use]
pub fn sense_byte_map(b: &[u8]) -> Vec<ByteRow> {
    use scsi_cdb::data::layout;
    let sense = Sense::parse(b).ok();
    let descriptor = sense.is_some_and(|s| s.format() == SenseFormat::Descriptor);
    let declared = sense.and_then(|s| s.declared_len()).unwrap_or(b.len());
    let map = if descriptor { layout::sense_descriptor_header() } else { layout::sense_fixed() };
    let header_len = map.iter().map(|s| s.start + s.len).max().unwrap_or(0);
    let starts: Vec<usize> = sense.map_or_else(Vec::new, |s| {
        s.descriptors().map(|d| d.map_or_else(|e| e.offset, |(off, _)| off)).collect()
    });
    let mut rows = Vec::with_capacity(b.len());
    let mut current = None;
    for (i, x) in b.iter().enumerate() {
        if starts.contains(&i) {
            current = Some(i);
        }
        let field = if i >= declared {
            "beyond ADDITIONAL SENSE LENGTH (ignored)".to_string()
        } else if let Some(n) = crate::data_out::byte_name(map, i) {
            n
        } else if descriptor && i >= header_len {
            match current {
                Some(start) if start == i => {
                    format!("DESCRIPTOR TYPE {x:02X}h ({})", Descriptor::type_name(*x))
                }
                Some(start) if start + 1 == i => "ADDITIONAL LENGTH (of this descriptor)".to_string(),
                _ => "descriptor body".to_string(),
            }
        } else if descriptor {
            "reserved".to_string()
        } else if i < header_len {
            "obsolete".to_string()
        } else {
            "additional sense bytes".to_string()
        };
        rows.push(ByteRow { byte: i, value: *x, field });
    }
    rows
}

/// The byte map of a sense buffer (`--explain`) as text, from [`sense_byte_map`].
#[must_use]
pub fn sense_explain(b: &[u8]) -> String {
    let mut t = String::new();
    for r in sense_byte_map(b) {
        let (i, x) = (r.byte, r.value);
        let _ = writeln!(t, "  byte {i:>3}  {x:02x}  {x:08b}  {}", r.field);
    }
    t
}
