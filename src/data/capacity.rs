//! READ CAPACITY (10) and (16) parameter data (SBC-5 §5.21.2, §5.22.2).

use crate::DecodeError;
use crate::wire::{be32_at, be64_at, u8_at};

/// READ CAPACITY (10) data: 8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
        match (be32_at(b, 0), be32_at(b, 4)) {
            (Some(last_lba), Some(block_len)) => Ok(Self { last_lba, block_len }),
            _ => Err(DecodeError::truncated(8, b.len())),
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
    pub fn parse(b: &[u8]) -> Result<Self, DecodeError> {
        let (Some(last_lba), Some(block_len)) = (be64_at(b, 0), be32_at(b, 8)) else {
            return Err(DecodeError::truncated(12, b.len()));
        };
        let b12 = u8_at(b, 12);
        let b13 = u8_at(b, 13);
        let b14 = u8_at(b, 14);
        Ok(Self {
            last_lba,
            block_len,
            p_type: b12.map(|v| (v >> 1) & 7),
            prot_en: b12.map(|v| v & 1 != 0),
            p_i_exponent: b13.map(|v| v >> 4),
            lbppbe: b13.map(|v| v & 0x0F),
            lbpme: b14.map(|v| v & 0x80 != 0),
            lbprz: b14.map(|v| v & 0x40 != 0),
            lowest_aligned_lba: crate::wire::be16_at(b, 14).map(|v| v & 0x3FFF),
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
