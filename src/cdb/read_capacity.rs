//! READ CAPACITY (10) and (16) (SBC-5 §5.21, §5.22).

use super::{Cdb, Control, DataDirection, Transfer, expect_cdb, reserved};
use crate::{DecodeError, OpCode, ServiceAction};

/// READ CAPACITY (10) (25h): returns 8 bytes, the last LBA and the block length.
///
/// A last LBA of FFFF_FFFFh in the answer means "too large for this command: use READ
/// CAPACITY (16)". The LBA and PMI fields are obsolete since SBC-3 and always zero here.
///
/// ```
/// use scsi_cdb::{Cdb, ReadCapacity10};
/// assert_eq!(ReadCapacity10::new().to_bytes(), [0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
/// assert_eq!(ReadCapacity10::new().transfer_len(512), 8);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReadCapacity10 {
    control: Control,
}

impl ReadCapacity10 {
    /// The parameter data length.
    pub const DATA_LEN: u32 = 8;

    /// A READ CAPACITY (10).
    #[must_use]
    pub const fn new() -> Self {
        Self { control: Control::NONE }
    }

    /// Sets the CONTROL byte.
    #[must_use]
    pub const fn control(mut self, control: Control) -> Self {
        self.control = control;
        self
    }

    /// The encoded CDB.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 10] {
        [0x25, 0, 0, 0, 0, 0, 0, 0, 0, self.control.raw()]
    }

    /// Decodes a READ CAPACITY (10) CDB. The obsolete LBA and PMI fields are accepted only when
    /// zero (SBC-3 and later: a non-zero LBA with PMI clear is an invalid field).
    ///
    /// # Errors
    /// Wrong opcode, fewer than 10 bytes, a reserved or obsolete field set.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let c = expect_cdb::<10>(cdb, OpCode::READ_CAPACITY_10)?;
        for (i, b) in c.iter().enumerate().take(9).skip(1) {
            reserved(*b, 0xFF, i as u16)?;
        }
        Ok(Self { control: Control::decode(c[9], 9)? })
    }
}

impl Cdb for ReadCapacity10 {
    fn opcode(&self) -> OpCode {
        OpCode::READ_CAPACITY_10
    }
    super::fixed_cdb_encode!(10);
    fn direction(&self) -> DataDirection {
        DataDirection::FromDevice
    }
    fn transfer(&self) -> Transfer {
        Transfer::Bytes(Self::DATA_LEN)
    }
}

/// READ CAPACITY (16) (SERVICE ACTION IN(16), 9Eh/10h): returns up to 32 bytes with the last
/// LBA, block length, protection and provisioning fields.
///
/// Ask for 32 bytes (the default); some devices and Windows ask for 12, and a conforming device
/// returns no more than the allocation length.
///
/// ```
/// use scsi_cdb::ReadCapacity16;
/// assert_eq!(ReadCapacity16::new().to_bytes(), [0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20, 0, 0]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReadCapacity16 {
    alloc_len: u32,
    control: Control,
}

impl Default for ReadCapacity16 {
    fn default() -> Self {
        Self::new()
    }
}

impl ReadCapacity16 {
    /// The full parameter data length.
    pub const DATA_LEN: u32 = 32;

    /// A READ CAPACITY (16) asking for the full 32 bytes.
    #[must_use]
    pub const fn new() -> Self {
        Self { alloc_len: Self::DATA_LEN, control: Control::NONE }
    }

    /// A READ CAPACITY (16) with another allocation length.
    #[must_use]
    pub const fn with_alloc_len(alloc_len: u32) -> Self {
        Self { alloc_len, control: Control::NONE }
    }

    /// Sets the CONTROL byte.
    #[must_use]
    pub const fn control(mut self, control: Control) -> Self {
        self.control = control;
        self
    }

    /// The allocation length.
    #[must_use]
    pub const fn alloc_len(&self) -> u32 {
        self.alloc_len
    }

    /// The encoded CDB.
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 16] {
        let l = self.alloc_len.to_be_bytes();
        [0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, l[0], l[1], l[2], l[3], 0, self.control.raw()]
    }

    /// Decodes a READ CAPACITY (16) CDB.
    ///
    /// # Errors
    /// Wrong opcode or service action, fewer than 16 bytes, a reserved or obsolete field set.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let c = expect_cdb::<16>(cdb, OpCode::SERVICE_ACTION_IN_16)?;
        let sa = u16::from(c[1] & 0x1F);
        if sa != ServiceAction::READ_CAPACITY_16.0 {
            return Err(DecodeError::WrongServiceAction { expected: 0x10, found: sa, at: 1 });
        }
        reserved(c[1], 0xE0, 1)?;
        for (i, b) in c.iter().enumerate().take(10).skip(2) {
            reserved(*b, 0xFF, i as u16)?;
        }
        reserved(c[14], 0xFF, 14)?;
        Ok(Self {
            alloc_len: u32::from_be_bytes([c[10], c[11], c[12], c[13]]),
            control: Control::decode(c[15], 15)?,
        })
    }
}

impl Cdb for ReadCapacity16 {
    fn opcode(&self) -> OpCode {
        OpCode::SERVICE_ACTION_IN_16
    }
    fn service_action(&self) -> Option<ServiceAction> {
        Some(ServiceAction::READ_CAPACITY_16)
    }
    super::fixed_cdb_encode!(16);
    fn direction(&self) -> DataDirection {
        if self.alloc_len == 0 { DataDirection::None } else { DataDirection::FromDevice }
    }
    fn transfer(&self) -> Transfer {
        if self.alloc_len == 0 { Transfer::None } else { Transfer::Bytes(self.alloc_len) }
    }
}
