//! Additional sense codes and qualifiers (SPC-6 §4.4.2.1 and the T10 ASC/ASCQ list).

use core::fmt::{self, Write as _};

use crate::generated::asc_ascq::{
    ASC_ASCQ_COUNT, ASC_ASCQ_KEYS, ASC_ASCQ_NAMES, asc_ascq_exact, asc_ascq_range, asc_ascq_range_parts,
};

/// An ADDITIONAL SENSE CODE and its QUALIFIER: the specific reason behind a sense key.
///
/// A newtype pair: all 65,536 combinations are kept; [`AdditionalSense::description`] gives
/// the T10 text (766 specific codes plus the ranges 40h/NN, 41h/NN, 42h/NN, 4Dh/NN, 70h/NN) or
/// says the code is vendor specific.
///
/// ```
/// use scsi_cdb::AdditionalSense;
/// let a = AdditionalSense::INVALID_FIELD_IN_CDB;
/// assert_eq!(a.to_string(), "INVALID FIELD IN CDB");
/// assert_eq!(AdditionalSense::new(0x40, 0x99).to_string(), "DIAGNOSTIC FAILURE ON COMPONENT 99h");
/// assert_eq!(AdditionalSense::new(0x80, 0x01).to_string(), "VENDOR SPECIFIC ASC 80h ASCQ 01h");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AdditionalSense {
    /// ADDITIONAL SENSE CODE.
    pub asc: u8,
    /// ADDITIONAL SENSE CODE QUALIFIER.
    pub ascq: u8,
}

/// What the T10 list says about an (ASC, ASCQ) pair.
///
/// ```
/// use scsi_cdb::AdditionalSense;
/// use scsi_cdb::code::Description;
/// let d = AdditionalSense::new(0x11, 0x00).description();
/// assert_eq!(d, Some(Description::Text("UNRECOVERED READ ERROR")));
/// let r = AdditionalSense::new(0x40, 0x81).description().unwrap();
/// assert!(matches!(r, Description::Range { ascq: 0x81, .. }));
/// assert_eq!(r.to_string(), "DIAGNOSTIC FAILURE ON COMPONENT 81h");
/// assert_eq!(AdditionalSense::new(0x80, 0x00).description(), Some(Description::VendorSpecific));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Description {
    /// A specific entry.
    Text(&'static str),
    /// A range entry whose ASCQ is part of the text (for example 40h/NN "DIAGNOSTIC FAILURE ON
    /// COMPONENT NN"): the template (with a `%x` marker) and the qualifier.
    Range {
        /// The text with a `%x` marker where the ASCQ goes.
        template: &'static str,
        /// The qualifier to insert.
        ascq: u8,
    },
    /// ASC or ASCQ in 80h-FFh with no T10 entry: the vendor defines it.
    VendorSpecific,
}

impl fmt::Display for Description {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Text(t) => f.write_str(t),
            Self::Range { template, ascq } => {
                let (head, tail) = template.split_once("%x").unwrap_or((template, ""));
                // The T10 list writes the value as "NN"; tidy sg3-style "[0x%x]" to "NNh".
                let head =
                    ["[0X", "[0x", "0X", "0x"].iter().find_map(|p| head.strip_suffix(p)).unwrap_or(head);
                let tail = tail.strip_prefix(']').unwrap_or(tail);
                let digit = |v: u8| char::from(crate::wire::hex_digit(v, true));
                let (hi, lo) = (digit(ascq >> 4), digit(ascq & 0x0F));
                f.write_str(head)?;
                f.write_char(hi)?;
                f.write_char(lo)?;
                f.write_char('h')?;
                f.write_str(tail)
            }
            Self::VendorSpecific => f.write_str("VENDOR SPECIFIC"),
        }
    }
}

impl AdditionalSense {
    /// 00h/00h NO ADDITIONAL SENSE INFORMATION.
    pub const NO_ADDITIONAL_SENSE: Self = Self::new(0x00, 0x00);
    /// 00h/16h OPERATION IN PROGRESS.
    pub const OPERATION_IN_PROGRESS: Self = Self::new(0x00, 0x16);
    /// 00h/1Dh ATA PASS THROUGH INFORMATION AVAILABLE.
    pub const ATA_PASS_THROUGH_INFORMATION_AVAILABLE: Self = Self::new(0x00, 0x1D);
    /// 04h/00h LOGICAL UNIT NOT READY, CAUSE NOT REPORTABLE.
    pub const LOGICAL_UNIT_NOT_READY: Self = Self::new(0x04, 0x00);
    /// 04h/01h LOGICAL UNIT IS IN PROCESS OF BECOMING READY.
    pub const BECOMING_READY: Self = Self::new(0x04, 0x01);
    /// 04h/02h LOGICAL UNIT NOT READY, INITIALIZING COMMAND REQUIRED (send START STOP UNIT).
    pub const INITIALIZING_COMMAND_REQUIRED: Self = Self::new(0x04, 0x02);
    /// 04h/03h LOGICAL UNIT NOT READY, MANUAL INTERVENTION REQUIRED.
    pub const MANUAL_INTERVENTION_REQUIRED: Self = Self::new(0x04, 0x03);
    /// 04h/04h LOGICAL UNIT NOT READY, FORMAT IN PROGRESS.
    pub const FORMAT_IN_PROGRESS: Self = Self::new(0x04, 0x04);
    /// 10h/01h LOGICAL BLOCK GUARD CHECK FAILED.
    pub const GUARD_CHECK_FAILED: Self = Self::new(0x10, 0x01);
    /// 11h/00h UNRECOVERED READ ERROR.
    pub const UNRECOVERED_READ_ERROR: Self = Self::new(0x11, 0x00);
    /// 1Ah/00h PARAMETER LIST LENGTH ERROR.
    pub const PARAMETER_LIST_LENGTH_ERROR: Self = Self::new(0x1A, 0x00);
    /// 1Dh/00h MISCOMPARE DURING VERIFY OPERATION.
    pub const MISCOMPARE_DURING_VERIFY: Self = Self::new(0x1D, 0x00);
    /// 20h/00h INVALID COMMAND OPERATION CODE.
    pub const INVALID_COMMAND_OPERATION_CODE: Self = Self::new(0x20, 0x00);
    /// 21h/00h LOGICAL BLOCK ADDRESS OUT OF RANGE.
    pub const LBA_OUT_OF_RANGE: Self = Self::new(0x21, 0x00);
    /// 24h/00h INVALID FIELD IN CDB.
    pub const INVALID_FIELD_IN_CDB: Self = Self::new(0x24, 0x00);
    /// 25h/00h LOGICAL UNIT NOT SUPPORTED.
    pub const LOGICAL_UNIT_NOT_SUPPORTED: Self = Self::new(0x25, 0x00);
    /// 26h/00h INVALID FIELD IN PARAMETER LIST.
    pub const INVALID_FIELD_IN_PARAMETER_LIST: Self = Self::new(0x26, 0x00);
    /// 27h/00h WRITE PROTECTED.
    pub const WRITE_PROTECTED: Self = Self::new(0x27, 0x00);
    /// 27h/07h SPACE ALLOCATION FAILED WRITE PROTECT (thin provisioning out of space).
    pub const SPACE_ALLOCATION_FAILED: Self = Self::new(0x27, 0x07);
    /// 28h/00h NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED.
    pub const MEDIUM_MAY_HAVE_CHANGED: Self = Self::new(0x28, 0x00);
    /// 29h/00h POWER ON, RESET, OR BUS DEVICE RESET OCCURRED.
    pub const POWER_ON_RESET: Self = Self::new(0x29, 0x00);
    /// 29h/01h POWER ON OCCURRED.
    pub const POWER_ON_OCCURRED: Self = Self::new(0x29, 0x01);
    /// 2Ah/01h MODE PARAMETERS CHANGED.
    pub const MODE_PARAMETERS_CHANGED: Self = Self::new(0x2A, 0x01);
    /// 2Ah/09h CAPACITY DATA HAS CHANGED.
    pub const CAPACITY_DATA_CHANGED: Self = Self::new(0x2A, 0x09);
    /// 3Ah/00h MEDIUM NOT PRESENT.
    pub const MEDIUM_NOT_PRESENT: Self = Self::new(0x3A, 0x00);
    /// 3Fh/0Eh REPORTED LUNS DATA HAS CHANGED.
    pub const REPORTED_LUNS_DATA_CHANGED: Self = Self::new(0x3F, 0x0E);
    /// 44h/00h INTERNAL TARGET FAILURE.
    pub const INTERNAL_TARGET_FAILURE: Self = Self::new(0x44, 0x00);
    /// 55h/03h INSUFFICIENT RESOURCES.
    pub const INSUFFICIENT_RESOURCES: Self = Self::new(0x55, 0x03);

    /// A pair.
    #[must_use]
    pub const fn new(asc: u8, ascq: u8) -> Self {
        Self { asc, ascq }
    }

    /// `(ASC << 8) | ASCQ`.
    #[must_use]
    pub const fn key(self) -> u16 {
        ((self.asc as u16) << 8) | self.ascq as u16
    }

    /// The T10 description, a range template, or vendor specific; `None` for a reserved code
    /// that the list does not define.
    #[inline]
    #[must_use]
    pub const fn description(self) -> Option<Description> {
        // Ranges first: the list also has placeholder rows such as 4Dh/00h "TAGGED OVERLAPPED
        // COMMANDS (NN = QUEUE TAG)" that the range entry words properly.
        if let Some(template) = asc_ascq_range(self.asc, self.ascq) {
            return Some(Description::Range { template, ascq: self.ascq });
        }
        if let Some(t) = asc_ascq_exact(self.key()) {
            return Some(Description::Text(t));
        }
        if self.asc >= 0x80 || self.ascq >= 0x80 {
            return Some(Description::VendorSpecific);
        }
        None
    }

    /// The text of a specific entry, without allocation (`None` for ranges, vendor and
    /// reserved codes; use [`AdditionalSense::description`] and `Display` for those).
    #[inline]
    #[must_use]
    pub const fn text(self) -> Option<&'static str> {
        match self.description() {
            Some(Description::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// True when the vendor defines the meaning (ASC or ASCQ 80h-FFh with no T10 entry).
    #[must_use]
    pub const fn is_vendor_specific(self) -> bool {
        matches!(self.description(), Some(Description::VendorSpecific))
    }

    /// Every specific (ASC, ASCQ) entry with its text, ascending (766 entries).
    pub fn all() -> impl Iterator<Item = (Self, &'static str)> {
        ASC_ASCQ_KEYS
            .iter()
            .zip(ASC_ASCQ_NAMES.iter())
            .take(ASC_ASCQ_COUNT)
            .map(|(k, n)| (Self::new((k >> 8) as u8, *k as u8), *n))
    }
}

/// Copies pieces into a byte buffer, dropping what does not fit (all pieces are ASCII, so any
/// prefix is valid UTF-8).
struct Cursor<'b> {
    buf: &'b mut [u8],
    at: usize,
}

impl Cursor<'_> {
    #[inline]
    fn put(&mut self, s: &[u8]) {
        let room = self.buf.len().saturating_sub(self.at);
        let n = s.len().min(room);
        if let (Some(dst), Some(src)) = (self.buf.get_mut(self.at..self.at + n), s.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.at += n;
    }

    fn hex(&mut self, v: u8) {
        self.put(&[crate::wire::hex_digit(v >> 4, true), crate::wire::hex_digit(v, true), b'h']);
    }
}

impl AdditionalSense {
    /// Writes the same text as `Display` into `buf` without the formatting machinery (what a
    /// firmware log or an emulator wants: no allocation, no `core::fmt`), cut at the end of the
    /// buffer; returns the text written.
    ///
    /// ```
    /// use scsi_cdb::AdditionalSense;
    /// let mut buf = [0u8; 64];
    /// assert_eq!(AdditionalSense::new(0x24, 0).text_into(&mut buf), "INVALID FIELD IN CDB");
    /// assert_eq!(AdditionalSense::new(0x40, 0x99).text_into(&mut buf), AdditionalSense::new(0x40, 0x99).to_string());
    /// assert_eq!(AdditionalSense::new(0x7F, 0x7F).text_into(&mut buf), "ASC 7Fh ASCQ 7Fh");
    /// assert_eq!(AdditionalSense::new(0x24, 0).text_into(&mut buf[..7]), "INVALID");
    /// ```
    #[inline]
    pub fn text_into<'b>(&self, buf: &'b mut [u8]) -> &'b str {
        let mut c = Cursor { buf, at: 0 };
        match self.description() {
            Some(Description::Text(t)) => {
                // The common case: the copy is a prefix of a static text, so no validation.
                c.put(t.as_bytes());
                return t.get(..c.at).unwrap_or_default();
            }
            Some(Description::Range { ascq, .. }) => {
                let (head, tail) = asc_ascq_range_parts(self.asc, ascq).unwrap_or_default();
                c.put(head.as_bytes());
                c.hex(ascq);
                c.put(tail.as_bytes());
            }
            Some(Description::VendorSpecific) => {
                c.put(b"VENDOR SPECIFIC ASC ");
                c.hex(self.asc);
                c.put(b" ASCQ ");
                c.hex(self.ascq);
            }
            None => {
                c.put(b"ASC ");
                c.hex(self.asc);
                c.put(b" ASCQ ");
                c.hex(self.ascq);
            }
        }
        let n = c.at.min(c.buf.len());
        let Cursor { buf, .. } = c;
        core::str::from_utf8(buf.get(..n).unwrap_or_default()).unwrap_or_default()
    }
}

/// As the standards write it: `24h/00h (INVALID FIELD IN CDB)`, or the codes alone when the
/// table has no text for them.
impl fmt::Debug for AdditionalSense {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02X}h/{:02X}h", self.asc, self.ascq)?;
        if self.description().is_some() { write!(f, " ({self})") } else { Ok(()) }
    }
}

impl fmt::Display for AdditionalSense {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.description() {
            Some(Description::VendorSpecific) => {
                write!(f, "VENDOR SPECIFIC ASC {:02X}h ASCQ {:02X}h", self.asc, self.ascq)
            }
            Some(d) => d.fmt(f),
            None => write!(f, "ASC {:02X}h ASCQ {:02X}h", self.asc, self.ascq),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_into_matches_display_for_every_code() {
        let mut buf = [0u8; 128];
        for asc in 0..=255u8 {
            for ascq in 0..=255u8 {
                let a = AdditionalSense::new(asc, ascq);
                assert_eq!(
                    a.text_into(&mut buf),
                    std::string::ToString::to_string(&a),
                    "{asc:02X}/{ascq:02X}"
                );
            }
        }
    }
    use std::string::ToString;

    #[test]
    fn lookups() {
        assert_eq!(AdditionalSense::new(0x20, 0).text(), Some("INVALID COMMAND OPERATION CODE"));
        assert_eq!(AdditionalSense::new(0x7F, 0x7F).description(), None);
        assert_eq!(
            AdditionalSense::new(0x70, 0x05).to_string(),
            "DECOMPRESSION EXCEPTION SHORT ALGORITHM ID OF 05h"
        );
        assert_eq!(AdditionalSense::new(0x40, 0x01).to_string(), "RAM FAILURE 01h");
        assert!(AdditionalSense::new(0x00, 0x80).is_vendor_specific());
        assert_eq!(AdditionalSense::all().count(), 766);
        assert!(
            AdditionalSense::all()
                .filter(|(a, _)| a.asc != 0x4D && a.asc != 0x70)
                .all(|(a, t)| a.text() == Some(t))
        );
    }
}
