//! REPORT ZONES parameter data (ZBC-2): a 64-byte header and 64-byte zone descriptors.

use crate::DecodeError;
use crate::wire::{be32_at, be64_at, clamped, u8_at};

/// REPORT ZONES data: header fields and the zone descriptors present.
///
/// ```
/// use scsi_cdb::data::{ReportZonesData, ZoneCondition, ZoneType};
/// let mut d = vec![0u8; 128];
/// d[3] = 64; // ZONE LIST LENGTH: one descriptor
/// d[64] = 0x02; // sequential write required
/// d[65] = 0x10; // empty
/// d[64 + 15] = 0x80; // zone length 128
/// let z = ReportZonesData::parse(&d)?;
/// let first = z.zones().next().unwrap();
/// assert_eq!((first.zone_type, first.condition, first.length), (ZoneType::SEQUENTIAL_WRITE_REQUIRED, ZoneCondition::EMPTY, 128));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportZonesData<'a> {
    /// ZONE LIST LENGTH as declared (64 per zone).
    pub zone_list_len: u32,
    /// SAME: how the zones relate (0 all different, 1 all the same type and length, ...).
    pub same: u8,
    /// MAXIMUM LBA.
    pub max_lba: u64,
    /// ZONE STARTING LBA GRANULARITY (ZBC-2), when present.
    pub zone_starting_lba_granularity: Option<u64>,
    list: &'a [u8],
}

/// ZONE TYPE.
///
/// ```
/// use scsi_cdb::data::ZoneType;
///
/// // The low 4 bits of byte 0 of a REPORT ZONES zone descriptor (ZBC-2).
/// assert_eq!(ZoneType(0x2), ZoneType::SEQUENTIAL_WRITE_REQUIRED);
/// assert_eq!(ZoneType::SEQUENTIAL_WRITE_REQUIRED.name(), Some("sequential write required"));
/// assert_eq!(ZoneType(0x9).name(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ZoneType(pub u8);

impl ZoneType {
    /// Conventional.
    pub const CONVENTIONAL: Self = Self(1);
    /// Sequential write required.
    pub const SEQUENTIAL_WRITE_REQUIRED: Self = Self(2);
    /// Sequential write preferred.
    pub const SEQUENTIAL_WRITE_PREFERRED: Self = Self(3);
    /// Sequential or before required.
    pub const SEQUENTIAL_OR_BEFORE_REQUIRED: Self = Self(4);
    /// Gap.
    pub const GAP: Self = Self(5);

    /// The standard's name.
    #[must_use]
    pub const fn name(self) -> Option<&'static str> {
        match self.0 {
            1 => Some("conventional"),
            2 => Some("sequential write required"),
            3 => Some("sequential write preferred"),
            4 => Some("sequential or before required"),
            5 => Some("gap"),
            _ => None,
        }
    }
}

/// ZONE CONDITION.
///
/// ```
/// use scsi_cdb::data::ZoneCondition;
///
/// // The high 4 bits of byte 1 of a zone descriptor: Eh is FULL (ZBC-2).
/// assert_eq!(ZoneCondition(0xE).name(), Some("full"));
/// assert_eq!(ZoneCondition(0x1), ZoneCondition::EMPTY);
/// assert_eq!(ZoneCondition(0x6).name(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ZoneCondition(pub u8);

impl ZoneCondition {
    /// Not write pointer.
    pub const NOT_WRITE_POINTER: Self = Self(0x0);
    /// Empty.
    pub const EMPTY: Self = Self(0x1);
    /// Implicitly opened.
    pub const IMPLICITLY_OPENED: Self = Self(0x2);
    /// Explicitly opened.
    pub const EXPLICITLY_OPENED: Self = Self(0x3);
    /// Closed.
    pub const CLOSED: Self = Self(0x4);
    /// Inactive.
    pub const INACTIVE: Self = Self(0x5);
    /// Read only.
    pub const READ_ONLY: Self = Self(0xD);
    /// Full.
    pub const FULL: Self = Self(0xE);
    /// Offline.
    pub const OFFLINE: Self = Self(0xF);

    /// The standard's name.
    #[must_use]
    pub const fn name(self) -> Option<&'static str> {
        match self.0 {
            0x0 => Some("not write pointer"),
            0x1 => Some("empty"),
            0x2 => Some("implicitly opened"),
            0x3 => Some("explicitly opened"),
            0x4 => Some("closed"),
            0x5 => Some("inactive"),
            0xD => Some("read only"),
            0xE => Some("full"),
            0xF => Some("offline"),
            _ => None,
        }
    }
}

/// One zone descriptor.
///
/// ```
/// use scsi_cdb::data::{ReportZonesData, ZoneCondition};
///
/// // ZBC-2: the second zone (start LBA 80000h, 80000h blocks), implicitly opened, its write
/// // pointer 100h blocks in; RESET recommended (byte 1 bit 0).
/// let mut d = vec![0u8; 64 + 64];
/// d[3] = 64;
/// d[64] = 0x02;
/// d[65] = 0x21;
/// d[64 + 8..64 + 16].copy_from_slice(&0x8_0000u64.to_be_bytes());
/// d[64 + 16..64 + 24].copy_from_slice(&0x8_0000u64.to_be_bytes());
/// d[64 + 24..64 + 32].copy_from_slice(&0x8_0100u64.to_be_bytes());
/// let z = ReportZonesData::parse(&d)?.zones().next().expect("one zone");
/// assert_eq!((z.condition, z.reset, z.non_seq), (ZoneCondition(0x2), true, false));
/// assert_eq!((z.length, z.start, z.write_pointer - z.start), (0x8_0000, 0x8_0000, 0x100));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ZoneDescriptor {
    /// ZONE TYPE.
    pub zone_type: ZoneType,
    /// ZONE CONDITION.
    pub condition: ZoneCondition,
    /// NON_SEQ: non-sequential write resources active.
    pub non_seq: bool,
    /// RESET: a reset write pointer is recommended.
    pub reset: bool,
    /// ZONE LENGTH in logical blocks.
    pub length: u64,
    /// ZONE START LBA.
    pub start: u64,
    /// WRITE POINTER LBA (meaningless for conventional zones).
    pub write_pointer: u64,
}

impl<'a> ReportZonesData<'a> {
    /// Decodes REPORT ZONES data.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below the first 16 header bytes.
    pub fn parse(b: &'a [u8]) -> Result<Self, DecodeError> {
        let (Some(zone_list_len), Some(same), Some(max_lba)) = (be32_at(b, 0), u8_at(b, 4), be64_at(b, 8))
        else {
            return Err(DecodeError::truncated(16, b.len()));
        };
        Ok(Self {
            zone_list_len,
            same: same & 0x0F,
            max_lba,
            zone_starting_lba_granularity: be64_at(b, 16),
            list: clamped(b, 64, zone_list_len as usize),
        })
    }

    /// The zone descriptors present (a partial last descriptor is left out).
    pub fn zones(&self) -> impl Iterator<Item = ZoneDescriptor> + 'a {
        self.list.chunks_exact(64).map(|d| {
            let t = u8_at(d, 0).unwrap_or_default();
            let c = u8_at(d, 1).unwrap_or_default();
            ZoneDescriptor {
                zone_type: ZoneType(t & 0x0F),
                condition: ZoneCondition(c >> 4),
                non_seq: c & 0x02 != 0,
                reset: c & 0x01 != 0,
                length: be64_at(d, 8).unwrap_or_default(),
                start: be64_at(d, 16).unwrap_or_default(),
                write_pointer: be64_at(d, 24).unwrap_or_default(),
            }
        })
    }

    /// True when the device has more zones than the buffer holds.
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        self.list.len() < self.zone_list_len as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec;
    use std::vec::Vec;

    #[test]
    fn two_zones_and_truncation() {
        let mut d = vec![0u8; 64 + 128];
        d[3] = 128;
        d[4] = 1;
        d[8..16].copy_from_slice(&0x3FFFu64.to_be_bytes());
        for (i, (t, c, start, wp)) in
            [(1u8, 0u8, 0u64, 0u64), (2, 0x40, 0x2000, 0x2010)].into_iter().enumerate()
        {
            let z = &mut d[64 + 64 * i..];
            z[0] = t;
            z[1] = c | 0x01;
            z[8..16].copy_from_slice(&0x2000u64.to_be_bytes());
            z[16..24].copy_from_slice(&start.to_be_bytes());
            z[24..32].copy_from_slice(&wp.to_be_bytes());
        }
        let r = ReportZonesData::parse(&d).unwrap();
        assert_eq!((r.same, r.max_lba, r.zone_starting_lba_granularity), (1, 0x3FFF, Some(0)));
        let z: Vec<_> = r.zones().collect();
        assert_eq!(z.len(), 2);
        assert_eq!(z[1].condition, ZoneCondition::CLOSED);
        assert_eq!(z[1].condition.name(), Some("closed"));
        assert_eq!((z[1].start, z[1].write_pointer, z[1].reset), (0x2000, 0x2010, true));
        assert_eq!(z[0].zone_type.name(), Some("conventional"));
        for n in 0..d.len() {
            if let Ok(p) = ReportZonesData::parse(&d[..n]) {
                assert_eq!(p.zones().count(), n.saturating_sub(64) / 64);
                assert_eq!(p.is_truncated(), n < d.len());
            } else {
                assert!(n < 16);
            }
        }
    }
}
