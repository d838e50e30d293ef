//! SYNCHRONIZE CACHE (10) and (16) (SBC-5 §5.31, §5.32).

use super::{Cdb, Control, DataDirection, GroupNumber, Transfer, expect_cdb, reserved};
use crate::{BuildError, DecodeError, OpCode};

/// Shared body of the two SYNCHRONIZE CACHE forms.
macro_rules! sync_cache_common {
    () => {
        /// Sets IMMED: the device may answer GOOD before the flush ends. Without IMMED, GOOD
        /// means the data is on non-volatile media.
        #[must_use]
        pub const fn immed(mut self, on: bool) -> Self {
            self.immed = on;
            self
        }

        /// Sets the GROUP NUMBER.
        #[must_use]
        pub const fn group(mut self, group: GroupNumber) -> Self {
            self.group = group;
            self
        }

        /// Sets the CONTROL byte.
        #[must_use]
        pub const fn control(mut self, control: Control) -> Self {
            self.control = control;
            self
        }

        /// The first LBA.
        #[must_use]
        pub const fn lba(&self) -> u64 {
            self.lba as u64
        }

        /// The number of blocks; 0 means from the LBA to the end of the medium.
        #[must_use]
        pub const fn blocks(&self) -> u32 {
            self.blocks as u32
        }

        /// True when IMMED is set.
        #[must_use]
        pub const fn is_immed(&self) -> bool {
            self.immed
        }

        /// The GROUP NUMBER.
        #[must_use]
        pub const fn group_number(&self) -> GroupNumber {
            self.group
        }
    };
}

/// SYNCHRONIZE CACHE (10) (35h): write cached data for a range (or, with 0 blocks, from the LBA
/// to the end of the medium) to non-volatile media. No data phase.
///
/// A target that answers GOOD without flushing loses data on power loss: only answer GOOD once
/// the range is durable (or IMMED was set and the flush is under way).
///
/// ```
/// use scsi_cdb::{Cdb, DataDirection, SynchronizeCache10};
/// let s = SynchronizeCache10::whole_medium().immed(true);
/// assert_eq!(s.to_bytes(), [0x35, 0x02, 0, 0, 0, 0, 0, 0, 0, 0]);
/// assert_eq!(s.direction(), DataDirection::None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SynchronizeCache10 {
    lba: u32,
    blocks: u16,
    immed: bool,
    group: GroupNumber,
    control: Control,
}

impl SynchronizeCache10 {
    /// The whole medium (LBA 0, 0 blocks).
    #[must_use]
    pub const fn whole_medium() -> Self {
        Self { lba: 0, blocks: 0, immed: false, group: GroupNumber::NONE, control: Control::NONE }
    }

    /// A range; `blocks` 0 means to the end of the medium.
    ///
    /// # Errors
    /// [`BuildError::LbaTooLarge`] above `u32::MAX`, [`BuildError::LengthTooLarge`] above 65535.
    pub const fn new(lba: u64, blocks: u32) -> Result<Self, BuildError> {
        if lba > u32::MAX as u64 {
            return Err(BuildError::LbaTooLarge { lba, max: u32::MAX as u64 });
        }
        if blocks > u16::MAX as u32 {
            return Err(BuildError::LengthTooLarge { len: blocks as u64, max: u16::MAX as u64 });
        }
        Ok(Self { lba: lba as u32, blocks: blocks as u16, ..Self::whole_medium() })
    }

    sync_cache_common!();

    /// The encoded CDB.
    #[inline]
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 10] {
        let l = self.lba.to_be_bytes();
        let n = self.blocks.to_be_bytes();
        [
            0x35,
            (self.immed as u8) << 1,
            l[0],
            l[1],
            l[2],
            l[3],
            self.group.get(),
            n[0],
            n[1],
            self.control.raw(),
        ]
    }

    /// Decodes a SYNCHRONIZE CACHE (10) CDB. SYNC_NV (byte 1 bit 2) is obsolete and ignored.
    ///
    /// # Errors
    /// Wrong opcode, fewer than 10 bytes, a reserved bit set.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let c = expect_cdb::<10>(cdb, OpCode::SYNCHRONIZE_CACHE_10)?;
        reserved(c[1], 0xF9, 1)?;
        reserved(c[6], 0xC0, 6)?;
        Ok(Self {
            lba: u32::from_be_bytes([c[2], c[3], c[4], c[5]]),
            blocks: u16::from_be_bytes([c[7], c[8]]),
            immed: c[1] & 2 != 0,
            group: GroupNumber::from_low6(c[6]),
            control: Control::decode(c[9], 9)?,
        })
    }
}

/// SYNCHRONIZE CACHE (16) (91h): as the 10-byte form with a 64-bit LBA and 32-bit count.
///
/// ```
/// use scsi_cdb::SynchronizeCache16;
/// let s = SynchronizeCache16::new(5, 10);
/// assert_eq!(s.to_bytes(), [0x91, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 10, 0, 0]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SynchronizeCache16 {
    lba: u64,
    blocks: u32,
    immed: bool,
    group: GroupNumber,
    control: Control,
}

impl SynchronizeCache16 {
    /// A range; `blocks` 0 means to the end of the medium. Every value fits.
    #[must_use]
    pub const fn new(lba: u64, blocks: u32) -> Self {
        Self { lba, blocks, immed: false, group: GroupNumber::NONE, control: Control::NONE }
    }

    /// The whole medium (LBA 0, 0 blocks).
    #[must_use]
    pub const fn whole_medium() -> Self {
        Self::new(0, 0)
    }

    sync_cache_common!();

    /// The encoded CDB.
    #[inline]
    #[must_use]
    pub const fn to_bytes(&self) -> [u8; 16] {
        let l = self.lba.to_be_bytes();
        let n = self.blocks.to_be_bytes();
        [
            0x91,
            (self.immed as u8) << 1,
            l[0],
            l[1],
            l[2],
            l[3],
            l[4],
            l[5],
            l[6],
            l[7],
            n[0],
            n[1],
            n[2],
            n[3],
            self.group.get(),
            self.control.raw(),
        ]
    }

    /// Decodes a SYNCHRONIZE CACHE (16) CDB.
    ///
    /// # Errors
    /// Wrong opcode, fewer than 16 bytes, a reserved bit set.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let c = expect_cdb::<16>(cdb, OpCode::SYNCHRONIZE_CACHE_16)?;
        reserved(c[1], 0xF9, 1)?;
        reserved(c[14], 0xC0, 14)?;
        Ok(Self {
            lba: u64::from_be_bytes([c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]]),
            blocks: u32::from_be_bytes([c[10], c[11], c[12], c[13]]),
            immed: c[1] & 2 != 0,
            group: GroupNumber::from_low6(c[14]),
            control: Control::decode(c[15], 15)?,
        })
    }
}

macro_rules! sync_cdb_impl {
    ($ty:ty, $op:expr, $len:expr) => {
        impl Cdb for $ty {
            fn opcode(&self) -> OpCode {
                $op
            }
            super::fixed_cdb_encode!($len);
            fn direction(&self) -> DataDirection {
                DataDirection::None
            }
            fn transfer(&self) -> Transfer {
                Transfer::None
            }
        }
    };
}

sync_cdb_impl!(SynchronizeCache10, OpCode::SYNCHRONIZE_CACHE_10, 10);
sync_cdb_impl!(SynchronizeCache16, OpCode::SYNCHRONIZE_CACHE_16, 16);
