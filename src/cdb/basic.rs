//! The commands every initiator sends first, described in the one `cdb_command!` form like
//! every table command: TEST UNIT READY, REQUEST SENSE, INQUIRY (SPC-6 §6.47, §6.39, §6.7) and
//! READ CAPACITY (10)/(16) (SBC-5 §5.21, §5.22). Each has public fields named after its T10
//! fields, and named constructors for the common cases.
//!
//! ```rust
//! use scsi_cdb::{Cdb, DataDirection, Inquiry, ReadCapacity10, VpdPage};
//! // INQUIRY of the Block Limits VPD page (B0h), 64 bytes: EVPD set, page code in byte 2.
//! let i = Inquiry::vpd(VpdPage::BLOCK_LIMITS, 64);
//! assert_eq!(i.to_bytes(), [0x12, 0x01, 0xB0, 0x00, 0x40, 0x00]);
//! assert_eq!((i.direction(), i.page()), (DataDirection::FromDevice, Some(VpdPage::BLOCK_LIMITS)));
//! // READ CAPACITY (10): 25h, 8 bytes of data.
//! assert_eq!(ReadCapacity10::new().transfer_len(512), 8);
//! let rc = [0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0];
//! assert_eq!(ReadCapacity10::decode(&rc), Ok(ReadCapacity10::new()));
//! ```

use super::Transfer;
use super::layout::{bytes, cdb_command};
use crate::{FieldPointer, VpdPage};

cdb_command! {
    /// TEST UNIT READY (00h): no data; answers GOOD when the logical unit can take media-access
    /// commands.
    ///
    /// The first TEST UNIT READY after a reset or power-on usually ends in CHECK CONDITION with
    /// UNIT ATTENTION (29h/xx). That is expected: read the sense, then send it again. A host that
    /// treats it as fatal, or a device that never clears it, stalls (see the sense module).
    ///
    /// ```
    /// use scsi_cdb::{Cdb, DataDirection, TestUnitReady};
    /// let t = TestUnitReady::new();
    /// assert_eq!(t.to_bytes(), [0; 6]);
    /// assert_eq!(t.direction(), DataDirection::None);
    /// assert_eq!(TestUnitReady::decode(&[0; 6]), Ok(t));
    /// ```
    pub struct TestUnitReady {
        len: 6, opcode: TEST_UNIT_READY, service_action: None, direction: None,
        transfer: |_s| Transfer::None,
        fields: {}
    }
}

impl TestUnitReady {
    /// A TEST UNIT READY.
    #[must_use]
    pub const fn new() -> Self {
        Self { control: super::Control::NONE }
    }
}

cdb_command! {
    /// REQUEST SENSE (03h): asks for the pending sense data, in descriptor format when DESC is
    /// set.
    ///
    /// The allocation length is one byte; 252 holds the largest sense data SPC allows, 18 is the
    /// classic fixed-format size.
    ///
    /// ```
    /// use scsi_cdb::{Cdb, RequestSense};
    /// let r = RequestSense { desc: true, ..RequestSense::new(252) };
    /// assert_eq!(r.to_bytes(), [0x03, 0x01, 0, 0, 252, 0]);
    /// assert_eq!(r.transfer_len(512), 252);
    /// assert_eq!(RequestSense::decode(&r.to_bytes()), Ok(r));
    /// ```
    pub struct RequestSense {
        len: 6, opcode: REQUEST_SENSE, service_action: None, direction: FromDevice,
        transfer: |s| bytes(u32::from(s.allocation_length)),
        fields: {
            /// DESC: descriptor-format sense data.
            bit desc = "DESC" (1, 0),
            /// ALLOCATION LENGTH.
            int allocation_length: u8 = "ALLOCATION LENGTH" (4),
        }
    }
}

impl RequestSense {
    /// A REQUEST SENSE for fixed-format sense data with the given allocation length.
    #[must_use]
    pub const fn new(allocation_length: u8) -> Self {
        Self { desc: false, allocation_length, control: super::Control::NONE }
    }
}

cdb_command! {
    /// INQUIRY (12h): standard INQUIRY data, or a VPD page when EVPD is set.
    ///
    /// A PAGE CODE without EVPD is invalid (SPC-6 requires INVALID FIELD IN CDB, pointing at
    /// byte 2): the decoder rejects it, and the named constructors cannot make it.
    ///
    /// # Allocation length in the field
    /// SPC-3 and later put a 16-bit ALLOCATION LENGTH in bytes 3-4. SCSI-2 and SPC-2 had a
    /// one-byte field in byte 4 with byte 3 reserved; [`Inquiry::spc2`] takes a `u8`, so byte 3
    /// stays zero and the CDB is the same one a modern decoder reads.
    ///
    /// Lengths that are known to be safe or dangerous:
    /// - **36** is the size every device must support for standard data; ask 36 first, then ask
    ///   `ADDITIONAL LENGTH + 5` (see the standard INQUIRY data view). Some USB bridges and old
    ///   devices fail when asked for more than 36 (or even 32).
    /// - **96** covers the version descriptors and is what Linux asks for after 36.
    /// - **255** is the largest one-byte length, the safe upper bound for pre-SPC-3 devices.
    /// - **0xFFFF** has crashed RAID controllers (Areca): keep VPD requests at or below 0x4000
    ///   unless the page's own length says more is needed.
    ///
    /// ```
    /// use scsi_cdb::{Cdb, Inquiry, VpdPage};
    /// assert_eq!(Inquiry::standard(36).to_bytes(), [0x12, 0, 0, 0, 36, 0]);
    /// let vpd = Inquiry::vpd(VpdPage::DEVICE_IDENTIFICATION, 0x1000);
    /// assert_eq!(vpd.to_bytes(), [0x12, 1, 0x83, 0x10, 0, 0]);
    /// assert_eq!(Inquiry::decode(&vpd.to_bytes()), Ok(vpd));
    /// assert_eq!(Inquiry::spc2(96), Inquiry::standard(96));
    /// assert_eq!(Inquiry::standard(300).transfer_len(512), 300);
    /// ```
    pub struct Inquiry {
        len: 6, opcode: INQUIRY, service_action: None, direction: FromDevice,
        transfer: |s| bytes(u32::from(s.allocation_length)),
        check: |s| if !s.evpd && s.page_code.0 != 0 { Some(FieldPointer::byte(2)) } else { None },
        arbitrary: manual,
        fields: {
            /// EVPD: return the vital product data page of PAGE CODE.
            bit evpd = "EVPD" (1, 0),
            /// PAGE CODE (zero unless EVPD is set).
            val page_code: VpdPage = "PAGE CODE" (2, 1, 0, 8),
            /// ALLOCATION LENGTH.
            int allocation_length: u16 = "ALLOCATION LENGTH" (3),
        }
    }
}

impl Inquiry {
    /// The length every device answers safely.
    pub const SAFE_ALLOC_LEN: u16 = 36;

    /// Standard INQUIRY data, 16-bit allocation length (SPC-3 and later).
    #[must_use]
    pub const fn standard(allocation_length: u16) -> Self {
        Self { evpd: false, page_code: VpdPage(0), allocation_length, control: super::Control::NONE }
    }

    /// A VPD page (EVPD = 1), 16-bit allocation length.
    #[must_use]
    pub const fn vpd(page: VpdPage, allocation_length: u16) -> Self {
        Self { evpd: true, page_code: page, allocation_length, control: super::Control::NONE }
    }

    /// Standard INQUIRY for SCSI-2 / SPC-2 era devices: a one-byte allocation length, so byte 3
    /// stays zero (the same CDB as [`Inquiry::standard`] of the same length).
    #[must_use]
    pub const fn spc2(allocation_length: u8) -> Self {
        Self::standard(allocation_length as u16)
    }

    /// A VPD page for SCSI-2 / SPC-2 era devices (one-byte allocation length).
    #[must_use]
    pub const fn spc2_vpd(page: VpdPage, allocation_length: u8) -> Self {
        Self::vpd(page, allocation_length as u16)
    }

    /// The VPD page asked for, or `None` for standard data (EVPD and PAGE CODE read together).
    #[must_use]
    pub const fn page(&self) -> Option<VpdPage> {
        if self.evpd { Some(self.page_code) } else { None }
    }
}

cdb_command! {
    /// READ CAPACITY (10) (25h): returns 8 bytes, the last LBA and the block length.
    ///
    /// A last LBA of FFFF_FFFFh in the answer means "too large for this command: use READ
    /// CAPACITY (16)". The LBA and PMI fields are obsolete since SBC-3: reserved here.
    ///
    /// ```
    /// use scsi_cdb::{Cdb, ReadCapacity10};
    /// assert_eq!(ReadCapacity10::new().to_bytes(), [0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    /// assert_eq!(ReadCapacity10::new().transfer_len(512), 8);
    /// ```
    pub struct ReadCapacity10 {
        len: 10, opcode: READ_CAPACITY_10, service_action: None, direction: FromDevice,
        transfer: |_s| Transfer::Bytes(Self::DATA_LEN),
        fields: {}
    }
}

impl ReadCapacity10 {
    /// The length of the returned data.
    pub const DATA_LEN: u32 = 8;

    /// A READ CAPACITY (10).
    #[must_use]
    pub const fn new() -> Self {
        Self { control: super::Control::NONE }
    }
}

cdb_command! {
    /// READ CAPACITY (16) (SERVICE ACTION IN(16), 9Eh/10h): returns up to 32 bytes with the last
    /// LBA, block length, protection and provisioning fields.
    ///
    /// Ask for 32 bytes ([`ReadCapacity16::new`]); some devices and Windows ask for 12, and a
    /// conforming device returns no more than the allocation length.
    ///
    /// ```
    /// use scsi_cdb::{Cdb, ReadCapacity16};
    /// assert_eq!(ReadCapacity16::new().to_bytes(), [0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20, 0, 0]);
    /// let short = ReadCapacity16 { allocation_length: 12, ..ReadCapacity16::new() };
    /// assert_eq!(short.transfer_len(512), 12);
    /// ```
    pub struct ReadCapacity16 {
        len: 16, opcode: SERVICE_ACTION_IN_16, service_action: Some(0x10), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
        }
    }
}

impl ReadCapacity16 {
    /// The full length of the returned data.
    pub const DATA_LEN: u32 = 32;

    /// A READ CAPACITY (16) asking for the full 32 bytes.
    #[must_use]
    pub const fn new() -> Self {
        Self { allocation_length: Self::DATA_LEN, control: super::Control::NONE }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DecodeError;

    #[test]
    fn inquiry_page_code_needs_evpd() {
        assert_eq!(
            Inquiry::decode(&[0x12, 0, 0x80, 0, 36, 0]),
            Err(DecodeError::InvalidField(FieldPointer::byte(2)))
        );
        assert_eq!(
            Inquiry::decode(&[0x12, 2, 0, 0, 36, 0]),
            Err(DecodeError::InvalidField(FieldPointer::bit(1, 1)))
        );
        assert_eq!(Inquiry::decode(&[0x12, 1, 0x83, 0, 36, 0]), Ok(Inquiry::vpd(VpdPage(0x83), 36)));
        assert_eq!(Inquiry::standard(0x1234).to_bytes(), [0x12, 0, 0, 0x12, 0x34, 0]);
    }

    #[test]
    fn reserved_bytes_rejected() {
        assert_eq!(
            TestUnitReady::decode(&[0, 0, 0, 1, 0, 0]),
            Err(DecodeError::InvalidField(FieldPointer::bit(3, 0)))
        );
        assert!(ReadCapacity10::decode(&[0x25, 0, 0, 0, 0, 0, 0, 0, 1, 0]).is_err());
        assert!(RequestSense::decode(&[0x03, 2, 0, 0, 0, 0]).is_err());
    }
}
