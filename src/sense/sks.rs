//! The SENSE-KEY SPECIFIC field in its five forms (SPC-6 §4.4.2.3).

use core::fmt;

use crate::SenseKey;

/// A decoded SENSE-KEY SPECIFIC field (3 bytes, valid only when SKSV, byte 0 bit 7, is set).
/// Its meaning depends on the sense key.
///
/// ```
/// use scsi_cdb::SenseKey;
/// use scsi_cdb::sense::SenseKeySpecific;
/// // ILLEGAL REQUEST: C/D = 1, BPV = 1, bit 7 of CDB byte 4.
/// let fp = SenseKeySpecific::decode(SenseKey::IllegalRequest, [0xCF, 0x00, 0x04]);
/// let want = SenseKeySpecific::FieldPointer {
///     command: true, bpv: true, bit_pointer: 7, field_pointer: 4,
/// };
/// assert_eq!(fp, Some(want));
/// // NOT READY: progress 4000h of 10000h (25 %).
/// assert_eq!(SenseKeySpecific::Progress(0x4000).encode(), [0x80, 0x40, 0x00]);
/// assert_eq!(SenseKeySpecific::decode(SenseKey::NotReady, [0x00, 0x40, 0x00]), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SenseKeySpecific {
    /// ILLEGAL REQUEST: where the bad field is.
    FieldPointer {
        /// C/D: true when the error is in the CDB, false in the parameter data.
        command: bool,
        /// BPV: `bit_pointer` is valid.
        bpv: bool,
        /// BIT POINTER: the leftmost bit of the field in error.
        bit_pointer: u8,
        /// FIELD POINTER: the byte of the field in error.
        field_pointer: u16,
    },
    /// RECOVERED ERROR, MEDIUM ERROR, HARDWARE ERROR: how many retries were made.
    ActualRetryCount(u16),
    /// NO SENSE, NOT READY: progress of an operation, in 65536ths.
    Progress(u16),
    /// COPY ABORTED: where in the copy parameters the error is.
    SegmentPointer {
        /// SD: the pointer is relative to the segment descriptor (else to the parameter list).
        segment_descriptor: bool,
        /// BPV: `bit_pointer` is valid.
        bpv: bool,
        /// BIT POINTER.
        bit_pointer: u8,
        /// FIELD POINTER.
        field_pointer: u16,
    },
    /// UNIT ATTENTION: the unit attention condition queue overflowed.
    UnitAttentionQueueOverflow(bool),
    /// Another sense key: the raw 3 bytes.
    Raw([u8; 3]),
}

impl SenseKeySpecific {
    /// Decodes the 3 bytes for a sense key; `None` when SKSV is clear.
    #[must_use]
    pub const fn decode(key: SenseKey, b: [u8; 3]) -> Option<Self> {
        if b[0] & 0x80 == 0 {
            return None;
        }
        let value = u16::from_be_bytes([b[1], b[2]]);
        Some(match key {
            SenseKey::IllegalRequest => Self::FieldPointer {
                command: b[0] & 0x40 != 0,
                bpv: b[0] & 0x08 != 0,
                bit_pointer: b[0] & 0x07,
                field_pointer: value,
            },
            SenseKey::RecoveredError | SenseKey::MediumError | SenseKey::HardwareError => {
                Self::ActualRetryCount(value)
            }
            SenseKey::NoSense | SenseKey::NotReady => Self::Progress(value),
            SenseKey::CopyAborted => Self::SegmentPointer {
                segment_descriptor: b[0] & 0x20 != 0,
                bpv: b[0] & 0x08 != 0,
                bit_pointer: b[0] & 0x07,
                field_pointer: value,
            },
            SenseKey::UnitAttention => Self::UnitAttentionQueueOverflow(b[0] & 0x01 != 0),
            _ => Self::Raw(b),
        })
    }

    /// The 3 bytes, SKSV set.
    #[must_use]
    pub const fn encode(self) -> [u8; 3] {
        let (b0, v) = match self {
            Self::FieldPointer { command, bpv, bit_pointer, field_pointer } => {
                ((command as u8) << 6 | (bpv as u8) << 3 | (bit_pointer & 7), field_pointer)
            }
            Self::ActualRetryCount(v) | Self::Progress(v) => (0, v),
            Self::SegmentPointer { segment_descriptor, bpv, bit_pointer, field_pointer } => {
                ((segment_descriptor as u8) << 5 | (bpv as u8) << 3 | (bit_pointer & 7), field_pointer)
            }
            Self::UnitAttentionQueueOverflow(o) => (o as u8, 0),
            Self::Raw(b) => return [b[0] | 0x80, b[1], b[2]],
        };
        let v = v.to_be_bytes();
        [0x80 | b0, v[0], v[1]]
    }

    /// A CDB field pointer (C/D = 1) from a decoder's [`crate::FieldPointer`].
    #[must_use]
    pub const fn cdb_field(p: crate::FieldPointer) -> Self {
        match p.bit {
            Some(bit) => {
                Self::FieldPointer { command: true, bpv: true, bit_pointer: bit & 7, field_pointer: p.byte }
            }
            None => Self::FieldPointer { command: true, bpv: false, bit_pointer: 0, field_pointer: p.byte },
        }
    }
}

/// Progress as a percentage with two decimals (65536ths to hundredths, rounded down).
pub(crate) fn fmt_progress(f: &mut fmt::Formatter<'_>, p: u16) -> fmt::Result {
    let hundredths = u32::from(p) * 10000 / 65536;
    write!(f, "{}.{:02}%", hundredths / 100, hundredths % 100)
}

impl fmt::Display for SenseKeySpecific {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::FieldPointer { command, bpv, bit_pointer, field_pointer } => {
                let place = if command { "" } else { "parameter list " };
                write!(f, "field pointer {place}byte {field_pointer}")?;
                if bpv {
                    write!(f, " bit {bit_pointer}")?;
                }
                Ok(())
            }
            Self::ActualRetryCount(n) => write!(f, "actual retry count {n}"),
            Self::Progress(p) => {
                f.write_str("progress ")?;
                fmt_progress(f, p)
            }
            Self::SegmentPointer { segment_descriptor, bpv, bit_pointer, field_pointer } => {
                let rel = if segment_descriptor { "segment descriptor" } else { "parameter list" };
                write!(f, "segment pointer byte {field_pointer} of the {rel}")?;
                if bpv {
                    write!(f, " bit {bit_pointer}")?;
                }
                Ok(())
            }
            Self::UnitAttentionQueueOverflow(o) => {
                write!(f, "unit attention queue {}", if o { "overflowed" } else { "not overflowed" })
            }
            Self::Raw(b) => write!(f, "sense-key specific {:02x} {:02x} {:02x}", b[0], b[1], b[2]),
        }
    }
}
