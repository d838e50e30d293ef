//! Sense keys (SPC-6 table 52).

use core::fmt;

/// The 4-bit SENSE KEY: the general class of a CHECK CONDITION. All 16 values are defined
/// (9h vendor specific, Fh COMPLETED), so this is a closed enum.
///
/// ```
/// use scsi_cdb::SenseKey;
/// assert_eq!(SenseKey::from_nibble(0x25), SenseKey::IllegalRequest);
/// assert_eq!(SenseKey::IllegalRequest.name(), "ILLEGAL REQUEST");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::FromRepr, strum::EnumIter)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[repr(u8)]
pub enum SenseKey {
    /// 0h: no specific sense key information (also: FILEMARK/EOM/ILI or progress reports).
    NoSense = 0x0,
    /// 1h: the command completed after recovery action.
    RecoveredError = 0x1,
    /// 2h: the logical unit is not accessible (becoming ready, needs START UNIT, no medium).
    NotReady = 0x2,
    /// 3h: a flaw in the medium or the recorded data.
    MediumError = 0x3,
    /// 4h: a non-recoverable hardware failure.
    HardwareError = 0x4,
    /// 5h: an illegal parameter in the CDB or the parameter list.
    IllegalRequest = 0x5,
    /// 6h: a unit attention condition (reset, medium changed, parameters changed).
    UnitAttention = 0x6,
    /// 7h: a write-protected or otherwise protected block.
    DataProtect = 0x7,
    /// 8h: blank or non-blank medium encountered where the other was expected.
    BlankCheck = 0x8,
    /// 9h: vendor specific.
    VendorSpecific = 0x9,
    /// Ah: a copy command was aborted.
    CopyAborted = 0xA,
    /// Bh: the device server aborted the command; the initiator may retry.
    AbortedCommand = 0xB,
    /// Ch: obsolete (EQUAL).
    Equal = 0xC,
    /// Dh: a buffered device reached the end of the partition with data left.
    VolumeOverflow = 0xD,
    /// Eh: source data did not match data read from the medium (VERIFY, COMPARE AND WRITE).
    Miscompare = 0xE,
    /// Fh: the command completed with sense data to report (for example a duration limit).
    Completed = 0xF,
}

/// As the standards write it: `5h (ILLEGAL REQUEST)`.
impl core::fmt::Debug for SenseKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{:X}h ({})", *self as u8, self.name())
    }
}

impl SenseKey {
    /// The key in the low 4 bits of `b` (higher bits ignored).
    #[must_use]
    #[inline]
    pub const fn from_nibble(b: u8) -> Self {
        match Self::from_repr(b & 0x0F) {
            Some(k) => k,
            None => Self::NoSense, // unreachable: all 16 values are variants
        }
    }

    /// The T10 name.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::NoSense => "NO SENSE",
            Self::RecoveredError => "RECOVERED ERROR",
            Self::NotReady => "NOT READY",
            Self::MediumError => "MEDIUM ERROR",
            Self::HardwareError => "HARDWARE ERROR",
            Self::IllegalRequest => "ILLEGAL REQUEST",
            Self::UnitAttention => "UNIT ATTENTION",
            Self::DataProtect => "DATA PROTECT",
            Self::BlankCheck => "BLANK CHECK",
            Self::VendorSpecific => "VENDOR SPECIFIC",
            Self::CopyAborted => "COPY ABORTED",
            Self::AbortedCommand => "ABORTED COMMAND",
            Self::Equal => "EQUAL",
            Self::VolumeOverflow => "VOLUME OVERFLOW",
            Self::Miscompare => "MISCOMPARE",
            Self::Completed => "COMPLETED",
        }
    }
}

impl fmt::Display for SenseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
