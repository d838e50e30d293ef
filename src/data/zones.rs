//! REPORT ZONES parameter data (ZBC-2): a 64-byte header and 64-byte zone descriptors; the
//! view that reads it and the writer a target answers with, both from one field table.

use crate::DecodeError;
use crate::data::WriteData;
use crate::wire::{be32_at, be64_at, clamped, put_at, zeroed_prefix};

/// REPORT ZONES parameter data layout (ZBC-2, the REPORT ZONES parameter data table): the
/// header, then ZONE LIST LENGTH bytes of zone descriptors. The one description its reader,
/// its writer and its byte map (`data::layout::report_zones`) use.
pub(crate) mod field {
    use crate::wire::Bits;
    /// ZONE LIST LENGTH (4 bytes): the bytes of zone descriptors, 64 per zone.
    pub(crate) const ZONE_LIST_LENGTH: usize = 0;
    /// SAME (ZBC-2, the SAME field table; bits 7:4 reserved).
    pub(crate) const SAME: Bits = Bits::new(4, 0, 4);
    /// MAXIMUM LBA (8 bytes).
    pub(crate) const MAXIMUM_LBA: usize = 8;
    /// ZONE STARTING LBA GRANULARITY (8 bytes; reserved before ZBC-2).
    pub(crate) const ZONE_STARTING_LBA_GRANULARITY: usize = 16;
    /// The bytes every answer must hold: ZONE LIST LENGTH through MAXIMUM LBA.
    pub(crate) const MIN_LEN: usize = MAXIMUM_LBA + 8;
    /// The header (bytes 24-63 reserved); the first zone descriptor starts here.
    pub(crate) const HEADER_LEN: usize = 64;

    /// Zone descriptor layout (ZBC-2, the zone descriptor format table), byte numbers from
    /// the descriptor's first byte.
    pub(crate) mod descriptor {
        use crate::wire::Bits;
        /// ZONE TYPE (bits 7:4 reserved).
        pub(crate) const ZONE_TYPE: Bits = Bits::new(0, 0, 4);
        /// ZONE CONDITION.
        pub(crate) const ZONE_CONDITION: Bits = Bits::new(1, 4, 4);
        /// NON_SEQ.
        pub(crate) const NON_SEQ: Bits = Bits::flag(1, 1);
        /// RESET.
        pub(crate) const RESET: Bits = Bits::flag(1, 0);
        /// ZONE LENGTH (8 bytes; bytes 2-7 reserved).
        pub(crate) const ZONE_LENGTH: usize = 8;
        /// ZONE START LBA (8 bytes).
        pub(crate) const ZONE_START_LBA: usize = 16;
        /// WRITE POINTER LBA (8 bytes).
        pub(crate) const WRITE_POINTER_LBA: usize = 24;
        /// One descriptor (bytes 32-63 reserved).
        pub(crate) const LEN: usize = 64;
    }
}

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
    /// The header bytes present (at most 64).
    header: usize,
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

impl ZoneDescriptor {
    /// The length of a zone descriptor.
    pub const LEN: usize = field::descriptor::LEN;
}

impl<'a> ReportZonesData<'a> {
    /// The length of the header before the zone descriptors.
    pub const HEADER_LEN: usize = field::HEADER_LEN;

    /// What the SAME field says of the zone descriptors (ZBC-2 table "SAME field"); `None`
    /// for a reserved value.
    ///
    /// ```
    /// use scsi_cdb::data::ReportZonesData;
    /// assert_eq!(ReportZonesData::same_name(1), Some("zone type and length the same in every descriptor"));
    /// assert_eq!(ReportZonesData::same_name(4), None);
    /// ```
    #[must_use]
    pub const fn same_name(same: u8) -> Option<&'static str> {
        match same {
            0 => Some("zone type and length may differ"),
            1 => Some("zone type and length the same in every descriptor"),
            2 => Some("zone type and length the same, except the last zone's length"),
            3 => Some("zone length the same, zone type may differ"),
            _ => None,
        }
    }

    /// Decodes REPORT ZONES data: the zone descriptors are those ZONE LIST LENGTH declares,
    /// cut at the end of the buffer.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below the first 16 header bytes.
    pub fn parse(b: &'a [u8]) -> Result<Self, DecodeError> {
        let (Some(zone_list_len), Some(same), Some(max_lba)) =
            (be32_at(b, field::ZONE_LIST_LENGTH), field::SAME.get(b), be64_at(b, field::MAXIMUM_LBA))
        else {
            return Err(DecodeError::truncated(field::MIN_LEN, b.len()));
        };
        Ok(Self {
            zone_list_len,
            same,
            max_lba,
            zone_starting_lba_granularity: be64_at(b, field::ZONE_STARTING_LBA_GRANULARITY),
            header: b.len().min(field::HEADER_LEN),
            list: clamped(b, field::HEADER_LEN, zone_list_len as usize),
        })
    }

    /// The zone descriptors present (a partial last descriptor is left out).
    pub fn zones(&self) -> impl Iterator<Item = ZoneDescriptor> + 'a {
        use field::descriptor as d;
        self.list.chunks_exact(d::LEN).map(|z| ZoneDescriptor {
            zone_type: ZoneType(d::ZONE_TYPE.get_or0(z)),
            condition: ZoneCondition(d::ZONE_CONDITION.get_or0(z)),
            non_seq: d::NON_SEQ.is_set(z).unwrap_or_default(),
            reset: d::RESET.is_set(z).unwrap_or_default(),
            length: be64_at(z, d::ZONE_LENGTH).unwrap_or_default(),
            start: be64_at(z, d::ZONE_START_LBA).unwrap_or_default(),
            write_pointer: be64_at(z, d::WRITE_POINTER_LBA).unwrap_or_default(),
        })
    }

    /// The length the device declares: the 64-byte header and ZONE LIST LENGTH bytes of
    /// descriptors (the allocation length that gets every zone).
    ///
    /// ```
    /// use scsi_cdb::data::ReportZonesData;
    ///
    /// // ZONE LIST LENGTH 128 (two zones) in a buffer that holds the header and one.
    /// let mut d = [0u8; 128];
    /// d[3] = 128;
    /// let z = ReportZonesData::parse(&d)?;
    /// assert_eq!((z.declared_len(), z.available_len(), z.is_truncated()), (192, 128, true));
    /// // The same list in a larger buffer: the bytes past the declared list are not counted.
    /// let mut d = [0u8; 256];
    /// d[3] = 128;
    /// let z = ReportZonesData::parse(&d)?;
    /// assert_eq!((z.declared_len(), z.available_len(), z.is_truncated()), (192, 192, false));
    /// # Ok::<(), scsi_cdb::DecodeError>(())
    /// ```
    #[must_use]
    pub fn declared_len(&self) -> u64 {
        field::HEADER_LEN as u64 + u64::from(self.zone_list_len)
    }

    /// The bytes present within the declared length: the header bytes and the descriptor
    /// bytes (a partial last descriptor included, though `zones` leaves it out).
    #[must_use]
    pub fn available_len(&self) -> usize {
        self.header + self.list.len()
    }

    /// True when the buffer ends before the declared length: the header is cut, or the device
    /// has more zones than the buffer holds.
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        (self.available_len() as u64) < self.declared_len()
    }
}

/// REPORT ZONES data as a target (an emulator) writes it: the header, ZONE LIST LENGTH for
/// every zone in `zones` (or, with `partial`, for the whole descriptors the allocation length
/// holds, as the CDB's PARTIAL bit asks), then the descriptors the allocation length holds.
/// Reserved bits are zero; a ZONE TYPE or ZONE CONDITION wider than its 4 bits is cut to them.
///
/// ```
/// use scsi_cdb::data::{ReportZonesData, ReportZonesWriter, WriteData, ZoneCondition, ZoneDescriptor, ZoneType};
///
/// let zone = |i: u64| ZoneDescriptor {
///     zone_type: ZoneType::SEQUENTIAL_WRITE_REQUIRED,
///     condition: ZoneCondition::EMPTY,
///     non_seq: false,
///     reset: false,
///     length: 0x8_0000,
///     start: i * 0x8_0000,
///     write_pointer: i * 0x8_0000,
/// };
/// let zones = [zone(0), zone(1), zone(2)];
/// let w = ReportZonesWriter { same: 1, max_lba: 0x17_FFFF, zones: &zones, ..Default::default() };
/// // Allocation length 128: the header and the first zone; the list length still says three.
/// let mut out = [0u8; 128];
/// assert_eq!((w.total_len(), w.write(&mut out)), (64 + 3 * 64, 128));
/// let d = ReportZonesData::parse(&out)?;
/// assert_eq!((d.zone_list_len, d.same, d.max_lba, d.is_truncated()), (192, 1, 0x17_FFFF, true));
/// assert_eq!(d.zones().collect::<Vec<_>>(), [zone(0)]);
/// // With PARTIAL, the list length covers what was returned.
/// let p = ReportZonesWriter { partial: true, ..w };
/// p.write(&mut out);
/// assert_eq!(ReportZonesData::parse(&out)?.zone_list_len, 64);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportZonesWriter<'a> {
    /// SAME (4 bits): 0 the zones may differ in type and length, 1 all alike, 2 alike but the
    /// last zone's length, 3 alike in length, the types may differ.
    pub same: u8,
    /// MAXIMUM LBA: the logical unit's last LBA.
    pub max_lba: u64,
    /// ZONE STARTING LBA GRANULARITY (ZBC-2; 0 where ZBC-1 has the bytes reserved).
    pub zone_starting_lba_granularity: u64,
    /// The PARTIAL bit of the REPORT ZONES CDB: ZONE LIST LENGTH counts only the whole zone
    /// descriptors written, not every zone.
    pub partial: bool,
    /// The zone descriptors, in order from the CDB's ZONE START LBA (at most 67 108 863 fit
    /// the 32-bit list length).
    pub zones: &'a [ZoneDescriptor],
}

impl ReportZonesWriter<'_> {
    fn count(&self) -> usize {
        self.zones.len().min(u32::MAX as usize / field::descriptor::LEN)
    }
}

impl WriteData for ReportZonesWriter<'_> {
    fn total_len(&self) -> usize {
        field::HEADER_LEN + field::descriptor::LEN * self.count()
    }

    fn write(&self, out: &mut [u8]) -> usize {
        use field::descriptor as d;
        let out = zeroed_prefix(out, self.total_len());
        let room = out.len().saturating_sub(field::HEADER_LEN);
        let listed = if self.partial { self.count().min(room / d::LEN) } else { self.count() };
        let list = u32::try_from(listed * d::LEN).unwrap_or(u32::MAX);
        put_at(out, field::ZONE_LIST_LENGTH, &list.to_be_bytes());
        field::SAME.put(out, self.same);
        put_at(out, field::MAXIMUM_LBA, &self.max_lba.to_be_bytes());
        put_at(out, field::ZONE_STARTING_LBA_GRANULARITY, &self.zone_starting_lba_granularity.to_be_bytes());
        let descriptors = out.get_mut(field::HEADER_LEN..).unwrap_or_default();
        for (z, o) in self.zones.iter().take(self.count()).zip(descriptors.chunks_mut(d::LEN)) {
            d::ZONE_TYPE.put(o, z.zone_type.0);
            d::ZONE_CONDITION.put(o, z.condition.0);
            d::NON_SEQ.put_flag(o, z.non_seq);
            d::RESET.put_flag(o, z.reset);
            put_at(o, d::ZONE_LENGTH, &z.length.to_be_bytes());
            put_at(o, d::ZONE_START_LBA, &z.start.to_be_bytes());
            put_at(o, d::WRITE_POINTER_LBA, &z.write_pointer.to_be_bytes());
        }
        out.len()
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
