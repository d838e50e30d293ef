//! Command descriptor blocks: typed builders for what a host sends, and decoders for what a
//! target receives.
//!
//! Every built command implements [`Cdb`]: it knows its bytes, its operation code, its data
//! direction and the number of bytes it expects to move, so a pass-through request (Linux
//! `SG_IO`, Windows `SCSI_PASS_THROUGH`, DriverKit `UserSendCDB`, an iSCSI PDU) can be filled
//! without looking at the CDB again.
//!
//! Builders validate their arguments when they are made: an LBA that does not fit READ(10) is a
//! [`BuildError`], never a truncated field. Encoding is then infallible and branch-light: a
//! fixed-size command has a `to_bytes()` that returns its `[u8; N]` array.
//!
//! ```
//! use scsi_cdb::{Cdb, Command, DataDirection, Read10};
//! let r = Read10::new(0x1000, 8);
//! let bytes = r.to_bytes();
//! assert_eq!(bytes, [0x28, 0, 0, 0, 0x10, 0, 0, 0, 8, 0]);
//! assert_eq!((r.direction(), r.transfer_len(512)), (DataDirection::FromDevice, 4096));
//! // A target decodes the same bytes back into the typed command.
//! assert!(matches!(Command::parse(&bytes)?, Command::Read10(d) if d == r));
//! # Ok::<(), scsi_cdb::DecodeError>(())
//! ```

#[cfg(feature = "arbitrary")]
mod arbitrary;
pub mod basic;
mod control;
pub mod decode;
pub mod explain;
pub mod layout;
mod raw;
pub mod read_write;
pub mod sat;
pub mod sbc;
pub mod spc;
pub mod sync_cache;
pub mod zbc;

#[cfg(feature = "arbitrary")]
pub use arbitrary::NearValidCdb;
pub use basic::{Inquiry, ReadCapacity10, ReadCapacity16, RequestSense, TestUnitReady};
pub use control::{Control, GroupNumber, Protect};
pub use decode::Command;
pub use layout::{FieldInfo, FieldValue, U2, U3, U4, U5, U6, U7, U21, U24, U48};
pub use raw::RawCdb;
pub use read_write::{
    BestFit, Blocks6, CdbSize, Dld, ProtectionTags, Read6, Read10, Read12, Read16, Read32, ReadAny, RwFlags,
    RwParams, Write6, Write10, Write12, Write16, Write32, WriteAny,
};
pub use sync_cache::{SynchronizeCache10, SynchronizeCache16};

use crate::{BuildError, OpCode, ServiceAction};

/// Which way data moves for a command, from the initiator's point of view.
///
/// ```rust
/// use scsi_cdb::{Cdb, DataDirection, Inquiry, SynchronizeCache10, Write10};
/// // INQUIRY reads, WRITE writes, SYNCHRONIZE CACHE moves no data.
/// assert_eq!(Inquiry::standard(36).direction(), DataDirection::FromDevice);
/// assert_eq!(Write10::new(0, 8).direction(), DataDirection::ToDevice);
/// assert_eq!(SynchronizeCache10::whole_medium().direction(), DataDirection::None);
/// // Linux SG_DXFER_FROM_DEV is -3, Windows SCSI_IOCTL_DATA_IN is 1.
/// assert_eq!(DataDirection::FromDevice.linux_sg_dxfer(), -3);
/// assert_eq!(DataDirection::FromDevice.windows_data_in(), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum DataDirection {
    /// No data phase (TEST UNIT READY, SYNCHRONIZE CACHE, a zero-length READ).
    None,
    /// Data-in: the device sends data to the host (READ, INQUIRY). Linux `SG_DXFER_FROM_DEV`,
    /// Windows `SCSI_IOCTL_DATA_IN`.
    FromDevice,
    /// Data-out: the host sends data to the device (WRITE, MODE SELECT). Linux
    /// `SG_DXFER_TO_DEV`, Windows `SCSI_IOCTL_DATA_OUT`.
    ToDevice,
}

impl DataDirection {
    /// The direction in words, as `scsi-decode` prints it: `none`, `from_device`, `to_device`.
    ///
    /// ```
    /// use scsi_cdb::DataDirection;
    /// assert_eq!(DataDirection::FromDevice.name(), "from_device");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::FromDevice => "from_device",
            Self::ToDevice => "to_device",
        }
    }

    /// The Linux `sg_io_hdr.dxfer_direction` value: `SG_DXFER_NONE` (-1), `SG_DXFER_TO_DEV` (-2)
    /// or `SG_DXFER_FROM_DEV` (-3).
    #[must_use]
    pub const fn linux_sg_dxfer(self) -> i32 {
        match self {
            Self::None => -1,
            Self::ToDevice => -2,
            Self::FromDevice => -3,
        }
    }

    /// The Windows `SCSI_PASS_THROUGH.DataIn` value: `SCSI_IOCTL_DATA_OUT` (0),
    /// `SCSI_IOCTL_DATA_IN` (1) or `SCSI_IOCTL_DATA_UNSPECIFIED` (2).
    #[must_use]
    pub const fn windows_data_in(self) -> u8 {
        match self {
            Self::ToDevice => 0,
            Self::FromDevice => 1,
            Self::None => 2,
        }
    }

    /// The DriverKit / IOKit `SCSIDataTransferDirection`: `kSCSIDataTransfer_NoDataTransfer`
    /// (0), `kSCSIDataTransfer_FromInitiatorToTarget` (1) or
    /// `kSCSIDataTransfer_FromTargetToInitiator` (2).
    #[must_use]
    pub const fn driverkit_direction(self) -> u8 {
        match self {
            Self::None => 0,
            Self::ToDevice => 1,
            Self::FromDevice => 2,
        }
    }
}

/// How much data a command expects to move, in the unit its CDB counts in.
///
/// ```rust
/// use scsi_cdb::cdb::sbc::FormatUnit;
/// use scsi_cdb::{Cdb, Inquiry, Read16, Transfer};
/// // INQUIRY counts bytes, READ counts blocks, FORMAT UNIT with FMTDATA states no length.
/// assert_eq!(Inquiry::standard(96).transfer(), Transfer::Bytes(96));
/// let read = Read16::new(0, 8);
/// assert_eq!((read.transfer(), read.transfer_len(4096)), (Transfer::Blocks(8), 32768));
/// let format = FormatUnit { fmtdata: true, ..FormatUnit::default() };
/// assert_eq!(format.transfer(), Transfer::ParameterList);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transfer {
    /// No data.
    None,
    /// A byte count (allocation length or parameter list length).
    Bytes(u32),
    /// A count of logical blocks; multiply by the logical block size.
    Blocks(u32),
    /// Data-out whose length the CDB does not state: the parameter list says it in its own
    /// header (FORMAT UNIT with FMTDATA set, REASSIGN BLOCKS). The direction is
    /// [`DataDirection::ToDevice`]; the initiator sends the whole list it built and uses that
    /// list's length as the transfer length; a target reads the header first. [`Transfer::bytes`]
    /// is 0 for it (nothing in the CDB to count); [`Transfer::known_bytes`] is `None`.
    ParameterList,
    /// The CDB says the transport states the length (SAT's T_LENGTH = 3, "in the TPSIU"): the
    /// length of the transfer the initiator's request carries, its buffer. The direction comes
    /// from the CDB (ATA PASS-THROUGH's T_DIR). [`Transfer::bytes`] is 0 for it;
    /// [`Transfer::known_bytes`] is `None`.
    Transport,
}

impl Transfer {
    /// The number of bytes, given the logical block size (ignored for byte counts).
    ///
    /// ```
    /// use scsi_cdb::Transfer;
    /// assert_eq!(Transfer::Blocks(8).bytes(4096), 32768);
    /// assert_eq!(Transfer::Bytes(36).bytes(512), 36);
    /// ```
    #[inline]
    #[must_use]
    pub const fn bytes(self, block_size: u32) -> u64 {
        match self {
            Self::None | Self::ParameterList | Self::Transport => 0,
            Self::Bytes(n) => n as u64,
            Self::Blocks(n) => n as u64 * block_size as u64,
        }
    }

    /// The number of bytes when the CDB states it; `None` for [`Transfer::ParameterList`],
    /// whose length is in the parameter list header, and [`Transfer::Transport`].
    ///
    /// ```
    /// use scsi_cdb::Transfer;
    /// assert_eq!(Transfer::None.known_bytes(512), Some(0));
    /// assert_eq!(Transfer::Blocks(2).known_bytes(512), Some(1024));
    /// assert_eq!(Transfer::ParameterList.known_bytes(512), None);
    /// ```
    #[inline]
    #[must_use]
    pub const fn known_bytes(self, block_size: u32) -> Option<u64> {
        match self {
            Self::ParameterList | Self::Transport => None,
            other => Some(other.bytes(block_size)),
        }
    }
}

impl core::fmt::Display for Transfer {
    /// `none`, `36 bytes`, `8 blocks`, `length given by the parameter list header`, or
    /// `length given by the transport`.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::None => f.write_str("none"),
            Self::Bytes(n) => write!(f, "{n} bytes"),
            Self::Blocks(n) => write!(f, "{n} blocks"),
            Self::ParameterList => f.write_str("length given by the parameter list header"),
            Self::Transport => f.write_str("length given by the transport"),
        }
    }
}

/// An encoded CDB of up to 260 bytes (the longest variable-length CDB), held by value.
/// [`Cdb::to_buf`] gives one for any command, raw vendor CDBs included.
///
/// ```
/// use scsi_cdb::{Cdb, DataDirection, OpCode, RawCdb};
/// let long = RawCdb::vendor(OpCode(0xC1), 260, &[1, 2, 3], DataDirection::None, 0)?;
/// let buf = long.to_buf()?;
/// assert_eq!(buf.as_bytes().len(), 260);
/// assert_eq!(&buf.as_bytes()[..4], &[0xC1, 1, 2, 3]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CdbBuf {
    bytes: [u8; CdbBuf::CAPACITY],
    len: u16,
}

impl CdbBuf {
    /// The largest CDB a `CdbBuf` holds: 8 + 252 bytes, as [`RawCdb::MAX_LEN`].
    pub const CAPACITY: usize = 260;

    /// Copies `bytes` (at most [`CdbBuf::CAPACITY`]) into a new buffer.
    ///
    /// # Errors
    /// [`BuildError::BufferTooSmall`] when `bytes` is longer than 260.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, BuildError> {
        let mut out = Self { bytes: [0; Self::CAPACITY], len: 0 };
        let n = crate::wire::write_prefix(&mut out.bytes, bytes)?;
        out.len = n as u16;
        Ok(out)
    }

    /// The CDB bytes.
    #[inline]
    #[must_use]
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }
}

impl AsRef<[u8]> for CdbBuf {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl core::fmt::Debug for CdbBuf {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "CdbBuf[{}]", crate::wire::Hex(self.as_bytes()))
    }
}

/// What every built command can tell about itself.
///
/// Filling a pass-through request from it:
///
/// | request field | Linux `sg_io_hdr` | Windows `SCSI_PASS_THROUGH(_DIRECT)` | DriverKit `SCSIType00OutParameters` |
/// | --- | --- | --- | --- |
/// | CDB bytes | `cmdp` from [`Cdb::encode_into`] | `Cdb` | `fCommandDescriptorBlock` |
/// | CDB length | `cmd_len` = [`Cdb::cdb_len`] | `CdbLength` | `fCommandDescriptorBlockSize` |
/// | direction | `dxfer_direction` = [`DataDirection::linux_sg_dxfer`] | `DataIn` = [`DataDirection::windows_data_in`] | `fDataTransferDirection` = [`DataDirection::driverkit_direction`] |
/// | length | `dxfer_len` = [`Cdb::transfer_len`] | `DataTransferLength` | `fRequestedByteCountOfTransfer` |
///
/// ```
/// use scsi_cdb::{Cdb, DataDirection, Inquiry, Read16};
/// let read = Read16::new(0x1_0000_0000, 8);
/// assert_eq!(read.direction(), DataDirection::FromDevice);
/// assert_eq!(read.transfer_len(512), 4096);
/// let mut out = [0u8; 16];
/// assert_eq!(read.encode_into(&mut out)?, 16);
/// let inq = Inquiry::standard(96);
/// assert_eq!(inq.to_bytes(), [0x12, 0, 0, 0, 96, 0]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
pub trait Cdb {
    /// The operation code (byte 0).
    fn opcode(&self) -> OpCode;

    /// The service action, for commands that carry one.
    fn service_action(&self) -> Option<ServiceAction> {
        None
    }

    /// The CDB length in bytes.
    fn cdb_len(&self) -> usize;

    /// Writes the CDB at the start of `out` and returns its length.
    ///
    /// # Errors
    /// [`BuildError::BufferTooSmall`] when `out` is shorter than [`Cdb::cdb_len`].
    fn encode_into(&self, out: &mut [u8]) -> Result<usize, BuildError>;

    /// The direction of the data phase.
    fn direction(&self) -> DataDirection;

    /// The expected data transfer, in the CDB's own unit.
    fn transfer(&self) -> Transfer;

    /// The expected data-transfer length in bytes, given the logical block size (used only by
    /// commands that count blocks). Put this in `dxfer_len` / `DataTransferLength`.
    fn transfer_len(&self, block_size: u32) -> u64 {
        self.transfer().bytes(block_size)
    }

    /// The encoded CDB in a [`CdbBuf`] (any CDB up to 260 bytes).
    ///
    /// # Errors
    /// [`BuildError::BufferTooSmall`] only for an implementation of this trait outside the
    /// crate whose CDB is longer than 260 bytes.
    fn to_buf(&self) -> Result<CdbBuf, BuildError> {
        let mut b = CdbBuf { bytes: [0; CdbBuf::CAPACITY], len: 0 };
        let n = self.encode_into(&mut b.bytes)?;
        b.len = n.min(CdbBuf::CAPACITY) as u16;
        Ok(b)
    }
}

/// Implements [`Cdb::encode_into`] and [`Cdb::cdb_len`] from an inherent `to_bytes() -> [u8; N]`.
macro_rules! fixed_cdb_encode {
    ($len:expr) => {
        #[inline]
        fn cdb_len(&self) -> usize {
            $len
        }

        #[inline]
        fn encode_into(&self, out: &mut [u8]) -> Result<usize, $crate::BuildError> {
            match out.first_chunk_mut::<{ $len }>() {
                Some(dst) => {
                    *dst = self.to_bytes();
                    Ok($len)
                }
                None => Err($crate::BuildError::buffer_too_small($len, out.len())),
            }
        }
    };
}
pub(crate) use fixed_cdb_encode;

/// Checks that a CDB slice is at least `len` bytes long and starts with `op`; returns the first
/// `len` bytes as an array.
pub(crate) fn expect_cdb<const N: usize>(cdb: &[u8], op: OpCode) -> Result<&[u8; N], crate::DecodeError> {
    let Some(arr) = cdb.first_chunk::<N>() else {
        return Err(crate::DecodeError::truncated(N, cdb.len()));
    };
    if arr[0] != op.0 {
        return Err(crate::DecodeError::WrongOpcode { expected: op.0, found: arr[0] });
    }
    Ok(arr)
}

/// Fails with an invalid-field error pointing at the highest set bit of `value & mask`.
#[inline]
pub(crate) fn reserved(value: u8, mask: u8, byte: u16) -> Result<(), crate::DecodeError> {
    let bad = value & mask;
    if bad == 0 {
        Ok(())
    } else {
        let bit = 7 - bad.leading_zeros() as u8;
        Err(crate::DecodeError::InvalidField(crate::FieldPointer::bit(byte, bit)))
    }
}
