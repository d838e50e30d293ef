//! MODE SENSE (6)/(10) parameter data and MODE SELECT parameter lists (SPC-6 §7.5).
//!
//! One numbering: every mode page field is described by its byte number in the whole page (the
//! page header is bytes 0-1, as SPC numbers them), in one `mod` per page that the reader
//! ([`ModePage::fields`]), the writer ([`ModePageFields::apply`], [`ModeSenseWriter`]) and the
//! byte map use.

use crate::cdb::spc::PageControl;
use crate::data::WriteData;
use crate::wire::{Bits, be16_at, be32_at, be64_at, clamped, put_at, u8_at, zeroed_prefix};
use crate::{BuildError, DecodeError};

/// The mode parameter header of MODE SENSE (6) or (10) (SPC-6 tables 457 and 458).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeaderLayout {
    /// MODE DATA LENGTH: offset 0, this many bytes.
    pub(crate) mode_data_len_size: usize,
    /// MEDIUM TYPE.
    pub(crate) medium_type: Bits,
    /// DEVICE-SPECIFIC PARAMETER.
    pub(crate) device_specific: Bits,
    /// LONGLBA (MODE SENSE (10) only).
    pub(crate) long_lba: Option<Bits>,
    /// BLOCK DESCRIPTOR LENGTH: offset and size.
    pub(crate) block_descriptor_len: (usize, usize),
    /// The header.
    pub(crate) len: usize,
}

/// MODE SENSE (6) header.
pub(crate) const HEADER6: HeaderLayout = HeaderLayout {
    mode_data_len_size: 1,
    medium_type: Bits::new(1, 0, 8),
    device_specific: Bits::new(2, 0, 8),
    long_lba: None,
    block_descriptor_len: (3, 1),
    len: 4,
};

/// MODE SENSE (10) header.
pub(crate) const HEADER10: HeaderLayout = HeaderLayout {
    mode_data_len_size: 2,
    medium_type: Bits::new(2, 0, 8),
    device_specific: Bits::new(3, 0, 8),
    long_lba: Some(Bits::flag(4, 0)),
    block_descriptor_len: (6, 2),
    len: 8,
};

impl HeaderLayout {
    const fn of(ten: bool) -> Self {
        if ten { HEADER10 } else { HEADER6 }
    }

    /// Reads a 1- or 2-byte length at `off`.
    fn read_len(b: &[u8], off: usize, size: usize) -> usize {
        if size == 2 { be16_at(b, off).map(usize::from) } else { u8_at(b, off).map(usize::from) }.unwrap_or(0)
    }

    /// Writes a 1- or 2-byte length at `off`, saturating.
    fn write_len(out: &mut [u8], off: usize, size: usize, v: usize) {
        if size == 2 {
            put_at(out, off, &u16::try_from(v).unwrap_or(u16::MAX).to_be_bytes());
        } else {
            put_at(out, off, &[u8::try_from(v).unwrap_or(u8::MAX)]);
        }
    }
}

/// Block descriptor layouts (SPC-6 §7.5.6, SBC-5 §6.5.2).
pub(crate) mod block_descriptor_field {
    /// DENSITY CODE (general short descriptor; for disks byte 0 is part of the block count).
    pub(crate) const DENSITY: usize = 0;
    /// NUMBER OF LOGICAL BLOCKS of the short (SBC) descriptor: bytes 0-3.
    pub(crate) const SHORT_BLOCKS: usize = 0;
    /// LOGICAL BLOCK LENGTH of the short descriptor: bytes 5-7 (read as 4 bytes from 4, masked).
    pub(crate) const SHORT_BLOCK_LEN: usize = 4;
    /// The 24 bits of the short LOGICAL BLOCK LENGTH.
    pub(crate) const SHORT_BLOCK_LEN_MASK: u32 = 0x00FF_FFFF;
    /// Short descriptor size.
    pub(crate) const SHORT_LEN: usize = 8;
    /// NUMBER OF LOGICAL BLOCKS of the long (LONGLBA) descriptor.
    pub(crate) const LONG_BLOCKS: usize = 0;
    /// LOGICAL BLOCK LENGTH of the long descriptor.
    pub(crate) const LONG_BLOCK_LEN: usize = 12;
    /// Long descriptor size.
    pub(crate) const LONG_LEN: usize = 16;
}

/// The mode page header (SPC-6 tables 461 and 462).
pub(crate) mod page_field {
    use crate::wire::Bits;
    /// PS.
    pub(crate) const PS: Bits = Bits::flag(0, 7);
    /// SPF.
    pub(crate) const SPF: Bits = Bits::flag(0, 6);
    /// PAGE CODE.
    pub(crate) const PAGE_CODE: Bits = Bits::new(0, 0, 6);
    /// PAGE LENGTH of the page_0 format.
    pub(crate) const PAGE_LENGTH: Bits = Bits::new(1, 0, 8);
    /// SUBPAGE CODE of the sub_page format.
    pub(crate) const SUBPAGE_CODE: Bits = Bits::new(1, 0, 8);
    /// PAGE LENGTH of the sub_page format (2 bytes).
    pub(crate) const SUB_PAGE_LENGTH: usize = 2;
    /// page_0 header size.
    pub(crate) const HEADER_LEN: usize = 2;
    /// sub_page header size.
    pub(crate) const SUB_HEADER_LEN: usize = 4;
}

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
        let h = HeaderLayout::of(ten).len;
        if buf.len() < h {
            return Err(DecodeError::truncated(h, buf.len()));
        }
        Ok(Self { buf, ten })
    }

    const fn layout(&self) -> HeaderLayout {
        HeaderLayout::of(self.ten)
    }

    /// Header length: 4 or 8.
    #[must_use]
    pub const fn header_len(&self) -> usize {
        self.layout().len
    }

    /// MODE DATA LENGTH + its own size: the total the device has.
    #[must_use]
    pub fn total_len(&self) -> usize {
        let n = self.layout().mode_data_len_size;
        HeaderLayout::read_len(self.buf, 0, n) + n
    }

    /// The bytes present.
    #[must_use]
    pub const fn available_len(&self) -> usize {
        self.buf.len()
    }

    /// True when the device has more than the buffer holds.
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        self.buf.len() < self.total_len()
    }

    /// MEDIUM TYPE.
    #[must_use]
    pub fn medium_type(&self) -> u8 {
        self.layout().medium_type.get_or0(self.buf)
    }

    /// DEVICE-SPECIFIC PARAMETER (for disks: WP bit 7, DPOFUA bit 4).
    #[must_use]
    pub fn device_specific(&self) -> u8 {
        self.layout().device_specific.get_or0(self.buf)
    }

    /// WP: the medium is write protected (direct-access devices).
    #[must_use]
    pub fn write_protected(&self) -> bool {
        self.device_specific() & DEVICE_SPECIFIC_WP != 0
    }

    /// DPOFUA: DPO and FUA are supported (direct-access devices).
    #[must_use]
    pub fn dpofua(&self) -> bool {
        self.device_specific() & DEVICE_SPECIFIC_DPOFUA != 0
    }

    /// LONGLBA (MODE SENSE(10) only): block descriptors are 16 bytes.
    #[must_use]
    pub fn long_lba(&self) -> bool {
        self.layout().long_lba.is_some_and(|b| b.is_set(self.buf) == Some(true))
    }

    /// BLOCK DESCRIPTOR LENGTH.
    #[must_use]
    pub fn block_descriptor_len(&self) -> usize {
        let (off, size) = self.layout().block_descriptor_len;
        HeaderLayout::read_len(self.buf, off, size)
    }

    /// The bytes that count: the buffer cut at the declared total.
    fn effective(&self) -> &'a [u8] {
        self.buf.get(..self.total_len()).unwrap_or(self.buf)
    }

    /// The block descriptors: (number of blocks, block length) each.
    pub fn block_descriptors(&self) -> impl Iterator<Item = BlockDescriptor> + 'a {
        use block_descriptor_field as f;
        let long = self.long_lba();
        let size = if long { f::LONG_LEN } else { f::SHORT_LEN };
        let list = clamped(self.effective(), self.header_len(), self.block_descriptor_len());
        list.chunks_exact(size).map(move |d| {
            if long {
                BlockDescriptor {
                    density: None,
                    blocks: be64_at(d, f::LONG_BLOCKS).unwrap_or(0),
                    block_len: be32_at(d, f::LONG_BLOCK_LEN).unwrap_or(0),
                }
            } else {
                BlockDescriptor {
                    density: u8_at(d, f::DENSITY),
                    blocks: u64::from(be32_at(d, f::SHORT_BLOCKS).unwrap_or(0)),
                    block_len: be32_at(d, f::SHORT_BLOCK_LEN).unwrap_or(0) & f::SHORT_BLOCK_LEN_MASK,
                }
            }
        })
    }

    /// The mode pages; a page whose length runs past the data ends the walk with an error.
    pub fn pages(&self) -> impl Iterator<Item = Result<ModePage<'a>, DecodeError>> + 'a {
        use page_field as f;
        let start = self.header_len() + self.block_descriptor_len();
        let mut rest = self.effective().get(start..).unwrap_or_default();
        let mut done = false;
        core::iter::from_fn(move || {
            if done || rest.is_empty() {
                return None;
            }
            let spf = f::SPF.is_set(rest)?;
            let (hdr, len) = if spf {
                (f::SUB_HEADER_LEN, be16_at(rest, f::SUB_PAGE_LENGTH).map(usize::from))
            } else {
                (f::HEADER_LEN, f::PAGE_LENGTH.get(rest).map(usize::from))
            };
            let Some(len) = len else {
                done = true;
                return Some(Err(DecodeError::truncated(hdr, rest.len())));
            };
            match rest.split_at_checked(hdr + len) {
                Some((p, r)) => {
                    rest = r;
                    Some(Ok(ModePage {
                        code: f::PAGE_CODE.get_or0(p),
                        subpage: if spf { f::SUBPAGE_CODE.get_or0(p) } else { 0 },
                        ps: f::PS.is_set(p).unwrap_or(false),
                        spf,
                        data: p.get(hdr..).unwrap_or_default(),
                        bytes: p,
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

/// WP in the DEVICE-SPECIFIC PARAMETER of a direct-access device (SBC-5 table 134).
pub const DEVICE_SPECIFIC_WP: u8 = 0x80;
/// DPOFUA in the DEVICE-SPECIFIC PARAMETER of a direct-access device.
pub const DEVICE_SPECIFIC_DPOFUA: u8 = 0x10;

/// A block descriptor.
///
/// ```
/// use scsi_cdb::data::{BlockDescriptor, ModeData};
///
/// // MODE SENSE (6): BLOCK DESCRIPTOR LENGTH 8, 8000h blocks of 512 bytes, no page.
/// let b = [0x0B, 0, 0, 0x08, 0, 0, 0x80, 0, 0, 0, 0x02, 0];
/// let d: Vec<BlockDescriptor> = ModeData::parse(&b, false)?.block_descriptors().collect();
/// assert_eq!(d.len(), 1);
/// assert_eq!((d[0].blocks, d[0].block_len), (0x8000, 512));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BlockDescriptor {
    /// DENSITY CODE (short descriptors; for disks byte 0 is part of the block count). When
    /// writing a short descriptor, `Some` puts it in byte 0 over the top byte of the count.
    pub density: Option<u8>,
    /// NUMBER OF LOGICAL BLOCKS (a short descriptor holds 32 bits, written saturated).
    pub blocks: u64,
    /// LOGICAL BLOCK LENGTH (24 bits in a short descriptor).
    pub block_len: u32,
}

impl BlockDescriptor {
    /// Writes the descriptor (short or long) at the start of `out`, cut at its end.
    fn write(&self, long: bool, out: &mut [u8]) {
        use block_descriptor_field as f;
        if long {
            put_at(out, f::LONG_BLOCKS, &self.blocks.to_be_bytes());
            put_at(out, f::LONG_BLOCK_LEN, &self.block_len.to_be_bytes());
        } else {
            let blocks = u32::try_from(self.blocks).unwrap_or(u32::MAX);
            put_at(out, f::SHORT_BLOCKS, &blocks.to_be_bytes());
            if let Some(d) = self.density {
                put_at(out, f::DENSITY, &[d]);
            }
            let len = self.block_len & f::SHORT_BLOCK_LEN_MASK;
            // Byte 4 is reserved: write the low three bytes only.
            put_at(out, f::SHORT_BLOCK_LEN + 1, len.to_be_bytes().get(1..).unwrap_or_default());
        }
    }
}

/// One mode page: code, subpage, PS, and the parameters after the page header.
///
/// ```
/// use scsi_cdb::data::ModeData;
///
/// // MODE SENSE (10) data holding the control page (0Ah) with PS set and D_SENSE on.
/// let mut b = vec![0, 18, 0, 0, 0, 0, 0, 0, 0x8A, 0x0A, 0x04];
/// b.resize(20, 0);
/// let page = ModeData::parse(&b, true)?.pages().next().expect("one page")?;
/// assert_eq!((page.code, page.subpage, page.ps), (0x0A, 0, true));
/// assert_eq!(page.control().map(|c| c.d_sense), Some(true));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
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
    /// The whole page, header included: page byte N is `bytes[N]`, as SPC numbers them.
    pub bytes: &'a [u8],
}

/// Caching mode page (08h) layout (SBC-5 table 183), page byte numbers.
pub(crate) mod caching_field {
    use crate::wire::Bits;
    /// DISC.
    pub(crate) const DISC: Bits = Bits::flag(2, 4);
    /// WCE.
    pub(crate) const WCE: Bits = Bits::flag(2, 2);
    /// MF.
    pub(crate) const MF: Bits = Bits::flag(2, 1);
    /// RCD.
    pub(crate) const RCD: Bits = Bits::flag(2, 0);
    /// The whole page (PAGE LENGTH 12h).
    pub(crate) const LEN: usize = 0x14;
}

/// Control mode page (0Ah) layout (SPC-6 table 467).
pub(crate) mod control_field {
    use crate::wire::Bits;
    /// TST.
    pub(crate) const TST: Bits = Bits::new(2, 5, 3);
    /// D_SENSE.
    pub(crate) const D_SENSE: Bits = Bits::flag(2, 2);
    /// GLTSD.
    pub(crate) const GLTSD: Bits = Bits::flag(2, 1);
    /// QUEUE ALGORITHM MODIFIER.
    pub(crate) const QAM: Bits = Bits::new(3, 4, 4);
    /// QERR.
    pub(crate) const QERR: Bits = Bits::new(3, 1, 2);
    /// EXTENDED SELF-TEST COMPLETION TIME (2 bytes).
    pub(crate) const SELF_TEST_TIME: usize = 10;
    /// The whole page (PAGE LENGTH 0Ah).
    pub(crate) const LEN: usize = 0x0C;
}

/// Read-write error recovery mode page (01h) layout (SBC-5 table 197).
pub(crate) mod rw_recovery_field {
    use crate::wire::Bits;
    /// AWRE.
    pub(crate) const AWRE: Bits = Bits::flag(2, 7);
    /// ARRE.
    pub(crate) const ARRE: Bits = Bits::flag(2, 6);
    /// PER.
    pub(crate) const PER: Bits = Bits::flag(2, 2);
    /// READ RETRY COUNT.
    pub(crate) const READ_RETRY: Bits = Bits::new(3, 0, 8);
    /// WRITE RETRY COUNT.
    pub(crate) const WRITE_RETRY: Bits = Bits::new(8, 0, 8);
    /// RECOVERY TIME LIMIT (2 bytes).
    pub(crate) const RECOVERY_TIME_LIMIT: usize = 10;
    /// The whole page (PAGE LENGTH 0Ah).
    pub(crate) const LEN: usize = 0x0C;
}

/// Informational exceptions control mode page (1Ch) layout (SPC-6 table 476).
pub(crate) mod ie_field {
    use crate::wire::Bits;
    /// EWASC.
    pub(crate) const EWASC: Bits = Bits::flag(2, 4);
    /// DEXCPT.
    pub(crate) const DEXCPT: Bits = Bits::flag(2, 3);
    /// TEST.
    pub(crate) const TEST: Bits = Bits::flag(2, 2);
    /// MRIE.
    pub(crate) const MRIE: Bits = Bits::new(3, 0, 4);
    /// INTERVAL TIMER (4 bytes).
    pub(crate) const INTERVAL_TIMER: usize = 4;
    /// REPORT COUNT (4 bytes).
    pub(crate) const REPORT_COUNT: usize = 8;
    /// The whole page (PAGE LENGTH 0Ah).
    pub(crate) const LEN: usize = 0x0C;
}

/// Power condition mode page (1Ah) layout (SPC-6 table 472).
pub(crate) mod power_field {
    use crate::wire::Bits;
    /// IDLE_A.
    pub(crate) const IDLE_A: Bits = Bits::flag(3, 1);
    /// STANDBY_Z.
    pub(crate) const STANDBY_Z: Bits = Bits::flag(3, 0);
    /// IDLE_A CONDITION TIMER (4 bytes).
    pub(crate) const IDLE_A_TIMER: usize = 4;
    /// STANDBY_Z CONDITION TIMER (4 bytes).
    pub(crate) const STANDBY_Z_TIMER: usize = 8;
    /// The whole page (PAGE LENGTH 26h).
    pub(crate) const LEN: usize = 0x28;
}

/// Caching mode page (08h) fields.
///
/// ```
/// use scsi_cdb::data::{Caching, ModePageFields};
///
/// // Byte 2 of the caching page (SBC-5): WCE bit 2, MF bit 1, RCD bit 0.
/// let mut page = [0x08, 0x12, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/// let c = Caching::read(&page).expect("whole page");
/// assert!(c.wce && c.rcd && !c.mf);
/// Caching { wce: false, ..c }.apply(&mut page)?;
/// assert_eq!(page[2], 0x01);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
///
/// ```
/// use scsi_cdb::data::{ControlPage, ModePageFields};
///
/// // 0Ah (SPC-6): D_SENSE (byte 2 bit 2), QERR 01b (byte 3 bits 2:1), self-test 600 s.
/// let mut page = [0u8; 12];
/// (page[0], page[1], page[2], page[3], page[11]) = (0x0A, 0x0A, 0x04, 0x02, 0x58);
/// page[10] = 0x02;
/// let c = ControlPage::read(&page).expect("whole page");
/// assert_eq!((c.d_sense, c.qerr, c.self_test_seconds), (true, 1, Some(600)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Control {
    /// D_SENSE: the device returns descriptor-format sense data.
    pub d_sense: bool,
    /// TST: task set type.
    pub tst: u8,
    /// QUEUE ALGORITHM MODIFIER.
    #[cfg_attr(feature = "serde", serde(rename = "queue_algorithm_modifier"))]
    pub queue_algorithm: u8,
    /// QERR.
    pub qerr: u8,
    /// GLTSD: global logging target save disable.
    pub gltsd: bool,
    /// EXTENDED SELF-TEST COMPLETION TIME (seconds), when present.
    #[cfg_attr(feature = "serde", serde(rename = "extended_self_test_completion_time"))]
    pub self_test_seconds: Option<u16>,
}

/// Read-write error recovery mode page (01h) fields.
///
/// ```
/// use scsi_cdb::data::{ModePageFields, RwErrorRecovery};
///
/// // 01h (SBC-5): AWRE and ARRE set, 11 read retries, 8 write retries.
/// let mut page = [0u8; 12];
/// (page[0], page[1], page[2], page[3], page[8]) = (0x01, 0x0A, 0xC0, 11, 8);
/// let r = RwErrorRecovery::read(&page).expect("whole page");
/// assert!(r.awre && r.arre && !r.per);
/// assert_eq!((r.read_retry, r.write_retry, r.recovery_time_limit), (11, Some(8), Some(0)));
/// ```
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
    #[cfg_attr(feature = "serde", serde(rename = "read_retry_count"))]
    pub read_retry: u8,
    /// WRITE RETRY COUNT, when present.
    #[cfg_attr(feature = "serde", serde(rename = "write_retry_count"))]
    pub write_retry: Option<u8>,
    /// RECOVERY TIME LIMIT (ms), when present.
    pub recovery_time_limit: Option<u16>,
}

/// Informational exceptions control mode page (1Ch) fields.
///
/// ```
/// use scsi_cdb::data::{InformationalExceptions, ModePageFields};
///
/// // 1Ch (SPC-6): EWASC on, MRIE 6 (report on request), a 10-minute interval timer.
/// let mut page = [0u8; 12];
/// (page[0], page[1], page[2], page[3]) = (0x1C, 0x0A, 0x10, 0x06);
/// page[4..8].copy_from_slice(&6000u32.to_be_bytes());
/// let ie = InformationalExceptions::read(&page).expect("whole page");
/// assert!(ie.ewasc && !ie.dexcpt);
/// assert_eq!((ie.mrie, ie.interval_timer, ie.report_count), (6, Some(6000), Some(0)));
/// ```
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
///
/// ```
/// use scsi_cdb::data::{ModePageFields, PowerCondition};
///
/// // 1Ah (SPC-6): IDLE_A after 2 s, STANDBY_Z after 1 hour (100 ms units).
/// let mut page = [0u8; 0x28];
/// (page[0], page[1], page[3]) = (0x1A, 0x26, 0x03);
/// page[4..8].copy_from_slice(&20u32.to_be_bytes());
/// page[8..12].copy_from_slice(&36_000u32.to_be_bytes());
/// let p = PowerCondition::read(&page).expect("whole page");
/// assert_eq!((p.idle_a, p.standby_z), (true, true));
/// assert_eq!((p.idle_a_timer, p.standby_z_timer), (Some(20), Some(36_000)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PowerCondition {
    /// IDLE_A enabled.
    pub idle_a: bool,
    /// STANDBY_Z enabled.
    pub standby_z: bool,
    /// IDLE_A CONDITION TIMER (100 ms units).
    #[cfg_attr(feature = "serde", serde(rename = "idle_a_condition_timer"))]
    pub idle_a_timer: Option<u32>,
    /// STANDBY_Z CONDITION TIMER (100 ms units).
    #[cfg_attr(feature = "serde", serde(rename = "standby_z_condition_timer"))]
    pub standby_z_timer: Option<u32>,
}

/// Every field present and zero (what a zeroed page of the current length reads as).
impl Default for Control {
    fn default() -> Self {
        Self { d_sense: false, tst: 0, queue_algorithm: 0, qerr: 0, gltsd: false, self_test_seconds: Some(0) }
    }
}

/// Every field present and zero.
impl Default for RwErrorRecovery {
    fn default() -> Self {
        Self {
            awre: false,
            arre: false,
            per: false,
            read_retry: 0,
            write_retry: Some(0),
            recovery_time_limit: Some(0),
        }
    }
}

/// Every field present and zero.
impl Default for InformationalExceptions {
    fn default() -> Self {
        Self {
            dexcpt: false,
            test: false,
            ewasc: false,
            mrie: 0,
            interval_timer: Some(0),
            report_count: Some(0),
        }
    }
}

/// Every field present and zero.
impl Default for PowerCondition {
    fn default() -> Self {
        Self { idle_a: false, standby_z: false, idle_a_timer: Some(0), standby_z_timer: Some(0) }
    }
}

impl ModePage<'_> {
    /// The typed fields of this page, when it is `T`'s page (page_0 format) and long enough.
    #[must_use]
    pub fn fields<T: ModePageFields>(&self) -> Option<T> {
        if self.code != T::PAGE_CODE || self.spf {
            return None;
        }
        T::read(self.bytes)
    }

    /// The caching page (08h).
    #[must_use]
    pub fn caching(&self) -> Option<Caching> {
        self.fields()
    }

    /// The control page (0Ah).
    #[must_use]
    pub fn control(&self) -> Option<Control> {
        self.fields()
    }

    /// The read-write error recovery page (01h).
    #[must_use]
    pub fn rw_error_recovery(&self) -> Option<RwErrorRecovery> {
        self.fields()
    }

    /// The informational exceptions control page (1Ch).
    #[must_use]
    pub fn informational_exceptions(&self) -> Option<InformationalExceptions> {
        self.fields()
    }

    /// The power condition page (1Ah).
    #[must_use]
    pub fn power_condition(&self) -> Option<PowerCondition> {
        self.fields()
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
pub trait ModePageFields: Sized {
    /// The page code this type belongs to.
    const PAGE_CODE: u8;

    /// The whole page's length (header included) as the current standard defines it: what a
    /// target writes.
    const PAGE_LEN: usize;

    /// Reads the fields from a whole page (header included); `None` when a required field is
    /// missing. The page code is not checked here (see [`ModePage::fields`]).
    fn read(page: &[u8]) -> Option<Self>;

    /// Writes the fields into `page`.
    ///
    /// # Errors
    /// [`DecodeError::WrongPage`] for another page (or a sub-page format page);
    /// [`DecodeError::Truncated`] when `page` is too short for a field.
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError>;

    /// Writes the whole page (header with PS, PAGE LENGTH, these fields, every other bit zero)
    /// at the start of `out`, cut at its end; returns the bytes written.
    fn write_page(&self, ps: bool, out: &mut [u8]) -> usize {
        let mut tmp = [0u8; 256];
        let Some(page) = tmp.get_mut(..Self::PAGE_LEN) else { return 0 };
        page_field::PAGE_CODE.put(page, Self::PAGE_CODE);
        page_field::PS.put_flag(page, ps);
        page_field::PAGE_LENGTH.put(page, u8::try_from(Self::PAGE_LEN - page_field::HEADER_LEN).unwrap_or(0));
        // Cannot fail: the page is ours, with the right code and length.
        let _ = self.apply(page);
        put_at(out, 0, page);
        Self::PAGE_LEN.min(out.len())
    }
}

/// Checks the page code of a whole page.
fn page_of(page: &[u8], code: u8) -> Result<(), DecodeError> {
    if page.is_empty() {
        return Err(DecodeError::truncated(page_field::HEADER_LEN, 0));
    }
    let found = page_field::PAGE_CODE.get_or0(page);
    if found != code || page_field::SPF.is_set(page) == Some(true) {
        return Err(DecodeError::WrongPage { expected: code, found });
    }
    Ok(())
}

/// Sets a bit field, or reports the page too short for it.
fn put_bits(page: &mut [u8], field: Bits, value: u8) -> Result<(), DecodeError> {
    if page.len() <= field.byte {
        return Err(DecodeError::truncated(field.byte + 1, page.len()));
    }
    field.put(page, value);
    Ok(())
}

/// Writes big-endian `bytes` at `at`, or reports the page too short.
fn put_be(page: &mut [u8], at: usize, bytes: &[u8]) -> Result<(), DecodeError> {
    let len = page.len();
    let dst = page.get_mut(at..at + bytes.len()).ok_or(DecodeError::truncated(at + bytes.len(), len))?;
    dst.copy_from_slice(bytes);
    Ok(())
}

impl ModePageFields for Caching {
    const PAGE_CODE: u8 = 0x08;
    const PAGE_LEN: usize = caching_field::LEN;
    fn read(p: &[u8]) -> Option<Self> {
        use caching_field as f;
        Some(Self {
            wce: f::WCE.is_set(p)?,
            rcd: f::RCD.is_set(p)?,
            mf: f::MF.is_set(p)?,
            disc: f::DISC.is_set(p)?,
        })
    }
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError> {
        use caching_field as f;
        page_of(page, Self::PAGE_CODE)?;
        put_bits(page, f::DISC, u8::from(self.disc))?;
        put_bits(page, f::WCE, u8::from(self.wce))?;
        put_bits(page, f::MF, u8::from(self.mf))?;
        put_bits(page, f::RCD, u8::from(self.rcd))
    }
}

impl ModePageFields for Control {
    const PAGE_CODE: u8 = 0x0A;
    const PAGE_LEN: usize = control_field::LEN;
    fn read(p: &[u8]) -> Option<Self> {
        use control_field as f;
        Some(Self {
            d_sense: f::D_SENSE.is_set(p)?,
            tst: f::TST.get(p)?,
            queue_algorithm: f::QAM.get(p)?,
            qerr: f::QERR.get(p)?,
            gltsd: f::GLTSD.is_set(p)?,
            self_test_seconds: be16_at(p, f::SELF_TEST_TIME),
        })
    }
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError> {
        use control_field as f;
        page_of(page, Self::PAGE_CODE)?;
        put_bits(page, f::TST, self.tst)?;
        put_bits(page, f::D_SENSE, u8::from(self.d_sense))?;
        put_bits(page, f::GLTSD, u8::from(self.gltsd))?;
        put_bits(page, f::QAM, self.queue_algorithm)?;
        put_bits(page, f::QERR, self.qerr)?;
        match self.self_test_seconds {
            Some(s) => put_be(page, f::SELF_TEST_TIME, &s.to_be_bytes()),
            None => Ok(()),
        }
    }
}

impl ModePageFields for RwErrorRecovery {
    const PAGE_CODE: u8 = 0x01;
    const PAGE_LEN: usize = rw_recovery_field::LEN;
    fn read(p: &[u8]) -> Option<Self> {
        use rw_recovery_field as f;
        Some(Self {
            awre: f::AWRE.is_set(p)?,
            arre: f::ARRE.is_set(p)?,
            per: f::PER.is_set(p)?,
            read_retry: f::READ_RETRY.get(p)?,
            write_retry: f::WRITE_RETRY.get(p),
            recovery_time_limit: be16_at(p, f::RECOVERY_TIME_LIMIT),
        })
    }
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError> {
        use rw_recovery_field as f;
        page_of(page, Self::PAGE_CODE)?;
        put_bits(page, f::AWRE, u8::from(self.awre))?;
        put_bits(page, f::ARRE, u8::from(self.arre))?;
        put_bits(page, f::PER, u8::from(self.per))?;
        put_bits(page, f::READ_RETRY, self.read_retry)?;
        if let Some(w) = self.write_retry {
            put_bits(page, f::WRITE_RETRY, w)?;
        }
        match self.recovery_time_limit {
            Some(t) => put_be(page, f::RECOVERY_TIME_LIMIT, &t.to_be_bytes()),
            None => Ok(()),
        }
    }
}

impl ModePageFields for InformationalExceptions {
    const PAGE_CODE: u8 = 0x1C;
    const PAGE_LEN: usize = ie_field::LEN;
    fn read(p: &[u8]) -> Option<Self> {
        use ie_field as f;
        Some(Self {
            dexcpt: f::DEXCPT.is_set(p)?,
            test: f::TEST.is_set(p)?,
            ewasc: f::EWASC.is_set(p)?,
            mrie: f::MRIE.get(p)?,
            interval_timer: be32_at(p, f::INTERVAL_TIMER),
            report_count: be32_at(p, f::REPORT_COUNT),
        })
    }
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError> {
        use ie_field as f;
        page_of(page, Self::PAGE_CODE)?;
        put_bits(page, f::EWASC, u8::from(self.ewasc))?;
        put_bits(page, f::DEXCPT, u8::from(self.dexcpt))?;
        put_bits(page, f::TEST, u8::from(self.test))?;
        put_bits(page, f::MRIE, self.mrie)?;
        if let Some(t) = self.interval_timer {
            put_be(page, f::INTERVAL_TIMER, &t.to_be_bytes())?;
        }
        match self.report_count {
            Some(c) => put_be(page, f::REPORT_COUNT, &c.to_be_bytes()),
            None => Ok(()),
        }
    }
}

impl ModePageFields for PowerCondition {
    const PAGE_CODE: u8 = 0x1A;
    const PAGE_LEN: usize = power_field::LEN;
    fn read(p: &[u8]) -> Option<Self> {
        use power_field as f;
        Some(Self {
            idle_a: f::IDLE_A.is_set(p)?,
            standby_z: f::STANDBY_Z.is_set(p)?,
            idle_a_timer: be32_at(p, f::IDLE_A_TIMER),
            standby_z_timer: be32_at(p, f::STANDBY_Z_TIMER),
        })
    }
    fn apply(&self, page: &mut [u8]) -> Result<(), DecodeError> {
        use power_field as f;
        page_of(page, Self::PAGE_CODE)?;
        put_bits(page, f::IDLE_A, u8::from(self.idle_a))?;
        put_bits(page, f::STANDBY_Z, u8::from(self.standby_z))?;
        if let Some(t) = self.idle_a_timer {
            put_be(page, f::IDLE_A_TIMER, &t.to_be_bytes())?;
        }
        match self.standby_z_timer {
            Some(t) => put_be(page, f::STANDBY_Z_TIMER, &t.to_be_bytes()),
            None => Ok(()),
        }
    }
}

/// A mode page as a target keeps it: the four value sets MODE SENSE's PAGE CONTROL selects.
/// `changeable` is a mask: a field set (true, all ones) is one MODE SELECT may change.
///
/// ```
/// use scsi_cdb::data::{Caching, ModePageValues};
/// let wce = Caching { wce: true, ..Caching::default() };
/// // Write cache on, and the initiator may turn it off.
/// let caching = ModePageValues { changeable: wce, ..ModePageValues::fixed(wce) };
/// assert_eq!(caching.saved, wce);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModePageValues<T> {
    /// Current values.
    pub current: T,
    /// Changeable values (a mask).
    pub changeable: T,
    /// Default values.
    pub default: T,
    /// Saved values.
    pub saved: T,
    /// PS: the page can be saved.
    pub ps: bool,
}

impl<T: ModePageFields + Copy + Default> ModePageValues<T> {
    /// A page with the same current, default and saved values that nothing may change.
    #[must_use]
    pub fn fixed(values: T) -> Self {
        Self { current: values, changeable: T::default(), default: values, saved: values, ps: false }
    }

    /// The values PAGE CONTROL asks for.
    #[must_use]
    pub const fn select(&self, pc: PageControl) -> &T {
        match pc {
            PageControl::Current => &self.current,
            PageControl::Changeable => &self.changeable,
            PageControl::Default => &self.default,
            PageControl::Saved => &self.saved,
        }
    }
}

/// A mode page a [`ModeSenseWriter`] can return (object safe, so one list holds different
/// pages). Implemented by [`ModePageValues`] of every typed page.
///
/// ```
/// use scsi_cdb::cdb::spc::PageControl;
/// use scsi_cdb::data::{Caching, ControlPage, ModePageSource, ModePageValues};
///
/// let wce = Caching { wce: true, ..Caching::default() };
/// let pages: [&dyn ModePageSource; 2] =
///     [&ModePageValues::fixed(wce), &ModePageValues::fixed(ControlPage::default())];
/// assert_eq!(pages.map(|p| (p.page_code(), p.page_len())), [(0x08, 20), (0x0A, 12)]);
/// // The current caching page: header 08h 12h, then WCE (byte 2 bit 2).
/// let mut out = [0u8; 20];
/// assert_eq!(pages[0].write_page(PageControl::Current, &mut out), 20);
/// assert_eq!(&out[..3], &[0x08, 0x12, 0x04]);
/// ```
pub trait ModePageSource {
    /// PAGE CODE.
    fn page_code(&self) -> u8;

    /// The whole page's length, header included.
    fn page_len(&self) -> usize;

    /// Writes the page with the values `pc` selects at the start of `out`, cut at its end.
    fn write_page(&self, pc: PageControl, out: &mut [u8]) -> usize;
}

impl<T: ModePageFields + Copy + Default> ModePageSource for ModePageValues<T> {
    fn page_code(&self) -> u8 {
        T::PAGE_CODE
    }

    fn page_len(&self) -> usize {
        T::PAGE_LEN
    }

    fn write_page(&self, pc: PageControl, out: &mut [u8]) -> usize {
        self.select(pc).write_page(self.ps, out)
    }
}

/// MODE SENSE (6) or (10) data as a target writes it: the header, the block descriptors and
/// the pages PAGE CODE selects (3Fh: all), each with the values PAGE CONTROL selects. MODE
/// DATA LENGTH gives the full length even when the allocation length cuts the answer (and
/// saturates at 255 for MODE SENSE (6)).
///
/// ```
/// use scsi_cdb::cdb::spc::PageControl;
/// use scsi_cdb::data::{
///     BlockDescriptor, Caching, ControlPage, ModeData, ModePageSource, ModePageValues, ModeSenseWriter, WriteData,
/// };
/// let caching = ModePageValues { changeable: Caching { wce: true, ..Default::default() },
///     ..ModePageValues::fixed(Caching { wce: true, ..Default::default() }) };
/// let control = ModePageValues::fixed(ControlPage { d_sense: true, ..Default::default() });
/// let pages: [&dyn ModePageSource; 2] = [&caching, &control];
/// let bd = [BlockDescriptor { density: None, blocks: 0x10_0000, block_len: 512 }];
/// let w = ModeSenseWriter { block_descriptors: &bd, pages: &pages, ..ModeSenseWriter::new(false) };
/// let mut out = [0u8; 255];
/// let n = w.write(&mut out);
/// let m = ModeData::parse(&out[..n], false)?;
/// assert_eq!(m.total_len(), n);
/// assert_eq!(m.block_descriptors().next().map(|d| d.block_len), Some(512));
/// assert_eq!(m.page(0x08, 0).and_then(|p| p.caching()).map(|c| c.wce), Some(true));
/// assert_eq!(m.page(0x0A, 0).and_then(|p| p.control()).map(|c| c.d_sense), Some(true));
/// // The changeable values of the control page alone: nothing may change.
/// let w = ModeSenseWriter { page_code: 0x0A, page_control: PageControl::Changeable, ..w };
/// let n = w.write(&mut out);
/// let m = ModeData::parse(&out[..n], false)?;
/// assert_eq!(m.pages().count(), 1);
/// assert_eq!(m.page(0x0A, 0).and_then(|p| p.control()).map(|c| c.d_sense), Some(false));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Clone, Copy)]
pub struct ModeSenseWriter<'a> {
    /// MODE SENSE (10) format (8-byte header) instead of (6).
    pub ten: bool,
    /// MEDIUM TYPE.
    pub medium_type: u8,
    /// DEVICE-SPECIFIC PARAMETER (for disks [`DEVICE_SPECIFIC_WP`], [`DEVICE_SPECIFIC_DPOFUA`]).
    pub device_specific: u8,
    /// LONGLBA: 16-byte block descriptors (MODE SENSE (10) only; ignored for (6)).
    pub long_lba: bool,
    /// The block descriptors (pass none when the CDB's DBD is set).
    pub block_descriptors: &'a [BlockDescriptor],
    /// Every page the target has.
    pub pages: &'a [&'a dyn ModePageSource],
    /// PAGE CODE of the CDB: 3Fh returns every page.
    pub page_code: u8,
    /// PAGE CONTROL of the CDB.
    pub page_control: PageControl,
}

impl core::fmt::Debug for ModeSenseWriter<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ModeSenseWriter")
            .field("ten", &self.ten)
            .field("block_descriptors", &self.block_descriptors)
            .field("pages", &self.pages.len())
            .field("page_code", &self.page_code)
            .field("page_control", &self.page_control)
            .finish_non_exhaustive()
    }
}

impl<'a> ModeSenseWriter<'a> {
    /// All pages, current values, no block descriptors, medium type and device-specific 0.
    #[must_use]
    pub const fn new(ten: bool) -> Self {
        Self {
            ten,
            medium_type: 0,
            device_specific: 0,
            long_lba: false,
            block_descriptors: &[],
            pages: &[],
            page_code: 0x3F,
            page_control: PageControl::Current,
        }
    }

    fn long(&self) -> bool {
        self.ten && self.long_lba
    }

    fn descriptors_len(&self) -> usize {
        use block_descriptor_field as f;
        self.block_descriptors.len() * if self.long() { f::LONG_LEN } else { f::SHORT_LEN }
    }

    fn selected(&self) -> impl Iterator<Item = &'a dyn ModePageSource> + use<'a> {
        let code = self.page_code & 0x3F;
        self.pages.iter().copied().filter(move |p| code == 0x3F || p.page_code() == code)
    }
}

impl WriteData for ModeSenseWriter<'_> {
    fn total_len(&self) -> usize {
        let h = HeaderLayout::of(self.ten);
        h.len + self.descriptors_len() + self.selected().map(|p| p.page_len()).sum::<usize>()
    }

    fn write(&self, out: &mut [u8]) -> usize {
        let h = HeaderLayout::of(self.ten);
        let total = self.total_len();
        let out = zeroed_prefix(out, total);
        HeaderLayout::write_len(out, 0, h.mode_data_len_size, total - h.mode_data_len_size);
        h.medium_type.put(out, self.medium_type);
        h.device_specific.put(out, self.device_specific);
        if let Some(b) = h.long_lba {
            b.put_flag(out, self.long());
        }
        let (off, size) = h.block_descriptor_len;
        HeaderLayout::write_len(out, off, size, self.descriptors_len());
        let step =
            if self.long() { block_descriptor_field::LONG_LEN } else { block_descriptor_field::SHORT_LEN };
        let mut at = h.len;
        for d in self.block_descriptors {
            if let Some(rest) = out.get_mut(at..) {
                d.write(self.long(), rest);
            }
            at += step;
        }
        for p in self.selected() {
            if let Some(rest) = out.get_mut(at..) {
                p.write_page(self.page_control, rest);
            }
            at += p.page_len();
        }
        out.len()
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
    let h = HeaderLayout::of(ten).len;
    let n = h + page.len();
    let room = out.len();
    let dst = out.get_mut(..n).ok_or(BuildError::buffer_too_small(n, room))?;
    dst.fill(0);
    let (_, body) = dst.split_at_mut(h);
    body.copy_from_slice(page);
    if body.is_empty() {
        return Err(BuildError::LengthTooSmall { len: 0, min: 2 });
    }
    page_field::PS.put_flag(body, false);
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
            let view = |p: &[u8]| {
                get(&ModePage { code, subpage: 0, ps: false, spf: false, data: &p[2..], bytes: p })
            };
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
