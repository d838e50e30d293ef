//! REPORT LUNS parameter data (SPC-6 §6.33) and LUN addressing (SAM-6 §4.7).

use core::fmt;

use crate::DecodeError;
use crate::data::WriteData;
use crate::wire::{array_at, be32_at, put_at, zeroed_prefix};

/// REPORT LUNS parameter data layout (SPC-6 table 172).
pub(crate) mod field {
    /// LUN LIST LENGTH (bytes of LUNs).
    pub(crate) const LIST_LENGTH: usize = 0;
    /// The header (bytes 4-7 reserved).
    pub(crate) const HEADER_LEN: usize = 8;
    /// One LUN entry.
    pub(crate) const LUN_LEN: usize = 8;
}

/// An 8-byte LUN as it travels on the wire.
///
/// ```
/// use scsi_cdb::data::{Lun, LunAddress};
/// let l = Lun::from_int(0x4001); // flat space LUN 1, as Linux numbers it
/// assert_eq!(l.0, [0x40, 0x01, 0, 0, 0, 0, 0, 0]);
/// assert_eq!(l.address(), LunAddress::Flat(1));
/// assert_eq!(Lun([0x00, 0x05, 0, 0, 0, 0, 0, 0]).to_int(), 5);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Lun(pub [u8; 8]);

/// The address method of the first level of a LUN.
///
/// ```
/// use scsi_cdb::data::{Lun, LunAddress};
///
/// // SAM-6: 00b peripheral, 01b flat space, 11b extended (C1h: a well-known LUN).
/// let lun = |b0, b1| Lun([b0, b1, 0, 0, 0, 0, 0, 0]).address();
/// assert_eq!(lun(0x00, 0x03), LunAddress::Peripheral { bus: 0, lun: 3 });
/// assert_eq!(lun(0x40, 0x21), LunAddress::Flat(0x21));
/// assert!(matches!(lun(0xC1, 0x01), LunAddress::Extended { well_known: Some(1), .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LunAddress {
    /// 00b peripheral device addressing: bus identifier and target/LUN byte.
    Peripheral {
        /// BUS IDENTIFIER (0 = this level).
        bus: u8,
        /// TARGET or LUN.
        lun: u8,
    },
    /// 01b flat space addressing: a 14-bit LUN.
    Flat(u16),
    /// 10b logical unit addressing: target, bus, LUN.
    LogicalUnit {
        /// TARGET.
        target: u8,
        /// BUS NUMBER.
        bus: u8,
        /// LUN.
        lun: u8,
    },
    /// 11b extended logical unit addressing; C1h 00h is the REPORT LUNS well-known LUN, etc.
    Extended {
        /// Byte 0 (length and extended address method bits).
        first: u8,
        /// The well-known LUN number when it is one (first byte C1h).
        well_known: Option<u8>,
    },
}

impl Lun {
    /// The Linux `int_to_scsilun` mapping: the integer's 16-bit groups from the lowest go to
    /// the wire's levels from the first.
    #[must_use]
    pub const fn from_int(v: u64) -> Self {
        Self([
            (v >> 8) as u8,
            v as u8,
            (v >> 24) as u8,
            (v >> 16) as u8,
            (v >> 40) as u8,
            (v >> 32) as u8,
            (v >> 56) as u8,
            (v >> 48) as u8,
        ])
    }

    /// The inverse of [`Lun::from_int`] (Linux `scsilun_to_int`).
    #[must_use]
    pub const fn to_int(&self) -> u64 {
        let [a, b, c, d, e, f, g, h] = self.0;
        u64::from_be_bytes([g, h, e, f, c, d, a, b])
    }

    /// The address method and fields of the first level.
    #[must_use]
    pub const fn address(&self) -> LunAddress {
        let b0 = self.0[0];
        let b1 = self.0[1];
        match b0 >> 6 {
            0 => LunAddress::Peripheral { bus: b0 & 0x3F, lun: b1 },
            1 => LunAddress::Flat((((b0 & 0x3F) as u16) << 8) | b1 as u16),
            2 => LunAddress::LogicalUnit { target: b0 & 0x3F, bus: b1 >> 5, lun: b1 & 0x1F },
            _ => LunAddress::Extended { first: b0, well_known: if b0 == 0xC1 { Some(b1) } else { None } },
        }
    }

    /// The well-known LUN's name (REPORT LUNS, ACCESS CONTROLS, TARGET LOG PAGES, SECURITY
    /// PROTOCOL, MANAGEMENT PROTOCOL, TARGET COMMANDS).
    #[must_use]
    pub const fn well_known_name(&self) -> Option<&'static str> {
        match self.address() {
            LunAddress::Extended { well_known: Some(w), .. } => Some(match w {
                0x01 => "REPORT LUNS",
                0x02 => "ACCESS CONTROLS",
                0x03 => "TARGET LOG PAGES",
                0x04 => "SECURITY PROTOCOL",
                0x05 => "MANAGEMENT PROTOCOL",
                0x06 => "TARGET COMMANDS",
                _ => return None,
            }),
            _ => None,
        }
    }
}

/// The first level's address in words: `peripheral bus 0 lun 3`, `flat 33`,
/// `logical unit target 1 bus 0 lun 2`, `well-known LUN REPORT LUNS`.
impl fmt::Display for Lun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.address() {
            LunAddress::Peripheral { bus, lun } => write!(f, "peripheral bus {bus} lun {lun}"),
            LunAddress::Flat(n) => write!(f, "flat {n}"),
            LunAddress::LogicalUnit { target, bus, lun } => {
                write!(f, "logical unit target {target} bus {bus} lun {lun}")
            }
            LunAddress::Extended { well_known, .. } => match (self.well_known_name(), well_known) {
                (Some(n), _) => write!(f, "well-known LUN {n}"),
                (None, Some(w)) => write!(f, "well-known LUN {w:02X}h"),
                (None, None) => f.write_str("extended"),
            },
        }
    }
}

impl fmt::Debug for Lun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lun({:?})", self.address())
    }
}

/// REPORT LUNS data: the LUN LIST LENGTH and the 8-byte LUNs present.
///
/// ```
/// use scsi_cdb::data::ReportLunsData;
/// let b = [0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2];
/// let d = ReportLunsData::parse(&b)?;
/// assert_eq!(d.declared_count(), 2);
/// assert_eq!(d.luns().map(|l| l.to_int()).collect::<Vec<_>>(), [0, 1]);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportLunsData<'a> {
    buf: &'a [u8],
}

impl<'a> ReportLunsData<'a> {
    /// Views REPORT LUNS data; needs the 8-byte header.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below 8 bytes.
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        if buf.len() < field::HEADER_LEN {
            return Err(DecodeError::truncated(field::HEADER_LEN, buf.len()));
        }
        Ok(Self { buf })
    }

    /// LUN LIST LENGTH in bytes.
    #[must_use]
    pub fn list_len(&self) -> u32 {
        be32_at(self.buf, field::LIST_LENGTH).unwrap_or(0)
    }

    /// Number of LUNs the device has (may be more than the buffer holds: ask again with
    /// `list_len() + 8`).
    #[must_use]
    pub fn declared_count(&self) -> u32 {
        self.list_len() / field::LUN_LEN as u32
    }

    /// True when the buffer holds fewer LUNs than declared.
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        (self.buf.len() as u64) < field::HEADER_LEN as u64 + u64::from(self.list_len())
    }

    /// The LUNs present (whole entries inside both the list length and the buffer).
    pub fn luns(&self) -> impl Iterator<Item = Lun> + 'a {
        use field::{HEADER_LEN, LUN_LEN};
        let n = (self.list_len() as usize / LUN_LEN).min(self.buf.len().saturating_sub(HEADER_LEN) / LUN_LEN);
        let b = self.buf;
        (0..n).filter_map(move |i| array_at::<LUN_LEN>(b, HEADER_LEN + LUN_LEN * i).map(Lun))
    }
}

/// REPORT LUNS data as a target writes it: LUN LIST LENGTH for all `luns`, then as many as the
/// allocation length holds.
///
/// ```
/// use scsi_cdb::data::{Lun, ReportLunsData, ReportLunsWriter, WriteData};
/// let luns = [Lun::from_int(0), Lun::from_int(1), Lun::from_int(2)];
/// let mut out = [0u8; 16]; // room for the header and one LUN
/// let w = ReportLunsWriter { luns: &luns };
/// assert_eq!((w.total_len(), w.write(&mut out)), (32, 16));
/// let d = ReportLunsData::parse(&out)?;
/// assert_eq!((d.declared_count(), d.luns().count(), d.is_truncated()), (3, 1, true));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportLunsWriter<'a> {
    /// The LUNs to report (at most 536 870 911 fit the 32-bit list length).
    pub luns: &'a [Lun],
}

impl ReportLunsWriter<'_> {
    fn count(&self) -> usize {
        self.luns.len().min(u32::MAX as usize / field::LUN_LEN)
    }
}

impl WriteData for ReportLunsWriter<'_> {
    fn total_len(&self) -> usize {
        field::HEADER_LEN + field::LUN_LEN * self.count()
    }

    fn write(&self, out: &mut [u8]) -> usize {
        let n = self.count();
        let out = zeroed_prefix(out, self.total_len());
        let list = u32::try_from(n * field::LUN_LEN).unwrap_or(u32::MAX);
        put_at(out, field::LIST_LENGTH, &list.to_be_bytes());
        let room = out.len().saturating_sub(field::HEADER_LEN).div_ceil(field::LUN_LEN);
        for (i, l) in self.luns.iter().take(n.min(room)).enumerate() {
            put_at(out, field::HEADER_LEN + field::LUN_LEN * i, &l.0);
        }
        out.len()
    }
}
