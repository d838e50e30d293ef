//! READ and WRITE (6), (10), (12), (16) and (32) (SBC-5 §5.12-5.20, §5.38-5.46), and the
//! auto-sizing [`ReadWrite::best_fit`].
//!
//! One generic type per CDB size, parameterized by direction: [`Read10`] is `Rw10<ReadKind>`,
//! [`Write10`] is `Rw10<WriteKind>`. The byte layouts of a READ and a WRITE of one size are the
//! same but for the opcode, the name of the PROTECT field and RARC (reads only).

use core::marker::PhantomData;

use zerocopy::byteorder::big_endian::{U16, U32, U64};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use super::{Cdb, Control, DataDirection, GroupNumber, Protect, Transfer, expect_cdb, reserved};
use crate::wire::U24;
use crate::{BuildError, DecodeError, FieldPointer, OpCode, ServiceAction};

bitflags::bitflags! {
    /// Cache-control flags of byte 1 (byte 10 in the 32-byte CDBs).
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

mod sealed {
    pub trait Sealed {}
}

/// Direction marker of the READ/WRITE types: [`ReadKind`] or [`WriteKind`].
pub trait RwKind: sealed::Sealed + Copy + Eq + core::fmt::Debug + Default {
    /// "READ" or "WRITE".
    const NAME: &'static str;
    /// Opcodes of the 6, 10, 12 and 16-byte forms.
    const OPS: [OpCode; 4];
    /// Service action of the 32-byte form.
    const SA32: ServiceAction;
    /// The direction of data.
    const DIRECTION: DataDirection;
    /// The flag bits this direction allows.
    const FLAGS: RwFlags;
}

/// Marker for READ commands (data-in; RDPROTECT; RARC allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ReadKind;

/// Marker for WRITE commands (data-out; WRPROTECT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct WriteKind;

impl sealed::Sealed for ReadKind {}
impl sealed::Sealed for WriteKind {}

impl RwKind for ReadKind {
    const NAME: &'static str = "READ";
    const OPS: [OpCode; 4] = [OpCode::READ_6, OpCode::READ_10, OpCode::READ_12, OpCode::READ_16];
    const SA32: ServiceAction = ServiceAction::READ_32;
    const DIRECTION: DataDirection = DataDirection::FromDevice;
    const FLAGS: RwFlags = RwFlags::all();
}

impl RwKind for WriteKind {
    const NAME: &'static str = "WRITE";
    const OPS: [OpCode; 4] = [OpCode::WRITE_6, OpCode::WRITE_10, OpCode::WRITE_12, OpCode::WRITE_16];
    const SA32: ServiceAction = ServiceAction::WRITE_32;
    const DIRECTION: DataDirection = DataDirection::ToDevice;
    const FLAGS: RwFlags = RwFlags::DPO.union(RwFlags::FUA);
}

/// The 3-bit duration limit descriptor index of READ(16)/WRITE(16) (SBC-5 §4.30): DLD2 in byte 1
/// bit 0, DLD1 and DLD0 in byte 14 bits 7:6. 0 selects no duration limit.
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

/// The protection-information check values of the 32-byte CDBs (SBC-5 §5.16): expected initial
/// logical block reference tag, expected logical block application tag and its mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ProtectionTags {
    /// EXPECTED INITIAL LOGICAL BLOCK REFERENCE TAG.
    pub initial_ref_tag: u32,
    /// EXPECTED LOGICAL BLOCK APPLICATION TAG.
    pub app_tag: u16,
    /// LOGICAL BLOCK APPLICATION TAG MASK.
    pub app_tag_mask: u16,
}

#[inline]
fn check_flags<K: RwKind>(flags: RwFlags) -> Result<RwFlags, BuildError> {
    if K::FLAGS.contains(flags) {
        Ok(flags)
    } else {
        Err(BuildError::Conflict("flag not defined for this command (RARC is for reads only)"))
    }
}

// ---------------------------------------------------------------------------------------------
// Wire layouts.

#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
struct Rw6Wire {
    op: u8,
    lba: U24,
    len: u8,
    control: u8,
}

#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
struct Rw10Wire {
    op: u8,
    b1: u8,
    lba: U32,
    group: u8,
    len: U16,
    control: u8,
}

#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
struct Rw12Wire {
    op: u8,
    b1: u8,
    lba: U32,
    len: U32,
    group: u8,
    control: u8,
}

#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
struct Rw16Wire {
    op: u8,
    b1: u8,
    lba: U64,
    len: U32,
    b14: u8,
    control: u8,
}

#[derive(FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
struct Rw32Wire {
    op: u8,
    control: u8,
    reserved2: [u8; 4],
    group: u8,
    additional_len: u8,
    sa: U16,
    b10: u8,
    reserved11: u8,
    lba: U64,
    ref_tag: U32,
    app_tag: U16,
    app_mask: U16,
    len: U32,
}

const _: () = assert!(size_of::<Rw6Wire>() == 6);
const _: () = assert!(size_of::<Rw10Wire>() == 10);
const _: () = assert!(size_of::<Rw12Wire>() == 12);
const _: () = assert!(size_of::<Rw16Wire>() == 16);
const _: () = assert!(size_of::<Rw32Wire>() == 32);

// ---------------------------------------------------------------------------------------------
// READ(6) / WRITE(6).

/// READ(6) or WRITE(6): 21-bit LBA, 1 to 256 blocks, no flags.
///
/// In the CDB a TRANSFER LENGTH of 0 means 256 blocks (SBC-5 §5.13). This type takes the real
/// count, 1 to 256, and writes 256 as 0; [`Rw6::decode`] reads 0 back as 256. There is no way to
/// ask READ(6) for zero blocks.
///
/// ```
/// use scsi_cdb::{Cdb, Read6};
/// let r = Read6::new(0x1F_FFFF, 256)?;
/// assert_eq!(r.to_bytes(), [0x08, 0x1F, 0xFF, 0xFF, 0x00, 0x00]);
/// assert_eq!(r.transfer_len(512), 256 * 512);
/// assert!(Read6::new(0x20_0000, 1).is_err());
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rw6<K> {
    lba: u32,
    blocks: u16,
    control: Control,
    kind: PhantomData<K>,
}

/// READ(6) (08h).
pub type Read6 = Rw6<ReadKind>;
/// WRITE(6) (0Ah).
pub type Write6 = Rw6<WriteKind>;

impl<K: RwKind> Rw6<K> {
    /// The largest LBA: 21 bits.
    pub const MAX_LBA: u64 = 0x1F_FFFF;
    /// The largest block count.
    pub const MAX_BLOCKS: u32 = 256;

    /// A 6-byte READ or WRITE of `blocks` (1 to 256) blocks at `lba` (at most 1F_FFFFh).
    ///
    /// # Errors
    /// [`BuildError::LbaTooLarge`], [`BuildError::LengthTooLarge`] above 256 blocks, and
    /// [`BuildError::LengthTooSmall`] for 0 blocks (the CDB cannot say zero).
    pub const fn new(lba: u64, blocks: u32) -> Result<Self, BuildError> {
        if lba > Self::MAX_LBA {
            return Err(BuildError::LbaTooLarge { lba, max: Self::MAX_LBA });
        }
        if blocks > Self::MAX_BLOCKS {
            return Err(BuildError::LengthTooLarge { len: blocks as u64, max: Self::MAX_BLOCKS as u64 });
        }
        if blocks == 0 {
            return Err(BuildError::LengthTooSmall { len: 0, min: 1 });
        }
        Ok(Self { lba: lba as u32, blocks: blocks as u16, control: Control::NONE, kind: PhantomData })
    }

    /// Sets the CONTROL byte.
    #[must_use]
    pub const fn control(mut self, control: Control) -> Self {
        self.control = control;
        self
    }

    /// The LBA.
    #[must_use]
    pub const fn lba(&self) -> u64 {
        self.lba as u64
    }

    /// The number of blocks, 1 to 256.
    #[must_use]
    pub const fn blocks(&self) -> u32 {
        self.blocks as u32
    }

    /// The encoded CDB.
    #[inline]
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 6] {
        zerocopy::transmute!(Rw6Wire {
            op: K::OPS[0].0,
            lba: U24::new(self.lba),
            len: self.blocks as u8,
            control: self.control.raw(),
        })
    }

    /// Decodes a READ(6)/WRITE(6) CDB (the first 6 bytes of `cdb`).
    ///
    /// # Errors
    /// Wrong opcode, fewer than 6 bytes, or a reserved bit set (byte 1 bits 7:5, the old LUN
    /// field; control byte bits 5:3).
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let w: Rw6Wire = zerocopy::transmute!(*expect_cdb::<6>(cdb, K::OPS[0])?);
        let lba = w.lba.get();
        reserved((lba >> 16) as u8, 0xE0, 1)?;
        let blocks = if w.len == 0 { 256 } else { u16::from(w.len) };
        Ok(Self { lba, blocks, control: Control::decode(w.control, 5)?, kind: PhantomData })
    }
}

impl<K: RwKind> Cdb for Rw6<K> {
    #[inline]
    fn opcode(&self) -> OpCode {
        K::OPS[0]
    }
    super::fixed_cdb_encode!(6);
    #[inline]
    fn direction(&self) -> DataDirection {
        K::DIRECTION
    }
    #[inline]
    fn transfer(&self) -> Transfer {
        Transfer::Blocks(u32::from(self.blocks))
    }
}

// ---------------------------------------------------------------------------------------------
// Shared parts of the 10, 12, 16 and 32-byte forms.

/// Setters and getters common to the sizes that have flags, PROTECT and GROUP NUMBER.
macro_rules! rw_common {
    ($ty:ident) => {
        impl<K: RwKind> $ty<K> {
            /// Sets or clears DPO (disable page out).
            #[must_use]
            pub const fn dpo(mut self, on: bool) -> Self {
                self.flags =
                    if on { self.flags.union(RwFlags::DPO) } else { self.flags.difference(RwFlags::DPO) };
                self
            }

            /// Sets or clears FUA (force unit access).
            #[must_use]
            pub const fn fua(mut self, on: bool) -> Self {
                self.flags =
                    if on { self.flags.union(RwFlags::FUA) } else { self.flags.difference(RwFlags::FUA) };
                self
            }

            /// Sets all cache-control flags at once.
            ///
            /// # Errors
            /// [`BuildError::Conflict`] for RARC on a write.
            pub fn with_flags(mut self, flags: RwFlags) -> Result<Self, BuildError> {
                self.flags = check_flags::<K>(flags)?;
                Ok(self)
            }

            /// Sets RDPROTECT (reads) or WRPROTECT (writes).
            #[must_use]
            pub const fn protect(mut self, protect: Protect) -> Self {
                self.protect = protect;
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

            /// The LBA.
            #[must_use]
            pub const fn lba(&self) -> u64 {
                self.lba as u64
            }

            /// The number of blocks (0 transfers nothing).
            #[must_use]
            pub const fn blocks(&self) -> u32 {
                self.blocks as u32
            }

            /// The cache-control flags.
            #[must_use]
            pub const fn flags(&self) -> RwFlags {
                self.flags
            }

            /// RDPROTECT or WRPROTECT.
            #[must_use]
            pub const fn protect_field(&self) -> Protect {
                self.protect
            }

            /// The GROUP NUMBER.
            #[must_use]
            pub const fn group_number(&self) -> GroupNumber {
                self.group
            }

            /// The CONTROL byte.
            #[must_use]
            pub const fn control_byte(&self) -> Control {
                self.control
            }

            /// Byte 1 (byte 10 of the 32-byte form): PROTECT, DPO, FUA, RARC.
            #[inline]
            const fn flag_byte(&self) -> u8 {
                (self.protect.get() << 5) | self.flags.bits()
            }
        }

        impl $ty<ReadKind> {
            /// Sets or clears RARC (rebuild assist recovery control).
            #[must_use]
            pub const fn rarc(mut self, on: bool) -> Self {
                self.flags =
                    if on { self.flags.union(RwFlags::RARC) } else { self.flags.difference(RwFlags::RARC) };
                self
            }
        }
    };
}

/// Reads the flag byte of a decoded CDB: PROTECT in 7:5, the direction's flags; bits 1:0 are
/// obsolete and ignored, any other bit is reserved.
fn decode_flag_byte<K: RwKind>(
    b: u8,
    byte: u16,
    extra_allowed: u8,
) -> Result<(Protect, RwFlags), DecodeError> {
    reserved(b, !(0xE0 | K::FLAGS.bits() | 0x03 | extra_allowed), byte)?;
    Ok((Protect::from_top3(b), RwFlags::from_bits_truncate(b) & K::FLAGS))
}

fn decode_group(b: u8, byte: u16) -> Result<GroupNumber, DecodeError> {
    reserved(b, 0xC0, byte)?;
    Ok(GroupNumber::from_low6(b))
}

macro_rules! rw_cdb_impl {
    ($ty:ident, $len:expr, $op_index:expr) => {
        impl<K: RwKind> Cdb for $ty<K> {
            #[inline]
            fn opcode(&self) -> OpCode {
                K::OPS[$op_index]
            }
            super::fixed_cdb_encode!($len);
            #[inline]
            fn direction(&self) -> DataDirection {
                if self.blocks == 0 { DataDirection::None } else { K::DIRECTION }
            }
            #[inline]
            fn transfer(&self) -> Transfer {
                if self.blocks == 0 { Transfer::None } else { Transfer::Blocks(self.blocks as u32) }
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// READ(10) / WRITE(10).

/// READ(10) or WRITE(10): 32-bit LBA, up to 65535 blocks.
///
/// ```
/// use scsi_cdb::{GroupNumber, Read10};
/// let r = Read10::new(0x1234_5678, 8)?.dpo(true).fua(true).group(GroupNumber::new(3)?);
/// assert_eq!(r.to_bytes(), [0x28, 0x18, 0x12, 0x34, 0x56, 0x78, 0x03, 0x00, 0x08, 0x00]);
/// assert!(Read10::new(1 << 32, 1).is_err());
/// assert!(Read10::new(0, 0x1_0000).is_err());
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rw10<K> {
    lba: u32,
    blocks: u16,
    flags: RwFlags,
    protect: Protect,
    group: GroupNumber,
    control: Control,
    kind: PhantomData<K>,
}

/// READ(10) (28h).
pub type Read10 = Rw10<ReadKind>;
/// WRITE(10) (2Ah).
pub type Write10 = Rw10<WriteKind>;

impl<K: RwKind> Rw10<K> {
    /// The largest LBA.
    pub const MAX_LBA: u64 = u32::MAX as u64;
    /// The largest block count.
    pub const MAX_BLOCKS: u32 = u16::MAX as u32;

    /// A 10-byte READ or WRITE.
    ///
    /// # Errors
    /// [`BuildError::LbaTooLarge`] above `u32::MAX`, [`BuildError::LengthTooLarge`] above 65535
    /// blocks.
    pub const fn new(lba: u64, blocks: u32) -> Result<Self, BuildError> {
        if lba > Self::MAX_LBA {
            return Err(BuildError::LbaTooLarge { lba, max: Self::MAX_LBA });
        }
        if blocks > Self::MAX_BLOCKS {
            return Err(BuildError::LengthTooLarge { len: blocks as u64, max: Self::MAX_BLOCKS as u64 });
        }
        Ok(Self {
            lba: lba as u32,
            blocks: blocks as u16,
            flags: RwFlags::empty(),
            protect: Protect::NONE,
            group: GroupNumber::NONE,
            control: Control::NONE,
            kind: PhantomData,
        })
    }

    /// The encoded CDB.
    #[inline]
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 10] {
        zerocopy::transmute!(Rw10Wire {
            op: K::OPS[1].0,
            b1: self.flag_byte(),
            lba: U32::new(self.lba),
            group: self.group.get(),
            len: U16::new(self.blocks),
            control: self.control.raw(),
        })
    }

    /// Decodes the first 10 bytes of `cdb`.
    ///
    /// # Errors
    /// Wrong opcode, fewer than 10 bytes, or a reserved bit set (the field pointer says where).
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let w: Rw10Wire = zerocopy::transmute!(*expect_cdb::<10>(cdb, K::OPS[1])?);
        let (protect, flags) = decode_flag_byte::<K>(w.b1, 1, 0)?;
        Ok(Self {
            lba: w.lba.get(),
            blocks: w.len.get(),
            flags,
            protect,
            group: decode_group(w.group, 6)?,
            control: Control::decode(w.control, 9)?,
            kind: PhantomData,
        })
    }
}

impl<K: RwKind> Rw10<K> {
    /// The 10-byte form of `p`; the caller has checked that the LBA and count fit.
    #[inline]
    const fn from_params(p: &RwParams, flags: RwFlags) -> Self {
        Self {
            lba: p.lba as u32,
            blocks: p.blocks as u16,
            flags,
            protect: p.protect,
            group: p.group,
            control: p.control,
            kind: PhantomData,
        }
    }
}

rw_common!(Rw10);
rw_cdb_impl!(Rw10, 10, 1);

// ---------------------------------------------------------------------------------------------
// READ(12) / WRITE(12).

/// READ(12) or WRITE(12): 32-bit LBA, 32-bit block count.
///
/// ```
/// use scsi_cdb::Write12;
/// let w = Write12::new(0x10, 0x1_0000)?.fua(true);
/// assert_eq!(w.to_bytes(), [0xAA, 0x08, 0, 0, 0, 0x10, 0, 1, 0, 0, 0, 0]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rw12<K> {
    lba: u32,
    blocks: u32,
    flags: RwFlags,
    protect: Protect,
    group: GroupNumber,
    control: Control,
    kind: PhantomData<K>,
}

/// READ(12) (A8h).
pub type Read12 = Rw12<ReadKind>;
/// WRITE(12) (AAh).
pub type Write12 = Rw12<WriteKind>;

impl<K: RwKind> Rw12<K> {
    /// The largest LBA.
    pub const MAX_LBA: u64 = u32::MAX as u64;

    /// A 12-byte READ or WRITE.
    ///
    /// # Errors
    /// [`BuildError::LbaTooLarge`] above `u32::MAX`.
    pub const fn new(lba: u64, blocks: u32) -> Result<Self, BuildError> {
        if lba > Self::MAX_LBA {
            return Err(BuildError::LbaTooLarge { lba, max: Self::MAX_LBA });
        }
        Ok(Self {
            lba: lba as u32,
            blocks,
            flags: RwFlags::empty(),
            protect: Protect::NONE,
            group: GroupNumber::NONE,
            control: Control::NONE,
            kind: PhantomData,
        })
    }

    /// The encoded CDB.
    #[inline]
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 12] {
        zerocopy::transmute!(Rw12Wire {
            op: K::OPS[2].0,
            b1: self.flag_byte(),
            lba: U32::new(self.lba),
            len: U32::new(self.blocks),
            group: self.group.get(),
            control: self.control.raw(),
        })
    }

    /// Decodes the first 12 bytes of `cdb`.
    ///
    /// # Errors
    /// Wrong opcode, fewer than 12 bytes, or a reserved bit set.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let w: Rw12Wire = zerocopy::transmute!(*expect_cdb::<12>(cdb, K::OPS[2])?);
        let (protect, flags) = decode_flag_byte::<K>(w.b1, 1, 0)?;
        Ok(Self {
            lba: w.lba.get(),
            blocks: w.len.get(),
            flags,
            protect,
            group: decode_group(w.group, 10)?,
            control: Control::decode(w.control, 11)?,
            kind: PhantomData,
        })
    }
}

rw_common!(Rw12);
rw_cdb_impl!(Rw12, 12, 2);

// ---------------------------------------------------------------------------------------------
// READ(16) / WRITE(16).

/// READ(16) or WRITE(16): 64-bit LBA, 32-bit block count, duration limit descriptor.
///
/// ```
/// use scsi_cdb::{GroupNumber, Protect, Read16};
/// // The same bytes libiscsi's scsi_cdb_read16(2^40 + 5, 4096, 512, 3, 0, 1, 0, 0x1f) makes.
/// let r = Read16::new((1 << 40) + 5, 8)?.protect(Protect::new(3)?).fua(true).group(GroupNumber::new(0x1F)?);
/// assert_eq!(r.to_bytes(), [0x88, 0x68, 0, 0, 0x01, 0, 0, 0, 0, 0x05, 0, 0, 0, 0x08, 0x1F, 0]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rw16<K> {
    lba: u64,
    blocks: u32,
    flags: RwFlags,
    protect: Protect,
    group: GroupNumber,
    dld: Dld,
    control: Control,
    kind: PhantomData<K>,
}

/// READ(16) (88h).
pub type Read16 = Rw16<ReadKind>;
/// WRITE(16) (8Ah).
pub type Write16 = Rw16<WriteKind>;

impl<K: RwKind> Rw16<K> {
    /// A 16-byte READ or WRITE. Every `u64` LBA and `u32` count fits.
    ///
    /// # Errors
    /// None today; the `Result` keeps the constructor shape of the other sizes.
    pub const fn new(lba: u64, blocks: u32) -> Result<Self, BuildError> {
        Ok(Self {
            lba,
            blocks,
            flags: RwFlags::empty(),
            protect: Protect::NONE,
            group: GroupNumber::NONE,
            dld: Dld::NONE,
            control: Control::NONE,
            kind: PhantomData,
        })
    }

    /// Sets the duration limit descriptor (DLD2:DLD0).
    #[must_use]
    pub const fn dld(mut self, dld: Dld) -> Self {
        self.dld = dld;
        self
    }

    /// The duration limit descriptor.
    #[must_use]
    pub const fn dld_field(&self) -> Dld {
        self.dld
    }

    /// The encoded CDB.
    #[inline]
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 16] {
        let d = self.dld.get();
        zerocopy::transmute!(Rw16Wire {
            op: K::OPS[3].0,
            b1: self.flag_byte() | (d >> 2),
            lba: U64::new(self.lba),
            len: U32::new(self.blocks),
            b14: ((d & 3) << 6) | self.group.get(),
            control: self.control.raw(),
        })
    }

    /// Decodes the first 16 bytes of `cdb`.
    ///
    /// # Errors
    /// Wrong opcode, fewer than 16 bytes, or a reserved bit set.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let w: Rw16Wire = zerocopy::transmute!(*expect_cdb::<16>(cdb, K::OPS[3])?);
        let (protect, flags) = decode_flag_byte::<K>(w.b1, 1, 0)?;
        Ok(Self {
            lba: w.lba.get(),
            blocks: w.len.get(),
            flags,
            protect,
            group: GroupNumber::from_low6(w.b14),
            dld: Dld(((w.b1 & 1) << 2) | (w.b14 >> 6)),
            control: Control::decode(w.control, 15)?,
            kind: PhantomData,
        })
    }
}

rw_common!(Rw16);
rw_cdb_impl!(Rw16, 16, 3);

// ---------------------------------------------------------------------------------------------
// READ(32) / WRITE(32).

/// READ(32) or WRITE(32) (variable-length CDB 7Fh, service action 0009h / 000Bh), for
/// protection information type 2: carries the expected reference tag, application tag and mask.
///
/// ```
/// use scsi_cdb::{Cdb, ProtectionTags, Read32};
/// let r = Read32::new(0x1000, 8)?.tags(ProtectionTags { initial_ref_tag: 0x1000, app_tag: 0xBEEF, app_tag_mask: 0xFFFF });
/// let b = r.to_bytes();
/// assert_eq!(&b[..10], &[0x7F, 0, 0, 0, 0, 0, 0, 0x18, 0x00, 0x09]);
/// assert_eq!(&b[20..28], &[0, 0, 0x10, 0, 0xBE, 0xEF, 0xFF, 0xFF]);
/// assert_eq!(r.cdb_len(), 32);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rw32<K> {
    lba: u64,
    blocks: u32,
    flags: RwFlags,
    protect: Protect,
    group: GroupNumber,
    tags: ProtectionTags,
    control: Control,
    kind: PhantomData<K>,
}

/// READ(32) (7Fh/0009h).
pub type Read32 = Rw32<ReadKind>;
/// WRITE(32) (7Fh/000Bh).
pub type Write32 = Rw32<WriteKind>;

/// ADDITIONAL CDB LENGTH of the 32-byte CDBs.
const ADDITIONAL_LEN_32: u8 = 0x18;

impl<K: RwKind> Rw32<K> {
    /// A 32-byte READ or WRITE. Every `u64` LBA and `u32` count fits.
    ///
    /// # Errors
    /// None today; the `Result` keeps the constructor shape of the other sizes.
    pub const fn new(lba: u64, blocks: u32) -> Result<Self, BuildError> {
        Ok(Self {
            lba,
            blocks,
            flags: RwFlags::empty(),
            protect: Protect::NONE,
            group: GroupNumber::NONE,
            tags: ProtectionTags { initial_ref_tag: 0, app_tag: 0, app_tag_mask: 0 },
            control: Control::NONE,
            kind: PhantomData,
        })
    }

    /// Sets the protection-information tags.
    #[must_use]
    pub const fn tags(mut self, tags: ProtectionTags) -> Self {
        self.tags = tags;
        self
    }

    /// The protection-information tags.
    #[must_use]
    pub const fn tags_field(&self) -> ProtectionTags {
        self.tags
    }

    /// The encoded CDB.
    #[inline]
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 32] {
        zerocopy::transmute!(Rw32Wire {
            op: OpCode::VARIABLE_LENGTH.0,
            control: self.control.raw(),
            reserved2: [0; 4],
            group: self.group.get(),
            additional_len: ADDITIONAL_LEN_32,
            sa: U16::new(K::SA32.0),
            b10: self.flag_byte(),
            reserved11: 0,
            lba: U64::new(self.lba),
            ref_tag: U32::new(self.tags.initial_ref_tag),
            app_tag: U16::new(self.tags.app_tag),
            app_mask: U16::new(self.tags.app_tag_mask),
            len: U32::new(self.blocks),
        })
    }

    /// Decodes the first 32 bytes of `cdb`.
    ///
    /// # Errors
    /// Wrong opcode or service action, an ADDITIONAL CDB LENGTH other than 18h, fewer than 32
    /// bytes, or a reserved bit set.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let w: Rw32Wire = zerocopy::transmute!(*expect_cdb::<32>(cdb, OpCode::VARIABLE_LENGTH)?);
        if w.sa.get() != K::SA32.0 {
            return Err(DecodeError::WrongServiceAction { expected: K::SA32.0, found: w.sa.get(), at: 8 });
        }
        if w.additional_len != ADDITIONAL_LEN_32 {
            return Err(DecodeError::InvalidField(FieldPointer::byte(7)));
        }
        for (i, b) in w.reserved2.iter().enumerate() {
            reserved(*b, 0xFF, 2 + i as u16)?;
        }
        reserved(w.reserved11, 0xFF, 11)?;
        let (protect, flags) = decode_flag_byte::<K>(w.b10, 10, 0)?;
        Ok(Self {
            lba: w.lba.get(),
            blocks: w.len.get(),
            flags,
            protect,
            group: decode_group(w.group, 6)?,
            tags: ProtectionTags {
                initial_ref_tag: w.ref_tag.get(),
                app_tag: w.app_tag.get(),
                app_tag_mask: w.app_mask.get(),
            },
            control: Control::decode(w.control, 1)?,
            kind: PhantomData,
        })
    }
}

rw_common!(Rw32);

impl<K: RwKind> Cdb for Rw32<K> {
    #[inline]
    fn opcode(&self) -> OpCode {
        OpCode::VARIABLE_LENGTH
    }
    #[inline]
    fn service_action(&self) -> Option<ServiceAction> {
        Some(K::SA32)
    }
    super::fixed_cdb_encode!(32);
    #[inline]
    fn direction(&self) -> DataDirection {
        if self.blocks == 0 { DataDirection::None } else { K::DIRECTION }
    }
    #[inline]
    fn transfer(&self) -> Transfer {
        if self.blocks == 0 { Transfer::None } else { Transfer::Blocks(self.blocks) }
    }
}

// ---------------------------------------------------------------------------------------------
// Best fit.

/// CDB sizes of the READ/WRITE family.
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

/// Policy of [`ReadWrite::best_fit`].
///
/// The default matches the Linux sd driver: start at 10 bytes (many modern devices reject the
/// 6-byte forms), skip 12 (rarely implemented by disks) and go to 16 when the LBA or count does
/// not fit. FreeBSD CAM's `scsi_read_write` corresponds to `min: Six, use_12: true`.
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

/// Everything a READ or WRITE can carry, for [`ReadWrite::best_fit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RwParams {
    /// First LBA.
    pub lba: u64,
    /// Number of logical blocks.
    pub blocks: u32,
    /// DPO / FUA / RARC.
    pub flags: RwFlags,
    /// RDPROTECT / WRPROTECT.
    pub protect: Protect,
    /// GROUP NUMBER.
    pub group: GroupNumber,
    /// Duration limit descriptor (16-byte form only).
    pub dld: Dld,
    /// Protection tags (32-byte form only): `Some` forces READ(32)/WRITE(32).
    pub tags: Option<ProtectionTags>,
    /// CONTROL byte.
    pub control: Control,
}

/// A READ or WRITE of any size: what [`ReadWrite::best_fit`] returns and what
/// [`ReadWrite::decode`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReadWrite<K> {
    /// 6-byte form.
    Six(Rw6<K>),
    /// 10-byte form.
    Ten(Rw10<K>),
    /// 12-byte form.
    Twelve(Rw12<K>),
    /// 16-byte form.
    Sixteen(Rw16<K>),
    /// 32-byte form.
    ThirtyTwo(Rw32<K>),
}

impl<K: RwKind> ReadWrite<K> {
    /// Picks the smallest CDB that holds the LBA, the block count and every field set in `p`,
    /// as the Linux sd driver and FreeBSD CAM do.
    ///
    /// READ(6) is chosen only when the policy allows it, the LBA fits 21 bits, the count is 1 to
    /// 256 and no flag, PROTECT or GROUP NUMBER is set. A DLD needs the 16-byte form, protection
    /// tags the 32-byte form.
    ///
    /// ```
    /// use scsi_cdb::{BestFit, Cdb, CdbSize, ReadBestFit, RwParams};
    /// let p = RwParams { lba: 0x1_0000_0000, blocks: 8, ..RwParams::default() };
    /// assert_eq!(ReadBestFit::best_fit(&p, BestFit::default())?.cdb_len(), 16);
    /// let p = RwParams { lba: 100, blocks: 8, ..RwParams::default() };
    /// assert_eq!(ReadBestFit::best_fit(&p, BestFit::default())?.cdb_len(), 10);
    /// let six = BestFit { min: CdbSize::Six, use_12: false };
    /// assert_eq!(ReadBestFit::best_fit(&p, six)?.cdb_len(), 6);
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    ///
    /// # Errors
    /// [`BuildError::Conflict`] for RARC on a write.
    #[inline]
    pub fn best_fit(p: &RwParams, policy: BestFit) -> Result<Self, BuildError> {
        let flags = check_flags::<K>(p.flags)?;
        if p.tags.is_some() || policy.min == CdbSize::ThirtyTwo {
            let tags = p.tags.unwrap_or_default();
            return Ok(Self::ThirtyTwo(Rw32 {
                lba: p.lba,
                blocks: p.blocks,
                flags,
                protect: p.protect,
                group: p.group,
                tags,
                control: p.control,
                kind: PhantomData,
            }));
        }
        let small_lba = p.lba <= u32::MAX as u64;
        let no_dld = p.dld.get() == 0;
        if policy.min == CdbSize::Six
            && p.lba <= Rw6::<K>::MAX_LBA
            && p.blocks.wrapping_sub(1) < 256
            && flags.is_empty()
            && p.protect.get() == 0
            && p.group.get() == 0
        {
            return Ok(Self::Six(Rw6 {
                lba: p.lba as u32,
                blocks: p.blocks as u16,
                control: p.control,
                kind: PhantomData,
            }));
        }
        if policy.min <= CdbSize::Ten && small_lba && p.blocks <= 0xFFFF && no_dld {
            return Ok(Self::Ten(Rw10::from_params(p, flags)));
        }
        if policy.use_12 && policy.min <= CdbSize::Twelve && small_lba && no_dld {
            return Ok(Self::Twelve(Rw12 {
                lba: p.lba as u32,
                blocks: p.blocks,
                flags,
                protect: p.protect,
                group: p.group,
                control: p.control,
                kind: PhantomData,
            }));
        }
        Ok(Self::Sixteen(Rw16 {
            lba: p.lba,
            blocks: p.blocks,
            flags,
            protect: p.protect,
            group: p.group,
            dld: p.dld,
            control: p.control,
            kind: PhantomData,
        }))
    }

    /// [`ReadWrite::best_fit`] and [`Cdb::encode_into`] in one step, for the per-I/O hot path:
    /// writes the chosen CDB at the start of `out` and returns its length.
    ///
    /// ```
    /// use scsi_cdb::{BestFit, ReadBestFit, RwParams};
    /// let mut out = [0u8; 32];
    /// let p = RwParams { lba: 0x1234, blocks: 8, ..RwParams::default() };
    /// assert_eq!(ReadBestFit::encode_best_fit(&p, BestFit::default(), &mut out)?, 10);
    /// assert_eq!(&out[..10], &[0x28, 0, 0, 0, 0x12, 0x34, 0, 0, 8, 0]);
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    ///
    /// # Errors
    /// As [`ReadWrite::best_fit`], and [`BuildError::BufferTooSmall`].
    #[inline]
    pub fn encode_best_fit(p: &RwParams, policy: BestFit, out: &mut [u8]) -> Result<usize, BuildError> {
        let flags = check_flags::<K>(p.flags)?;
        if p.tags.is_none()
            && policy.min <= CdbSize::Ten
            && p.lba <= u32::MAX as u64
            && p.blocks <= 0xFFFF
            && p.dld.get() == 0
            && (policy.min == CdbSize::Ten || p.blocks.wrapping_sub(1) >= 256 || p.lba > Rw6::<K>::MAX_LBA)
        {
            // The common case, READ(10)/WRITE(10), without building the enum.
            return Rw10::<K>::from_params(p, flags).encode_into(out);
        }
        Self::best_fit(p, policy)?.encode_into(out)
    }

    /// Decodes any READ (or WRITE) CDB by its opcode.
    ///
    /// # Errors
    /// As the size-specific decoders; [`DecodeError::WrongOpcode`] for another command.
    pub fn decode(cdb: &[u8]) -> Result<Self, DecodeError> {
        let op = OpCode(*cdb.first().ok_or(DecodeError::truncated(1, 0))?);
        match op {
            o if o == K::OPS[0] => Rw6::decode(cdb).map(Self::Six),
            o if o == K::OPS[1] => Rw10::decode(cdb).map(Self::Ten),
            o if o == K::OPS[2] => Rw12::decode(cdb).map(Self::Twelve),
            o if o == K::OPS[3] => Rw16::decode(cdb).map(Self::Sixteen),
            OpCode::VARIABLE_LENGTH => Rw32::decode(cdb).map(Self::ThirtyTwo),
            o => Err(DecodeError::WrongOpcode { expected: K::OPS[1].0, found: o.0 }),
        }
    }

    /// The LBA.
    #[must_use]
    pub const fn lba(&self) -> u64 {
        match self {
            Self::Six(c) => c.lba(),
            Self::Ten(c) => c.lba(),
            Self::Twelve(c) => c.lba(),
            Self::Sixteen(c) => c.lba(),
            Self::ThirtyTwo(c) => c.lba(),
        }
    }

    /// The number of blocks.
    #[must_use]
    pub const fn blocks(&self) -> u32 {
        match self {
            Self::Six(c) => c.blocks(),
            Self::Ten(c) => c.blocks(),
            Self::Twelve(c) => c.blocks(),
            Self::Sixteen(c) => c.blocks(),
            Self::ThirtyTwo(c) => c.blocks(),
        }
    }
}

/// Any READ, as [`ReadWrite::best_fit`] picks it.
pub type ReadBestFit = ReadWrite<ReadKind>;
/// Any WRITE, as [`ReadWrite::best_fit`] picks it.
pub type WriteBestFit = ReadWrite<WriteKind>;

impl<K: RwKind> Cdb for ReadWrite<K> {
    #[inline]
    fn opcode(&self) -> OpCode {
        match self {
            Self::Six(c) => c.opcode(),
            Self::Ten(c) => c.opcode(),
            Self::Twelve(c) => c.opcode(),
            Self::Sixteen(c) => c.opcode(),
            Self::ThirtyTwo(c) => c.opcode(),
        }
    }
    #[inline]
    fn service_action(&self) -> Option<ServiceAction> {
        match self {
            Self::ThirtyTwo(c) => c.service_action(),
            _ => None,
        }
    }
    #[inline]
    fn cdb_len(&self) -> usize {
        match self {
            Self::Six(_) => 6,
            Self::Ten(_) => 10,
            Self::Twelve(_) => 12,
            Self::Sixteen(_) => 16,
            Self::ThirtyTwo(_) => 32,
        }
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
        match self {
            Self::Six(c) => c.direction(),
            Self::Ten(c) => c.direction(),
            Self::Twelve(c) => c.direction(),
            Self::Sixteen(c) => c.direction(),
            Self::ThirtyTwo(c) => c.direction(),
        }
    }
    #[inline]
    fn transfer(&self) -> Transfer {
        match self {
            Self::Six(c) => c.transfer(),
            Self::Ten(c) => c.transfer(),
            Self::Twelve(c) => c.transfer(),
            Self::Sixteen(c) => c.transfer(),
            Self::ThirtyTwo(c) => c.transfer(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn construct_known_answers() {
        // Hand-built from SBC-5 tables: opcode, flags, LBA, group, length, control.
        let w = Write16::new(0xFFFF_FFFF_FFFF, 1).unwrap();
        assert_eq!(w.to_bytes(), [0x8A, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 1, 0, 0]);
        let r = Read6::new(0, 256).unwrap();
        assert_eq!(r.to_bytes(), [0x08, 0, 0, 0, 0, 0]);
        let r16 = Read16::new(0, 1).unwrap().dld(Dld::new(7).unwrap());
        assert_eq!(r16.to_bytes()[1], 0x01);
        assert_eq!(r16.to_bytes()[14], 0xC0);
        let w32 = Write32::new(2, 3).unwrap().fua(true);
        let b = w32.to_bytes();
        assert_eq!(&b[8..11], &[0x00, 0x0B, 0x08]);
        assert_eq!(&b[28..32], &[0, 0, 0, 3]);
    }

    #[test]
    fn decode_rejects_reserved_bits() {
        let mut c = Read10::new(1, 1).unwrap().to_bytes();
        c[6] = 0x40;
        assert_eq!(Read10::decode(&c), Err(DecodeError::InvalidField(FieldPointer::bit(6, 6))));
        let mut c = Write10::new(1, 1).unwrap().to_bytes();
        c[1] = 0x04; // RARC is reserved for writes
        assert_eq!(Write10::decode(&c), Err(DecodeError::InvalidField(FieldPointer::bit(1, 2))));
        let mut c = Read6::new(1, 1).unwrap().to_bytes();
        c[1] = 0x20;
        assert_eq!(Read6::decode(&c), Err(DecodeError::InvalidField(FieldPointer::bit(1, 5))));
        let mut c = Read32::new(1, 1).unwrap().to_bytes();
        c[7] = 0x10;
        assert_eq!(Read32::decode(&c), Err(DecodeError::InvalidField(FieldPointer::byte(7))));
    }

    #[test]
    fn decode_truncated_at_every_length() {
        let c = Read16::new(5, 5).unwrap().to_bytes();
        for n in 0..16 {
            assert_eq!(Read16::decode(&c[..n]), Err(DecodeError::truncated(16, n)));
        }
        assert!(Read16::decode(&c).is_ok());
    }

    #[test]
    fn write_rejects_rarc() {
        assert!(Write10::new(0, 1).unwrap().with_flags(RwFlags::RARC).is_err());
        assert!(Read10::new(0, 1).unwrap().with_flags(RwFlags::all()).is_ok());
    }

    #[test]
    fn best_fit_edges() {
        let pick = |lba, blocks, policy| {
            let p = RwParams { lba, blocks, ..RwParams::default() };
            ReadWrite::<ReadKind>::best_fit(&p, policy).unwrap().cdb_len()
        };
        let six = BestFit { min: CdbSize::Six, use_12: true };
        assert_eq!(pick(0x1F_FFFF, 256, six), 6);
        assert_eq!(pick(0x20_0000, 256, six), 10);
        assert_eq!(pick(0, 0, six), 10); // zero blocks cannot be said in READ(6)
        assert_eq!(pick(0, 257, six), 10);
        assert_eq!(pick(0, 0x1_0000, six), 12);
        assert_eq!(pick(0, 0x1_0000, BestFit::default()), 16);
        assert_eq!(pick(u64::from(u32::MAX) + 1, 1, six), 16);
    }
}
