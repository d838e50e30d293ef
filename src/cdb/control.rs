//! Small validated field types shared by many CDBs.

use crate::BuildError;

/// The CONTROL byte, the last byte of most CDBs (SAM-6 §5.2): bits 7:6 vendor specific, bits
/// 5:3 reserved, bit 2 NACA, bits 1:0 obsolete (FLAG and LINK).
///
/// ```rust
/// use scsi_cdb::{Control, TestUnitReady};
/// // NACA is bit 2 of the CONTROL byte, the last byte of the CDB.
/// let t = TestUnitReady { control: Control::NONE.with_naca() };
/// assert_eq!(t.to_bytes(), [0, 0, 0, 0, 0, 0x04]);
/// assert!(Control::new(0x04)?.naca());
/// assert!(Control::new(0x08).is_err()); // bits 5:3 are reserved
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct Control(u8);

impl Control {
    /// The normal control byte: all zero.
    pub const NONE: Self = Self(0);
    /// NACA bit (normal auto contingent allegiance).
    pub const NACA: u8 = 0x04;
    /// Reserved bits that a decoder rejects.
    pub const RESERVED_MASK: u8 = 0x38;

    /// A control byte from its raw value.
    ///
    /// # Errors
    /// [`BuildError::ValueOutOfRange`] when a reserved bit (5:3) is set.
    pub const fn new(raw: u8) -> Result<Self, BuildError> {
        if raw & Self::RESERVED_MASK != 0 {
            return Err(BuildError::ValueOutOfRange { field: "CONTROL", value: raw as u64, max: 0xC7 });
        }
        Ok(Self(raw))
    }

    /// A control byte with NACA set.
    #[must_use]
    pub const fn with_naca(self) -> Self {
        Self(self.0 | Self::NACA)
    }

    /// True when NACA is set.
    #[must_use]
    pub const fn naca(self) -> bool {
        self.0 & Self::NACA != 0
    }

    /// The vendor-specific bits 7:6.
    #[must_use]
    pub const fn vendor_bits(self) -> u8 {
        self.0 >> 6
    }

    /// The raw byte.
    #[inline]
    #[must_use]
    pub const fn raw(self) -> u8 {
        self.0
    }

    /// Decodes the control byte at `byte` of a CDB.
    pub(crate) fn decode(raw: u8, byte: u16) -> Result<Self, crate::DecodeError> {
        super::reserved(raw, Self::RESERVED_MASK, byte)?;
        Ok(Self(raw))
    }
}

/// The 6-bit GROUP NUMBER field (SBC-5 §4.23): an I/O class hint, 0 for none.
///
/// ```rust
/// use scsi_cdb::{GroupNumber, Write10};
/// // WRITE(10) in group 3Fh: GROUP NUMBER is bits 5:0 of byte 6.
/// let w = Write10 { group_number: GroupNumber::new(0x3F)?, ..Write10::new(0x100, 8) };
/// assert_eq!(w.to_bytes(), [0x2A, 0, 0, 0, 0x01, 0x00, 0x3F, 0, 8, 0]);
/// assert!(GroupNumber::new(0x40).is_err());
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[repr(transparent)]
pub struct GroupNumber(u8);

impl GroupNumber {
    /// No group.
    pub const NONE: Self = Self(0);
    /// The largest group number.
    pub const MAX: u8 = 0x3F;

    /// A group number.
    ///
    /// # Errors
    /// [`BuildError::ValueOutOfRange`] above 3Fh.
    pub const fn new(v: u8) -> Result<Self, BuildError> {
        match crate::error::fits("GROUP NUMBER", v as u64, Self::MAX as u64) {
            Ok(()) => Ok(Self(v)),
            Err(e) => Err(e),
        }
    }

    /// The value.
    #[inline]
    #[must_use]
    pub const fn get(self) -> u8 {
        self.0
    }

    /// From the low 6 bits of a byte (for decoders that checked the top bits).
    pub(crate) const fn from_low6(b: u8) -> Self {
        Self(b & 0x3F)
    }
}

/// The 3-bit RDPROTECT / WRPROTECT / VRPROTECT / ORPROTECT field (SBC-5 §5): how protection
/// information is checked and transferred. 0 means no protection information is transferred.
///
/// ```rust
/// use scsi_cdb::{Protect, Read10};
/// // RDPROTECT 001b: check the protection information and transfer it with the data.
/// let r = Read10 { rdprotect: Protect::new(1)?, ..Read10::new(0x2000, 8) };
/// assert_eq!(r.to_bytes(), [0x28, 0x20, 0, 0, 0x20, 0, 0, 0, 8, 0]);
/// assert!(Protect::new(8).is_err());
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Protect(u8);

impl Protect {
    /// No protection information.
    pub const NONE: Self = Self(0);

    /// A protect field value.
    ///
    /// # Errors
    /// [`BuildError::ValueOutOfRange`] above 7.
    pub const fn new(v: u8) -> Result<Self, BuildError> {
        match crate::error::fits("PROTECT", v as u64, 7) {
            Ok(()) => Ok(Self(v)),
            Err(e) => Err(e),
        }
    }

    /// The value.
    #[inline]
    #[must_use]
    pub const fn get(self) -> u8 {
        self.0
    }

    /// From bits 7:5 of a byte.
    pub(crate) const fn from_top3(b: u8) -> Self {
        Self(b >> 5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert!(GroupNumber::new(0x3F).is_ok());
        assert!(GroupNumber::new(0x40).is_err());
        assert!(Protect::new(7).is_ok());
        assert!(Protect::new(8).is_err());
        assert!(Control::new(0x04).unwrap().naca());
        assert!(Control::new(0x08).is_err());
        assert_eq!(Control::new(0xC0).unwrap().vendor_bits(), 3);
    }
}
