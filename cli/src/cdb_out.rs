//! CDBs: name, fields, direction and transfer length, invalid fields, and the byte map.

use std::fmt::Write as _;

use scsi_cdb::cdb::decode::{cdb_len, service_action};
use scsi_cdb::{Command, DataDirection, DecodeError, OpCode};
use serde_json::{Value, json};

/// A field of a CDB layout: bytes `byte .. byte + len`, and within a single byte the bits of
/// `mask`.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// T10 field name.
    pub name: &'static str,
    /// First byte.
    pub byte: usize,
    /// Number of bytes (1 for bit fields).
    pub len: usize,
    /// Bit mask within the byte (0xFF for whole bytes).
    pub mask: u8,
}

const fn f(name: &'static str, byte: usize, len: usize, mask: u8) -> Field {
    Field { name, byte, len, mask }
}

const OP: Field = f("OPERATION CODE", 0, 1, 0xFF);

/// The protocol and transfer fields of ATA PASS-THROUGH, starting at byte `at`.
fn ata_flags(at: usize) -> [Field; 8] {
    [
        f("MULTIPLE_COUNT", at, 1, 0xE0),
        f("PROTOCOL", at, 1, 0x1E),
        f("OFF_LINE", at + 1, 1, 0xC0),
        f("CK_COND", at + 1, 1, 0x20),
        f("T_TYPE", at + 1, 1, 0x10),
        f("T_DIR", at + 1, 1, 0x08),
        f("BYT_BLOK", at + 1, 1, 0x04),
        f("T_LENGTH", at + 1, 1, 0x03),
    ]
}

/// The field layout of a CDB: every command described with `cdb_command!` from its `FIELDS`
/// (through [`scsi_cdb::Command::layout`]); ATA PASS-THROUGH, whose fields move with its size and
/// the EXTEND bit, from the SAT-5 table below; any other CDB shows its header.
fn layout(op: u8, sa: Option<u16>, len: usize) -> Vec<Field> {
    let ctl = |at: usize| f("CONTROL", at, 1, 0xFF);
    let mut v = vec![OP];
    if let Some((_, n, fields)) = scsi_cdb::Command::layout(OpCode(op), sa) {
        if n == 32 {
            v.extend([ctl(1), f("ADDITIONAL CDB LENGTH", 7, 1, 0xFF), f("SERVICE ACTION", 8, 2, 0xFF)]);
        } else {
            if sa.is_some()
                && OpCode(op).service_action_field().is_some()
                && !fields.iter().any(|x| x.byte == 1 && x.shift == 0)
            {
                v.push(f("SERVICE ACTION", 1, 1, 0x1F));
            }
            v.push(ctl(n - 1));
        }
        v.extend(fields.iter().filter(|x| x.nbytes > 0).map(|x| {
            let mask = if x.nbytes == 1 { (((1u16 << x.bits) - 1) << x.shift) as u8 } else { 0xFF };
            f(x.name, usize::from(x.byte), usize::from(x.nbytes), mask)
        }));
        v.sort_by_key(|x| (x.byte, std::cmp::Reverse(x.mask)));
        v.retain(|x| x.byte + x.len <= len);
        return v;
    }
    match (op, sa) {
        (0xA1, _) => v.extend(ata_flags(1).into_iter().chain([
            f("FEATURES", 3, 1, 0xFF),
            f("COUNT", 4, 1, 0xFF),
            f("LBA (7:0)", 5, 1, 0xFF),
            f("LBA (15:8)", 6, 1, 0xFF),
            f("LBA (23:16)", 7, 1, 0xFF),
            f("DEVICE", 8, 1, 0xFF),
            f("COMMAND", 9, 1, 0xFF),
            ctl(11),
        ])),
        (0x85, _) => v.extend(ata_flags(1).into_iter().chain([
            f("EXTEND", 1, 1, 0x01),
            f("FEATURES (15:0)", 3, 2, 0xFF),
            f("COUNT (15:0)", 5, 2, 0xFF),
            f("LBA (31:24)", 7, 1, 0xFF),
            f("LBA (7:0)", 8, 1, 0xFF),
            f("LBA (39:32)", 9, 1, 0xFF),
            f("LBA (15:8)", 10, 1, 0xFF),
            f("LBA (47:40)", 11, 1, 0xFF),
            f("LBA (23:16)", 12, 1, 0xFF),
            f("DEVICE", 13, 1, 0xFF),
            f("COMMAND", 14, 1, 0xFF),
            ctl(15),
        ])),
        _ => {
            match OpCode(op).service_action_field() {
                Some(scsi_cdb::code::ServiceActionField::Byte1Low5) => {
                    v.push(f("SERVICE ACTION", 1, 1, 0x1F))
                }
                Some(scsi_cdb::code::ServiceActionField::Bytes8To9) => {
                    v.push(f("ADDITIONAL CDB LENGTH", 7, 1, 0xFF));
                    v.push(f("SERVICE ACTION", 8, 2, 0xFF));
                }
                None => {}
            }
            if op < 0x7E || (0x80..0xC0).contains(&op) {
                v.push(ctl(len.saturating_sub(1)));
            }
        }
    }
    v.sort_by_key(|x| (x.byte, std::cmp::Reverse(x.mask)));
    v.retain(|x| x.byte + x.len <= len);
    v
}

/// The value of a field in `cdb`.
pub fn field_value(cdb: &[u8], fl: &Field) -> Option<u64> {
    let bytes = cdb.get(fl.byte..fl.byte + fl.len)?;
    if fl.len == 1 && fl.mask != 0xFF {
        let b = bytes.first()?;
        return Some(u64::from((b & fl.mask) >> fl.mask.trailing_zeros()));
    }
    Some(bytes.iter().fold(0u64, |a, b| (a << 8) | u64::from(*b)))
}

/// Direction and transfer length of a decoded command, when this crate types it.
fn direction(cmd: &Command<'_>) -> Option<(DataDirection, scsi_cdb::Transfer)> {
    cmd.as_cdb().map(|c| (c.direction(), c.transfer()))
}

/// Everything known about a CDB.
pub struct CdbReport<'a> {
    /// The bytes.
    pub bytes: &'a [u8],
    /// Its name.
    pub name: String,
    /// The decode result (typed command, or the error with its field pointer).
    pub decoded: Result<Command<'a>, DecodeError>,
    /// The fields of the layout with their values.
    pub fields: Vec<(Field, u64)>,
}

/// Decodes a CDB for display.
#[must_use]
pub fn report(bytes: &[u8]) -> CdbReport<'_> {
    let op = bytes.first().copied().unwrap_or(0);
    let sa = service_action(bytes);
    let name = sa
        .and_then(|s| OpCode(op).service_action_name(s))
        .or_else(|| OpCode(op).name())
        .map_or_else(|| OpCode(op).to_string(), str::to_string);
    let len = cdb_len(bytes).unwrap_or(bytes.len()).min(bytes.len());
    let fields =
        layout(op, sa, len).into_iter().filter_map(|fl| Some((fl, field_value(bytes, &fl)?))).collect();
    CdbReport { bytes, name, decoded: Command::parse(bytes), fields }
}

fn dir_name(d: DataDirection) -> &'static str {
    match d {
        DataDirection::None => "none",
        DataDirection::FromDevice => "from_device",
        DataDirection::ToDevice => "to_device",
    }
}

/// The JSON object for a CDB.
#[must_use]
pub fn cdb_json(r: &CdbReport<'_>, block_size: u32) -> Value {
    let fields: Vec<Value> = r
        .fields
        .iter()
        .map(|(fl, v)| json!({ "name": fl.name, "byte": fl.byte, "length": fl.len, "mask": fl.mask, "value": v }))
        .collect();
    let (direction, transfer) = match r.decoded.as_ref().ok().and_then(direction) {
        Some((d, t)) => (json!(dir_name(d)), json!(t.known_bytes(block_size))),
        None => (Value::Null, Value::Null),
    };
    let error = r.decoded.as_ref().err().map(|e| {
        json!({
            "message": e.to_string(),
            "field_pointer": e.field_pointer().map(|p| json!({ "byte": p.byte, "bit": p.bit })),
        })
    });
    json!({
        "cdb": crate::sense_out::hex(r.bytes),
        "opcode": r.bytes.first(),
        "service_action": service_action(r.bytes),
        "name": r.name,
        "length": r.bytes.len(),
        "expected_length": cdb_len(r.bytes).ok(),
        "fields": fields,
        "direction": direction,
        "transfer_length": transfer,
        "block_size": block_size,
        "valid": r.decoded.is_ok(),
        "error": error,
    })
}

/// Text for a CDB.
#[must_use]
pub fn cdb_text(r: &CdbReport<'_>, block_size: u32) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "{} [{}]", r.name, crate::sense_out::hex(r.bytes));
    for (fl, v) in &r.fields {
        if fl.name == "OPERATION CODE" {
            continue;
        }
        let _ = writeln!(t, "  {:<45} {v} ({v:#x})", fl.name);
    }
    match &r.decoded {
        Ok(cmd) => match direction(cmd) {
            Some((d, x)) => {
                let _ = match x.known_bytes(block_size) {
                    Some(n) => writeln!(
                        t,
                        "  direction: {}, transfer length: {n} bytes (block size {block_size})",
                        dir_name(d)
                    ),
                    None => writeln!(t, "  direction: {}, transfer length: {x}", dir_name(d)),
                };
            }
            None => t.push_str("  direction and transfer length: not typed by this decoder\n"),
        },
        Err(e) => {
            let _ = writeln!(t, "  INVALID: {e}");
        }
    }
    t
}

/// The byte map: every byte with the fields that live in it.
#[must_use]
pub fn cdb_explain(r: &CdbReport<'_>) -> String {
    let bad = r.decoded.as_ref().err().and_then(DecodeError::field_pointer);
    let mut t = String::new();
    let _ = writeln!(t, "{}", r.name);
    for (i, b) in r.bytes.iter().enumerate() {
        let mut names: Vec<String> = Vec::new();
        for (fl, v) in &r.fields {
            if i >= fl.byte && i < fl.byte + fl.len {
                if fl.len == 1 && fl.mask != 0xFF {
                    names.push(format!("{}={v} (mask {:#04x})", fl.name, fl.mask));
                } else if fl.len > 1 {
                    names.push(format!("{} [byte {} of {}] = {v:#x}", fl.name, i - fl.byte + 1, fl.len));
                } else {
                    names.push(format!("{} = {v:#04x}", fl.name));
                }
            }
        }
        if names.is_empty() {
            names.push("reserved / not decoded".to_string());
        }
        let mark = match bad {
            Some(p) if usize::from(p.byte) == i => {
                format!("   <-- invalid{}", p.bit.map_or(String::new(), |b| format!(" (bit {b})")))
            }
            _ => String::new(),
        };
        let _ = writeln!(t, "  byte {i:>2}  {b:02x}  {b:08b}  {}{mark}", names.join("; "));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_unit_with_fmtdata_sends_a_parameter_list() {
        let b = [0x04, 0x10, 0, 0, 0, 0];
        let r = report(&b);
        let text = cdb_text(&r, 512);
        assert!(
            text.contains("direction: to_device, transfer length: length given by the parameter list header"),
            "{text}"
        );
        let v = cdb_json(&r, 512);
        assert_eq!(v["direction"], "to_device");
        assert_eq!(v["transfer_length"], Value::Null);
    }

    #[test]
    fn read32_explain_shows_rarc() {
        let mut b = [0u8; 32];
        b[0] = 0x7F;
        b[7] = 0x18;
        b[9] = 0x09;
        b[10] = 0x04;
        b[31] = 1;
        let r = report(&b);
        assert!(r.decoded.is_ok());
        let map = cdb_explain(&r);
        assert!(map.contains("RARC=1 (mask 0x04)"), "{map}");
    }
}
