//! What `scsi-decode cdb` shows of any CDB, from the layout tables: its name, every field with
//! its value, the direction and transfer length of a typed command or the invalid field of one
//! that failed to decode, a byte map, and (feature `serde`) the JSON object. No allocation:
//! the field list is a fixed array sorted in place.
//!
//! ```
//! use scsi_cdb::cdb::explain::CdbReport;
//! // READ(10) of 8 blocks at LBA 1000h, FUA set.
//! let cdb = [0x28, 0x08, 0, 0, 0x10, 0, 0, 0, 8, 0];
//! let r = CdbReport::new(&cdb);
//! assert_eq!(r.name().to_string(), "READ(10)");
//! assert_eq!(r.field("LOGICAL BLOCK ADDRESS"), Some(0x1000));
//! assert_eq!(r.field("FUA"), Some(1));
//! let text = r.text(512).to_string();
//! assert!(text.contains("direction: from_device, transfer length: 4096 bytes (block size 512)"));
//! let map = r.byte_map().to_string();
//! assert!(map.contains("byte  1  08  00001000  RDPROTECT=0 (mask 0xe0); DPO=0 (mask 0x10); FUA=1 (mask 0x08)"));
//! ```

use core::fmt;

use super::decode::{cdb_len, service_action};
use super::{DataDirection, FieldInfo, Transfer};
use crate::code::ServiceActionField;
use crate::{Command, DecodeError, OpCode};

/// The most fields one CDB layout holds (the command's own fields and the header fields).
const CAPACITY: usize = 48;

const OPERATION_CODE: FieldInfo = FieldInfo::new("OPERATION CODE", 0, 1, 0, 8);
const fn control(at: u8) -> FieldInfo {
    FieldInfo::new("CONTROL", at, 1, 0, 8)
}
const ADDITIONAL_CDB_LENGTH: FieldInfo = FieldInfo::new("ADDITIONAL CDB LENGTH", 7, 1, 0, 8);
const SERVICE_ACTION_BYTE1: FieldInfo = FieldInfo::new("SERVICE ACTION", 1, 1, 0, 5);
const SERVICE_ACTION_32: FieldInfo = FieldInfo::new("SERVICE ACTION", 8, 2, 0, 16);

// Every listed command's fields and its header fit the fixed list.
const _: () = assert!(Command::MAX_FIELDS + 4 <= CAPACITY, "raise explain::CAPACITY");

impl FieldInfo {
    /// The bits of a one-byte field within its byte (`0xFF` for a field of whole bytes).
    ///
    /// ```
    /// use scsi_cdb::cdb::basic::Inquiry;
    /// let evpd = Inquiry::FIELDS.iter().find(|f| f.name == "EVPD").unwrap();
    /// assert_eq!(evpd.mask(), 0x01);
    /// ```
    #[must_use]
    pub const fn mask(&self) -> u8 {
        if self.nbytes == 1 && self.bits < 8 { (((1u16 << self.bits) - 1) << self.shift) as u8 } else { 0xFF }
    }

    /// True when the field covers byte `i`.
    #[must_use]
    pub const fn covers(&self, i: usize) -> bool {
        let start = self.byte as usize;
        i >= start && i - start < self.nbytes as usize
    }
}

/// The layout of one CDB: the fields of the type that owns its operation code and service
/// action (from its `FIELDS`), or just the header
/// (operation code, service action, CONTROL) of a CDB this crate has no type for; sorted by
/// byte (wider bit fields first) and cut to the bytes present.
///
/// ```
/// use scsi_cdb::cdb::explain::CdbLayout;
/// let l = CdbLayout::of(&[0x12, 0x01, 0x80, 0, 0xFC, 0]);
/// let names: Vec<_> = l.iter().map(|f| f.name).collect();
/// assert_eq!(names, ["OPERATION CODE", "EVPD", "PAGE CODE", "ALLOCATION LENGTH", "CONTROL"]);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CdbLayout {
    fields: [FieldInfo; CAPACITY],
    len: usize,
}

impl CdbLayout {
    /// The layout of the CDB at the start of `cdb`.
    #[must_use]
    pub fn of(cdb: &[u8]) -> Self {
        let Some(&op) = cdb.first() else {
            return Self { fields: [OPERATION_CODE; CAPACITY], len: 0 };
        };
        // The bytes present: the group's length, cut at the slice.
        let n = cdb_len(cdb).unwrap_or(cdb.len()).min(cdb.len());
        let mut l = Self { fields: [OPERATION_CODE; CAPACITY], len: 1 };
        let code = OpCode(op);
        let sa = service_action(cdb);
        if let Some((_, len, fields)) = Command::layout(code, sa) {
            if len == 32 {
                l.extend(n, &[control(1), ADDITIONAL_CDB_LENGTH, SERVICE_ACTION_32]);
            } else {
                // A service action that is not one of the command's own fields.
                if sa.is_some() && !fields.iter().any(|f| f.byte == 1 && f.shift == 0) {
                    l.extend(n, &[SERVICE_ACTION_BYTE1]);
                }
                l.extend(n, &[control(len.saturating_sub(1) as u8)]);
            }
            l.extend(n, fields);
        } else {
            match code.service_action_field() {
                Some(ServiceActionField::Byte1Low5) => l.extend(n, &[SERVICE_ACTION_BYTE1]),
                Some(ServiceActionField::Bytes8To9) => {
                    l.extend(n, &[ADDITIONAL_CDB_LENGTH, SERVICE_ACTION_32])
                }
                None => {}
            }
            if code.is_vendor_specific() || code.cdb_length() == crate::code::CdbLength::Reserved {
                // No CONTROL byte is known to be there.
            } else if op == OpCode::VARIABLE_LENGTH.0 {
                l.extend(n, &[control(1)]);
            } else {
                l.extend(n, &[control(n.saturating_sub(1) as u8)]);
            }
        }
        l.finish()
    }

    /// Adds the fields that lie within the first `n` bytes.
    fn extend(&mut self, n: usize, fields: &[FieldInfo]) {
        for f in fields.iter().filter(|f| f.nbytes > 0 && usize::from(f.byte) + usize::from(f.nbytes) <= n) {
            if let Some(slot) = self.fields.get_mut(self.len) {
                *slot = *f;
                self.len += 1;
            }
        }
    }

    /// Sorts by byte, the wider bit fields of a byte first.
    fn finish(mut self) -> Self {
        let live = self.fields.get_mut(..self.len).unwrap_or_default();
        live.sort_unstable_by_key(|f| (f.byte, core::cmp::Reverse(f.mask()), f.shift));
        self
    }

    /// The fields, in byte order.
    pub fn iter(&self) -> impl Iterator<Item = &FieldInfo> + '_ {
        self.fields.get(..self.len).unwrap_or_default().iter()
    }
}

/// Everything the decoder knows of one CDB.
///
/// ```
/// use scsi_cdb::cdb::explain::CdbReport;
/// use scsi_cdb::{DataDirection, Transfer};
/// // READ CAPACITY (16), allocation length 32.
/// let cdb = [0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0];
/// let r = CdbReport::new(&cdb);
/// assert_eq!(r.name().to_string(), "READ CAPACITY(16)");
/// assert_eq!(r.field("ALLOCATION LENGTH"), Some(32));
/// assert_eq!(r.direction(), Some((DataDirection::FromDevice, Transfer::Bytes(32))));
/// // A reserved bit: the report keeps the error and its field pointer.
/// let bad = CdbReport::new(&[0x00, 0x01, 0, 0, 0, 0]);
/// assert!(bad.decoded.is_err() && bad.direction().is_none());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct CdbReport<'a> {
    /// The bytes as given.
    pub bytes: &'a [u8],
    /// The typed command, or why it did not decode (with the field pointer).
    pub decoded: Result<Command<'a>, DecodeError>,
    layout: CdbLayout,
}

impl<'a> CdbReport<'a> {
    /// Decodes `bytes` (exactly one CDB) for display.
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, decoded: Command::parse(bytes), layout: CdbLayout::of(bytes) }
    }

    /// The T10 name: the service action's name when it has one ("READ CAPACITY(16)"), else the
    /// operation code's, else "VENDOR SPECIFIC C1h" / "UNKNOWN 60h".
    #[must_use]
    pub fn name(&self) -> CdbName {
        let op = OpCode(self.bytes.first().copied().unwrap_or_default());
        CdbName { op, sa_name: service_action(self.bytes).and_then(|s| op.service_action_name(s)) }
    }

    /// Every field of the layout with its value.
    pub fn fields(&self) -> impl Iterator<Item = (FieldInfo, u64)> + '_ {
        self.layout.iter().filter_map(|f| Some((*f, f.get(self.bytes)?)))
    }

    /// The value of the field named `name`, when the layout has it.
    #[must_use]
    pub fn field(&self, name: &str) -> Option<u64> {
        self.fields().find(|(f, _)| f.name == name).map(|(_, v)| v)
    }

    /// The direction and transfer length of a typed command (`None` for one that failed to
    /// decode or that this crate has no type for).
    #[must_use]
    pub fn direction(&self) -> Option<(DataDirection, Transfer)> {
        let c = self.decoded.as_ref().ok()?.as_cdb()?;
        Some((c.direction(), c.transfer()))
    }

    /// The text `scsi-decode cdb` prints: the name and bytes, one line per field, then the
    /// direction and transfer length (in bytes for `block_size`) or why the CDB is invalid.
    #[must_use]
    pub fn text(&self, block_size: u32) -> impl fmt::Display + '_ {
        Text { r: self, block_size }
    }

    /// The byte map (`--explain`): every byte in hex and binary with the fields in it, and the
    /// invalid field marked.
    #[must_use]
    pub fn byte_map(&self) -> impl fmt::Display + '_ {
        ByteMap(self)
    }

    /// The JSON object `scsi-decode cdb --json` prints (feature `serde`).
    #[cfg(feature = "serde")]
    #[must_use]
    pub fn json(&self, block_size: u32) -> impl serde::Serialize + '_ {
        Json { r: self, block_size }
    }
}

/// A CDB's name ([`CdbReport::name`]).
///
/// ```
/// use scsi_cdb::cdb::explain::CdbReport;
/// assert_eq!(CdbReport::new(&[0x12, 0, 0, 0, 36, 0]).name().to_string(), "INQUIRY");
/// assert_eq!(CdbReport::new(&[0x9E, 0x12]).name().to_string(), "GET LBA STATUS(16)");
/// assert_eq!(CdbReport::new(&[0xC5, 0, 0]).name().to_string(), "VENDOR SPECIFIC C5h");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CdbName {
    op: OpCode,
    sa_name: Option<&'static str>,
}

impl fmt::Display for CdbName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sa_name {
            Some(n) => f.write_str(n),
            None => self.op.fmt(f),
        }
    }
}

struct Text<'r, 'a> {
    r: &'r CdbReport<'a>,
    block_size: u32,
}

impl fmt::Display for Text<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.r;
        writeln!(f, "{} [{}]", r.name(), crate::wire::Hex(r.bytes))?;
        for (fl, v) in r.fields().filter(|(fl, _)| fl.name != OPERATION_CODE.name) {
            writeln!(f, "  {:<45} {v} ({v:#x})", fl.name)?;
        }
        match (&r.decoded, r.direction()) {
            (Ok(_), Some((d, x))) => match x.known_bytes(self.block_size) {
                Some(n) => writeln!(
                    f,
                    "  direction: {}, transfer length: {n} bytes (block size {})",
                    d.name(),
                    self.block_size
                ),
                None => writeln!(f, "  direction: {}, transfer length: {x}", d.name()),
            },
            (Ok(_), None) => f.write_str("  direction and transfer length: not typed by this decoder\n"),
            (Err(e), _) => writeln!(f, "  INVALID: {e}"),
        }
    }
}

struct ByteMap<'r, 'a>(&'r CdbReport<'a>);

impl fmt::Display for ByteMap<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.0;
        let bad = r.decoded.as_ref().err().and_then(DecodeError::field_pointer);
        writeln!(f, "{}", r.name())?;
        for (i, b) in r.bytes.iter().enumerate() {
            write!(f, "  byte {i:>2}  {b:02x}  {b:08b}  ")?;
            let mut any = false;
            for (fl, v) in r.fields().filter(|(fl, _)| fl.covers(i)) {
                if any {
                    f.write_str("; ")?;
                }
                any = true;
                if fl.nbytes == 1 && fl.mask() != 0xFF {
                    write!(f, "{}={v} (mask {:#04x})", fl.name, fl.mask())?;
                } else if fl.nbytes > 1 {
                    let nth = i - usize::from(fl.byte) + 1;
                    write!(f, "{} [byte {nth} of {}] = {v:#x}", fl.name, fl.nbytes)?;
                } else {
                    write!(f, "{} = {v:#04x}", fl.name)?;
                }
            }
            if !any {
                f.write_str("reserved / not decoded")?;
            }
            match bad {
                Some(p) if usize::from(p.byte) == i => match p.bit {
                    Some(bit) => writeln!(f, "   <-- invalid (bit {bit})")?,
                    None => writeln!(f, "   <-- invalid")?,
                },
                _ => writeln!(f)?,
            }
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
struct Json<'r, 'a> {
    r: &'r CdbReport<'a>,
    block_size: u32,
}

/// `scsi-decode cdb --json`: `cdb` (hex), `opcode`, `service_action`, `name`, `length`,
/// `expected_length`, `fields` (`name`, `byte`, `length`, `mask`, `value`), `direction` and
/// `transfer_length` (bytes; `null` when the parameter list or the transport gives it or the
/// command is not typed), `block_size`, `valid`, and `error` (`message`, `field_pointer` with `byte` and
/// `bit`) for a CDB that did not decode.
#[cfg(feature = "serde")]
impl serde::Serialize for Json<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::sense::json::{Hex, Text};
        use serde::ser::SerializeStruct;

        struct Field(FieldInfo, u64);
        impl serde::Serialize for Field {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_struct("CdbField", 5)?;
                m.serialize_field("name", self.0.name)?;
                m.serialize_field("byte", &self.0.byte)?;
                m.serialize_field("length", &self.0.nbytes)?;
                m.serialize_field("mask", &self.0.mask())?;
                m.serialize_field("value", &self.1)?;
                m.end()
            }
        }
        struct Fields<'r, 'a>(&'r CdbReport<'a>);
        impl serde::Serialize for Fields<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.fields().map(|(f, v)| Field(f, v)))
            }
        }
        struct Pointer(crate::FieldPointer);
        impl serde::Serialize for Pointer {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_struct("FieldPointer", 2)?;
                m.serialize_field("byte", &self.0.byte)?;
                m.serialize_field("bit", &self.0.bit)?;
                m.end()
            }
        }
        struct Error<'e>(&'e DecodeError);
        impl serde::Serialize for Error<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_struct("CdbError", 2)?;
                m.serialize_field("message", &Text(self.0))?;
                m.serialize_field("field_pointer", &self.0.field_pointer().map(Pointer))?;
                m.end()
            }
        }
        let r = self.r;
        let dir = r.direction();
        let mut m = s.serialize_struct("CdbReport", 12)?;
        m.serialize_field("cdb", &Hex(r.bytes))?;
        m.serialize_field("opcode", &r.bytes.first())?;
        m.serialize_field("service_action", &service_action(r.bytes))?;
        m.serialize_field("name", &Text(r.name()))?;
        m.serialize_field("length", &r.bytes.len())?;
        m.serialize_field("expected_length", &cdb_len(r.bytes).ok())?;
        m.serialize_field("fields", &Fields(r))?;
        m.serialize_field("direction", &dir.map(|(d, _)| d.name()))?;
        m.serialize_field("transfer_length", &dir.and_then(|(_, t)| t.known_bytes(self.block_size)))?;
        m.serialize_field("block_size", &self.block_size)?;
        m.serialize_field("valid", &r.decoded.is_ok())?;
        m.serialize_field("error", &r.decoded.as_ref().err().map(Error))?;
        m.end()
    }
}
