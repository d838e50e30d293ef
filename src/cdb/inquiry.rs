//! INQUIRY (SPC-6 §6.7).

use super::{Cdb, Control, DataDirection, Transfer, expect_cdb, reserved};
use crate::{DecodeError, FieldPointer, OpCode, VpdPage};

/// INQUIRY (12h): standard INQUIRY data, or a VPD page when EVPD is set.
///
/// # Allocation length in the field
/// SPC-3 and later put a 16-bit ALLOCATION LENGTH in bytes 3-4. SCSI-2 and SPC-2 had a one-byte
/// field in byte 4 with byte 3 reserved; a device of that age that sees a non-zero byte 3 may
/// answer ILLEGAL REQUEST, or read a huge length. [`Inquiry::standard`] and [`Inquiry::vpd`]
/// write the modern form; [`Inquiry::spc2`] writes the old one.
///
/// Lengths that are known to be safe or dangerous:
/// - **36** is the size every device must support for standard data; ask 36 first, then ask
///   `ADDITIONAL LENGTH + 5` (see the standard INQUIRY data view). Some USB bridges and old
///   devices fail when asked for more than 36 (or even 32).
/// - **96** covers the version descriptors and is what Linux asks for after 36.
/// - **255** is the largest one-byte length, the safe upper bound for pre-SPC-3 devices.
/// - **0xFFFF** has crashed RAID controllers (Areca): keep VPD requests at or below 0x4000 unless
///   the page's own length says more is needed.
///
/// ```
/// use scsi_cdb::{Cdb, Inquiry, VpdPage};
/// assert_eq!(Inquiry::standard(36).to_bytes(), [0x12, 0, 0, 0, 36, 0]);
/// assert_eq!(Inquiry::vpd(VpdPage::DEVICE_IDENTIFICATION, 0x1000).to_bytes(), [0x12, 1, 0x83, 0x10, 0, 0]);
/// assert_eq!(Inquiry::spc2(96).to_bytes(), [0x12, 0, 0, 0, 96, 0]);
/// assert_eq!(Inquiry::standard(300).transfer_len(512), 300);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Inquiry {
    page: Option<VpdPage>,
    alloc_len: u16,
    control: Control,
}

impl Inquiry {
    /// The length every device answers safely.
    pub const SAFE_ALLOC_LEN: u16 = 36;

    /// Standard INQUIRY data, 16-bit allocation length (SPC-3 and later).
    #[must_use]
    pub const fn standard(alloc_len: u16) -> Self {
        Self { page: None, alloc_len, control: Control::NONE }
    }

    /// A VPD page (EVPD = 1), 16-bit allocation length.
    #[must_use]
    pub const fn vpd(page: VpdPage, alloc_len: u16) -> Self {
        Self { page: Some(page), alloc_len, control: Control::NONE }
    }

    /// Standard INQUIRY for SCSI-2 / SPC-2 era devices: byte 3 stays zero and the allocation
    /// length is the single byte 4.
    #[must_use]
    pub const fn spc2(alloc_len: u8) -> Self {
        Self { page: None, alloc_len: alloc_len as u16, control: Control::NONE }
    }

    /// A VPD page for SCSI-2 / SPC-2 era devices (one-byte allocation length).
    #[must_use]
    pub const fn spc2_vpd(page: VpdPage, alloc_len: u8) -> Self {
        Self { page: Some(page), alloc_len: alloc_len as u16, control: Control::NONE }
    }

    /// Sets the CONTROL byte.
    #[must_use]
    pub const fn control(mut self, control: Control) -> Self {
        self.control = control;
        self
    }

    /// The VPD page asked for, or `None` for standard data.
    #[must_use]
    pub const fn page(&self) -> Option<VpdPage> {
        self.page
    }

    /// The allocation length.
    #[must_use]
    pub const fn alloc_len(&self) -> u16 {
        self.alloc_len
    }

    /// The encoded CDB.
    #[inline]
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 6] {
        let (evpd, page) = match self.page {
            Some(p) => (1, p.0),
            None => (0, 0),
        };
        let len = self.alloc_len.to_be_bytes();
        [0x12, evpd, page, len[0], len[1], self.control.raw()]
    }

    /// Decodes an INQUIRY CDB, reading the allocation length as 16 bits (SPC-3+; for an SPC-2
    /// initiator byte 3 is zero, so the value is the same).
    ///
    /// # Errors
    /// Wrong opcode, fewer than 6 bytes, a reserved bit in byte 1, CMDDT set (obsolete, byte 1
    /// bit 1), or a PAGE CODE with EVPD clear (SPC-6 requires INVALID FIELD IN CDB for both).
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let c = expect_cdb::<6>(cdb, OpCode::INQUIRY)?;
        reserved(c[1], 0xFE, 1)?;
        let evpd = c[1] & 1 != 0;
        if !evpd && c[2] != 0 {
            return Err(DecodeError::InvalidField(FieldPointer::byte(2)));
        }
        Ok(Self {
            page: if evpd { Some(VpdPage(c[2])) } else { None },
            alloc_len: u16::from_be_bytes([c[3], c[4]]),
            control: Control::decode(c[5], 5)?,
        })
    }
}

impl Cdb for Inquiry {
    fn opcode(&self) -> OpCode {
        OpCode::INQUIRY
    }
    super::fixed_cdb_encode!(6);
    fn direction(&self) -> DataDirection {
        if self.alloc_len == 0 { DataDirection::None } else { DataDirection::FromDevice }
    }
    fn transfer(&self) -> Transfer {
        if self.alloc_len == 0 { Transfer::None } else { Transfer::Bytes(self.alloc_len as u32) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_length_lands_in_bytes_3_and_4() {
        assert_eq!(Inquiry::standard(0x1234).to_bytes(), [0x12, 0, 0, 0x12, 0x34, 0]);
        assert_eq!(Inquiry::spc2(0xFF).to_bytes()[3], 0);
    }

    #[test]
    fn decode_rejects_page_without_evpd() {
        assert_eq!(
            Inquiry::decode(&[0x12, 0, 0x80, 0, 36, 0]),
            Err(DecodeError::InvalidField(FieldPointer::byte(2)))
        );
        assert_eq!(
            Inquiry::decode(&[0x12, 2, 0, 0, 36, 0]),
            Err(DecodeError::InvalidField(FieldPointer::bit(1, 1)))
        );
        assert_eq!(Inquiry::decode(&[0x12, 1, 0x83, 0, 36, 0]), Ok(Inquiry::vpd(VpdPage(0x83), 36)));
    }
}
