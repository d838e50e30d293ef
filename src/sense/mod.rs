//! Sense data: the zero-copy [`Sense`] view over fixed-format (70h/71h), descriptor-format
//! (72h/73h) and vendor (7Fh) sense, its descriptors, a normalized [`SenseSummary`],
//! classification into a [`Disposition`], and [`SenseBuilder`] for targets (SPC-6 §4.4).
//!
//! The view accepts a buffer of any length. Every accessor returns `None` for a field that is
//! not there; the ADDITIONAL SENSE LENGTH is trusted only up to the buffer, and both lengths are
//! exposed ([`Sense::declared_len`], [`Sense::available_len`]). Nothing panics on any input.
//!
//! ```
//! use scsi_cdb::sense::{Disposition, Sense};
//! use scsi_cdb::{AdditionalSense, SenseKey};
//! // ILLEGAL REQUEST, INVALID FIELD IN CDB, field pointer byte 4 bit 7.
//! let bytes = [0x70, 0, 0x05, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x24, 0x00, 0, 0xCF, 0x00, 0x04];
//! let s = Sense::parse(&bytes)?;
//! assert_eq!(s.sense_key(), Some(SenseKey::IllegalRequest));
//! assert_eq!(s.additional_sense(), Some(AdditionalSense::INVALID_FIELD_IN_CDB));
//! assert_eq!(s.to_string(), "ILLEGAL REQUEST: INVALID FIELD IN CDB (24h/00h), field pointer byte 4 bit 7");
//! assert_eq!(s.disposition(), Disposition::InvalidRequest);
//! # Ok::<(), scsi_cdb::DecodeError>(())
//! ```

mod builder;
mod classify;
mod descriptor;
#[cfg(feature = "serde")]
pub(crate) mod json;
mod sks;

use core::fmt;

pub use builder::{SenseBuilder, SenseFormatChoice};
pub use classify::{Disposition, errno};
pub use descriptor::{AtaStatusReturn, Descriptor, DescriptorIter, DescriptorOverrun};
pub use sks::SenseKeySpecific;

use crate::wire::{array_at, be32_at, u8_at};
use crate::{AdditionalSense, DecodeError, SenseKey};

/// The sense data layouts (SPC-6 §4.4): the one description of every byte offset that the
/// reader ([`Sense`], [`Descriptor`]), the writer ([`SenseBuilder`]) and the byte map use.
pub(crate) mod field {
    use crate::wire::Bits;
    /// RESPONSE CODE (both formats).
    pub(crate) const RESPONSE_CODE: Bits = Bits::new(0, 0, 7);
    /// ADDITIONAL SENSE LENGTH (both formats): n - 7.
    pub(crate) const ADDITIONAL_LENGTH: usize = 7;
    /// The bytes up to ADDITIONAL SENSE LENGTH, which it does not count.
    pub(crate) const HEADER_LEN: usize = 8;

    /// Fixed format (SPC-6 table 50).
    pub(crate) mod fixed {
        use crate::wire::Bits;
        /// VALID.
        pub(crate) const VALID: Bits = Bits::flag(0, 7);
        /// FILEMARK.
        pub(crate) const FILEMARK: Bits = Bits::flag(2, 7);
        /// EOM.
        pub(crate) const EOM: Bits = Bits::flag(2, 6);
        /// ILI.
        pub(crate) const ILI: Bits = Bits::flag(2, 5);
        /// SDAT_OVFL.
        pub(crate) const SDAT_OVFL: Bits = Bits::flag(2, 4);
        /// SENSE KEY.
        pub(crate) const SENSE_KEY: Bits = Bits::new(2, 0, 4);
        /// INFORMATION (4 bytes).
        pub(crate) const INFORMATION: usize = 3;
        /// COMMAND-SPECIFIC INFORMATION (4 bytes).
        pub(crate) const COMMAND_SPECIFIC: usize = 8;
        /// ADDITIONAL SENSE CODE.
        pub(crate) const ASC: usize = 12;
        /// ADDITIONAL SENSE CODE QUALIFIER.
        pub(crate) const ASCQ: usize = 13;
        /// FIELD REPLACEABLE UNIT CODE.
        pub(crate) const FRU: usize = 14;
        /// SKSV and SENSE KEY SPECIFIC (3 bytes).
        pub(crate) const SKS: usize = 15;
    }

    /// Descriptor format header (SPC-6 table 44).
    pub(crate) mod descriptor {
        use crate::wire::Bits;
        /// SENSE KEY.
        pub(crate) const SENSE_KEY: Bits = Bits::new(1, 0, 4);
        /// ADDITIONAL SENSE CODE.
        pub(crate) const ASC: usize = 2;
        /// ADDITIONAL SENSE CODE QUALIFIER.
        pub(crate) const ASCQ: usize = 3;
        /// SDAT_OVFL.
        pub(crate) const SDAT_OVFL: Bits = Bits::flag(4, 7);
    }

    /// Sense data descriptors (SPC-6 §4.4.2): offsets inside one descriptor.
    pub(crate) mod desc {
        use crate::wire::Bits;
        /// DESCRIPTOR TYPE.
        pub(crate) const TYPE: usize = 0;
        /// ADDITIONAL LENGTH: n - 1.
        pub(crate) const LENGTH: usize = 1;
        /// The bytes ADDITIONAL LENGTH does not count.
        pub(crate) const HEADER_LEN: usize = 2;
        /// VALID of the information (00h) and direct-access block device (0Dh) descriptors.
        pub(crate) const VALID: Bits = Bits::flag(2, 7);
        /// 00h INFORMATION and 01h COMMAND-SPECIFIC INFORMATION (8 bytes).
        pub(crate) const VALUE64: usize = 4;
        /// 00h and 01h descriptor length.
        pub(crate) const VALUE64_LEN: usize = 12;
        /// 02h SENSE KEY SPECIFIC (3 bytes).
        pub(crate) const SKS: usize = 4;
        /// 02h descriptor length.
        pub(crate) const SKS_LEN: usize = 8;
        /// 03h FIELD REPLACEABLE UNIT CODE.
        pub(crate) const FRU: usize = 3;
        /// 03h descriptor length.
        pub(crate) const FRU_LEN: usize = 4;
        /// 04h FILEMARK.
        pub(crate) const FILEMARK: Bits = Bits::flag(3, 7);
        /// 04h EOM.
        pub(crate) const EOM: Bits = Bits::flag(3, 6);
        /// 04h and 05h ILI.
        pub(crate) const ILI: Bits = Bits::flag(3, 5);
        /// 04h and 05h descriptor length.
        pub(crate) const FLAGS_LEN: usize = 4;
        /// 0Dh ILI.
        pub(crate) const DABD_ILI: Bits = Bits::flag(2, 5);
        /// 0Dh SENSE KEY SPECIFIC (3 bytes).
        pub(crate) const DABD_SKS: usize = 4;
        /// 0Dh FIELD REPLACEABLE UNIT CODE.
        pub(crate) const DABD_FRU: usize = 7;
        /// 0Dh INFORMATION (8 bytes).
        pub(crate) const DABD_INFORMATION: usize = 8;
        /// 0Dh COMMAND-SPECIFIC INFORMATION (8 bytes).
        pub(crate) const DABD_COMMAND_SPECIFIC: usize = 16;
    }
}

/// The format of sense data, from its response code.
///
/// ```
/// use scsi_cdb::sense::{Sense, SenseFormat};
/// assert_eq!(Sense::parse(&[0x70, 0, 0x06, 0, 0, 0, 0, 0x0A])?.format(), SenseFormat::Fixed);
/// // A deferred error (73h) in descriptor format.
/// let s = Sense::parse(&[0x73, 0x03, 0x11, 0x00, 0, 0, 0, 0])?;
/// assert_eq!((s.format(), s.is_deferred()), (SenseFormat::Descriptor, true));
/// assert_eq!(Sense::parse(&[0x7F, 0x12, 0x34])?.format(), SenseFormat::Vendor);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SenseFormat {
    /// 70h/71h (F0h/F1h with VALID).
    Fixed,
    /// 72h/73h.
    Descriptor,
    /// 7Fh: vendor specific; only the response code is defined.
    Vendor,
}

/// A zero-copy view over sense data.
///
/// ```
/// use scsi_cdb::sense::Sense;
/// use scsi_cdb::{AdditionalSense, SenseKey};
/// // Fixed format with VALID: MEDIUM ERROR, UNRECOVERED READ ERROR at LBA 123456h.
/// let b = [0xF0, 0, 0x03, 0x00, 0x12, 0x34, 0x56, 0x0A, 0, 0, 0, 0, 0x11, 0x00, 0, 0, 0, 0];
/// let s = Sense::parse(&b)?;
/// assert_eq!(s.sense_key(), Some(SenseKey::MediumError));
/// assert_eq!(s.additional_sense(), Some(AdditionalSense::UNRECOVERED_READ_ERROR));
/// assert_eq!(s.information(), Some(0x12_3456));
/// assert_eq!((s.declared_len(), s.available_len()), (Some(18), 18));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Sense<'a> {
    buf: &'a [u8],
    /// The format, read once from the response code.
    format: SenseFormat,
}

/// The fixed-format length SPC defines for the standard fields (bytes 0-17).
pub const FIXED_LEN: usize = 18;

impl<'a> Sense<'a> {
    /// Views `buf` as sense data. Needs only byte 0 with a sense response code (70h-73h, 7Fh,
    /// VALID bit ignored); everything else may be cut off.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] for an empty buffer, [`DecodeError::BadResponseCode`] for any
    /// other response code (00h is what an uninitialized buffer holds).
    #[inline]
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        let b0 = *buf.first().ok_or(DecodeError::truncated(1, 0))?;
        let format = match b0 & 0x7F {
            0x70 | 0x71 => SenseFormat::Fixed,
            0x72 | 0x73 => SenseFormat::Descriptor,
            0x7F => SenseFormat::Vendor,
            _ => return Err(DecodeError::BadResponseCode(b0)),
        };
        // The declared-length cut is made by the accessors that need it (`effective`), so the
        // hot path (key, ASC, ASCQ) reads only the bytes it returns.
        Ok(Self { buf, format })
    }

    /// The bytes the view was made from.
    #[must_use]
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }

    /// RESPONSE CODE (byte 0, VALID masked off).
    #[must_use]
    #[inline]
    pub fn response_code(&self) -> u8 {
        field::RESPONSE_CODE.get_or0(self.buf)
    }

    /// The format.
    #[must_use]
    pub const fn format(&self) -> SenseFormat {
        self.format
    }

    /// True for deferred errors (71h, 73h): the error belongs to an earlier command.
    #[must_use]
    pub fn is_deferred(&self) -> bool {
        matches!(self.response_code(), 0x71 | 0x73)
    }

    const fn fixed(&self) -> bool {
        matches!(self.format, SenseFormat::Fixed)
    }

    const fn descriptor(&self) -> bool {
        matches!(self.format, SenseFormat::Descriptor)
    }

    /// The length the data declares: 8 + ADDITIONAL SENSE LENGTH (byte 7), or `None` when
    /// byte 7 is missing or the format is vendor specific.
    #[must_use]
    #[inline]
    pub fn declared_len(&self) -> Option<usize> {
        if self.format() == SenseFormat::Vendor {
            return None;
        }
        u8_at(self.buf, field::ADDITIONAL_LENGTH).map(|n| field::HEADER_LEN + usize::from(n))
    }

    /// The bytes present.
    #[must_use]
    pub const fn available_len(&self) -> usize {
        self.buf.len()
    }

    /// The bytes that count: the buffer cut at the declared length (the whole buffer when the
    /// length byte is missing).
    #[must_use]
    #[inline]
    pub fn effective(&self) -> &'a [u8] {
        match (self.format, self.buf.get(field::ADDITIONAL_LENGTH)) {
            (SenseFormat::Vendor, _) | (_, None) => self.buf,
            (_, Some(&n)) => self.buf.get(..field::HEADER_LEN + usize::from(n)).unwrap_or(self.buf),
        }
    }

    /// True when the buffer ends before the declared length (or before byte 7, or, for fixed
    /// format, before byte 18 with the standard fields).
    #[must_use]
    #[inline]
    pub fn is_truncated(&self) -> bool {
        match (self.format(), self.declared_len()) {
            (SenseFormat::Vendor, _) => false,
            (_, None) => true,
            (_, Some(n)) => self.buf.len() < n,
        }
    }

    /// A field of a fixed-format buffer at `off`, present only inside the declared length.
    #[inline]
    fn fixed_byte(&self, off: usize) -> Option<u8> {
        if off >= field::HEADER_LEN { u8_at(self.effective(), off) } else { u8_at(self.buf, off) }
    }

    /// SENSE KEY.
    #[must_use]
    #[inline]
    pub fn sense_key(&self) -> Option<SenseKey> {
        match self.format() {
            SenseFormat::Fixed => field::fixed::SENSE_KEY.get(self.buf),
            SenseFormat::Descriptor => field::descriptor::SENSE_KEY.get(self.buf),
            SenseFormat::Vendor => None,
        }
        .map(SenseKey::from_nibble)
    }

    /// ADDITIONAL SENSE CODE.
    #[must_use]
    #[inline]
    pub fn asc(&self) -> Option<u8> {
        match self.format() {
            SenseFormat::Fixed => self.fixed_byte(field::fixed::ASC),
            SenseFormat::Descriptor => u8_at(self.buf, field::descriptor::ASC),
            SenseFormat::Vendor => None,
        }
    }

    /// ADDITIONAL SENSE CODE QUALIFIER.
    #[must_use]
    #[inline]
    pub fn ascq(&self) -> Option<u8> {
        match self.format() {
            SenseFormat::Fixed => self.fixed_byte(field::fixed::ASCQ),
            SenseFormat::Descriptor => u8_at(self.buf, field::descriptor::ASCQ),
            SenseFormat::Vendor => None,
        }
    }

    /// ASC and ASCQ together (both must be present).
    #[must_use]
    #[inline]
    pub fn additional_sense(&self) -> Option<AdditionalSense> {
        Some(AdditionalSense::new(self.asc()?, self.ascq()?))
    }

    /// VALID (fixed format, byte 0 bit 7): INFORMATION holds a meaningful value.
    #[must_use]
    pub fn valid(&self) -> bool {
        self.fixed() && field::fixed::VALID.is_set(self.buf) == Some(true)
    }

    /// INFORMATION: fixed bytes 3-6 when VALID is set; descriptor 00h (or 0Dh) when its VALID
    /// bit is set. Usually the first failing LBA.
    #[must_use]
    pub fn information(&self) -> Option<u64> {
        if self.fixed() {
            return if self.valid() {
                be32_at(self.buf, field::fixed::INFORMATION).map(u64::from)
            } else {
                None
            };
        }
        // The first information (00h) or direct-access block device (0Dh) descriptor; its
        // VALID bit (byte 2 bit 7) says whether INFORMATION counts.
        let d = self.first_raw(&[0x00, 0x0D])?;
        let at = if d.first() == Some(&0x00) { field::desc::VALUE64 } else { field::desc::DABD_INFORMATION };
        if !field::desc::VALID.is_set(d)? {
            return None;
        }
        crate::wire::be64_at(d, at)
    }

    /// COMMAND-SPECIFIC INFORMATION: fixed bytes 8-11 (when inside the declared length);
    /// descriptor 01h or 0Dh.
    #[must_use]
    pub fn command_specific(&self) -> Option<u64> {
        if self.fixed() {
            return be32_at(self.effective(), field::fixed::COMMAND_SPECIFIC).map(u64::from);
        }
        self.descriptors().flatten().find_map(|(_, d)| match d {
            Descriptor::CommandSpecific(v)
            | Descriptor::DirectAccessBlockDevice { command_specific: v, .. } => Some(v),
            _ => None,
        })
    }

    /// FILEMARK, EOM and ILI: fixed byte 2; descriptor 04h (stream) or 05h/0Dh (ILI only).
    #[must_use]
    pub fn filemark_eom_ili(&self) -> (bool, bool, bool) {
        if self.fixed() {
            use field::fixed as f;
            let get = |b: crate::wire::Bits| b.is_set(self.buf).unwrap_or(false);
            return (get(f::FILEMARK), get(f::EOM), get(f::ILI));
        }
        // The first stream descriptor gives FILEMARK and EOM; ILI is set if the first stream,
        // block or direct-access block device descriptor sets it.
        let (mut stream, mut block, mut dabd) = (None, None, None);
        for (_, d) in self.descriptors().flatten() {
            match d {
                Descriptor::Stream { filemark, eom, ili } => _ = stream.get_or_insert((filemark, eom, ili)),
                Descriptor::Block { ili } => _ = block.get_or_insert(ili),
                Descriptor::DirectAccessBlockDevice { ili, .. } => _ = dabd.get_or_insert(ili),
                _ => {}
            }
        }
        let (fm, eom, ili) = stream.unwrap_or_default();
        (fm, eom, ili || block == Some(true) || dabd == Some(true))
    }

    /// FIELD REPLACEABLE UNIT CODE: fixed byte 14; descriptor 03h or 0Dh. `None` when absent
    /// or zero (zero means no FRU is identified).
    #[must_use]
    pub fn fru(&self) -> Option<u8> {
        let v = if self.fixed() {
            self.fixed_byte(field::fixed::FRU)
        } else {
            self.descriptors().flatten().find_map(|(_, d)| match d {
                Descriptor::Fru(f) | Descriptor::DirectAccessBlockDevice { fru: f, .. } => Some(f),
                _ => None,
            })
        };
        v.filter(|f| *f != 0)
    }

    /// SDAT_OVFL: the sense data did not fit the device's buffer (fixed byte 2 bit 4,
    /// descriptor byte 4 bit 7).
    #[must_use]
    pub fn sdat_ovfl(&self) -> bool {
        match self.format() {
            SenseFormat::Fixed => field::fixed::SDAT_OVFL.is_set(self.buf) == Some(true),
            SenseFormat::Descriptor => field::descriptor::SDAT_OVFL.is_set(self.buf) == Some(true),
            SenseFormat::Vendor => false,
        }
    }

    /// The raw SENSE-KEY SPECIFIC bytes with SKSV set: fixed bytes 15-17, descriptor 02h/0Dh.
    #[must_use]
    pub fn sks_raw(&self) -> Option<[u8; 3]> {
        let raw = if self.fixed() {
            array_at::<3>(self.effective(), field::fixed::SKS)
        } else {
            self.descriptors().flatten().find_map(|(_, d)| match d {
                Descriptor::SenseKeySpecific(b) | Descriptor::DirectAccessBlockDevice { sks: b, .. } => {
                    Some(b)
                }
                _ => None,
            })
        };
        raw.filter(|b| b[0] & 0x80 != 0)
    }

    /// The SENSE-KEY SPECIFIC field decoded for this sense key.
    #[must_use]
    pub fn sks(&self) -> Option<SenseKeySpecific> {
        SenseKeySpecific::decode(self.sense_key()?, self.sks_raw()?)
    }

    /// Progress in 65536ths: the SKS progress indication (NO SENSE, NOT READY), else a
    /// descriptor 0Ah another progress indication.
    #[must_use]
    pub fn progress(&self) -> Option<u16> {
        if let Some(SenseKeySpecific::Progress(p)) = self.sks() {
            return Some(p);
        }
        self.descriptors().flatten().find_map(|(_, d)| match d {
            Descriptor::AnotherProgress { progress, .. } => Some(progress),
            _ => None,
        })
    }

    /// The descriptors of descriptor-format sense (empty for other formats), walked over the
    /// bytes inside both the buffer and the declared length.
    #[must_use]
    pub fn descriptors(&self) -> DescriptorIter<'a> {
        if self.descriptor() {
            DescriptorIter::new(
                self.effective().get(field::HEADER_LEN..).unwrap_or_default(),
                field::HEADER_LEN,
            )
        } else {
            DescriptorIter::new(&[], field::HEADER_LEN)
        }
    }

    /// The first descriptor of a type.
    #[must_use]
    pub fn find_descriptor(&self, code: u8) -> Option<Descriptor<'a>> {
        self.first_of(&[code])
    }

    /// The first whole descriptor whose type is in `codes`, decoded; only that one is decoded.
    fn first_of(&self, codes: &[u8]) -> Option<Descriptor<'a>> {
        self.first_raw(codes).map(Descriptor::decode)
    }

    /// The bytes of the first whole descriptor whose type is in `codes`.
    #[inline]
    fn first_raw(&self, codes: &[u8]) -> Option<&'a [u8]> {
        if !self.descriptor() {
            return None;
        }
        descriptor::raw_walk(self.effective().get(field::HEADER_LEN..).unwrap_or_default())
            .find(|d| d.first().is_some_and(|c| codes.contains(c)))
    }

    /// Additional sense bytes of fixed format after byte 17 (inside the declared length).
    #[must_use]
    pub fn fixed_additional_bytes(&self) -> &'a [u8] {
        if self.fixed() { self.effective().get(FIXED_LEN..).unwrap_or_default() } else { &[] }
    }

    /// ATA registers after ATA PASS-THROUGH: descriptor 09h, or the SAT fixed-format form
    /// (ASC/ASCQ 00h/1Dh with the registers in INFORMATION and COMMAND-SPECIFIC INFORMATION).
    #[must_use]
    pub fn ata_status(&self) -> Option<AtaStatusReturn> {
        if self.descriptor() {
            return match self.find_descriptor(0x09)? {
                Descriptor::AtaStatusReturn(a) => Some(a),
                _ => None,
            };
        }
        if !self.fixed()
            || self.additional_sense()? != AdditionalSense::ATA_PASS_THROUGH_INFORMATION_AVAILABLE
        {
            return None;
        }
        // SAT-5 §12.2.2.6: bytes 3-6 ERROR, STATUS, DEVICE, COUNT(7:0); byte 8 EXTEND (bit 7),
        // COUNT UPPER NONZERO (bit 6), LBA UPPER NONZERO (bit 5); bytes 9-11 LBA 7:0, 15:8, 23:16.
        let info = array_at::<4>(self.buf, field::fixed::INFORMATION)?;
        let cs = array_at::<4>(self.effective(), field::fixed::COMMAND_SPECIFIC)?;
        Some(AtaStatusReturn {
            extend: cs[0] & 0x80 != 0,
            error: info[0],
            status: info[1],
            device: info[2],
            count: u16::from(info[3]),
            lba: u64::from(cs[1]) | u64::from(cs[2]) << 8 | u64::from(cs[3]) << 16,
        })
    }

    /// The normalized summary, the same from either format.
    #[must_use]
    pub fn summary(&self) -> SenseSummary {
        let (filemark, eom, ili) = self.filemark_eom_ili();
        SenseSummary {
            response_code: self.response_code(),
            format: self.format(),
            deferred: self.is_deferred(),
            sense_key: self.sense_key(),
            additional_sense: self.additional_sense(),
            asc: self.asc(),
            ascq: self.ascq(),
            information: self.information(),
            command_specific: self.command_specific(),
            progress: self.progress(),
            filemark,
            eom,
            ili,
            fru: self.fru(),
            sks: self.sks(),
            truncated: self.is_truncated(),
        }
    }

    /// What a driver should do about this sense (see [`Disposition`]).
    #[must_use]
    pub fn disposition(&self) -> Disposition {
        classify::disposition(&self.summary())
    }
}

/// Response code, sense key, ASC and ASCQ: what a driver looks at first, read in one pass
/// ([`Sense::codes`]). Each field is `None` exactly when the matching [`Sense`] accessor is.
///
/// ```
/// use scsi_cdb::SenseKey;
/// use scsi_cdb::sense::{Sense, SenseCodes};
/// // NOT READY, LOGICAL UNIT IS IN PROCESS OF BECOMING READY (04h/01h).
/// let c = Sense::codes(&[0x72, 0x02, 0x04, 0x01, 0, 0, 0, 0]).unwrap();
/// let want = SenseCodes {
///     response_code: 0x72,
///     sense_key: Some(SenseKey::NotReady),
///     asc: Some(0x04),
///     ascq: Some(0x01),
/// };
/// assert_eq!(c, want);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SenseCodes {
    /// RESPONSE CODE (VALID masked off).
    pub response_code: u8,
    /// SENSE KEY, when its byte is present.
    pub sense_key: Option<SenseKey>,
    /// ADDITIONAL SENSE CODE, when present (for fixed format: within the declared length).
    pub asc: Option<u8>,
    /// ADDITIONAL SENSE CODE QUALIFIER, when present.
    pub ascq: Option<u8>,
}

impl Sense<'_> {
    /// Key, ASC and ASCQ straight from the bytes, without building the view: the job of
    /// sg3_utils' `sg_scsi_normalize_sense` and Linux `scsi_normalize_sense`, bounds-checked
    /// the same way as the view's accessors (a fixed-format ASC beyond ADDITIONAL SENSE LENGTH
    /// is `None`). `None` when byte 0 is not a sense response code.
    ///
    /// ```
    /// use scsi_cdb::sense::Sense;
    /// use scsi_cdb::SenseKey;
    /// let c = Sense::codes(&[0x72, 0x05, 0x24, 0x00, 0, 0, 0, 0]).unwrap();
    /// assert_eq!((c.sense_key, c.asc, c.ascq), (Some(SenseKey::IllegalRequest), Some(0x24), Some(0)));
    /// let c = Sense::codes(&[0x70, 0, 0x06, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0, 0x29, 0x00]).unwrap();
    /// assert_eq!((c.asc, c.ascq), (Some(0x29), Some(0)));
    /// assert!(Sense::codes(&[0x05, 0x24, 0x00]).is_none());
    /// ```
    #[must_use]
    #[inline]
    pub fn codes(buf: &[u8]) -> Option<SenseCodes> {
        // The common case first: a whole descriptor-format header, one bounds check. The
        // destructuring follows `field::descriptor`; the compiler checks that it does.
        const _: () = assert!(
            field::descriptor::SENSE_KEY.byte == 1
                && field::descriptor::SENSE_KEY.shift == 0
                && field::descriptor::ASC == 2
                && field::descriptor::ASCQ == 3
        );
        if let Some(&[b0, b1, asc, ascq]) = buf.first_chunk::<4>() {
            if b0 & 0x7E == 0x72 {
                return Some(SenseCodes {
                    response_code: b0 & 0x7F,
                    sense_key: Some(SenseKey::from_nibble(b1 & field::descriptor::SENSE_KEY.mask())),
                    asc: Some(asc),
                    ascq: Some(ascq),
                });
            }
        }
        let b0 = *buf.first()?;
        let response_code = b0 & 0x7F;
        match response_code {
            0x72 | 0x73 => Some(SenseCodes {
                response_code,
                sense_key: field::descriptor::SENSE_KEY.get(buf).map(SenseKey::from_nibble),
                asc: u8_at(buf, field::descriptor::ASC),
                ascq: u8_at(buf, field::descriptor::ASCQ),
            }),
            0x70 | 0x71 => {
                // Bytes past the header count only within 8 + ADDITIONAL SENSE LENGTH.
                let declared = u8_at(buf, field::ADDITIONAL_LENGTH)
                    .map_or(buf.len(), |n| field::HEADER_LEN + usize::from(n));
                let within = |off: usize| if off < declared { u8_at(buf, off) } else { None };
                Some(SenseCodes {
                    response_code,
                    sense_key: field::fixed::SENSE_KEY.get(buf).map(SenseKey::from_nibble),
                    asc: within(field::fixed::ASC),
                    ascq: within(field::fixed::ASCQ),
                })
            }
            0x7F => Some(SenseCodes { response_code, sense_key: None, asc: None, ascq: None }),
            _ => None,
        }
    }
}

/// The fields drivers and logs care about, read the same way from fixed and descriptor format
/// (like Linux `scsi_normalize_sense` and sg3_utils' `sg_scsi_normalize_sense`, plus the
/// information, progress and SKS fields).
///
/// ```
/// use scsi_cdb::sense::{Disposition, Sense};
/// use scsi_cdb::{AdditionalSense, SenseKey};
/// // ILLEGAL REQUEST, LBA OUT OF RANGE, information descriptor with LBA 1_0000_0000h.
/// let b = [0x72, 0x05, 0x21, 0x00, 0, 0, 0, 0x0C, 0x00, 0x0A, 0x80, 0, 0, 0, 0, 0x01, 0, 0, 0, 0];
/// let sum = Sense::parse(&b)?.summary();
/// assert_eq!(sum.sense_key, Some(SenseKey::IllegalRequest));
/// assert_eq!(sum.additional_sense, Some(AdditionalSense::LBA_OUT_OF_RANGE));
/// assert_eq!((sum.information, sum.truncated), (Some(0x1_0000_0000), false));
/// assert_eq!(sum.disposition(), Disposition::InvalidRequest);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SenseSummary {
    /// Response code (70h-73h, 7Fh).
    pub response_code: u8,
    /// Format.
    pub format: SenseFormat,
    /// Deferred error.
    pub deferred: bool,
    /// Sense key, when present.
    pub sense_key: Option<SenseKey>,
    /// ASC/ASCQ, when both are present.
    pub additional_sense: Option<AdditionalSense>,
    /// ADDITIONAL SENSE CODE, when present (also when the buffer ends before ASCQ).
    pub asc: Option<u8>,
    /// ADDITIONAL SENSE CODE QUALIFIER, when present.
    pub ascq: Option<u8>,
    /// INFORMATION, when valid.
    pub information: Option<u64>,
    /// COMMAND-SPECIFIC INFORMATION, when present.
    pub command_specific: Option<u64>,
    /// Progress in 65536ths, when reported.
    pub progress: Option<u16>,
    /// FILEMARK.
    pub filemark: bool,
    /// EOM.
    pub eom: bool,
    /// ILI.
    pub ili: bool,
    /// FRU code, when non-zero.
    pub fru: Option<u8>,
    /// Sense-key specific field, when SKSV is set.
    pub sks: Option<SenseKeySpecific>,
    /// The buffer ends before the declared length.
    pub truncated: bool,
}

impl SenseSummary {
    /// What a driver should do (see [`Disposition`]).
    #[must_use]
    pub fn disposition(&self) -> Disposition {
        classify::disposition(self)
    }
}

impl fmt::Debug for Sense<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sense")
            .field("response_code", &format_args!("{:#04x}", self.response_code()))
            .field("sense_key", &self.sense_key())
            .field("additional_sense", &self.additional_sense())
            .field("information", &self.information())
            .field("len", &self.buf.len())
            .finish()
    }
}

/// One line an engineer wants to read:
/// `ILLEGAL REQUEST: INVALID FIELD IN CDB (24h/00h), field pointer byte 4 bit 7`.
impl fmt::Display for Sense<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.summary().fmt(f)
    }
}

/// Writes `v` in hex with at least `min` digits, without the formatting machinery.
fn write_hex(f: &mut fmt::Formatter<'_>, v: u64, min: usize, upper: bool) -> fmt::Result {
    let mut digits = [b'0'; 16];
    let mut n = 0;
    let mut rest = v;
    for d in digits.iter_mut().rev() {
        *d = crate::wire::hex_digit(rest as u8, upper);
        n += 1;
        rest >>= 4;
        if rest == 0 && n >= min {
            break;
        }
    }
    let start = digits.len() - n;
    f.write_str(core::str::from_utf8(digits.get(start..).unwrap_or_default()).unwrap_or_default())
}

impl fmt::Display for SenseSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.format == SenseFormat::Vendor {
            return f.write_str("vendor-specific sense data");
        }
        if self.deferred {
            f.write_str("deferred error: ")?;
        }
        match self.sense_key {
            Some(k) => f.write_str(k.name())?,
            None => f.write_str("sense key missing")?,
        }
        match self.additional_sense {
            Some(a) => {
                // The hot path of log decoders: plain copies, no nested formatting.
                let mut text = [0u8; 96];
                f.write_str(": ")?;
                f.write_str(a.text_into(&mut text))?;
                f.write_str(" (")?;
                write_hex(f, a.asc.into(), 2, true)?;
                f.write_str("h/")?;
                write_hex(f, a.ascq.into(), 2, true)?;
                f.write_str("h)")?;
            }
            None => match self.asc {
                // Decode what is there: a buffer cut after byte 2 of descriptor format
                // still names the ASC.
                Some(asc) => {
                    f.write_str(": ASC ")?;
                    write_hex(f, asc.into(), 2, true)?;
                    f.write_str("h, ASCQ missing")?;
                }
                None => f.write_str(": ASC/ASCQ missing")?,
            },
        }
        if let Some(i) = self.information {
            f.write_str(", information 0x")?;
            write_hex(f, i, 1, false)?;
        }
        if let Some(s) = self.sks {
            f.write_str(", ")?;
            fmt::Display::fmt(&s, f)?;
        } else if let Some(p) = self.progress {
            f.write_str(", progress ")?;
            sks::fmt_progress(f, p)?;
        }
        for (on, name) in [(self.filemark, ", FILEMARK"), (self.eom, ", EOM"), (self.ili, ", ILI")] {
            if on {
                f.write_str(name)?;
            }
        }
        if let Some(fru) = self.fru {
            f.write_str(", FRU 0x")?;
            write_hex(f, fru.into(), 2, false)?;
        }
        if self.truncated {
            f.write_str(" (truncated)")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    const FIXED: [u8; 18] =
        [0xF0, 0, 0x03, 0x00, 0x12, 0x34, 0x56, 0x0A, 0, 0, 0, 0x7, 0x11, 0x00, 0x5A, 0x80, 0x00, 0x07];

    #[test]
    fn deconstruct_fixed() {
        let s = Sense::parse(&FIXED).unwrap();
        assert_eq!(s.format(), SenseFormat::Fixed);
        assert_eq!(s.sense_key(), Some(SenseKey::MediumError));
        assert_eq!(s.information(), Some(0x12_3456));
        assert_eq!(s.command_specific(), Some(7));
        assert_eq!(s.fru(), Some(0x5A));
        assert_eq!(s.sks(), Some(SenseKeySpecific::ActualRetryCount(7)));
        assert_eq!(s.disposition(), Disposition::MediumError);
        assert!(!s.is_truncated());
    }

    #[test]
    fn truncated_at_every_length() {
        for n in 0..FIXED.len() {
            let r = Sense::parse(&FIXED[..n]);
            if n == 0 {
                assert!(r.is_err());
                continue;
            }
            let s = r.unwrap();
            assert!(s.is_truncated());
            let _ = s.to_string();
            assert_eq!(s.asc().is_some(), n > 12);
            assert_eq!(s.information().is_some(), n >= 7);
        }
    }

    /// A descriptor sense buffer cut after the ASC byte: the ASC is reported, the ASCQ is
    /// missing, and the declared and available lengths say why.
    #[test]
    fn short_descriptor_sense_keeps_asc() {
        let s = Sense::parse(&[0x72, 0x05, 0x24]).unwrap();
        assert_eq!((s.sense_key(), s.asc(), s.ascq()), (Some(SenseKey::IllegalRequest), Some(0x24), None));
        assert_eq!((s.declared_len(), s.available_len(), s.is_truncated()), (None, 3, true));
        let sum = s.summary();
        assert_eq!((sum.asc, sum.ascq, sum.additional_sense), (Some(0x24), None, None));
        assert_eq!(s.to_string(), "ILLEGAL REQUEST: ASC 24h, ASCQ missing (truncated)");
        assert_eq!(s.disposition(), Sense::parse(&[0x72, 0x05, 0x24, 0x00]).unwrap().disposition());
    }

    #[test]
    fn descriptor_overrun_is_reported_once() {
        let b = [0x72, 5, 0x24, 0, 0, 0, 0, 20, 0x00, 0x0A, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x02, 0x06];
        let s = Sense::parse(&b).unwrap();
        let items: std::vec::Vec<_> = s.descriptors().collect();
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        assert_eq!(items[1], Err(DescriptorOverrun { offset: 20, code: Some(2), declared: 8, available: 2 }));
        assert_eq!(s.information(), Some(1));
        assert!(s.is_truncated());
    }
}
