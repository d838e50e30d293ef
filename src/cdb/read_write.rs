//! READ and WRITE (6), (10), (12), (16) and (32) (SBC-5 §5.12-5.20, §5.38-5.46), each described
//! once in the `cdb_command!` form, and the best-fit policy that picks the smallest form holding
//! an LBA and a block count ([`ReadAny::best_fit`], [`WriteAny::best_fit`]).
//!
//! A READ and a WRITE of one size share the layout but for the operation code, the name of the
//! PROTECT field (RDPROTECT, WRPROTECT) and RARC (reads only), so each is its own plain struct.
//!
//! ```rust
//! use scsi_cdb::{BestFit, Read10, ReadAny, RwParams};
//! // READ(10): 28h, LBA in bytes 2-5, TRANSFER LENGTH in bytes 7-8.
//! let r = Read10::new(0x1234_5678, 0x20);
//! assert_eq!(r.to_bytes(), [0x28, 0, 0x12, 0x34, 0x56, 0x78, 0, 0, 0x20, 0]);
//! // An LBA beyond 32 bits needs READ(16).
//! let far = RwParams { lba: 0x1_0000_0000, transfer_length: 8, ..RwParams::default() };
//! assert!(matches!(ReadAny::best_fit(&far, BestFit::default())?, ReadAny::Sixteen(_)));
//! assert!(Read10::try_new(0x1_0000_0000, 8).is_err());
//! # Ok::<(), scsi_cdb::BuildError>(())
//! ```

use super::layout::{FieldInfo, FieldValue, U2, U21, blocks, cdb_command};
use super::{Cdb, Control, DataDirection, GroupNumber, Protect, Transfer};
use crate::{BuildError, DecodeError, OpCode, ServiceAction};

bitflags::bitflags! {
    /// Cache-control flags of byte 1 (byte 10 in the 32-byte CDBs), for [`RwParams`].
    ///
    /// ```rust
    /// use scsi_cdb::{BestFit, Cdb, ReadAny, RwFlags, RwParams};
    /// // READ(10) with FUA: bit 3 of byte 1.
    /// let p = RwParams { lba: 0x1000, transfer_length: 8, ..RwParams::default() };
    /// let p = RwParams { flags: RwFlags::FUA, ..p };
    /// let read = ReadAny::best_fit(&p, BestFit::default())?;
    /// assert_eq!(read.to_buf()?.as_bytes(), [0x28, 0x08, 0, 0, 0x10, 0, 0, 0, 8, 0]);
    /// assert_eq!((RwFlags::DPO | RwFlags::FUA).bits(), 0x18);
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct RwFlags: u8 {
        /// DPO, disable page out: do not keep this data in the cache.
        const DPO = 0x10;
        /// FUA, force unit access: read from / write to the medium, not the cache.
        const FUA = 0x08;
        /// RARC, rebuild assist recovery control (reads only).
        const RARC = 0x04;
    }
}

/// The TRANSFER LENGTH of READ(6) and WRITE(6): 1 to 256 blocks, where the CDB writes 256 as 0
/// (SBC-5 §5.13). There is no way to ask the 6-byte forms for zero blocks.
///
/// The default is one block (a zero-filled TRANSFER LENGTH byte decodes as 256).
///
/// ```
/// use scsi_cdb::cdb::U21;
/// use scsi_cdb::{Blocks6, Cdb, Read6};
/// let r = Read6 { lba: U21::new(0x1F_FFFF)?, transfer_length: Blocks6::new(256)?, ..Read6::default() };
/// assert_eq!(r.to_bytes(), [0x08, 0x1F, 0xFF, 0xFF, 0x00, 0x00]);
/// assert_eq!(r.transfer_len(512), 256 * 512);
/// assert!(Blocks6::new(0).is_err());
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[repr(transparent)]
pub struct Blocks6(u16);

impl Blocks6 {
    /// The largest count.
    pub const MAX: u16 = 256;
    /// One block.
    pub const ONE: Self = Self(1);

    /// A count of 1 to 256 blocks.
    ///
    /// # Errors
    /// [`BuildError::LengthTooSmall`] for 0, [`BuildError::LengthTooLarge`] above 256.
    pub const fn new(n: u16) -> Result<Self, BuildError> {
        if n == 0 {
            return Err(BuildError::LengthTooSmall { len: 0, min: 1 });
        }
        if n > Self::MAX {
            return Err(BuildError::LengthTooLarge { len: n as u64, max: Self::MAX as u64 });
        }
        Ok(Self(n))
    }

    /// The number of blocks, 1 to 256.
    #[inline]
    #[must_use]
    pub const fn get(self) -> u16 {
        self.0
    }
}

impl Default for Blocks6 {
    fn default() -> Self {
        Self::ONE
    }
}

impl FieldValue for Blocks6 {
    #[inline(always)]
    fn to_raw(self) -> u64 {
        u64::from(self.0 & 0xFF)
    }
    #[inline(always)]
    fn from_raw(raw: u64) -> Option<Self> {
        Some(Self(if raw == 0 { 256 } else { raw as u16 }))
    }
}

#[cfg(feature = "arbitrary")]
impl<'a> arbitrary::Arbitrary<'a> for Blocks6 {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Self(u.int_in_range(1..=Self::MAX)?))
    }
}

/// The 3-bit duration limit descriptor index of READ(16)/WRITE(16) (SBC-5 §4.30): DLD2 in byte 1
/// bit 0, DLD1 and DLD0 in byte 14 bits 7:6. 0 selects no duration limit.
///
/// ```rust
/// use scsi_cdb::{Dld, Read16};
/// // Descriptor 5 (101b): DLD2 in byte 1 bit 0, DLD1:DLD0 = 01b in byte 14 bits 7:6.
/// let r = Read16::new(0x1000, 8).with_dld(Dld::new(5)?);
/// let b = r.to_bytes();
/// assert_eq!((b[1], b[14]), (0x01, 0x40));
/// assert_eq!(Read16::decode(&b).map(|r| r.dld()), Ok(Dld::new(5)?));
/// assert!(Dld::new(8).is_err());
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[repr(transparent)]
pub struct Dld(u8);

impl Dld {
    /// No duration limit descriptor.
    pub const NONE: Self = Self(0);

    /// A duration limit descriptor index.
    ///
    /// # Errors
    /// [`BuildError::ValueOutOfRange`] above 7.
    pub const fn new(v: u8) -> Result<Self, BuildError> {
        if v > 7 {
            return Err(BuildError::ValueOutOfRange { field: "DLD", value: v as u64, max: 7 });
        }
        Ok(Self(v))
    }

    /// The value.
    #[must_use]
    pub const fn get(self) -> u8 {
        self.0
    }
}

/// The protection-information check values every 32-byte CDB that moves protected blocks
/// carries at bytes 20-27 (SBC-5 §5.16): one field group, declared here once and placed in a
/// command by the `protection_tags:` clause of `cdb_command!`.
///
/// ```rust
/// use scsi_cdb::{BestFit, ProtectionTags, RwParams, WriteAny};
/// // Type 2 protection: the expected reference tag of the first block is its LBA.
/// let tags = ProtectionTags {
///     expected_initial_logical_block_reference_tag: 0x1_0000,
///     ..ProtectionTags::default()
/// };
/// let p = RwParams { lba: 0x1_0000, transfer_length: 16, ..RwParams::default() };
/// let p = RwParams { protection_tags: Some(tags), ..p };
/// // Only WRITE(32) carries the tags, at bytes 20-27.
/// let Ok(WriteAny::ThirtyTwo(w)) = WriteAny::best_fit(&p, BestFit::default()) else { panic!() };
/// assert_eq!(w.to_bytes()[20..28], [0, 1, 0, 0, 0, 0, 0, 0]);
/// assert_eq!(ProtectionTags::field(20, 1).byte, 24);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ProtectionTags {
    /// EXPECTED INITIAL LOGICAL BLOCK REFERENCE TAG.
    pub expected_initial_logical_block_reference_tag: u32,
    /// EXPECTED LOGICAL BLOCK APPLICATION TAG.
    pub expected_logical_block_application_tag: u16,
    /// LOGICAL BLOCK APPLICATION TAG MASK.
    pub logical_block_application_tag_mask: u16,
}

impl ProtectionTags {
    /// The three fields, at offsets from the group's first byte.
    pub const FIELDS: [FieldInfo; 3] = [
        FieldInfo::new("EXPECTED INITIAL LOGICAL BLOCK REFERENCE TAG", 0, 4, 0, 32),
        FieldInfo::new("EXPECTED LOGICAL BLOCK APPLICATION TAG", 4, 2, 0, 16),
        FieldInfo::new("LOGICAL BLOCK APPLICATION TAG MASK", 6, 2, 0, 16),
    ];

    /// Field `i` of the group placed at byte `at`.
    #[allow(clippy::indexing_slicing)] // constant evaluation only (the callers are const items)
    #[must_use]
    pub const fn field(at: u8, i: usize) -> FieldInfo {
        let f = Self::FIELDS[i];
        FieldInfo::new(f.name, at + f.byte, f.nbytes, f.shift, f.bits)
    }

    #[inline(always)]
    pub(crate) fn put(&self, out: &mut [u8], at: u8) {
        Self::field(at, 0).put(out, u64::from(self.expected_initial_logical_block_reference_tag));
        Self::field(at, 1).put(out, u64::from(self.expected_logical_block_application_tag));
        Self::field(at, 2).put(out, u64::from(self.logical_block_application_tag_mask));
    }

    #[inline(always)]
    pub(crate) fn get(cdb: &[u8], at: u8) -> Self {
        Self {
            expected_initial_logical_block_reference_tag: Self::field(at, 0).get(cdb).unwrap_or_default()
                as u32,
            expected_logical_block_application_tag: Self::field(at, 1).get(cdb).unwrap_or_default() as u16,
            logical_block_application_tag_mask: Self::field(at, 2).get(cdb).unwrap_or_default() as u16,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The 6-byte forms.

cdb_command! {
    /// READ(6) (08h): 21-bit LBA, 1 to 256 blocks, no flags.
    ///
    /// ```
    /// use scsi_cdb::{Cdb, Read6};
    /// let r = Read6::new(0x1F_FFFF, 256)?;
    /// assert_eq!(r.to_bytes(), [0x08, 0x1F, 0xFF, 0xFF, 0x00, 0x00]);
    /// assert_eq!(r.transfer_len(512), 256 * 512);
    /// assert!(Read6::new(0x20_0000, 1).is_err());
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    pub struct Read6 {
        len: 6, opcode: READ_6, service_action: None, direction: FromDevice,
        transfer: |s| Transfer::Blocks(u32::from(s.transfer_length.get())),
        fields: {
            /// LOGICAL BLOCK ADDRESS (21 bits).
            val lba: U21 = "LOGICAL BLOCK ADDRESS" (1, 3, 0, 21),
            /// TRANSFER LENGTH: 1 to 256 blocks (the CDB writes 256 as 0).
            val transfer_length: Blocks6 = "TRANSFER LENGTH" (4, 1, 0, 8),
        }
    }
}

cdb_command! {
    /// WRITE(6) (0Ah): 21-bit LBA, 1 to 256 blocks, no flags.
    ///
    /// ```
    /// use scsi_cdb::Write6;
    /// assert_eq!(Write6::new(0x10, 1)?.to_bytes(), [0x0A, 0, 0, 0x10, 1, 0]);
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    pub struct Write6 {
        len: 6, opcode: WRITE_6, service_action: None, direction: ToDevice,
        transfer: |s| Transfer::Blocks(u32::from(s.transfer_length.get())),
        fields: {
            /// LOGICAL BLOCK ADDRESS (21 bits).
            val lba: U21 = "LOGICAL BLOCK ADDRESS" (1, 3, 0, 21),
            /// TRANSFER LENGTH: 1 to 256 blocks (the CDB writes 256 as 0).
            val transfer_length: Blocks6 = "TRANSFER LENGTH" (4, 1, 0, 8),
        }
    }
}

/// The named constructor of a 6-byte form.
macro_rules! rw6_new {
    ($($t:ident),*) => {$(
        impl $t {
            /// The largest LBA: 21 bits.
            pub const MAX_LBA: u32 = 0x1F_FFFF;

            /// `transfer_length` (1 to 256) blocks at `lba` (at most 1F_FFFFh).
            ///
            /// # Errors
            /// [`BuildError::LbaTooLarge`], [`BuildError::LengthTooLarge`] above 256 blocks and
            /// [`BuildError::LengthTooSmall`] for 0 blocks (the CDB cannot say zero).
            pub const fn new(lba: u32, transfer_length: u16) -> Result<Self, BuildError> {
                if lba > Self::MAX_LBA {
                    return Err(BuildError::LbaTooLarge { lba: lba as u64, max: Self::MAX_LBA as u64 });
                }
                let transfer_length = match Blocks6::new(transfer_length) {
                    Ok(b) => b,
                    Err(e) => return Err(e),
                };
                let lba = match U21::new(lba) {
                    Ok(l) => l,
                    Err(e) => return Err(e),
                };
                Ok(Self { lba, transfer_length, control: Control::NONE })
            }

            /// [`Self::new`] from a 64-bit LBA and a 32-bit count, as a caller holds them.
            ///
            /// # Errors
            /// As [`Self::new`].
            pub const fn try_new(lba: u64, transfer_length: u32) -> Result<Self, BuildError> {
                if lba > Self::MAX_LBA as u64 {
                    return Err(BuildError::LbaTooLarge { lba, max: Self::MAX_LBA as u64 });
                }
                if transfer_length > Blocks6::MAX as u32 {
                    return Err(BuildError::LengthTooLarge { len: transfer_length as u64, max: Blocks6::MAX as u64 });
                }
                Self::new(lba as u32, transfer_length as u16)
            }
        }
    )*};
}
rw6_new!(Read6, Write6);

// ---------------------------------------------------------------------------------------------
// The 10 and 12-byte forms.

cdb_command! {
    /// READ(10) (28h): 32-bit LBA, up to 65535 blocks.
    ///
    /// ```
    /// use scsi_cdb::{GroupNumber, Read10};
    /// let r = Read10 { dpo: true, fua: true, group_number: GroupNumber::new(3)?, ..Read10::new(0x1234_5678, 8) };
    /// assert_eq!(r.to_bytes(), [0x28, 0x18, 0x12, 0x34, 0x56, 0x78, 0x03, 0x00, 0x08, 0x00]);
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    pub struct Read10 {
        len: 10, opcode: READ_10, service_action: None, direction: FromDevice,
        transfer: |s| blocks(u32::from(s.transfer_length)),
        fields: {
            /// RDPROTECT.
            val rdprotect: Protect = "RDPROTECT" (1, 1, 5, 3),
            /// DPO: disable page out.
            bit dpo = "DPO" (1, 4),
            /// FUA: force unit access.
            bit fua = "FUA" (1, 3),
            /// RARC: rebuild assist recovery control.
            bit rarc = "RARC" (1, 2),
            /// Bits 1:0, obsolete (FUA_NV, RELADR); kept so a decoded CDB encodes back unchanged.
            val obsolete: U2 = "Obsolete" (1, 1, 0, 2),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u32 = "LOGICAL BLOCK ADDRESS" (2),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// TRANSFER LENGTH in blocks (0 transfers nothing).
            int transfer_length: u16 = "TRANSFER LENGTH" (7),
        }
    }
}

cdb_command! {
    /// WRITE(10) (2Ah): 32-bit LBA, up to 65535 blocks.
    ///
    /// ```
    /// use scsi_cdb::Write10;
    /// let w = Write10 { fua: true, ..Write10::new(0x10, 1) };
    /// assert_eq!(w.to_bytes(), [0x2A, 0x08, 0, 0, 0, 0x10, 0, 0, 1, 0]);
    /// ```
    pub struct Write10 {
        len: 10, opcode: WRITE_10, service_action: None, direction: ToDevice,
        transfer: |s| blocks(u32::from(s.transfer_length)),
        fields: {
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (1, 1, 5, 3),
            /// DPO: disable page out.
            bit dpo = "DPO" (1, 4),
            /// FUA: force unit access.
            bit fua = "FUA" (1, 3),
            /// Bits 1:0, obsolete (FUA_NV, RELADR); kept so a decoded CDB encodes back unchanged.
            val obsolete: U2 = "Obsolete" (1, 1, 0, 2),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u32 = "LOGICAL BLOCK ADDRESS" (2),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// TRANSFER LENGTH in blocks (0 transfers nothing).
            int transfer_length: u16 = "TRANSFER LENGTH" (7),
        }
    }
}

cdb_command! {
    /// READ(12) (A8h): 32-bit LBA, 32-bit block count.
    ///
    /// ```
    /// use scsi_cdb::Read12;
    /// assert_eq!(Read12::new(0x10, 0x1_0000).to_bytes(), [0xA8, 0, 0, 0, 0, 0x10, 0, 1, 0, 0, 0, 0]);
    /// ```
    pub struct Read12 {
        len: 12, opcode: READ_12, service_action: None, direction: FromDevice,
        transfer: |s| blocks(s.transfer_length),
        fields: {
            /// RDPROTECT.
            val rdprotect: Protect = "RDPROTECT" (1, 1, 5, 3),
            /// DPO: disable page out.
            bit dpo = "DPO" (1, 4),
            /// FUA: force unit access.
            bit fua = "FUA" (1, 3),
            /// RARC: rebuild assist recovery control.
            bit rarc = "RARC" (1, 2),
            /// Bits 1:0, obsolete; kept so a decoded CDB encodes back unchanged.
            val obsolete: U2 = "Obsolete" (1, 1, 0, 2),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u32 = "LOGICAL BLOCK ADDRESS" (2),
            /// TRANSFER LENGTH in blocks (0 transfers nothing).
            int transfer_length: u32 = "TRANSFER LENGTH" (6),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (10, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// WRITE(12) (AAh): 32-bit LBA, 32-bit block count.
    ///
    /// ```
    /// use scsi_cdb::Write12;
    /// let w = Write12 { fua: true, ..Write12::new(0x10, 0x1_0000) };
    /// assert_eq!(w.to_bytes(), [0xAA, 0x08, 0, 0, 0, 0x10, 0, 1, 0, 0, 0, 0]);
    /// ```
    pub struct Write12 {
        len: 12, opcode: WRITE_12, service_action: None, direction: ToDevice,
        transfer: |s| blocks(s.transfer_length),
        fields: {
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (1, 1, 5, 3),
            /// DPO: disable page out.
            bit dpo = "DPO" (1, 4),
            /// FUA: force unit access.
            bit fua = "FUA" (1, 3),
            /// Bits 1:0, obsolete; kept so a decoded CDB encodes back unchanged.
            val obsolete: U2 = "Obsolete" (1, 1, 0, 2),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u32 = "LOGICAL BLOCK ADDRESS" (2),
            /// TRANSFER LENGTH in blocks (0 transfers nothing).
            int transfer_length: u32 = "TRANSFER LENGTH" (6),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (10, 1, 0, 6),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The 16-byte forms.

cdb_command! {
    /// READ(16) (88h): 64-bit LBA, 32-bit block count, duration limit descriptor.
    ///
    /// ```
    /// use scsi_cdb::{GroupNumber, Protect, Read16};
    /// // The same bytes libiscsi's scsi_cdb_read16(2^40 + 5, 4096, 512, 3, 0, 1, 0, 0x1f) makes.
    /// let r = Read16 {
    ///     rdprotect: Protect::new(3)?,
    ///     fua: true,
    ///     group_number: GroupNumber::new(0x1F)?,
    ///     ..Read16::new((1 << 40) + 5, 8)
    /// };
    /// assert_eq!(r.to_bytes(), [0x88, 0x68, 0, 0, 0x01, 0, 0, 0, 0, 0x05, 0, 0, 0, 0x08, 0x1F, 0]);
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    pub struct Read16 {
        len: 16, opcode: READ_16, service_action: None, direction: FromDevice,
        transfer: |s| blocks(s.transfer_length),
        fields: {
            /// RDPROTECT.
            val rdprotect: Protect = "RDPROTECT" (1, 1, 5, 3),
            /// DPO: disable page out.
            bit dpo = "DPO" (1, 4),
            /// FUA: force unit access.
            bit fua = "FUA" (1, 3),
            /// RARC: rebuild assist recovery control.
            bit rarc = "RARC" (1, 2),
            /// Bit 1, obsolete; kept so a decoded CDB encodes back unchanged.
            bit obsolete = "Obsolete" (1, 1),
            /// DLD2: the top bit of the duration limit descriptor index ([`Read16::dld`]).
            bit dld2 = "DLD2" (1, 0),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// TRANSFER LENGTH in blocks (0 transfers nothing).
            int transfer_length: u32 = "TRANSFER LENGTH" (10),
            /// DLD1.
            bit dld1 = "DLD1" (14, 7),
            /// DLD0.
            bit dld0 = "DLD0" (14, 6),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// WRITE(16) (8Ah): 64-bit LBA, 32-bit block count, duration limit descriptor.
    ///
    /// ```
    /// use scsi_cdb::Write16;
    /// let w = Write16::new(0xFFFF_FFFF_FFFF, 1);
    /// assert_eq!(w.to_bytes(), [0x8A, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1, 0, 0]);
    /// ```
    pub struct Write16 {
        len: 16, opcode: WRITE_16, service_action: None, direction: ToDevice,
        transfer: |s| blocks(s.transfer_length),
        fields: {
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (1, 1, 5, 3),
            /// DPO: disable page out.
            bit dpo = "DPO" (1, 4),
            /// FUA: force unit access.
            bit fua = "FUA" (1, 3),
            /// Bit 1, obsolete; kept so a decoded CDB encodes back unchanged.
            bit obsolete = "Obsolete" (1, 1),
            /// DLD2: the top bit of the duration limit descriptor index ([`Write16::dld`]).
            bit dld2 = "DLD2" (1, 0),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (2),
            /// TRANSFER LENGTH in blocks (0 transfers nothing).
            int transfer_length: u32 = "TRANSFER LENGTH" (10),
            /// DLD1.
            bit dld1 = "DLD1" (14, 7),
            /// DLD0.
            bit dld0 = "DLD0" (14, 6),
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

macro_rules! rw16_dld {
    ($($t:ident),*) => {$(
        impl $t {
            /// The duration limit descriptor index (DLD2:DLD0).
            #[must_use]
            pub const fn dld(&self) -> Dld {
                Dld(((self.dld2 as u8) << 2) | ((self.dld1 as u8) << 1) | self.dld0 as u8)
            }

            /// The command with DLD2:DLD0 set from `dld`.
            #[must_use]
            pub const fn with_dld(mut self, dld: Dld) -> Self {
                self.dld2 = dld.0 & 4 != 0;
                self.dld1 = dld.0 & 2 != 0;
                self.dld0 = dld.0 & 1 != 0;
                self
            }
        }
    )*};
}
rw16_dld!(Read16, Write16);

// ---------------------------------------------------------------------------------------------
// The 32-byte forms.

cdb_command! {
    /// READ(32) (7Fh/0009h), for protection information type 2: carries the expected reference
    /// tag, application tag and mask.
    ///
    /// ```
    /// use scsi_cdb::{Cdb, ProtectionTags, Read32};
    /// let tags = ProtectionTags {
    ///     expected_initial_logical_block_reference_tag: 0x1000,
    ///     expected_logical_block_application_tag: 0xBEEF,
    ///     logical_block_application_tag_mask: 0xFFFF,
    /// };
    /// let r = Read32 { protection_tags: tags, ..Read32::new(0x1000, 8) };
    /// let b = r.to_bytes();
    /// assert_eq!(&b[..10], &[0x7F, 0, 0, 0, 0, 0, 0, 0x18, 0x00, 0x09]);
    /// assert_eq!(&b[20..28], &[0, 0, 0x10, 0, 0xBE, 0xEF, 0xFF, 0xFF]);
    /// assert_eq!(r.cdb_len(), 32);
    /// ```
    pub struct Read32 {
        len: 32, opcode: VARIABLE_LENGTH, service_action: Some(0x0009), direction: FromDevice,
        transfer: |s| blocks(s.transfer_length),
        protection_tags: protection_tags at 20,
        fields: {
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// RDPROTECT.
            val rdprotect: Protect = "RDPROTECT" (10, 1, 5, 3),
            /// DPO: disable page out.
            bit dpo = "DPO" (10, 4),
            /// FUA: force unit access.
            bit fua = "FUA" (10, 3),
            /// RARC: rebuild assist recovery control.
            bit rarc = "RARC" (10, 2),
            /// Bits 1:0, obsolete; kept so a decoded CDB encodes back unchanged.
            val obsolete: U2 = "Obsolete" (10, 1, 0, 2),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (12),
            /// TRANSFER LENGTH in blocks (0 transfers nothing).
            int transfer_length: u32 = "TRANSFER LENGTH" (28),
        }
    }
}

cdb_command! {
    /// WRITE(32) (7Fh/000Bh), for protection information type 2.
    ///
    /// ```
    /// use scsi_cdb::Write32;
    /// let b = Write32 { fua: true, ..Write32::new(2, 3) }.to_bytes();
    /// assert_eq!(&b[8..11], &[0x00, 0x0B, 0x08]);
    /// assert_eq!(&b[28..32], &[0, 0, 0, 3]);
    /// ```
    pub struct Write32 {
        len: 32, opcode: VARIABLE_LENGTH, service_action: Some(0x000B), direction: ToDevice,
        transfer: |s| blocks(s.transfer_length),
        protection_tags: protection_tags at 20,
        fields: {
            /// GROUP NUMBER.
            val group_number: GroupNumber = "GROUP NUMBER" (6, 1, 0, 6),
            /// WRPROTECT.
            val wrprotect: Protect = "WRPROTECT" (10, 1, 5, 3),
            /// DPO: disable page out.
            bit dpo = "DPO" (10, 4),
            /// FUA: force unit access.
            bit fua = "FUA" (10, 3),
            /// Bits 1:0, obsolete; kept so a decoded CDB encodes back unchanged.
            val obsolete: U2 = "Obsolete" (10, 1, 0, 2),
            /// LOGICAL BLOCK ADDRESS.
            int lba: u64 = "LOGICAL BLOCK ADDRESS" (12),
            /// TRANSFER LENGTH in blocks (0 transfers nothing).
            int transfer_length: u32 = "TRANSFER LENGTH" (28),
        }
    }
}

/// The infallible named constructors: every value of the argument types fits the CDB.
macro_rules! rw_new {
    ($($t:ident($lba:ty, $n:ty)),*) => {$(
        impl $t {
            /// `transfer_length` blocks at `lba` (0 blocks transfers nothing); every other field
            /// zero.
            #[must_use]
            pub fn new(lba: $lba, transfer_length: $n) -> Self {
                Self { lba, transfer_length, ..Self::default() }
            }
        }
    )*};
}
/// The checked constructors of the forms whose LBA or count is narrower than `u64` / `u32`.
macro_rules! rw_try_new {
    ($($t:ident($n:ty)),*) => {$(
        impl $t {
            /// [`Self::new`] from a 64-bit LBA and a 32-bit count, as a caller holds them.
            ///
            /// # Errors
            /// [`BuildError::LbaTooLarge`] above `u32::MAX`, [`BuildError::LengthTooLarge`] when
            /// the count does not fit TRANSFER LENGTH.
            pub fn try_new(lba: u64, transfer_length: u32) -> Result<Self, BuildError> {
                let Ok(l) = u32::try_from(lba) else {
                    return Err(BuildError::LbaTooLarge { lba, max: u64::from(u32::MAX) });
                };
                if u64::from(transfer_length) > u64::from(<$n>::MAX) {
                    return Err(BuildError::LengthTooLarge {
                        len: u64::from(transfer_length),
                        max: u64::from(<$n>::MAX),
                    });
                }
                let n = transfer_length as $n;
                Ok(Self::new(l, n))
            }
        }
    )*};
}
rw_try_new!(Read10(u16), Write10(u16), Read12(u32), Write12(u32));

rw_new!(
    Read10(u32, u16),
    Write10(u32, u16),
    Read12(u32, u32),
    Write12(u32, u32),
    Read16(u64, u32),
    Write16(u64, u32),
    Read32(u64, u32),
    Write32(u64, u32)
);

// ---------------------------------------------------------------------------------------------
// Best fit: a policy over the structs above.

/// CDB sizes of the READ/WRITE family.
///
/// ```rust
/// use scsi_cdb::{BestFit, CdbSize, ReadAny, RwParams};
/// // Always 16-byte CDBs, as Linux sd's use_16_for_rw does on large disks.
/// let policy = BestFit { min: CdbSize::Sixteen, ..BestFit::default() };
/// let p = RwParams { lba: 0, transfer_length: 8, ..RwParams::default() };
/// let mut out = [0u8; 32];
/// assert_eq!(ReadAny::encode_best_fit(&p, policy, &mut out)?, 16);
/// assert_eq!(out[0], 0x88); // READ(16)
/// assert!(CdbSize::Six < CdbSize::Ten);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CdbSize {
    /// READ(6)/WRITE(6).
    Six,
    /// READ(10)/WRITE(10).
    Ten,
    /// READ(12)/WRITE(12).
    Twelve,
    /// READ(16)/WRITE(16).
    Sixteen,
    /// READ(32)/WRITE(32).
    ThirtyTwo,
}

/// Policy of [`ReadAny::best_fit`] and [`WriteAny::best_fit`].
///
/// The default matches the Linux sd driver: start at 10 bytes (many modern devices reject the
/// 6-byte forms), skip 12 (rarely implemented by disks) and go to 16 when the LBA or count does
/// not fit. FreeBSD CAM's `scsi_read_write` corresponds to `min: Six, use_12: true`.
///
/// ```rust
/// use scsi_cdb::{BestFit, CdbSize, RwParams, WriteAny};
/// // 65536 blocks do not fit WRITE(10)'s 16-bit count: sd goes to 16 bytes, CAM to 12.
/// let p = RwParams { lba: 0x1234, transfer_length: 0x1_0000, ..RwParams::default() };
/// assert!(matches!(WriteAny::best_fit(&p, BestFit::default())?, WriteAny::Sixteen(_)));
/// let cam = BestFit { min: CdbSize::Six, use_12: true };
/// let mut out = [0u8; 32];
/// let n = WriteAny::encode_best_fit(&p, cam, &mut out)?;
/// assert_eq!(out[..n], [0xAA, 0, 0, 0, 0x12, 0x34, 0, 1, 0, 0, 0, 0]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BestFit {
    /// The smallest CDB to use (`Sixteen` to force READ(16) on devices above 2 TiB, as sd's
    /// `use_16_for_rw`).
    pub min: CdbSize,
    /// Whether the 12-byte form may be chosen between 10 and 16.
    pub use_12: bool,
}

impl Default for BestFit {
    fn default() -> Self {
        Self { min: CdbSize::Ten, use_12: false }
    }
}

/// Everything a READ or WRITE can carry, for the best-fit policy.
///
/// ```rust
/// use scsi_cdb::{BestFit, GroupNumber, RwFlags, RwParams, WriteAny};
/// let p = RwParams {
///     lba: 0x0020_0000,
///     transfer_length: 16,
///     flags: RwFlags::FUA,
///     group_number: GroupNumber::new(3)?,
///     ..RwParams::default()
/// };
/// let mut out = [0u8; 16];
/// let n = WriteAny::encode_best_fit(&p, BestFit::default(), &mut out)?;
/// assert_eq!(out[..n], [0x2A, 0x08, 0x00, 0x20, 0x00, 0x00, 0x03, 0x00, 0x10, 0x00]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RwParams {
    /// LOGICAL BLOCK ADDRESS.
    pub lba: u64,
    /// TRANSFER LENGTH in blocks.
    pub transfer_length: u32,
    /// DPO / FUA / RARC.
    pub flags: RwFlags,
    /// RDPROTECT / WRPROTECT.
    pub protect: Protect,
    /// GROUP NUMBER.
    pub group_number: GroupNumber,
    /// Duration limit descriptor (16-byte form only).
    pub dld: Dld,
    /// Protection tags (32-byte form only): `Some` forces READ(32)/WRITE(32).
    pub protection_tags: Option<ProtectionTags>,
    /// CONTROL byte.
    pub control: Control,
}

/// One handler per CDB size, for the best-fit choice (`ReadAny::best_fit`, `encode_best_fit`).
struct Sizes<A, B, C, D, E> {
    six: A,
    ten: B,
    twelve: C,
    sixteen: D,
    thirty_two: E,
}

/// One "any size" enum and its best-fit policy for READ or WRITE. `$extra` sets the fields only
/// one direction has (RARC) from the parameters `$p`.
macro_rules! rw_any {
    (
        $(#[$m:meta])*
        $any:ident, $name:literal, $protect:ident, $rarc_ok:expr,
        [$t6:ident, $t10:ident, $t12:ident, $t16:ident, $t32:ident],
        |$p:ident| { $($extra:tt)* }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        pub enum $any {
            #[doc = concat!($name, "(6).")]
            Six($t6),
            #[doc = concat!($name, "(10).")]
            Ten($t10),
            #[doc = concat!($name, "(12).")]
            Twelve($t12),
            #[doc = concat!($name, "(16).")]
            Sixteen($t16),
            #[doc = concat!($name, "(32).")]
            ThirtyTwo($t32),
        }

        impl $any {
            /// Picks the smallest CDB that holds the LBA, the block count and every field set in
            /// `p`, as the Linux sd driver and FreeBSD CAM do.
            ///
            /// The 6-byte form is chosen only when the policy allows it, the LBA fits 21 bits,
            /// the count is 1 to 256 and no flag, PROTECT or GROUP NUMBER is set. A DLD needs the
            /// 16-byte form, protection tags the 32-byte form.
            ///
            /// # Errors
            /// [`BuildError::Conflict`] for RARC on a write.
            #[inline]
            pub fn best_fit($p: &RwParams, policy: BestFit) -> Result<Self, BuildError> {
                Self::fit($p, policy, (), Sizes {
                    six: |(), c| Self::Six(c),
                    ten: |(), c| Self::Ten(c),
                    twelve: |(), c| Self::Twelve(c),
                    sixteen: |(), c| Self::Sixteen(c),
                    thirty_two: |(), c| Self::ThirtyTwo(c),
                })
            }

            /// The choice of [`Self::best_fit`], handed to the one of `to` for the chosen size
            /// with `state` (so [`Self::encode_best_fit`] encodes the chosen command without
            /// building the enum first).
            #[inline(always)]
            fn fit<S, R>(
                $p: &RwParams,
                policy: BestFit,
                state: S,
                to: Sizes<
                    impl FnOnce(S, $t6) -> R,
                    impl FnOnce(S, $t10) -> R,
                    impl FnOnce(S, $t12) -> R,
                    impl FnOnce(S, $t16) -> R,
                    impl FnOnce(S, $t32) -> R,
                >,
            ) -> Result<R, BuildError> {
                if !$rarc_ok && $p.flags.contains(RwFlags::RARC) {
                    return Err(BuildError::Conflict("RARC is defined for reads only"));
                }
                let dpo = $p.flags.contains(RwFlags::DPO);
                let fua = $p.flags.contains(RwFlags::FUA);
                if $p.protection_tags.is_some() || policy.min == CdbSize::ThirtyTwo {
                    return Ok((to.thirty_two)(state, $t32 {
                        lba: $p.lba,
                        transfer_length: $p.transfer_length,
                        dpo,
                        fua,
                        $protect: $p.protect,
                        group_number: $p.group_number,
                        protection_tags: $p.protection_tags.unwrap_or_default(),
                        control: $p.control,
                        $($extra)*
                        ..$t32::default()
                    }));
                }
                let lba32 = u32::try_from($p.lba).ok();
                let no_dld = $p.dld.get() == 0;
                if policy.min == CdbSize::Six
                    && $p.flags.is_empty()
                    && $p.protect.get() == 0
                    && $p.group_number.get() == 0
                    && no_dld
                {
                    let small = lba32
                        .and_then(|l| U21::new(l).ok())
                        .zip(u16::try_from($p.transfer_length).ok().and_then(|n| Blocks6::new(n).ok()));
                    if let Some((lba, transfer_length)) = small {
                        return Ok((to.six)(state, $t6 { lba, transfer_length, control: $p.control }));
                    }
                }
                if let (Some(lba), true) = (lba32, no_dld) {
                    if policy.min <= CdbSize::Ten {
                        if let Ok(transfer_length) = u16::try_from($p.transfer_length) {
                            return Ok((to.ten)(state, $t10 {
                                lba,
                                transfer_length,
                                dpo,
                                fua,
                                $protect: $p.protect,
                                group_number: $p.group_number,
                                control: $p.control,
                                $($extra)*
                                ..$t10::default()
                            }));
                        }
                    }
                    if policy.use_12 && policy.min <= CdbSize::Twelve {
                        return Ok((to.twelve)(state, $t12 {
                            lba,
                            transfer_length: $p.transfer_length,
                            dpo,
                            fua,
                            $protect: $p.protect,
                            group_number: $p.group_number,
                            control: $p.control,
                            $($extra)*
                            ..$t12::default()
                        }));
                    }
                }
                Ok((to.sixteen)(state, $t16 {
                    lba: $p.lba,
                    transfer_length: $p.transfer_length,
                    dpo,
                    fua,
                    $protect: $p.protect,
                    group_number: $p.group_number,
                    control: $p.control,
                    $($extra)*
                    ..$t16::default()
                }.with_dld($p.dld)))
            }

            /// [`Self::best_fit`] and [`Cdb::encode_into`] in one step, for the per-I/O hot
            /// path: writes the chosen CDB at the start of `out` and returns its length.
            ///
            /// # Errors
            /// As [`Self::best_fit`], and [`BuildError::BufferTooSmall`].
            #[inline]
            pub fn encode_best_fit(p: &RwParams, policy: BestFit, out: &mut [u8]) -> Result<usize, BuildError> {
                Self::fit(p, policy, out, Sizes {
                    six: |o: &mut [u8], c: $t6| c.encode_into(o),
                    ten: |o: &mut [u8], c: $t10| c.encode_into(o),
                    twelve: |o: &mut [u8], c: $t12| c.encode_into(o),
                    sixteen: |o: &mut [u8], c: $t16| c.encode_into(o),
                    thirty_two: |o: &mut [u8], c: $t32| c.encode_into(o),
                })?
            }

            /// Decodes any size by its operation code (and, for 7Fh, service action).
            ///
            /// # Errors
            /// As the size-specific decoders; [`DecodeError::WrongOpcode`] for another command.
            pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
                let op = OpCode(*cdb.first().ok_or(DecodeError::truncated(1, 0))?);
                match op {
                    o if o == $t6::OPCODE => $t6::decode(cdb).map(Self::Six),
                    o if o == $t10::OPCODE => $t10::decode(cdb).map(Self::Ten),
                    o if o == $t12::OPCODE => $t12::decode(cdb).map(Self::Twelve),
                    o if o == $t16::OPCODE => $t16::decode(cdb).map(Self::Sixteen),
                    OpCode::VARIABLE_LENGTH => $t32::decode(cdb).map(Self::ThirtyTwo),
                    o => Err(DecodeError::WrongOpcode { expected: $t10::OPCODE.0, found: o.0 }),
                }
            }

            /// The LOGICAL BLOCK ADDRESS.
            #[must_use]
            pub const fn lba(&self) -> u64 {
                match self {
                    Self::Six(c) => c.lba.get() as u64,
                    Self::Ten(c) => c.lba as u64,
                    Self::Twelve(c) => c.lba as u64,
                    Self::Sixteen(c) => c.lba,
                    Self::ThirtyTwo(c) => c.lba,
                }
            }

            /// The number of blocks (the 6-byte form's 0 read as 256).
            #[must_use]
            pub const fn transfer_length(&self) -> u32 {
                match self {
                    Self::Six(c) => c.transfer_length.get() as u32,
                    Self::Ten(c) => c.transfer_length as u32,
                    Self::Twelve(c) => c.transfer_length,
                    Self::Sixteen(c) => c.transfer_length,
                    Self::ThirtyTwo(c) => c.transfer_length,
                }
            }

            fn inner(&self) -> &dyn Cdb {
                match self {
                    Self::Six(c) => c,
                    Self::Ten(c) => c,
                    Self::Twelve(c) => c,
                    Self::Sixteen(c) => c,
                    Self::ThirtyTwo(c) => c,
                }
            }
        }

        impl Cdb for $any {
            #[inline]
            fn opcode(&self) -> OpCode {
                self.inner().opcode()
            }
            #[inline]
            fn service_action(&self) -> Option<ServiceAction> {
                self.inner().service_action()
            }
            #[inline]
            fn cdb_len(&self) -> usize {
                self.inner().cdb_len()
            }
            #[inline]
            fn encode_into(&self, out: &mut [u8]) -> Result<usize, BuildError> {
                match self {
                    Self::Six(c) => c.encode_into(out),
                    Self::Ten(c) => c.encode_into(out),
                    Self::Twelve(c) => c.encode_into(out),
                    Self::Sixteen(c) => c.encode_into(out),
                    Self::ThirtyTwo(c) => c.encode_into(out),
                }
            }
            #[inline]
            fn direction(&self) -> DataDirection {
                self.inner().direction()
            }
            #[inline]
            fn transfer(&self) -> Transfer {
                self.inner().transfer()
            }
        }

        impl From<$t6> for $any {
            fn from(c: $t6) -> Self {
                Self::Six(c)
            }
        }
        impl From<$t10> for $any {
            fn from(c: $t10) -> Self {
                Self::Ten(c)
            }
        }
        impl From<$t12> for $any {
            fn from(c: $t12) -> Self {
                Self::Twelve(c)
            }
        }
        impl From<$t16> for $any {
            fn from(c: $t16) -> Self {
                Self::Sixteen(c)
            }
        }
        impl From<$t32> for $any {
            fn from(c: $t32) -> Self {
                Self::ThirtyTwo(c)
            }
        }
    };
}

rw_any!(
    /// A READ of any size: what [`ReadAny::best_fit`] returns and [`ReadAny::decode`] reads.
    ///
    /// ```
    /// use scsi_cdb::{BestFit, Cdb, CdbSize, ReadAny, RwParams};
    /// let p = RwParams { lba: 0x1_0000_0000, transfer_length: 8, ..RwParams::default() };
    /// assert_eq!(ReadAny::best_fit(&p, BestFit::default())?.cdb_len(), 16);
    /// let p = RwParams { lba: 100, transfer_length: 8, ..RwParams::default() };
    /// assert_eq!(ReadAny::best_fit(&p, BestFit::default())?.cdb_len(), 10);
    /// let six = BestFit { min: CdbSize::Six, use_12: false };
    /// assert_eq!(ReadAny::best_fit(&p, six)?.cdb_len(), 6);
    /// let mut out = [0u8; 32];
    /// assert_eq!(ReadAny::encode_best_fit(&p, BestFit::default(), &mut out)?, 10);
    /// assert_eq!(&out[..10], &[0x28, 0, 0, 0, 0, 100, 0, 0, 8, 0]);
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    ReadAny, "READ", rdprotect, true,
    [Read6, Read10, Read12, Read16, Read32],
    |p| { rarc: p.flags.contains(RwFlags::RARC), }
);

rw_any!(
    /// A WRITE of any size: what [`WriteAny::best_fit`] returns and [`WriteAny::decode`] reads.
    ///
    /// ```
    /// use scsi_cdb::{BestFit, Cdb, RwFlags, RwParams, WriteAny};
    /// let p = RwParams { lba: 7, transfer_length: 0x1_0000, ..RwParams::default() };
    /// assert_eq!(WriteAny::best_fit(&p, BestFit::default())?.cdb_len(), 16);
    /// let rarc = RwParams { flags: RwFlags::RARC, ..p };
    /// assert!(WriteAny::best_fit(&rarc, BestFit::default()).is_err());
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    WriteAny, "WRITE", wrprotect, false,
    [Write6, Write10, Write12, Write16, Write32],
    |p| {}
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldPointer;

    #[test]
    fn construct_known_answers() {
        // Hand-built from SBC-5 tables: opcode, flags, LBA, group, length, control.
        assert_eq!(Read6::new(0, 256).unwrap().to_bytes(), [0x08, 0, 0, 0, 0, 0]);
        let r16 = Read16::new(0, 1).with_dld(Dld::new(7).unwrap());
        assert_eq!(r16.to_bytes()[1], 0x01);
        assert_eq!(r16.to_bytes()[14], 0xC0);
        assert_eq!(Read16::decode(&r16.to_bytes()).unwrap().dld(), Dld::new(7).unwrap());
        let b = Read32 { rarc: true, ..Read32::new(1, 2) }.to_bytes();
        assert_eq!(b[10], 0x04);
    }

    #[test]
    fn decode_rejects_reserved_bits() {
        let mut c = Read10::new(1, 1).to_bytes();
        c[6] = 0x40;
        assert_eq!(Read10::decode(&c), Err(DecodeError::InvalidField(FieldPointer::bit(6, 6))));
        let mut c = Write10::new(1, 1).to_bytes();
        c[1] = 0x04; // RARC is reserved for writes
        assert_eq!(Write10::decode(&c), Err(DecodeError::InvalidField(FieldPointer::bit(1, 2))));
        let mut c = Read6::new(1, 1).unwrap().to_bytes();
        c[1] = 0x20;
        assert_eq!(Read6::decode(&c), Err(DecodeError::InvalidField(FieldPointer::bit(1, 5))));
        let mut c = Read32::new(1, 1).to_bytes();
        c[7] = 0x10;
        assert_eq!(Read32::decode(&c), Err(DecodeError::InvalidField(FieldPointer::byte(7))));
        assert_eq!(Read6::decode(&[0x08, 0, 0, 0, 0, 0]).unwrap().transfer_length.get(), 256);
    }

    #[test]
    fn best_fit_edges() {
        let pick = |lba, transfer_length, policy| {
            let p = RwParams { lba, transfer_length, ..RwParams::default() };
            ReadAny::best_fit(&p, policy).unwrap().cdb_len()
        };
        let six = BestFit { min: CdbSize::Six, use_12: true };
        assert_eq!(pick(0x1F_FFFF, 256, six), 6);
        assert_eq!(pick(0x20_0000, 256, six), 10);
        assert_eq!(pick(0, 0, six), 10); // zero blocks cannot be said in READ(6)
        assert_eq!(pick(0, 257, six), 10);
        assert_eq!(pick(0, 0x1_0000, six), 12);
        assert_eq!(pick(0, 0x1_0000, BestFit::default()), 16);
        assert_eq!(pick(u64::from(u32::MAX) + 1, 1, six), 16);
        let thirty_two = BestFit { min: CdbSize::ThirtyTwo, use_12: false };
        assert_eq!(pick(0, 1, thirty_two), 32);
        let dld = RwParams { transfer_length: 1, dld: Dld::new(2).unwrap(), ..RwParams::default() };
        let r = ReadAny::best_fit(&dld, six).unwrap();
        assert!(matches!(r, ReadAny::Sixteen(c) if c.dld() == Dld::new(2).unwrap()));
        let all = RwParams { transfer_length: 1, flags: RwFlags::all(), ..RwParams::default() };
        assert!(matches!(ReadAny::best_fit(&all, six).unwrap(), ReadAny::Ten(c) if c.rarc && c.dpo && c.fua));
        assert!(WriteAny::best_fit(&all, six).is_err());
    }
}
