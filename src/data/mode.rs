//! MODE SENSE (6)/(10) parameter data and MODE SELECT parameter lists (SPC-6 §7.5).

use crate::wire::{be16_at, be32_at, be64_at, clamped, u8_at};
use crate::{BuildError, DecodeError};

/// MODE SENSE data: header, block descriptors and mode pages.
///
/// ```
/// use scsi_cdb::data::{ModeData, ModePage};
/// // MODE SENSE(6): header, no block descriptor, caching page with WCE set.
/// let b = [0x17, 0, 0, 0, 0x08, 0x12, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/// let m = ModeData::parse(&b, false)?;
/// let page = m.pages().next().unwrap().unwrap();
/// assert_eq!(page.code, 0x08);
/// assert_eq!(page.caching().map(|c| c.wce), Some(true));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModeData<'a> {
    buf: &'a [u8],
    ten: bool,
}

impl<'a> ModeData<'a> {
    /// Views MODE SENSE(6) (`ten` false, 4-byte header) or (10) (8-byte header) data.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] when the header is incomplete.
    pub fn parse(buf: &'a [u8], ten: bool) -> Result<Self, DecodeError> {
        let h = if ten { 8 } else { 4 };
        if buf.len() < h {
            return Err(DecodeError::truncated(h, buf.len()));
        }
        Ok(Self { buf, ten })
    }

    /// Header length: 4 or 8.
    #[must_use]
    pub const fn header_len(&self) -> usize {
        if self.ten { 8 } else { 4 }
    }

    /// MODE DATA LENGTH + its own size: the total the device has.
    #[must_use]
    pub fn total_len(&self) -> usize {
        if self.ten {
            usize::from(be16_at(self.buf, 0).unwrap_or(0)) + 2
        } else {
            usize::from(u8_at(self.buf, 0).unwrap_or(0)) + 1
        }
    }

    /// True when the device has more than the buffer holds.
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        self.buf.len() < self.total_len()
    }

    /// MEDIUM TYPE.
    #[must_use]
    pub fn medium_type(&self) -> u8 {
        u8_at(self.buf, if self.ten { 2 } else { 1 }).unwrap_or(0)
    }

    /// DEVICE-SPECIFIC PARAMETER (for disks: WP bit 7, DPOFUA bit 4).
    #[must_use]
    pub fn device_specific(&self) -> u8 {
        u8_at(self.buf, if self.ten { 3 } else { 2 }).unwrap_or(0)
    }

    /// WP: the medium is write protected (direct-access devices).
    #[must_use]
    pub fn write_protected(&self) -> bool {
        self.device_specific() & 0x80 != 0
    }

    /// DPOFUA: DPO and FUA are supported (direct-access devices).
    #[must_use]
    pub fn dpofua(&self) -> bool {
        self.device_specific() & 0x10 != 0
    }

    /// LONGLBA (MODE SENSE(10) only): block descriptors are 16 bytes.
    #[must_use]
    pub fn long_lba(&self) -> bool {
        self.ten && u8_at(self.buf, 4).is_some_and(|b| b & 1 != 0)
    }

    /// BLOCK DESCRIPTOR LENGTH.
    #[must_use]
    pub fn block_descriptor_len(&self) -> usize {
        if self.ten {
            usize::from(be16_at(self.buf, 6).unwrap_or(0))
        } else {
            usize::from(u8_at(self.buf, 3).unwrap_or(0))
        }
    }

    /// The bytes that count: the buffer cut at the declared total.
    fn effective(&self) -> &'a [u8] {
        self.buf.get(..self.total_len()).unwrap_or(self.buf)
    }

    /// The block descriptors: (number of blocks, block length) each.
    pub fn block_descriptors(&self) -> impl Iterator<Item = BlockDescriptor> + 'a {
        let size = if self.long_lba() { 16 } else { 8 };
        let list = clamped(self.effective(), self.header_len(), self.block_descriptor_len());
        let long = self.long_lba();
        list.chunks_exact(size).map(move |d| {
            if long {
                BlockDescriptor {
                    density: None,
                    blocks: be64_at(d, 0).unwrap_or(0),
                    block_len: be32_at(d, 12).unwrap_or(0),
                }
            } else {
                BlockDescriptor {
                    density: u8_at(d, 0),
                    blocks: u64::from(be32_at(d, 0).unwrap_or(0)),
                    block_len: be32_at(d, 4).unwrap_or(0) & 0x00FF_FFFF,
                }
            }
        })
    }

    /// The mode pages; a page whose length runs past the data ends the walk with an error.
    pub fn pages(&self) -> impl Iterator<Item = Result<ModePage<'a>, DecodeError>> + 'a {
        let start = self.header_len() + self.block_descriptor_len();
        let mut rest = self.effective().get(start..).unwrap_or_default();
        let mut done = false;
        core::iter::from_fn(move || {
            if done || rest.is_empty() {
                return None;
            }
            let b0 = *rest.first()?;
            let spf = b0 & 0x40 != 0;
            let (hdr, len) = if spf {
                (4, be16_at(rest, 2).map(usize::from))
            } else {
                (2, u8_at(rest, 1).map(usize::from))
            };
            let Some(len) = len else {
                done = true;
                return Some(Err(DecodeError::truncated(hdr, rest.len())));
            };
            match rest.split_at_checked(hdr + len) {
                Some((p, r)) => {
                    rest = r;
                    Some(Ok(ModePage {
                        code: b0 & 0x3F,
                        subpage: if spf { u8_at(p, 1).unwrap_or(0) } else { 0 },
                        ps: b0 & 0x80 != 0,
                        spf,
                        data: p.get(hdr..).unwrap_or_default(),
                    }))
                }
                None => {
                    done = true;
                    Some(Err(DecodeError::truncated(hdr + len, rest.len())))
                }
            }
        })
    }

    /// The first page with this code and subpage.
    #[must_use]
    pub fn page(&self, code: u8, subpage: u8) -> Option<ModePage<'a>> {
        self.pages().flatten().find(|p| p.code == code && p.subpage == subpage)
    }
}

/// A block descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockDescriptor {
    /// DENSITY CODE (short descriptors; for disks byte 0 is part of the block count).
    pub density: Option<u8>,
    /// NUMBER OF LOGICAL BLOCKS.
    pub blocks: u64,
    /// LOGICAL BLOCK LENGTH.
    pub block_len: u32,
}

/// One mode page: code, subpage, PS, and the parameters after the page header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModePage<'a> {
    /// PAGE CODE.
    pub code: u8,
    /// SUBPAGE CODE (0 for page_0 format).
    pub subpage: u8,
    /// PS: the page can be saved.
    pub ps: bool,
    /// SPF: sub_page format (4-byte header).
    pub spf: bool,
    /// The parameter bytes after the header.
    pub data: &'a [u8],
}

/// Caching mode page (08h) fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Caching {
    /// WCE: write cache enabled. When set, SYNCHRONIZE CACHE is what makes writes durable.
    pub wce: bool,
    /// RCD: read cache disabled.
    pub rcd: bool,
    /// MF: multiplication factor.
    pub mf: bool,
    /// DISC: discontinuity.
    pub disc: bool,
}

/// Control mode page (0Ah) fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Control {
    /// D_SENSE: the device returns descriptor-format sense data.
    pub d_sense: bool,
    /// TST: task set type.
    pub tst: u8,
    /// QUEUE ALGORITHM MODIFIER.
    pub queue_algorithm: u8,
    /// QERR.
    pub qerr: u8,
    /// GLTSD: global logging target save disable.
    pub gltsd: bool,
    /// EXTENDED SELF-TEST COMPLETION TIME (seconds), when present.
    pub self_test_seconds: Option<u16>,
}

/// Read-write error recovery mode page (01h) fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RwErrorRecovery {
    /// AWRE: automatic write reallocation.
    pub awre: bool,
    /// ARRE: automatic read reallocation.
    pub arre: bool,
    /// PER: post error (report recovered errors).
    pub per: bool,
    /// READ RETRY COUNT.
    pub read_retry: u8,
    /// WRITE RETRY COUNT, when present.
    pub write_retry: Option<u8>,
    /// RECOVERY TIME LIMIT (ms), when present.
    pub recovery_time_limit: Option<u16>,
}

/// Informational exceptions control mode page (1Ch) fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct InformationalExceptions {
    /// DEXCPT: exception reporting disabled.
    pub dexcpt: bool,
    /// TEST: generate a false failure.
    pub test: bool,
    /// EWASC: warnings enabled.
    pub ewasc: bool,
    /// MRIE: method of reporting.
    pub mrie: u8,
    /// INTERVAL TIMER (100 ms units), when present.
    pub interval_timer: Option<u32>,
    /// REPORT COUNT, when present.
    pub report_count: Option<u32>,
}

/// Power condition mode page (1Ah) fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PowerCondition {
    /// IDLE_A enabled.
    pub idle_a: bool,
    /// STANDBY_Z enabled.
    pub standby_z: bool,
    /// IDLE_A CONDITION TIMER (100 ms units).
    pub idle_a_timer: Option<u32>,
    /// STANDBY_Z CONDITION TIMER (100 ms units).
    pub standby_z_timer: Option<u32>,
}

impl ModePage<'_> {
    fn b(&self, i: usize) -> Option<u8> {
        // `data` starts after a 2-byte header (page_0 format); SPC numbers page bytes from
        // the header, so page byte N is data[N - 2] for the pages decoded here.
        u8_at(self.data, i.checked_sub(2)?)
    }

    fn b32(&self, i: usize) -> Option<u32> {
        be32_at(self.data, i.checked_sub(2)?)
    }

    /// The caching page (08h).
    #[must_use]
    pub fn caching(&self) -> Option<Caching> {
        if self.code != 0x08 || self.spf {
            return None;
        }
        let b2 = self.b(2)?;
        Some(Caching { wce: b2 & 0x04 != 0, rcd: b2 & 0x01 != 0, mf: b2 & 0x02 != 0, disc: b2 & 0x10 != 0 })
    }

    /// The control page (0Ah).
    #[must_use]
    pub fn control(&self) -> Option<Control> {
        if self.code != 0x0A || self.spf {
            return None;
        }
        let (b2, b3) = (self.b(2)?, self.b(3)?);
        Some(Control {
            d_sense: b2 & 0x04 != 0,
            tst: b2 >> 5,
            queue_algorithm: b3 >> 4,
            qerr: (b3 >> 1) & 3,
            gltsd: b2 & 0x02 != 0,
            self_test_seconds: be16_at(self.data, 8),
        })
    }

    /// The read-write error recovery page (01h).
    #[must_use]
    pub fn rw_error_recovery(&self) -> Option<RwErrorRecovery> {
        if self.code != 0x01 || self.spf {
            return None;
        }
        let b2 = self.b(2)?;
        Some(RwErrorRecovery {
            awre: b2 & 0x80 != 0,
            arre: b2 & 0x40 != 0,
            per: b2 & 0x04 != 0,
            read_retry: self.b(3)?,
            write_retry: self.b(8),
            recovery_time_limit: be16_at(self.data, 8),
        })
    }

    /// The informational exceptions control page (1Ch).
    #[must_use]
    pub fn informational_exceptions(&self) -> Option<InformationalExceptions> {
        if self.code != 0x1C || self.spf {
            return None;
        }
        let b2 = self.b(2)?;
        Some(InformationalExceptions {
            dexcpt: b2 & 0x08 != 0,
            test: b2 & 0x04 != 0,
            ewasc: b2 & 0x10 != 0,
            mrie: self.b(3)? & 0x0F,
            interval_timer: self.b32(4),
            report_count: self.b32(8),
        })
    }

    /// The power condition page (1Ah).
    #[must_use]
    pub fn power_condition(&self) -> Option<PowerCondition> {
        if self.code != 0x1A || self.spf {
            return None;
        }
        let b3 = self.b(3)?;
        Some(PowerCondition {
            idle_a: b3 & 0x02 != 0,
            standby_z: b3 & 0x01 != 0,
            idle_a_timer: self.b32(4),
            standby_z_timer: self.b32(8),
        })
    }
}

/// Writes typed fields back into a whole page (header included, as MODE SENSE returned it and
/// as [`mode_select_list`] takes it), leaving every other bit as it was: the MODE SENSE, change,
/// MODE SELECT round trip.
///
/// ```
/// use scsi_cdb::data::{ModeData, ModePageFields, mode_select_list};
/// // MODE SENSE (10) data with the caching page, write cache off.
/// let mut sensed = vec![0, 26, 0, 0, 0, 0, 0, 0, 0x88, 0x12, 0x01];
/// sensed.resize(28, 0);
/// let m = ModeData::parse(&sensed, true)?;
/// let mut caching = m.page(0x08, 0).unwrap().caching().unwrap();
/// assert!(!caching.wce);
/// caching.wce = true;
/// let mut page = sensed[8..].to_vec();
/// caching.apply(&mut page)?;
/// let mut list = [0u8; 64];
/// let n = mode_select_list(true, &page, &mut list)?;
/// assert_eq!(&list[8..11], &[0x08, 0x12, 0x05]); // PS cleared, WCE set, RCD kept
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait ModePageFields {
    /// The page code this type belongs to.
    const PAGE_CODE: u8;

    /// Writes the fields into `page`.
    ///
    /// # Errors
    /// [`DecodeError::WrongPage`] for another page (or a sub-page format page);
    /// [`DecodeError::Truncated`] when `page` is too short for a field.
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError>;
}

/// Checks the page code of a whole page.
fn page_of(page: &[u8], code: u8) -> Result<(), DecodeError> {
    let b0 = *page.first().ok_or(DecodeError::truncated(2, 0))?;
    if b0 & 0x3F != code || b0 & 0x40 != 0 {
        return Err(DecodeError::WrongPage { expected: code, found: b0 & 0x3F });
    }
    Ok(())
}

/// Sets the bits `mask` of byte `at` to `value` (already shifted).
fn put_bits(page: &mut [u8], at: usize, mask: u8, value: u8) -> Result<(), DecodeError> {
    let len = page.len();
    let b = page.get_mut(at).ok_or(DecodeError::truncated(at + 1, len))?;
    *b = (*b & !mask) | (value & mask);
    Ok(())
}

/// Writes big-endian `bytes` at `at`.
fn put_be(page: &mut [u8], at: usize, bytes: &[u8]) -> Result<(), DecodeError> {
    let len = page.len();
    let dst = page.get_mut(at..at + bytes.len()).ok_or(DecodeError::truncated(at + bytes.len(), len))?;
    dst.copy_from_slice(bytes);
    Ok(())
}

impl ModePageFields for Caching {
    const PAGE_CODE: u8 = 0x08;
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError> {
        page_of(page, Self::PAGE_CODE)?;
        let v = (u8::from(self.disc) << 4)
            | (u8::from(self.wce) << 2)
            | (u8::from(self.mf) << 1)
            | u8::from(self.rcd);
        put_bits(page, 2, 0x17, v)
    }
}

impl ModePageFields for Control {
    const PAGE_CODE: u8 = 0x0A;
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError> {
        page_of(page, Self::PAGE_CODE)?;
        let b2 = ((self.tst & 7) << 5) | (u8::from(self.d_sense) << 2) | (u8::from(self.gltsd) << 1);
        put_bits(page, 2, 0xE6, b2)?;
        put_bits(page, 3, 0xF6, ((self.queue_algorithm & 0x0F) << 4) | ((self.qerr & 3) << 1))?;
        match self.self_test_seconds {
            Some(s) => put_be(page, 10, &s.to_be_bytes()),
            None => Ok(()),
        }
    }
}

impl ModePageFields for RwErrorRecovery {
    const PAGE_CODE: u8 = 0x01;
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError> {
        page_of(page, Self::PAGE_CODE)?;
        let v = (u8::from(self.awre) << 7) | (u8::from(self.arre) << 6) | (u8::from(self.per) << 2);
        put_bits(page, 2, 0xC4, v)?;
        put_bits(page, 3, 0xFF, self.read_retry)?;
        if let Some(w) = self.write_retry {
            put_bits(page, 8, 0xFF, w)?;
        }
        match self.recovery_time_limit {
            Some(t) => put_be(page, 10, &t.to_be_bytes()),
            None => Ok(()),
        }
    }
}

impl ModePageFields for InformationalExceptions {
    const PAGE_CODE: u8 = 0x1C;
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError> {
        page_of(page, Self::PAGE_CODE)?;
        let v = (u8::from(self.ewasc) << 4) | (u8::from(self.dexcpt) << 3) | (u8::from(self.test) << 2);
        put_bits(page, 2, 0x1C, v)?;
        put_bits(page, 3, 0x0F, self.mrie)?;
        if let Some(t) = self.interval_timer {
            put_be(page, 4, &t.to_be_bytes())?;
        }
        match self.report_count {
            Some(c) => put_be(page, 8, &c.to_be_bytes()),
            None => Ok(()),
        }
    }
}

impl ModePageFields for PowerCondition {
    const PAGE_CODE: u8 = 0x1A;
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError> {
        page_of(page, Self::PAGE_CODE)?;
        put_bits(page, 3, 0x03, (u8::from(self.idle_a) << 1) | u8::from(self.standby_z))?;
        if let Some(t) = self.idle_a_timer {
            put_be(page, 4, &t.to_be_bytes())?;
        }
        match self.standby_z_timer {
            Some(t) => put_be(page, 8, &t.to_be_bytes()),
            None => Ok(()),
        }
    }
}

/// Builds a MODE SELECT parameter list with one page and no block descriptor: the header
/// (MODE DATA LENGTH reserved as zero, as SPC requires for MODE SELECT) and the page with PS
/// cleared. `page` is the whole page as MODE SENSE returned it (header included).
///
/// ```
/// use scsi_cdb::data::mode_select_list;
/// let caching = [0x88, 0x12, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/// let mut out = [0u8; 64];
/// let n = mode_select_list(false, &caching, &mut out)?;
/// assert_eq!(&out[..6], &[0, 0, 0, 0, 0x08, 0x12]);
/// assert_eq!(n, 24);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
///
/// # Errors
/// [`BuildError::BufferTooSmall`]; [`BuildError::LengthTooSmall`] for an empty page.
pub fn mode_select_list(ten: bool, page: &[u8], out: &mut [u8]) -> Result<usize, BuildError> {
    let h = if ten { 8 } else { 4 };
    let n = h + page.len();
    let room = out.len();
    let dst = out.get_mut(..n).ok_or(BuildError::buffer_too_small(n, room))?;
    dst.fill(0);
    let (_, body) = dst.split_at_mut(h);
    body.copy_from_slice(page);
    let first = body.first_mut().ok_or(BuildError::LengthTooSmall { len: 0, min: 2 })?;
    *first &= 0x7F;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every typed page: read it from a page filled with a pattern, write the fields into a
    /// zeroed copy and read again (same fields), and apply onto the original (no change).
    #[test]
    fn typed_pages_write_back_what_they_read() {
        fn check<T: ModePageFields + PartialEq + Copy + core::fmt::Debug>(
            code: u8,
            len: usize,
            get: fn(&ModePage<'_>) -> Option<T>,
        ) {
            let mut page: std::vec::Vec<u8> = (0..len as u8).map(|i| i.wrapping_mul(37) ^ 0x5A).collect();
            page[0] = code;
            page[1] = (len - 2) as u8;
            let mut zero = std::vec![0u8; len];
            zero[0] = code;
            zero[1] = (len - 2) as u8;
            let view = |p: &[u8]| get(&ModePage { code, subpage: 0, ps: false, spf: false, data: &p[2..] });
            let fields = view(&page).unwrap();
            fields.apply(&mut zero).unwrap();
            assert_eq!(view(&zero), Some(fields));
            let before = page.clone();
            fields.apply(&mut page).unwrap();
            assert_eq!(page, before, "page {code:#x}");
        }
        check(0x08, 20, |p| p.caching());
        check(0x0A, 12, |p| p.control());
        check(0x01, 12, |p| p.rw_error_recovery());
        check(0x1C, 12, |p| p.informational_exceptions());
        check(0x1A, 12, |p| p.power_condition());
        let c = Caching { wce: true, rcd: false, mf: false, disc: false };
        assert!(matches!(c.apply(&mut [0x0A, 0x0A, 0, 0]), Err(DecodeError::WrongPage { .. })));
        assert!(matches!(c.apply(&mut [0x08]), Err(DecodeError::Truncated { .. })));
    }
}
