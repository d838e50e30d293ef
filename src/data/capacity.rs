//! READ CAPACITY (10) and (16) parameter data (SBC-5 §5.21.2, §5.22.2).

use crate::DecodeError;
use crate::data::WriteData;
use crate::wire::{be16_at, be32_at, be64_at, put_at, zeroed_prefix};

/// READ CAPACITY (10) data layout (SBC-5 table 119): the one description its reader and
/// writer use.
pub(crate) mod field10 {
    /// RETURNED LOGICAL BLOCK ADDRESS.
    pub(crate) const LAST_LBA: usize = 0;
    /// LOGICAL BLOCK LENGTH IN BYTES.
    pub(crate) const BLOCK_LEN: usize = 4;
    /// The whole structure.
    pub(crate) const LEN: usize = 8;
}

/// READ CAPACITY (16) data layout (SBC-5 table 121).
pub(crate) mod field16 {
    use crate::wire::Bits;
    /// RETURNED LOGICAL BLOCK ADDRESS.
    pub(crate) const LAST_LBA: usize = 0;
    /// LOGICAL BLOCK LENGTH IN BYTES.
    pub(crate) const BLOCK_LEN: usize = 8;
    /// The part every answer must hold (Windows asks for 12).
    pub(crate) const MIN_LEN: usize = 12;
    /// P_TYPE.
    pub(crate) const P_TYPE: Bits = Bits::new(12, 1, 3);
    /// PROT_EN.
    pub(crate) const PROT_EN: Bits = Bits::flag(12, 0);
    /// P_I_EXPONENT.
    pub(crate) const P_I_EXPONENT: Bits = Bits::new(13, 4, 4);
    /// LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT.
    pub(crate) const LBPPBE: Bits = Bits::new(13, 0, 4);
    /// LBPME.
    pub(crate) const LBPME: Bits = Bits::flag(14, 7);
    /// LBPRZ.
    pub(crate) const LBPRZ: Bits = Bits::flag(14, 6);
    /// LOWEST ALIGNED LOGICAL BLOCK ADDRESS (14 bits of bytes 14-15).
    pub(crate) const LOWEST_ALIGNED: usize = 14;
    /// Mask of LOWEST ALIGNED LOGICAL BLOCK ADDRESS in its two bytes.
    pub(crate) const LOWEST_ALIGNED_MASK: u16 = 0x3FFF;
    /// The whole structure (bytes 16-31 reserved).
    pub(crate) const LEN: usize = 32;
    /// The bytes that carry fields (0-15).
    pub(crate) const FIELDS_LEN: usize = 16;
}

/// READ CAPACITY (10) data: 8 bytes.
///
/// ```
/// use scsi_cdb::data::{ReadCapacity10Data, WriteData};
/// let cap = ReadCapacity10Data { last_lba: 0x003B_9E0F, block_len: 2048 };
/// let mut out = [0u8; 8];
/// assert_eq!(cap.write(&mut out), 8);
/// assert_eq!(out, [0x00, 0x3B, 0x9E, 0x0F, 0x00, 0x00, 0x08, 0x00]);
/// assert_eq!(ReadCapacity10Data::parse(&out)?.blocks(), Some(0x3B_9E10));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadCapacity10Data {
    /// RETURNED LOGICAL BLOCK ADDRESS: the last LBA.
    pub last_lba: u32,
    /// LOGICAL BLOCK LENGTH IN BYTES.
    pub block_len: u32,
}

impl ReadCapacity10Data {
    /// Decodes the 8 bytes.
    ///
    /// ```
    /// use scsi_cdb::data::ReadCapacity10Data;
    /// let d = ReadCapacity10Data::parse(&[0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 2, 0])?;
    /// assert!(d.needs_read_capacity_16());
    /// assert_eq!(d.capacity_bytes(), None);
    /// # Ok::<(), scsi_cdb::DecodeError>(())
    /// ```
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below 8 bytes.
    pub fn parse(b: &[u8]) -> Result<Self, DecodeError> {
        match (be32_at(b, field10::LAST_LBA), be32_at(b, field10::BLOCK_LEN)) {
            (Some(last_lba), Some(block_len)) => Ok(Self { last_lba, block_len }),
            _ => Err(DecodeError::truncated(field10::LEN, b.len())),
        }
    }

    /// FFFF_FFFFh means the capacity does not fit: send READ CAPACITY (16).
    #[must_use]
    pub const fn needs_read_capacity_16(&self) -> bool {
        self.last_lba == u32::MAX
    }

    /// Number of logical blocks (last LBA + 1), unless the sentinel says to use (16).
    #[must_use]
    pub const fn blocks(&self) -> Option<u64> {
        if self.needs_read_capacity_16() { None } else { Some(self.last_lba as u64 + 1) }
    }

    /// Capacity in bytes (cannot overflow: at most 2^32 blocks of 2^32 bytes).
    #[must_use]
    pub const fn capacity_bytes(&self) -> Option<u128> {
        match self.blocks() {
            Some(n) => Some(n as u128 * self.block_len as u128),
            None => None,
        }
    }
}

/// READ CAPACITY (16) data: up to 32 bytes; fields past the end are `None`.
///
/// ```
/// use scsi_cdb::data::ReadCapacity16Data;
/// // A 2 TB 512e disk, asked for 12 bytes: 3,907,029,168 blocks of 512, fields past 11 absent.
/// let b = [0, 0, 0, 0, 0xE8, 0xE0, 0x88, 0xAF, 0, 0, 0x02, 0x00];
/// let d = ReadCapacity16Data::parse(&b)?;
/// assert_eq!((d.last_lba, d.block_len), (3_907_029_167, 512));
/// assert_eq!(d.capacity_bytes(), 2_000_398_934_016);
/// assert_eq!((d.lbppbe, d.physical_block_len()), (None, None));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadCapacity16Data {
    /// RETURNED LOGICAL BLOCK ADDRESS: the last LBA.
    pub last_lba: u64,
    /// LOGICAL BLOCK LENGTH IN BYTES.
    pub block_len: u32,
    /// P_TYPE (protection type - 1 when PROT_EN).
    pub p_type: Option<u8>,
    /// PROT_EN.
    pub prot_en: Option<bool>,
    /// P_I_EXPONENT.
    pub p_i_exponent: Option<u8>,
    /// LOGICAL BLOCKS PER PHYSICAL BLOCK EXPONENT.
    pub lbppbe: Option<u8>,
    /// LBPME: logical block provisioning management enabled (thin).
    pub lbpme: Option<bool>,
    /// LBPRZ: unmapped blocks read as zero.
    pub lbprz: Option<bool>,
    /// LOWEST ALIGNED LOGICAL BLOCK ADDRESS.
    pub lowest_aligned_lba: Option<u16>,
}

impl ReadCapacity16Data {
    /// Decodes at least 12 bytes (Windows asks for 12).
    ///
    /// ```
    /// use scsi_cdb::data::ReadCapacity16Data;
    /// let mut b = [0u8; 32];
    /// b[..8].copy_from_slice(&0x1_D1C0_BEAFu64.to_be_bytes());
    /// b[8..12].copy_from_slice(&512u32.to_be_bytes());
    /// b[12] = 0x03; // P_TYPE 1, PROT_EN
    /// b[13] = 0x13; // P_I_EXPONENT 1, LBPPBE 3
    /// b[14] = 0xC0; // LBPME, LBPRZ
    /// let d = ReadCapacity16Data::parse(&b)?;
    /// assert_eq!(d.capacity_bytes(), 7_814_037_168 * 512);
    /// assert_eq!(d.protection_type(), Some(2));
    /// assert_eq!(d.physical_block_len(), Some(4096));
    /// # Ok::<(), scsi_cdb::DecodeError>(())
    /// ```
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below 12 bytes.
    #[inline]
    pub fn parse(b: &[u8]) -> Result<Self, DecodeError> {
        // The usual answer holds every field: read it from a fixed-size array, where the
        // compiler proves each offset in bounds once; a shorter one goes field by field.
        match b.first_chunk::<{ field16::FIELDS_LEN }>() {
            Some(all) => Self::fields(all),
            None => Self::fields(b),
        }
    }

    #[inline(always)]
    fn fields(b: &[u8]) -> Result<Self, DecodeError> {
        use field16 as f;
        let (Some(last_lba), Some(block_len)) = (be64_at(b, f::LAST_LBA), be32_at(b, f::BLOCK_LEN)) else {
            return Err(DecodeError::truncated(f::MIN_LEN, b.len()));
        };
        Ok(Self {
            last_lba,
            block_len,
            p_type: f::P_TYPE.get(b),
            prot_en: f::PROT_EN.is_set(b),
            p_i_exponent: f::P_I_EXPONENT.get(b),
            lbppbe: f::LBPPBE.get(b),
            lbpme: f::LBPME.is_set(b),
            lbprz: f::LBPRZ.is_set(b),
            lowest_aligned_lba: be16_at(b, f::LOWEST_ALIGNED).map(|v| v & f::LOWEST_ALIGNED_MASK),
        })
    }

    /// Number of logical blocks (last LBA + 1; u64::MAX LBA gives 2^64 as u128).
    #[must_use]
    pub const fn blocks(&self) -> u128 {
        self.last_lba as u128 + 1
    }

    /// Capacity in bytes, without overflow.
    #[must_use]
    pub const fn capacity_bytes(&self) -> u128 {
        self.blocks() * self.block_len as u128
    }

    /// The protection type (1-3) when PROT_EN is set, `Some(0)` when clear.
    #[must_use]
    pub fn protection_type(&self) -> Option<u8> {
        Some(if self.prot_en? { self.p_type? + 1 } else { 0 })
    }

    /// Physical block length in bytes: block length << LBPPBE.
    #[must_use]
    pub fn physical_block_len(&self) -> Option<u64> {
        u64::from(self.block_len).checked_shl(u32::from(self.lbppbe?))
    }
}

/// The target side: 8 bytes.
impl WriteData for ReadCapacity10Data {
    fn total_len(&self) -> usize {
        field10::LEN
    }

    fn write(&self, out: &mut [u8]) -> usize {
        let out = zeroed_prefix(out, field10::LEN);
        put_at(out, field10::LAST_LBA, &self.last_lba.to_be_bytes());
        put_at(out, field10::BLOCK_LEN, &self.block_len.to_be_bytes());
        out.len()
    }
}

impl ReadCapacity16Data {
    /// The data for a device of `blocks` logical blocks of `block_len` bytes, with no
    /// protection, no provisioning and one logical block per physical block (`blocks` 0 gives
    /// last LBA 0).
    ///
    /// ```
    /// use scsi_cdb::data::{ReadCapacity16Data, WriteData};
    /// let cap = ReadCapacity16Data { lbpme: Some(true), ..ReadCapacity16Data::new(1 << 33, 4096) };
    /// let mut out = [0u8; 32];
    /// assert_eq!(cap.write(&mut out), 32);
    /// assert_eq!(ReadCapacity16Data::parse(&out)?, cap);
    /// # Ok::<(), scsi_cdb::DecodeError>(())
    /// ```
    #[must_use]
    pub const fn new(blocks: u64, block_len: u32) -> Self {
        Self {
            last_lba: blocks.saturating_sub(1),
            block_len,
            p_type: Some(0),
            prot_en: Some(false),
            p_i_exponent: Some(0),
            lbppbe: Some(0),
            lbpme: Some(false),
            lbprz: Some(false),
            lowest_aligned_lba: Some(0),
        }
    }
}

/// The target side: 32 bytes; a field that is `None` is written as zero.
impl WriteData for ReadCapacity16Data {
    fn total_len(&self) -> usize {
        field16::LEN
    }

    fn write(&self, out: &mut [u8]) -> usize {
        use field16 as f;
        let out = zeroed_prefix(out, f::LEN);
        put_at(out, f::LAST_LBA, &self.last_lba.to_be_bytes());
        put_at(out, f::BLOCK_LEN, &self.block_len.to_be_bytes());
        let aligned = self.lowest_aligned_lba.unwrap_or(0) & f::LOWEST_ALIGNED_MASK;
        put_at(out, f::LOWEST_ALIGNED, &aligned.to_be_bytes());
        f::P_TYPE.put(out, self.p_type.unwrap_or(0));
        f::PROT_EN.put_flag(out, self.prot_en.unwrap_or(false));
        f::P_I_EXPONENT.put(out, self.p_i_exponent.unwrap_or(0));
        f::LBPPBE.put(out, self.lbppbe.unwrap_or(0));
        f::LBPME.put_flag(out, self.lbpme.unwrap_or(false));
        f::LBPRZ.put_flag(out, self.lbprz.unwrap_or(false));
        out.len()
    }
}
