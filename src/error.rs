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
///
/// ```
/// use scsi_cdb::{Command, DecodeError, FieldPointer};
/// // INQUIRY with reserved bit 2 of byte 1 set.
/// let err = Command::parse(&[0x12, 0x04, 0x00, 0x00, 36, 0x00]).unwrap_err();
/// assert_eq!(err, DecodeError::InvalidField(FieldPointer::bit(1, 2)));
/// assert_eq!(FieldPointer::bit(1, 2).to_string(), "byte 1 bit 2");
/// assert_eq!(FieldPointer::byte(7).to_string(), "byte 7");
/// ```
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
///
/// ```
/// use scsi_cdb::data::ReadCapacity10Data;
/// use scsi_cdb::{Command, DecodeError};
/// let short = ReadCapacity10Data::parse(&[0x00, 0x01, 0xFF, 0xFF]).unwrap_err();
/// assert_eq!(short, DecodeError::Truncated { needed: 8, actual: 4 });
/// assert_eq!(short.to_string(), "truncated: need 8 bytes, have 4");
/// // Opcode 60h is in reserved group 3: its CDB length is unknown.
/// assert_eq!(Command::parse(&[0x60, 0, 0, 0, 0, 0]), Err(DecodeError::ReservedGroupCode(0x60)));
/// ```
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
    #[error("service action {found:#06x} is not the expected {expected:#06x} (CDB byte {at})")]
    WrongServiceAction {
        /// The service action this decoder reads.
        expected: u16,
        /// The service action found.
        found: u16,
        /// The first byte of the SERVICE ACTION field: 1 (its low five bits) or, in a
        /// variable-length CDB, 8 (bytes 8-9).
        at: u16,
    },
    /// The CDB is not as long as its operation code's group code (or its ADDITIONAL CDB LENGTH)
    /// says.
    #[error("CDB length {actual} does not match the {expected} bytes that CDB byte {length_at} requires")]
    BadCdbLength {
        /// Length required by the group code or additional CDB length.
        expected: u16,
        /// Length of the slice given.
        actual: u16,
        /// The byte that sets the length: 0 (the operation code's group code) or 7 (ADDITIONAL
        /// CDB LENGTH of a variable-length CDB).
        length_at: u16,
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
    /// Wrong lengths point at the byte that sets the length: byte 0 (the operation code's group
    /// code; a [`DecodeError::Truncated`] CDB) or, for variable-length CDBs, byte 7. A wrong
    /// service action points at the SERVICE ACTION field (byte 1, or bytes 8-9 of a 7Fh CDB).
    /// `None` only for errors that are about response data rather than a CDB
    /// ([`DecodeError::BadResponseCode`], [`DecodeError::WrongPage`]).
    ///
    /// ```
    /// use scsi_cdb::{Command, FieldPointer};
    /// let short = Command::parse(&[0x28, 0, 0]).unwrap_err();
    /// assert_eq!(short.field_pointer(), Some(FieldPointer::byte(0)));
    /// // READ(32) with ADDITIONAL CDB LENGTH 18h given as 10 bytes: byte 7 is what is wrong.
    /// let v = Command::parse(&[0x7F, 0, 0, 0, 0, 0, 0, 0x18, 0, 0x09]).unwrap_err();
    /// assert_eq!(v.field_pointer(), Some(FieldPointer::byte(7)));
    /// ```
    #[must_use]
    pub const fn field_pointer(&self) -> Option<FieldPointer> {
        match self {
            Self::InvalidField(p) => Some(*p),
            Self::WrongServiceAction { at: 8, .. } => Some(FieldPointer::byte(8)),
            Self::WrongServiceAction { at, .. } => Some(FieldPointer::bit(*at, 4)),
            Self::BadCdbLength { length_at, .. } => Some(FieldPointer::byte(*length_at)),
            Self::Truncated { .. } | Self::WrongOpcode { .. } | Self::ReservedGroupCode(_) => {
                Some(FieldPointer::byte(0))
            }
            Self::BadResponseCode(_) | Self::WrongPage { .. } => None,
        }
    }

    /// The sense data a target returns for a CDB that failed to decode, ready to emit in
    /// either format: ILLEGAL REQUEST with INVALID COMMAND OPERATION CODE (20h/00h) for an
    /// operation code whose length is unknown or that is not the one expected, else INVALID
    /// FIELD IN CDB (24h/00h) with the [`field_pointer`](Self::field_pointer) as
    /// sense-key-specific data (C/D = 1). Errors about parameter data give INVALID FIELD IN
    /// PARAMETER LIST (26h/00h).
    ///
    /// ```
    /// use scsi_cdb::{Command, sense::Sense, SenseKey, AdditionalSense};
    /// let err = Command::parse(&[0x12, 0x04, 0, 0, 36, 0]).unwrap_err();
    /// let mut out = [0u8; 32];
    /// let n = err.sense().emit(&mut out)?;
    /// assert_eq!(&out[..n], &[0x70, 0, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24, 0, 0, 0xCA, 0, 1]);
    /// let s = Sense::parse(&out[..n]).unwrap();
    /// assert_eq!(s.sense_key(), Some(SenseKey::IllegalRequest));
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    #[must_use]
    pub const fn sense(&self) -> crate::sense::SenseBuilder {
        use crate::sense::SenseBuilder;
        match self {
            Self::WrongOpcode { .. } | Self::ReservedGroupCode(_) => SenseBuilder::invalid_opcode(),
            Self::BadResponseCode(_) => SenseBuilder::invalid_field_in_parameter_list(0, None),
            Self::WrongPage { .. } => SenseBuilder::invalid_field_in_parameter_list(0, None),
            Self::Truncated { .. }
            | Self::WrongServiceAction { .. }
            | Self::BadCdbLength { .. }
            | Self::InvalidField(_) => match self.field_pointer() {
                Some(p) => SenseBuilder::invalid_field_in_cdb(p),
                None => SenseBuilder::invalid_field_in_cdb(FieldPointer::byte(0)),
            },
        }
    }
}

impl From<DecodeError> for crate::sense::SenseBuilder {
    /// [`DecodeError::sense`].
    fn from(e: DecodeError) -> Self {
        e.sense()
    }
}

/// Why a command or structure could not be built from the arguments given.
///
/// Builders never truncate: an argument that does not fit its field is one of these errors.
///
/// ```
/// use scsi_cdb::{BuildError, Cdb, Read6, Read10};
/// // READ(6) has a 21-bit LOGICAL BLOCK ADDRESS.
/// let err = Read6::new(0x20_0000, 1).unwrap_err();
/// assert_eq!(err, BuildError::LbaTooLarge { lba: 0x20_0000, max: 0x1F_FFFF });
/// let mut out = [0u8; 6];
/// let err = Read10::new(0, 1).encode_into(&mut out).unwrap_err();
/// assert_eq!(err, BuildError::BufferTooSmall { needed: 10, actual: 6 });
/// ```
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
    #[error("{}", CdbLengthText { opcode: *opcode, expected: *expected, actual: *actual })]
    CdbLengthMismatch {
        /// The operation code.
        opcode: u8,
        /// The length its group code implies (0 when the group is reserved).
        expected: u16,
        /// The length given.
        actual: u16,
    },
    /// [`RawCdb::vendor`](crate::RawCdb::vendor) was given an operation code outside the
    /// vendor-specific groups (C0h-FFh).
    #[error(
        "operation code {0:#04x} is not vendor specific (C0h-FFh): use RawCdb::new for a standard \
         operation code, or RawCdb::vendor_specific to skip the group-code check"
    )]
    NotVendorOpcode(u8),
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

/// The text of [`BuildError::CdbLengthMismatch`]: what is wrong and what to call instead.
struct CdbLengthText {
    opcode: u8,
    expected: u16,
    actual: u16,
}

impl fmt::Display for CdbLengthText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self { opcode, expected, actual } = *self;
        match opcode {
            0xC0..=0xFF => write!(
                f,
                "operation code {opcode:#04x} is vendor specific, so its length is not set by its group \
                 code: use RawCdb::vendor_specific for this {actual}-byte CDB"
            ),
            0x60..=0x7D => write!(
                f,
                "operation code {opcode:#04x} is in reserved group 3, so no CDB length is defined: use \
                 RawCdb::vendor_specific if the device documents it"
            ),
            0x7E | 0x7F => write!(
                f,
                "a {actual}-byte CDB does not match the {expected} bytes that ADDITIONAL CDB LENGTH \
                 (byte 7) of operation code {opcode:#04x} gives"
            ),
            _ => write!(
                f,
                "a {actual}-byte CDB does not match operation code {opcode:#04x}, whose group code \
                 requires {expected} bytes"
            ),
        }
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
