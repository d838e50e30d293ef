//! SBC-5 commands beyond READ, WRITE and SYNCHRONIZE CACHE: verify, write-and-verify, write
//! same, unmap, compare and write, ORWRITE, atomic and stream writes, pre-fetch, LBA status,
//! format, sanitize, power and medium control, defect data, long reads and writes, reassign,
//! background and stream control, referrals and the provisioning initialization pattern.
//!
//! Same shape as the [SPC commands](super::spc): public typed fields, `to_bytes()`, `decode()`,
//! [`Cdb`](super::Cdb).
//!
//! ```
//! use scsi_cdb::cdb::sbc::WriteSame16;
//! use scsi_cdb::{Cdb, DataDirection, Transfer};
//! // Deallocate 1 MiB of 512-byte blocks without sending a data block (NDOB).
//! let ws = WriteSame16 { lba: 2048, number_of_logical_blocks: 2048, unmap: true, ndob: true, ..Default::default() };
//! assert_eq!(ws.to_bytes()[1], 0x09);
//! assert_eq!(ws.direction(), DataDirection::None);
//! let with_block = WriteSame16 { ndob: false, ..ws };
//! assert_eq!(with_block.transfer(), Transfer::Blocks(1));
//! ```

use super::layout::{U2, U3, U4, blocks, bytes, cdb_command, code_enum, code_newtype};
use super::{GroupNumber, Protect, Transfer};

code_enum! {
    /// BYTCHK of VERIFY: 00b medium verification only, 01b compare with the data sent,
    /// 11b compare every block with the one block sent; 10b is reserved.
    pub enum VerifyByteCheck {
        /// Verify the medium only; no data-out.
        #[default]
        None = 0,
        /// Compare the blocks with the data sent.
        Compare = 1,
        /// Compare every block with the single block sent.
        CompareOneBlock = 3,
    }
}

code_enum! {
    /// BYTCHK of WRITE AND VERIFY: 00b verify the medium, 01b byte-by-byte compare; the other
    /// values are reserved.
    pub enum WriteVerifyByteCheck {
        /// Verify the medium after the write.
        #[default]
        None = 0,
        /// Compare the written data byte by byte.
        Compare = 1,
    }
}

code_newtype! {
    /// The POWER CONDITION field of START STOP UNIT.
    pub struct PowerCondition(4);
    names {
        /// START_VALID: process START and LOEJ.
        START_VALID = 0x0, "START_VALID";
        /// ACTIVE.
        ACTIVE = 0x1, "ACTIVE";
        /// IDLE.
        IDLE = 0x2, "IDLE";
        /// STANDBY.
        STANDBY = 0x3, "STANDBY";
        /// LU_CONTROL: hand power control back to the logical unit.
        LU_CONTROL = 0x7, "LU_CONTROL";
        /// FORCE_IDLE_0: force the idle condition timer to zero.
        FORCE_IDLE_0 = 0xA, "FORCE_IDLE_0";
        /// FORCE_STANDBY_0: force the standby condition timer to zero.
        FORCE_STANDBY_0 = 0xB, "FORCE_STANDBY_0";
    }
}

code_enum! {
    /// The SERVICE ACTION of SANITIZE.
    pub enum SanitizeAction {
        /// OVERWRITE with the pattern in the parameter list.
        #[default]
        Overwrite = 0x01,
        /// BLOCK ERASE.
        BlockErase = 0x02,
        /// CRYPTOGRAPHIC ERASE.
        CryptographicErase = 0x03,
        /// EXIT FAILURE MODE.
        ExitFailureMode = 0x1F,
    }
}

code_enum! {
    /// The PREVENT field of PREVENT ALLOW MEDIUM REMOVAL (the obsolete values 10b and 11b are
    /// rejected).
    pub enum Prevent {
        /// Allow medium removal.
        #[default]
        Allow = 0,
        /// Prevent medium removal.
        Prevent = 1,
    }
}

code_enum! {
    /// BO_CTL of BACKGROUND CONTROL.
    pub enum BackgroundOperation {
        /// Do not change host-initiated background operations.
        #[default]
        NoChange = 0,
        /// Start host-initiated advanced background operations.
        Start = 1,
        /// Stop them.
        Stop = 2,
    }
}

code_enum! {
    /// STR_CTL of STREAM CONTROL.
    pub enum StreamControlAction {
        /// Open a stream (the device returns its identifier).
        #[default]
        Open = 1,
        /// Close the stream named by STR_ID.
        Close = 2,
    }
}

fn verify_transfer(bytchk: VerifyByteCheck, len: u32) -> Transfer {
    match bytchk {
        VerifyByteCheck::None => Transfer::None,
        VerifyByteCheck::Compare => blocks(len),
        VerifyByteCheck::CompareOneBlock => blocks(len.min(1)),
    }
}

macro_rules! verify_family {
    ($(#[$m:meta])* $name:ident, $len:literal, $op:ident, $lba:ty, $lba_at:literal, $len_ty:ty, $len_at:literal, $grp:literal) => {
        cdb_command! {
            $(#[$m])*
            pub struct $name {
                len: $len, opcode: $op, service_action: None, direction: ToDevice,
                transfer: |s| verify_transfer(s.bytchk, u32::from(s.verification_length)),
                fields: {
                    /// VRPROTECT.
                    val vrprotect: Protect = "VRPROTECT" (1, 1, 5, 3),
                    /// DPO: disable page out.
                    bit dpo = "DPO" (1, 4),
                    /// BYTCHK.
                    val bytchk: VerifyByteCheck = "BYTCHK" (1, 1, 1, 2),
                    /// LOGICAL BLOCK ADDRESS.
                    int lba: $lba = "LOGICAL BLOCK ADDRESS" ($lba_at),
                    /// VERIFICATION LENGTH in blocks.
                    int verification_length: $len_ty = "VERIFICATION LENGTH" ($len_at),
                    /// GROUP NUMBER.
                    val group_number: GroupNumber = "GROUP NUMBER" ($grp, 1, 0, 6),
                }
            }
        }
    };
}

verify_family!(
    /// VERIFY (10) (2Fh).
    Verify10, 10, VERIFY_10, u32, 2, u16, 7, 6
);
verify_family!(
    /// VERIFY (12) (AFh).
    Verify12, 12, VERIFY_12, u32, 2, u32, 6, 10
);
verify_family!(
    /// VERIFY (16) (8Fh).
    Verify16, 16, VERIFY_16, u64, 2, u32, 10, 14
);

cdb_command! {
    /// VERIFY (32) (7Fh/000Ah), with the expected protection information tags.
    pub struct Verify32 {
        len: 32, opcode: VARIABLE_LENGTH, service_action: Some(0x000A), direction: ToDevice,
        transfer: |s| verify_transfer(s.bytchk, s.verification_length),
        protection_tags: protection_tags at 20,
        fields: {
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// VRPROTECT.
            val vrprotect: Protect = "VRPROTECT" (10, 1, 5, 3),
            /// DPO.
            bit dpo = "DPO" (10, 4),
            /// BYTCHK.
            val bytchk: VerifyByteCheck = "BYTCHK" (10, 1, 1, 2),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (12),
            /// VERIFICATION LENGTH.
            int verification_length: u32 = "VERIFICATION LENGTH" (28),
        }
    }
}

macro_rules! write_verify_family {
    ($(#[$m:meta])* $name:ident, $len:literal, $op:ident, $lba:ty, $lba_at:literal, $len_ty:ty, $len_at:literal, $grp:literal) => {
        cdb_command! {
            $(#[$m])*
            pub struct $name {
                len: $len, opcode: $op, service_action: None, direction: ToDevice,
                transfer: |s| blocks(u32::from(s.transfer_length)),
                fields: {
                    /// WRPROTECT.
                    val wrprotect: Protect = "WRPROTECT" (1, 1, 5, 3),
                    /// DPO.
                    bit dpo = "DPO" (1, 4),
                    /// BYTCHK.
                    val bytchk: WriteVerifyByteCheck = "BYTCHK" (1, 1, 1, 2),
                    /// LOGICAL BLOCK ADDRESS.
                    int lba: $lba = "LOGICAL BLOCK ADDRESS" ($lba_at),
                    /// TRANSFER LENGTH in blocks.
                    int transfer_length: $len_ty = "TRANSFER LENGTH" ($len_at),
                    /// GROUP NUMBER.
                    val group_number: GroupNumber = "GROUP NUMBER" ($grp, 1, 0, 6),
                }
            }
        }
    };
}

write_verify_family!(
    /// WRITE AND VERIFY (10) (2Eh).
    WriteAndVerify10, 10, WRITE_AND_VERIFY_10, u32, 2, u16, 7, 6
);
write_verify_family!(
    /// WRITE AND VERIFY (12) (AEh).
    WriteAndVerify12, 12, WRITE_AND_VERIFY_12, u32, 2, u32, 6, 10
);
write_verify_family!(
    /// WRITE AND VERIFY (16) (8Eh).
    WriteAndVerify16, 16, WRITE_AND_VERIFY_16, u64, 2, u32, 10, 14
);

cdb_command! {
    /// WRITE AND VERIFY (32) (7Fh/000Ch).
    pub struct WriteAndVerify32 {
        len: 32, opcode: VARIABLE_LENGTH, service_action: Some(0x000C), direction: ToDevice,
        transfer: |s| blocks(s.transfer_length),
        protection_tags: protection_tags at 20,
        fields: {
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (10, 1, 5, 3),
            /// DPO.
            bit dpo = "DPO" (10, 4),
            /// BYTCHK.
            val bytchk: WriteVerifyByteCheck = "BYTCHK" (10, 1, 1, 2),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (12),
            /// TRANSFER LENGTH.
            int transfer_length: u32 = "TRANSFER LENGTH" (28),
        }
    }
}

cdb_command! {
    /// WRITE SAME (10) (41h): writes one block of data to a range (NUMBER OF LOGICAL BLOCKS 0
    /// means "to the end of the medium" on devices that allow it).
    pub struct WriteSame10 {
        len: 10, opcode: WRITE_SAME_10, service_action: None, direction: ToDevice,
        transfer: |_s| Transfer::Blocks(1),
        fields: {
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (1, 1, 5, 3),
            /// ANCHOR.
            bit anchor = "ANCHOR" (1, 4),
            /// UNMAP: deallocate where possible.
            bit unmap = "UNMAP" (1, 3),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u32 = "LOGICAL BLOCK ADDRESS" (2),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// NUMBER OF LOGICAL BLOCKS.
            int number_of_logical_blocks: u16 = "NUMBER OF LOGICAL BLOCKS" (7),
        }
    }
}

cdb_command! {
    /// WRITE SAME (16) (93h); with NDOB no data block is sent (zeros are written or the range
    /// is unmapped).
    pub struct WriteSame16 {
        len: 16, opcode: WRITE_SAME_16, service_action: None, direction: ToDevice,
        transfer: |s| if s.ndob { Transfer::None } else { Transfer::Blocks(1) },
        fields: {
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (1, 1, 5, 3),
            /// ANCHOR.
            bit anchor = "ANCHOR" (1, 4),
            /// UNMAP.
            bit unmap = "UNMAP" (1, 3),
            /// NDOB: no data-out buffer.
            bit ndob = "NDOB" (1, 0),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// NUMBER OF LOGICAL BLOCKS.
            int number_of_logical_blocks: u32 = "NUMBER OF LOGICAL BLOCKS" (10),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// WRITE SAME (32) (7Fh/000Dh).
    pub struct WriteSame32 {
        len: 32, opcode: VARIABLE_LENGTH, service_action: Some(0x000D), direction: ToDevice,
        transfer: |s| if s.ndob { Transfer::None } else { Transfer::Blocks(1) },
        protection_tags: protection_tags at 20,
        fields: {
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (10, 1, 5, 3),
            /// ANCHOR.
            bit anchor = "ANCHOR" (10, 4),
            /// UNMAP.
            bit unmap = "UNMAP" (10, 3),
            /// NDOB.
            bit ndob = "NDOB" (10, 0),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (12),
            /// NUMBER OF LOGICAL BLOCKS.
            int number_of_logical_blocks: u32 = "NUMBER OF LOGICAL BLOCKS" (28),
        }
    }
}

cdb_command! {
    /// UNMAP (42h): deallocates the ranges in the parameter list (build it with
    /// [`unmap_list`](crate::data::unmap_list)).
    pub struct Unmap {
        len: 10, opcode: UNMAP, service_action: None, direction: ToDevice,
        transfer: |s| bytes(u32::from(s.parameter_list_length)),
        fields: {
            /// ANCHOR.
            bit anchor = "ANCHOR" (1, 0),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u16 = "PARAMETER LIST LENGTH" (7),
        }
    }
}

cdb_command! {
    /// COMPARE AND WRITE (89h): the data-out holds the verify blocks then the write blocks,
    /// so it moves twice NUMBER OF LOGICAL BLOCKS.
    pub struct CompareAndWrite {
        len: 16, opcode: COMPARE_AND_WRITE, service_action: None, direction: ToDevice,
        transfer: |s| blocks(2 * u32::from(s.number_of_logical_blocks)),
        fields: {
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (1, 1, 5, 3),
            /// DPO.
            bit dpo = "DPO" (1, 4),
            /// FUA.
            bit fua = "FUA" (1, 3),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// NUMBER OF LOGICAL BLOCKS.
            int number_of_logical_blocks: u8 = "NUMBER OF LOGICAL BLOCKS" (13),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// ORWRITE (16) (8Bh).
    pub struct OrWrite16 {
        len: 16, opcode: ORWRITE_16, service_action: None, direction: ToDevice,
        transfer: |s| blocks(s.transfer_length),
        fields: {
            /// ORPROTECT.
            val orprotect: Protect = "ORPROTECT" (1, 1, 5, 3),
            /// DPO.
            bit dpo = "DPO" (1, 4),
            /// FUA.
            bit fua = "FUA" (1, 3),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// TRANSFER LENGTH.
            int transfer_length: u32 = "TRANSFER LENGTH" (10),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// ORWRITE (32) (7Fh/000Eh), with the ORWgeneration checks.
    pub struct OrWrite32 {
        len: 32, opcode: VARIABLE_LENGTH, service_action: Some(0x000E), direction: ToDevice,
        transfer: |s| blocks(s.transfer_length),
        fields: {
            /// BMOP: bitmap operation.
            val bmop: U3 = "BMOP" (2, 1, 0, 3),
            /// PREVIOUS GENERATION PROCESSING.
            val previous_generation_processing: U4 = "PREVIOUS GENERATION PROCESSING" (3, 1, 0, 4),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// ORPROTECT.
            val orprotect: Protect = "ORPROTECT" (10, 1, 5, 3),
            /// DPO.
            bit dpo = "DPO" (10, 4),
            /// FUA.
            bit fua = "FUA" (10, 3),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (12),
            /// EXPECTED ORWGENERATION.
            int expected_orwgeneration: u32 = "EXPECTED ORWGENERATION" (20),
            /// NEW ORWGENERATION.
            int new_orwgeneration: u32 = "NEW ORWGENERATION" (24),
            /// TRANSFER LENGTH.
            int transfer_length: u32 = "TRANSFER LENGTH" (28),
        }
    }
}

cdb_command! {
    /// WRITE ATOMIC (16) (9Ch): all or nothing, up to the device's maximum atomic transfer
    /// length (Block Limits VPD page).
    pub struct WriteAtomic16 {
        len: 16, opcode: WRITE_ATOMIC_16, service_action: None, direction: ToDevice,
        transfer: |s| blocks(u32::from(s.transfer_length)),
        fields: {
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (1, 1, 5, 3),
            /// DPO.
            bit dpo = "DPO" (1, 4),
            /// FUA.
            bit fua = "FUA" (1, 3),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// ATOMIC BOUNDARY.
            int atomic_boundary: u16 = "ATOMIC BOUNDARY" (10),
            /// TRANSFER LENGTH.
            int transfer_length: u16 = "TRANSFER LENGTH" (12),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// WRITE ATOMIC (32) (7Fh/000Fh).
    pub struct WriteAtomic32 {
        len: 32, opcode: VARIABLE_LENGTH, service_action: Some(0x000F), direction: ToDevice,
        transfer: |s| blocks(s.transfer_length),
        protection_tags: protection_tags at 20,
        fields: {
            /// ATOMIC BOUNDARY.
            int atomic_boundary: u16 = "ATOMIC BOUNDARY" (4),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (10, 1, 5, 3),
            /// DPO.
            bit dpo = "DPO" (10, 4),
            /// FUA.
            bit fua = "FUA" (10, 3),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (12),
            /// TRANSFER LENGTH.
            int transfer_length: u32 = "TRANSFER LENGTH" (28),
        }
    }
}

cdb_command! {
    /// WRITE STREAM (16) (9Ah): a write tagged with an open stream identifier.
    pub struct WriteStream16 {
        len: 16, opcode: WRITE_STREAM_16, service_action: None, direction: ToDevice,
        transfer: |s| blocks(u32::from(s.transfer_length)),
        fields: {
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (1, 1, 5, 3),
            /// DPO.
            bit dpo = "DPO" (1, 4),
            /// FUA.
            bit fua = "FUA" (1, 3),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// STR_ID.
            int str_id: u16 = "STR_ID" (10),
            /// TRANSFER LENGTH.
            int transfer_length: u16 = "TRANSFER LENGTH" (12),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// WRITE STREAM (32) (7Fh/0010h).
    pub struct WriteStream32 {
        len: 32, opcode: VARIABLE_LENGTH, service_action: Some(0x0010), direction: ToDevice,
        transfer: |s| blocks(s.transfer_length),
        protection_tags: protection_tags at 20,
        fields: {
            /// STR_ID.
            int str_id: u16 = "STR_ID" (4),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (10, 1, 5, 3),
            /// DPO.
            bit dpo = "DPO" (10, 4),
            /// FUA.
            bit fua = "FUA" (10, 3),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (12),
            /// TRANSFER LENGTH.
            int transfer_length: u32 = "TRANSFER LENGTH" (28),
        }
    }
}

cdb_command! {
    /// PRE-FETCH (10) (34h): reads blocks into the cache; no data moves.
    pub struct PreFetch10 {
        len: 10, opcode: PRE_FETCH_10, service_action: None, direction: None,
        transfer: |_s| Transfer::None,
        fields: {
            /// IMMED: return before the blocks are in the cache.
            bit immed = "IMMED" (1, 1),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u32 = "LOGICAL BLOCK ADDRESS" (2),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// PREFETCH LENGTH.
            int prefetch_length: u16 = "PREFETCH LENGTH" (7),
        }
    }
}

cdb_command! {
    /// PRE-FETCH (16) (90h).
    pub struct PreFetch16 {
        len: 16, opcode: PRE_FETCH_16, service_action: None, direction: None,
        transfer: |_s| Transfer::None,
        fields: {
            /// IMMED.
            bit immed = "IMMED" (1, 1),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// PREFETCH LENGTH.
            int prefetch_length: u32 = "PREFETCH LENGTH" (10),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// GET LBA STATUS (16) (9Eh/12h): provisioning status from an LBA on (decode the answer
    /// with [`lba_status`](crate::data::lba_status)).
    pub struct GetLbaStatus16 {
        len: 16, opcode: SERVICE_ACTION_IN_16, service_action: Some(0x12), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// STARTING LOGICAL BLOCK ADDRESS.
            int lba: u64 = "STARTING LOGICAL BLOCK ADDRESS" (2),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
            /// REPORT TYPE.
            val report_type: U3 = "REPORT TYPE" (14, 1, 0, 3),
        }
    }
}

cdb_command! {
    /// GET LBA STATUS (32) (7Fh/0012h), with a scan length and an element identifier.
    pub struct GetLbaStatus32 {
        len: 32, opcode: VARIABLE_LENGTH, service_action: Some(0x0012), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// REPORT TYPE.
            val report_type: U3 = "REPORT TYPE" (10, 1, 0, 3),
            /// STARTING LOGICAL BLOCK ADDRESS.
            int lba: u64 = "STARTING LOGICAL BLOCK ADDRESS" (12),
            /// SCAN LENGTH.
            int scan_length: u32 = "SCAN LENGTH" (20),
            /// ELEMENT IDENTIFIER.
            int element_identifier: u32 = "ELEMENT IDENTIFIER" (24),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (28),
        }
    }
}

cdb_command! {
    /// FORMAT UNIT (04h). With FMTDATA a parameter list follows; its length is not in the CDB
    /// but in the list's own header ([`FormatHeader`]), so the transfer is
    /// [`Transfer::ParameterList`].
    pub struct FormatUnit {
        len: 6, opcode: FORMAT_UNIT, service_action: None, direction: ToDevice,
        transfer: |s| if s.fmtdata { Transfer::ParameterList } else { Transfer::None },
        fields: {
            /// FMTPINFO: protection information format.
            val fmtpinfo: U2 = "FMTPINFO" (1, 1, 6, 2),
            /// LONGLIST: the parameter list has the long header.
            bit longlist = "LONGLIST" (1, 5),
            /// FMTDATA: a parameter list follows.
            bit fmtdata = "FMTDATA" (1, 4),
            /// CMPLST: the defect list is complete.
            bit cmplst = "CMPLST" (1, 3),
            /// DEFECT LIST FORMAT.
            val defect_list_format: U3 = "DEFECT LIST FORMAT" (1, 1, 0, 3),
            /// Vendor specific byte.
            int vendor_specific: u8 = "VENDOR SPECIFIC" (2),
            /// FFMT: fast format.
            val ffmt: U2 = "FFMT" (4, 1, 0, 2),
        }
    }
}

/// The FORMAT UNIT parameter list header (SBC-5): 4 bytes (short) or 8 bytes (long,
/// with LONGLIST set in the CDB). Initialization pattern and defect list follow it.
///
/// ```rust
/// use scsi_cdb::cdb::sbc::FormatHeader;
/// // FOV and IMMED: answer at once, format in the background, no defect list.
/// let h = FormatHeader { fov: true, immed: true, ..FormatHeader::default() };
/// assert_eq!(h.short()?, [0x00, 0x82, 0x00, 0x00]);
/// assert_eq!(h.long(), [0x00, 0x82, 0, 0, 0, 0, 0, 0]);
/// // A defect list longer than 65535 bytes needs the long header.
/// let big = FormatHeader { defect_list_len: 0x1_0000, ..h };
/// assert!(big.short().is_err());
/// assert_eq!(big.long()[4..], [0, 1, 0, 0]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FormatHeader {
    /// PROTECTION FIELD USAGE.
    pub protection_field_usage: U3,
    /// FOV: format options valid.
    pub fov: bool,
    /// DPRY: disable primary.
    pub dpry: bool,
    /// DCRT: disable certification.
    pub dcrt: bool,
    /// STPF: stop format.
    pub stpf: bool,
    /// IP: an initialization pattern descriptor follows.
    pub ip: bool,
    /// IMMED: return before the format completes.
    pub immed: bool,
    /// P_I_INFORMATION (long header only).
    pub p_i_information: U4,
    /// PROTECTION INTERVAL EXPONENT (long header only).
    pub protection_interval_exponent: U4,
    /// DEFECT LIST LENGTH.
    pub defect_list_len: u32,
}

impl FormatHeader {
    fn flags(&self) -> u8 {
        (u8::from(self.fov) << 7)
            | (u8::from(self.dpry) << 6)
            | (u8::from(self.dcrt) << 5)
            | (u8::from(self.stpf) << 4)
            | (u8::from(self.ip) << 3)
            | (u8::from(self.immed) << 1)
    }

    /// The short (4-byte) header.
    ///
    /// # Errors
    /// [`BuildError::LengthTooLarge`](crate::BuildError::LengthTooLarge) when the defect list
    /// length needs more than 16 bits (use the long header).
    pub fn short(&self) -> Result<[u8; 4], crate::BuildError> {
        let len = u16::try_from(self.defect_list_len).map_err(|_| crate::BuildError::LengthTooLarge {
            len: self.defect_list_len.into(),
            max: 0xFFFF,
        })?;
        let [hi, lo] = len.to_be_bytes();
        Ok([self.protection_field_usage.get(), self.flags(), hi, lo])
    }

    /// The long (8-byte) header.
    #[must_use]
    pub fn long(&self) -> [u8; 8] {
        let [a, b, c, d] = self.defect_list_len.to_be_bytes();
        let pi = (self.p_i_information.get() << 4) | self.protection_interval_exponent.get();
        [self.protection_field_usage.get(), self.flags(), 0, pi, a, b, c, d]
    }
}

cdb_command! {
    /// SANITIZE (48h), every service action. OVERWRITE needs a parameter list; the others
    /// send none.
    pub struct Sanitize {
        len: 10, opcode: SANITIZE, service_action: None, direction: ToDevice,
        transfer: |s| bytes(u32::from(s.parameter_list_length)),
        sa_field: service_action in [0x01, 0x02, 0x03, 0x1F],
        fields: {
            /// IMMED.
            bit immed = "IMMED" (1, 7),
            /// ZNR: zone no reset.
            bit znr = "ZNR" (1, 6),
            /// AUSE: allow unrestricted sanitize exit.
            bit ause = "AUSE" (1, 5),
            /// SERVICE ACTION.
            val service_action: SanitizeAction = "SERVICE ACTION" (1, 1, 0, 5),
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u16 = "PARAMETER LIST LENGTH" (7),
        }
    }
}

cdb_command! {
    /// START STOP UNIT (1Bh): spin up or down, eject or load, or move to a power condition.
    pub struct StartStopUnit {
        len: 6, opcode: START_STOP_UNIT, service_action: None, direction: None,
        transfer: |_s| Transfer::None,
        fields: {
            /// IMMED.
            bit immed = "IMMED" (1, 0),
            /// POWER CONDITION MODIFIER.
            val power_condition_modifier: U4 = "POWER CONDITION MODIFIER" (3, 1, 0, 4),
            /// POWER CONDITION.
            val power_condition: PowerCondition = "POWER CONDITION" (4, 1, 4, 4),
            /// NO_FLUSH: do not flush the cache before stopping.
            bit no_flush = "NO_FLUSH" (4, 2),
            /// LOEJ: load (with START) or eject (without).
            bit loej = "LOEJ" (4, 1),
            /// START.
            bit start = "START" (4, 0),
        }
    }
}

impl StartStopUnit {
    /// Spin up (START).
    #[must_use]
    pub fn start() -> Self {
        Self { start: true, ..Self::default() }
    }

    /// Spin down (stop).
    #[must_use]
    pub fn stop() -> Self {
        Self::default()
    }

    /// Eject the medium.
    #[must_use]
    pub fn eject() -> Self {
        Self { loej: true, ..Self::default() }
    }
}

cdb_command! {
    /// PREVENT ALLOW MEDIUM REMOVAL (1Eh).
    pub struct PreventAllowMediumRemoval {
        len: 6, opcode: PREVENT_ALLOW_MEDIUM_REMOVAL, service_action: None, direction: None,
        transfer: |_s| Transfer::None,
        fields: {
            /// PREVENT.
            val prevent: Prevent = "PREVENT" (4, 1, 0, 2),
        }
    }
}

cdb_command! {
    /// READ DEFECT DATA (10) (37h).
    pub struct ReadDefectData10 {
        len: 10, opcode: READ_DEFECT_DATA_10, service_action: None, direction: FromDevice,
        transfer: |s| bytes(u32::from(s.allocation_length)),
        fields: {
            /// REQ_PLIST: the primary defect list.
            bit req_plist = "REQ_PLIST" (2, 4),
            /// REQ_GLIST: the grown defect list.
            bit req_glist = "REQ_GLIST" (2, 3),
            /// DEFECT LIST FORMAT.
            val defect_list_format: U3 = "DEFECT LIST FORMAT" (2, 1, 0, 3),
            /// ALLOCATION LENGTH.
            int allocation_length: u16 = "ALLOCATION LENGTH" (7),
        }
    }
}

cdb_command! {
    /// READ DEFECT DATA (12) (B7h).
    pub struct ReadDefectData12 {
        len: 12, opcode: READ_DEFECT_DATA_12, service_action: None, direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// REQ_PLIST.
            bit req_plist = "REQ_PLIST" (1, 4),
            /// REQ_GLIST.
            bit req_glist = "REQ_GLIST" (1, 3),
            /// DEFECT LIST FORMAT.
            val defect_list_format: U3 = "DEFECT LIST FORMAT" (1, 1, 0, 3),
            /// ADDRESS DESCRIPTOR INDEX.
            int address_descriptor_index: u32 = "ADDRESS DESCRIPTOR INDEX" (2),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (6),
        }
    }
}

cdb_command! {
    /// READ LONG (10) (3Eh): a block with its ECC bytes.
    pub struct ReadLong10 {
        len: 10, opcode: READ_LONG_10, service_action: None, direction: FromDevice,
        transfer: |s| bytes(u32::from(s.byte_transfer_length)),
        fields: {
            /// PBLOCK: the whole physical block.
            bit pblock = "PBLOCK" (1, 2),
            /// CORRCT: apply ECC correction.
            bit corrct = "CORRCT" (1, 1),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u32 = "LOGICAL BLOCK ADDRESS" (2),
            /// BYTE TRANSFER LENGTH.
            int byte_transfer_length: u16 = "BYTE TRANSFER LENGTH" (7),
        }
    }
}

cdb_command! {
    /// READ LONG (16) (9Eh/11h).
    pub struct ReadLong16 {
        len: 16, opcode: SERVICE_ACTION_IN_16, service_action: Some(0x11), direction: FromDevice,
        transfer: |s| bytes(u32::from(s.byte_transfer_length)),
        fields: {
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// BYTE TRANSFER LENGTH.
            int byte_transfer_length: u16 = "BYTE TRANSFER LENGTH" (12),
            /// PBLOCK.
            bit pblock = "PBLOCK" (14, 1),
            /// CORRCT.
            bit corrct = "CORRCT" (14, 0),
        }
    }
}

cdb_command! {
    /// WRITE LONG (10) (3Fh); with WR_UNCOR it marks the block unrecoverable and sends no data.
    pub struct WriteLong10 {
        len: 10, opcode: WRITE_LONG_10, service_action: None, direction: ToDevice,
        transfer: |s| bytes(u32::from(s.byte_transfer_length)),
        fields: {
            /// COR_DIS: correction disabled.
            bit cor_dis = "COR_DIS" (1, 7),
            /// WR_UNCOR: write uncorrectable.
            bit wr_uncor = "WR_UNCOR" (1, 6),
            /// PBLOCK.
            bit pblock = "PBLOCK" (1, 5),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u32 = "LOGICAL BLOCK ADDRESS" (2),
            /// BYTE TRANSFER LENGTH.
            int byte_transfer_length: u16 = "BYTE TRANSFER LENGTH" (7),
        }
    }
}

cdb_command! {
    /// WRITE LONG (16) (9Fh/11h).
    pub struct WriteLong16 {
        len: 16, opcode: SERVICE_ACTION_OUT_16, service_action: Some(0x11), direction: ToDevice,
        transfer: |s| bytes(u32::from(s.byte_transfer_length)),
        fields: {
            /// COR_DIS.
            bit cor_dis = "COR_DIS" (1, 7),
            /// WR_UNCOR.
            bit wr_uncor = "WR_UNCOR" (1, 6),
            /// PBLOCK.
            bit pblock = "PBLOCK" (1, 5),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// BYTE TRANSFER LENGTH.
            int byte_transfer_length: u16 = "BYTE TRANSFER LENGTH" (12),
        }
    }
}

cdb_command! {
    /// REASSIGN BLOCKS (07h): the defective LBAs are in the parameter list, whose length is not
    /// in the CDB (`parameter_list_length` carries it).
    pub struct ReassignBlocks {
        len: 6, opcode: REASSIGN_BLOCKS, service_action: None, direction: ToDevice,
        transfer: |_s| Transfer::ParameterList,
        fields: {
            /// LONGLBA: 8-byte LBAs in the list.
            bit longlba = "LONGLBA" (1, 1),
            /// LONGLIST: 4-byte list length in the header.
            bit longlist = "LONGLIST" (1, 0),
        }
    }
}

cdb_command! {
    /// BACKGROUND CONTROL (9Eh/15h): starts or stops host-initiated background operations.
    pub struct BackgroundControl {
        len: 16, opcode: SERVICE_ACTION_IN_16, service_action: Some(0x15), direction: None,
        transfer: |_s| Transfer::None,
        fields: {
            /// BO_CTL.
            val bo_ctl: BackgroundOperation = "BO_CTL" (2, 1, 6, 2),
            /// BO_TIME: time limit in 100 ms units.
            int bo_time: u8 = "BO_TIME" (3),
        }
    }
}

cdb_command! {
    /// STREAM CONTROL (9Eh/14h): opens a stream (the identifier comes back in 8 bytes) or
    /// closes one.
    pub struct StreamControl {
        len: 16, opcode: SERVICE_ACTION_IN_16, service_action: Some(0x14), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// STR_CTL.
            val str_ctl: StreamControlAction = "STR_CTL" (1, 1, 5, 2),
            /// STR_ID (for close).
            int str_id: u16 = "STR_ID" (4),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
        }
    }
}

cdb_command! {
    /// GET STREAM STATUS (9Eh/16h).
    pub struct GetStreamStatus {
        len: 16, opcode: SERVICE_ACTION_IN_16, service_action: Some(0x16), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// STARTING STREAM IDENTIFIER.
            int starting_stream_identifier: u16 = "STARTING STREAM IDENTIFIER" (4),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
        }
    }
}

cdb_command! {
    /// REPORT REFERRALS (9Eh/13h).
    pub struct ReportReferrals {
        len: 16, opcode: SERVICE_ACTION_IN_16, service_action: Some(0x13), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
            /// ONE_SEG: only the segment that holds the LBA.
            bit one_seg = "ONE_SEG" (14, 0),
        }
    }
}

cdb_command! {
    /// REPORT PROVISIONING INITIALIZATION PATTERN (A3h/1Dh).
    pub struct ReportProvisioningInitializationPattern {
        len: 12, opcode: MAINTENANCE_IN, service_action: Some(0x1D), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (6),
        }
    }
}
