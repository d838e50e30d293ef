//! The crate's two error types: one for reading bytes, one for building them.
//!
//! Both are small, `Copy`, comparable and `#[non_exhaustive]`, with sentence-style `Display` text.
//! They carry the numbers a caller needs to act (how many bytes were needed, which CDB byte and bit
//! is wrong) rather than strings.

use core::fmt;

/// The position of an offending field, as the SENSE-KEY SPECIFIC field pointer reports it
/// (SPC-6 §4.4.2.3): a byte offset and, when the error is narrower than a byte, the bit.
///
/// A target that rejects a CDB turns this straight into ILLEGAL REQUEST / INVALID FIELD IN CDB
/// (24h/00h) with C/D = 1 and this byte and bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldPointer {
    /// Byte offset of the field within the CDB or parameter list.
    pub byte: u16,
    /// Most significant bit of the offending field within that byte (0-7), when known.
    pub bit: Option<u8>,
}

impl FieldPointer {
    /// A pointer to a whole byte.
    #[must_use]
    pub const fn byte(byte: u16) -> Self {
        Self { byte, bit: None }
    }

    /// A pointer to a bit within a byte.
    #[must_use]
    pub const fn bit(byte: u16, bit: u8) -> Self {
        Self { byte, bit: Some(bit) }
    }
}

impl fmt::Display for FieldPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.bit {
            Some(b) => write!(f, "byte {} bit {}", self.byte, b),
            None => write!(f, "byte {}", self.byte),
        }
    }
}

/// Why a byte slice could not be read as the structure asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The buffer ends before the minimum this structure needs.
    #[error("truncated: need {needed} bytes, have {actual}")]
    Truncated {
        /// Bytes needed.
        needed: u16,
        /// Bytes present (saturated at 65535).
        actual: u16,
    },
    /// The first byte is not the operation code of the command being decoded.
    #[error("operation code {found:#04x} is not the expected {expected:#04x}")]
    WrongOpcode {
        /// The operation code this decoder reads.
        expected: u8,
        /// The operation code found in byte 0.
        found: u8,
    },
    /// The service action does not belong to the command being decoded.
    #[error("service action {found:#06x} is not the expected {expected:#06x}")]
    WrongServiceAction {
        /// The service action this decoder reads.
        expected: u16,
        /// The service action found.
        found: u16,
    },
    /// The CDB is not as long as its operation code's group code (or its ADDITIONAL CDB LENGTH)
    /// says.
    #[error("CDB length {actual} does not match the {expected} bytes its operation code requires")]
    BadCdbLength {
        /// Length required by the group code or additional CDB length.
        expected: u16,
        /// Length of the slice given.
        actual: u16,
    },
    /// The operation code's group code is reserved (group 3 other than 7Eh/7Fh), so the CDB
    /// length is unknown.
    #[error("operation code {0:#04x} has a reserved group code, so its CDB length is unknown")]
    ReservedGroupCode(u8),
    /// A field holds a reserved or invalid value, or a reserved bit is set: answer ILLEGAL
    /// REQUEST / INVALID FIELD IN CDB with this field pointer.
    #[error("invalid field in CDB at {0}")]
    InvalidField(FieldPointer),
    /// Byte 0 of a sense buffer is not a known response code.
    #[error("response code {0:#04x} is not a sense data format (70h-73h, 7Fh)")]
    BadResponseCode(u8),
    /// The data is of a different kind than asked for (another VPD page, another mode page).
    #[error("page code {found:#04x} is not the expected {expected:#04x}")]
    WrongPage {
        /// The page code this view reads.
        expected: u8,
        /// The page code found in the data.
        found: u8,
    },
}

impl DecodeError {
    /// A [`DecodeError::Truncated`] with lengths saturated to `u16`.
    #[must_use]
    pub const fn truncated(needed: usize, actual: usize) -> Self {
        Self::Truncated { needed: sat16(needed), actual: sat16(actual) }
    }

    /// The field pointer to report in sense data, when the error names a CDB field.
    ///
    /// Wrong lengths point at byte 0 (the operation code decides the length) or, for
    /// variable-length CDBs, byte 7.
    #[must_use]
    pub const fn field_pointer(&self) -> Option<FieldPointer> {
        match self {
            Self::InvalidField(p) => Some(*p),
            Self::WrongServiceAction { .. } => Some(FieldPointer::byte(1)),
            Self::WrongOpcode { .. } | Self::ReservedGroupCode(_) => Some(FieldPointer::byte(0)),
            _ => None,
        }
    }
}

/// Why a command or structure could not be built from the arguments given.
///
/// Builders never truncate: an argument that does not fit its field is one of these errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The logical block address does not fit this CDB.
    #[error("LBA {lba:#x} does not fit: this CDB holds at most {max:#x}")]
    LbaTooLarge {
        /// The LBA given.
        lba: u64,
        /// The largest LBA the field holds.
        max: u64,
    },
    /// A transfer length, allocation length or block count does not fit its field.
    #[error("length {len} does not fit: this field holds at most {max}")]
    LengthTooLarge {
        /// The length given.
        len: u64,
        /// The largest value the field holds.
        max: u64,
    },
    /// A length is below the minimum (for example a zero-length READ(6), which would mean 256).
    #[error("length {len} is below the minimum {min}")]
    LengthTooSmall {
        /// The length given.
        len: u64,
        /// The smallest value allowed.
        min: u64,
    },
    /// Some other field's value does not fit its width or is reserved.
    #[error("{field} = {value:#x} is out of range (at most {max:#x})")]
    ValueOutOfRange {
        /// The field's T10 name.
        field: &'static str,
        /// The value given.
        value: u64,
        /// The largest value allowed.
        max: u64,
    },
    /// The output buffer cannot hold the encoded bytes.
    #[error("output buffer too small: need {needed} bytes, have {actual}")]
    BufferTooSmall {
        /// Bytes needed.
        needed: u16,
        /// Bytes available (saturated at 65535).
        actual: u16,
    },
    /// A raw CDB's length contradicts the group code of its operation code.
    #[error("a {actual}-byte CDB contradicts operation code {opcode:#04x} (expects {expected})")]
    CdbLengthMismatch {
        /// The operation code.
        opcode: u8,
        /// The length its group code implies (0 when the group is reserved).
        expected: u16,
        /// The length given.
        actual: u16,
    },
    /// The combination of arguments is not allowed by the standard.
    #[error("invalid combination: {0}")]
    Conflict(&'static str),
}

impl BuildError {
    /// A [`BuildError::BufferTooSmall`] with lengths saturated to `u16`.
    #[must_use]
    pub const fn buffer_too_small(needed: usize, actual: usize) -> Self {
        Self::BufferTooSmall { needed: sat16(needed), actual: sat16(actual) }
    }
}

/// `Ok` when `value` is at most `max`, else [`BuildError::ValueOutOfRange`] naming `field`.
pub(crate) const fn fits(field: &'static str, value: u64, max: u64) -> Result<(), BuildError> {
    if value > max { Err(BuildError::ValueOutOfRange { field, value, max }) } else { Ok(()) }
}

/// Saturating `usize` to `u16`.
#[must_use]
pub(crate) const fn sat16(n: usize) -> u16 {
    if n > u16::MAX as usize { u16::MAX } else { n as u16 }
}
