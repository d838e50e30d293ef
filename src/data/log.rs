//! LOG SENSE parameter data (SPC-6): a view over any log page with its parameter walk, and
//! typed readers for the pages hosts poll most (00h supported pages, 0Dh temperature, 2Fh
//! informational exceptions).

use crate::wire::{be16_at, clamped, u8_at};
use crate::{AdditionalSense, DecodeError};

/// The log page header and the log parameter header (SPC-6), byte offsets as SPC numbers them.
pub(crate) mod field {
    use crate::wire::Bits;
    pub(crate) const DS: Bits = Bits::flag(0, 7);
    pub(crate) const SPF: Bits = Bits::flag(0, 6);
    pub(crate) const PAGE_CODE: Bits = Bits::new(0, 0, 6);
    pub(crate) const SUBPAGE_CODE: usize = 1;
    /// PAGE LENGTH (2 bytes).
    pub(crate) const PAGE_LENGTH: usize = 2;
    pub(crate) const HEADER_LEN: usize = 4;
    /// In each parameter: PARAMETER CODE (2 bytes), the control byte, PARAMETER LENGTH.
    pub(crate) const PARAMETER_CODE: usize = 0;
    pub(crate) const PARAMETER_CONTROL: usize = 2;
    pub(crate) const PARAMETER_LENGTH: usize = 3;
    pub(crate) const PARAMETER_HEADER_LEN: usize = 4;
}

/// Any log page: the 4-byte header and the parameter list, cut at the declared PAGE LENGTH and
/// at the buffer.
///
/// ```
/// use scsi_cdb::data::LogPage;
/// // Temperature log page: current 38 C, reference 65 C.
/// let page = [0x0D, 0, 0, 0x0C, 0, 0, 3, 2, 0, 38, 0, 1, 3, 2, 0, 65];
/// let log = LogPage::parse(&page)?;
/// assert_eq!(log.page_code(), 0x0D);
/// assert_eq!(log.parameters().count(), 2);
/// assert_eq!(log.temperature(), Some((Some(38), Some(65))));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogPage<'a> {
    buf: &'a [u8],
}

/// One log parameter.
///
/// ```
/// use scsi_cdb::data::LogPage;
///
/// // Temperature log page 0Dh, parameter 0000h: control 03h (binary list), current 38 C.
/// let page = [0x0D, 0, 0, 0x06, 0, 0, 0x03, 2, 0, 38];
/// let p = LogPage::parse(&page)?.parameter(0x0000).expect("present");
/// assert_eq!((p.code, p.control, p.value), (0, 0x03, &[0, 38][..]));
/// assert_eq!((p.format_and_linking(), p.as_u64()), (3, Some(38)));
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogParameter<'a> {
    /// PARAMETER CODE.
    pub code: u16,
    /// The control byte: DU (bit 7), TSD (bit 5), ETC (bit 4), TMC (bits 3:2), FORMAT AND
    /// LINKING (bits 1:0).
    pub control: u8,
    /// The parameter value (PARAMETER LENGTH bytes).
    pub value: &'a [u8],
}

impl LogParameter<'_> {
    /// FORMAT AND LINKING: 0 bounded data counter, 1 ASCII list, 2 bounded or unbounded
    /// counter, 3 binary list.
    #[must_use]
    pub const fn format_and_linking(&self) -> u8 {
        self.control & 3
    }

    /// The value as a big-endian unsigned number (counters), when it has 1 to 8 bytes.
    #[must_use]
    pub fn as_u64(&self) -> Option<u64> {
        if self.value.is_empty() || self.value.len() > 8 {
            return None;
        }
        Some(self.value.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }
}

impl<'a> LogPage<'a> {
    /// Views `buf` as a log page; needs the 4-byte header.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`] below 4 bytes.
    pub fn parse(buf: &'a [u8]) -> Result<Self, DecodeError> {
        if buf.len() < field::HEADER_LEN {
            return Err(DecodeError::truncated(field::HEADER_LEN, buf.len()));
        }
        Ok(Self { buf })
    }

    /// PAGE CODE.
    #[must_use]
    pub fn page_code(&self) -> u8 {
        field::PAGE_CODE.get_or0(self.buf)
    }

    /// SUBPAGE CODE (meaningful when SPF is set).
    #[must_use]
    pub fn subpage_code(&self) -> u8 {
        u8_at(self.buf, field::SUBPAGE_CODE).unwrap_or(0)
    }

    /// SPF: the page is in sub_page format.
    #[must_use]
    pub fn spf(&self) -> bool {
        field::SPF.is_set(self.buf).unwrap_or(false)
    }

    /// DS: the parameters are not saved.
    #[must_use]
    pub fn ds(&self) -> bool {
        field::DS.is_set(self.buf).unwrap_or(false)
    }

    /// PAGE LENGTH as declared.
    #[must_use]
    pub fn declared_len(&self) -> usize {
        usize::from(be16_at(self.buf, field::PAGE_LENGTH).unwrap_or(0))
    }

    /// True when the buffer ends before the declared length.
    #[must_use]
    pub fn is_truncated(&self) -> bool {
        self.buf.len() < field::HEADER_LEN + self.declared_len()
    }

    /// The bytes after the header, cut at the declared length.
    #[must_use]
    pub fn payload(&self) -> &'a [u8] {
        clamped(self.buf, field::HEADER_LEN, self.declared_len())
    }

    /// The log parameters present; one that runs past the end stops the walk.
    pub fn parameters(&self) -> impl Iterator<Item = LogParameter<'a>> + 'a {
        let mut rest = self.payload();
        core::iter::from_fn(move || {
            let code = be16_at(rest, field::PARAMETER_CODE)?;
            let control = u8_at(rest, field::PARAMETER_CONTROL)?;
            let len = usize::from(u8_at(rest, field::PARAMETER_LENGTH)?);
            let (p, r) = rest.split_at_checked(field::PARAMETER_HEADER_LEN + len)?;
            rest = r;
            Some(LogParameter {
                code,
                control,
                value: p.get(field::PARAMETER_HEADER_LEN..).unwrap_or_default(),
            })
        })
    }

    /// The parameter with this code, if present.
    #[must_use]
    pub fn parameter(&self, code: u16) -> Option<LogParameter<'a>> {
        self.parameters().find(|p| p.code == code)
    }

    /// Page 00h: the supported page codes (subpage 0), or for 00h/FFh the (page, subpage) pairs.
    /// `None` for another page.
    pub fn supported_pages(&self) -> Option<impl Iterator<Item = (u8, u8)> + 'a> {
        if self.page_code() != 0 {
            return None;
        }
        let pairs = self.spf() && self.subpage_code() == 0xFF;
        let step = if pairs { 2 } else { 1 };
        Some(self.payload().chunks_exact(step).map(move |c| {
            let page = c.first().copied().unwrap_or(0) & 0x3F;
            let sub = if pairs { c.get(1).copied().unwrap_or(0) } else { 0 };
            (page, sub)
        }))
    }

    /// Page 0Dh (subpage 0): current and reference temperature in °C (a reading of FFh means
    /// "not available" and gives `None`). `None` for another page.
    #[must_use]
    pub fn temperature(&self) -> Option<(Option<u8>, Option<u8>)> {
        if self.page_code() != 0x0D || (self.spf() && self.subpage_code() != 0) {
            return None;
        }
        let reading =
            |code| self.parameter(code).and_then(|p| p.value.get(1).copied()).filter(|t| *t != 0xFF);
        Some((reading(0x0000), reading(0x0001)))
    }

    /// Page 2Fh: the informational exceptions general parameter (code 0000h): the ASC/ASCQ of
    /// the most recent informational exception (00h/00h: none) and the most recent temperature
    /// reading when present (FFh: not available). `None` for another page or without the
    /// parameter.
    #[must_use]
    pub fn informational_exceptions(&self) -> Option<(AdditionalSense, Option<u8>)> {
        if self.page_code() != 0x2F {
            return None;
        }
        let p = self.parameter(0x0000)?;
        let asc = AdditionalSense::new(*p.value.first()?, *p.value.get(1)?);
        Some((asc, p.value.get(2).copied().filter(|t| *t != 0xFF)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    #[test]
    fn pages_and_truncation() {
        let ie = [0x2F, 0, 0, 7, 0, 0, 3, 3, 0x5D, 0x10, 40];
        let p = LogPage::parse(&ie).unwrap();
        let (asc, t) = p.informational_exceptions().unwrap();
        assert_eq!((asc, t), (AdditionalSense::new(0x5D, 0x10), Some(40)));
        assert!(p.temperature().is_none() && p.supported_pages().is_none());
        let sp = [0x40, 0xFF, 0, 4, 0, 0, 0x0D, 0x01];
        let pairs: Vec<_> = LogPage::parse(&sp).unwrap().supported_pages().unwrap().collect();
        assert_eq!(pairs, [(0, 0), (0x0D, 1)]);
        let counter = [0x02, 0, 0, 8, 0, 5, 2, 4, 0, 0, 1, 0];
        let c = LogPage::parse(&counter).unwrap().parameter(5).unwrap();
        assert_eq!((c.as_u64(), c.format_and_linking()), (Some(256), 2));
        for n in 0..ie.len() {
            if let Ok(p) = LogPage::parse(&ie[..n]) {
                assert!(p.is_truncated());
                assert!(p.informational_exceptions().is_none());
                assert_eq!(p.parameters().count(), 0);
            }
        }
    }
}
