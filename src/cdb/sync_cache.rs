//! SYNCHRONIZE CACHE (10) and (16) (SBC-5 §5.31, §5.32), described in the `cdb_command!` form.
//!
//! ```rust
//! use scsi_cdb::{Cdb, DataDirection, SynchronizeCache16};
//! // SYNCHRONIZE CACHE (16): 91h, LBA in bytes 2-9, NUMBER OF LOGICAL BLOCKS in bytes 10-13.
//! let s = SynchronizeCache16::new(0x1_0000_0000, 0x800);
//! assert_eq!(s.to_bytes(), [0x91, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x08, 0, 0, 0]);
//! assert_eq!((s.direction(), s.transfer_len(512)), (DataDirection::None, 0));
//! assert_eq!(SynchronizeCache16::decode(&s.to_bytes()), Ok(s));
//! ```

use super::layout::cdb_command;
use super::{Control, GroupNumber, Transfer};

cdb_command! {
    /// SYNCHRONIZE CACHE (10) (35h): write cached data for a range (or, with 0 blocks, from the
    /// LBA to the end of the medium) to non-volatile media. No data phase.
    ///
    /// A target that answers GOOD without flushing loses data on power loss: only answer GOOD
    /// once the range is durable (or IMMED was set and the flush is under way).
    ///
    /// ```
    /// use scsi_cdb::{Cdb, DataDirection, SynchronizeCache10};
    /// let s = SynchronizeCache10 { immed: true, ..SynchronizeCache10::whole_medium() };
    /// assert_eq!(s.to_bytes(), [0x35, 0x02, 0, 0, 0, 0, 0, 0, 0, 0]);
    /// assert_eq!(s.direction(), DataDirection::None);
    /// assert_eq!(SynchronizeCache10::new(0x10, 8).to_bytes()[5], 0x10);
    /// ```
    pub struct SynchronizeCache10 {
        len: 10, opcode: SYNCHRONIZE_CACHE_10, service_action: None, direction: None,
        transfer: |_s| Transfer::None,
        fields: {
            /// SYNC_NV (obsolete since SBC-3; kept so a decoded CDB encodes back unchanged).
            bit sync_nv = "SYNC_NV (obsolete)" (1, 2),
            /// IMMED: the device may answer GOOD before the flush ends. Without IMMED, GOOD
            /// means the data is on non-volatile media.
            bit immed = "IMMED" (1, 1),
            /// LOGICAL BLOCK ADDRESS: the first block to flush.
            int lba: u32 = "LOGICAL BLOCK ADDRESS" (2),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// NUMBER OF LOGICAL BLOCKS: 0 means from the LBA to the end of the medium.
            int number_of_logical_blocks: u16 = "NUMBER OF LOGICAL BLOCKS" (7),
        }
    }
}

impl SynchronizeCache10 {
    /// A range; `number_of_logical_blocks` 0 means to the end of the medium. Every value of the
    /// argument types fits the CDB.
    #[must_use]
    pub const fn new(lba: u32, number_of_logical_blocks: u16) -> Self {
        Self {
            sync_nv: false,
            immed: false,
            lba,
            group_number: GroupNumber::NONE,
            number_of_logical_blocks,
            control: Control::NONE,
        }
    }

    /// The whole medium (LBA 0, 0 blocks).
    #[must_use]
    pub const fn whole_medium() -> Self {
        Self::new(0, 0)
    }
}

cdb_command! {
    /// SYNCHRONIZE CACHE (16) (91h): as the 10-byte form with a 64-bit LBA and a 32-bit count.
    ///
    /// ```
    /// use scsi_cdb::SynchronizeCache16;
    /// let s = SynchronizeCache16::new(5, 10);
    /// assert_eq!(s.to_bytes(), [0x91, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 10, 0, 0]);
    /// ```
    pub struct SynchronizeCache16 {
        len: 16, opcode: SYNCHRONIZE_CACHE_16, service_action: None, direction: None,
        transfer: |_s| Transfer::None,
        fields: {
            /// SYNC_NV (obsolete since SBC-3; kept so a decoded CDB encodes back unchanged).
            bit sync_nv = "SYNC_NV (obsolete)" (1, 2),
            /// IMMED: the device may answer GOOD before the flush ends.
            bit immed = "IMMED" (1, 1),
            /// LOGICAL BLOCK ADDRESS: the first block to flush.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// NUMBER OF LOGICAL BLOCKS: 0 means from the LBA to the end of the medium.
            int number_of_logical_blocks: u32 = "NUMBER OF LOGICAL BLOCKS" (10),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

impl SynchronizeCache16 {
    /// A range; `number_of_logical_blocks` 0 means to the end of the medium. Every value fits.
    #[must_use]
    pub const fn new(lba: u64, number_of_logical_blocks: u32) -> Self {
        Self {
            sync_nv: false,
            immed: false,
            lba,
            number_of_logical_blocks,
            group_number: GroupNumber::NONE,
            control: Control::NONE,
        }
    }

    /// The whole medium (LBA 0, 0 blocks).
    #[must_use]
    pub const fn whole_medium() -> Self {
        Self::new(0, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DecodeError, FieldPointer};

    #[test]
    fn known_answers_and_reserved_bits() {
        let s = SynchronizeCache10 {
            immed: true,
            group_number: GroupNumber::from_low6(1),
            ..SynchronizeCache10::new(0x0102_0304, 0x0506)
        };
        assert_eq!(s.to_bytes(), [0x35, 0x02, 1, 2, 3, 4, 0x01, 5, 6, 0]);
        assert_eq!(SynchronizeCache10::decode(&s.to_bytes()), Ok(s));
        assert_eq!(
            SynchronizeCache10::decode(&[0x35, 0x08, 0, 0, 0, 0, 0, 0, 0, 0]),
            Err(DecodeError::InvalidField(FieldPointer::bit(1, 3)))
        );
        assert_eq!(
            SynchronizeCache16::decode(&[0x91, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x40, 0]),
            Err(DecodeError::InvalidField(FieldPointer::bit(14, 6)))
        );
        // The obsolete SYNC_NV bit is accepted and kept.
        let nv = SynchronizeCache16::decode(&[0x91, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).unwrap();
        assert!(nv.sync_nv);
        assert_eq!(nv.to_bytes()[1], 0x04);
    }
}
