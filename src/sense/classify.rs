//! What to do about sense data: a [`Disposition`] modelled on Linux `scsi_check_sense`, the
//! sg3_utils sense categories and FreeBSD CAM's error actions, and a POSIX errno mapping after
//! QEMU's `scsi_sense_to_errno`.

use super::SenseSummary;
use crate::{AdditionalSense, SenseKey};

/// The action a driver or tool should take for a CHECK CONDITION.
///
/// ```
/// use scsi_cdb::sense::{Disposition, Sense};
/// // NOT READY, LOGICAL UNIT IS IN PROCESS OF BECOMING READY (04h/01h).
/// let s = Sense::parse(&[0x70, 0, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x04, 0x01, 0, 0, 0, 0])?;
/// assert_eq!(s.disposition(), Disposition::RetryAfterDelay);
/// assert!(s.disposition().is_retryable());
/// // ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE: fall back, do not retry.
/// let s = Sense::parse(&[0x72, 0x05, 0x20, 0x00, 0, 0, 0, 0])?;
/// assert_eq!(s.disposition(), Disposition::InvalidOpcode);
/// assert!(!s.disposition().is_retryable());
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Disposition {
    /// The command did its work: NO SENSE, RECOVERED ERROR, COMPLETED (log it, carry on).
    Success,
    /// Retry at once: ABORTED COMMAND (not protection), a deferred error, a unit attention
    /// without a more specific meaning.
    Retry,
    /// Retry after a delay: NOT READY because the unit is becoming ready or an operation (format,
    /// sanitize, self-test ...) is in progress; the progress field says how far it is.
    RetryAfterDelay,
    /// NOT READY, INITIALIZING COMMAND REQUIRED (04h/02h): send START STOP UNIT with START,
    /// then retry.
    NeedsStartUnit,
    /// UNIT ATTENTION 29h/xx: a power on or reset happened. Expected after a reset (answer to
    /// the first TEST UNIT READY): retry; reservations and mode settings may be lost.
    ResetOccurred,
    /// UNIT ATTENTION 28h/xx: the medium may have changed; revalidate, then retry.
    MediumChanged,
    /// UNIT ATTENTION for changed parameters, capacity or LUN inventory (2Ah/xx, 3Fh/xx):
    /// rescan, then retry.
    ParametersChanged,
    /// NOT READY, MEDIUM NOT PRESENT (3Ah/xx).
    NoMedium,
    /// NOT READY for another reason (manual intervention, offline, ...): fail.
    NotReady,
    /// MEDIUM ERROR: the data at INFORMATION (the failing LBA) could not be read or written.
    MediumError,
    /// HARDWARE ERROR.
    HardwareError,
    /// ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE (20h/00h): the command is not
    /// supported; fall back to another command rather than retry.
    InvalidOpcode,
    /// Any other ILLEGAL REQUEST (invalid field, LBA out of range, LUN not supported ...): the
    /// request itself is wrong; do not retry.
    InvalidRequest,
    /// DATA PROTECT: write protected, or thin-provisioned space exhausted (27h/07h).
    DataProtect,
    /// ABORTED COMMAND 10h/xx: a protection information check failed; do not retry blindly.
    ProtectionError,
    /// MISCOMPARE: VERIFY or COMPARE AND WRITE found different data.
    Miscompare,
    /// Anything else that is not worth retrying (BLANK CHECK, VOLUME OVERFLOW, COPY ABORTED,
    /// vendor specific, missing sense key).
    Fail,
}

impl Disposition {
    /// True when retrying the same command (possibly after a delay or START UNIT) may succeed.
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        matches!(
            self,
            Self::Retry
                | Self::RetryAfterDelay
                | Self::NeedsStartUnit
                | Self::ResetOccurred
                | Self::MediumChanged
                | Self::ParametersChanged
        )
    }

    /// A snake_case name (the CLI's JSON uses it).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Retry => "retry",
            Self::RetryAfterDelay => "retry_after_delay",
            Self::NeedsStartUnit => "needs_start_unit",
            Self::ResetOccurred => "reset_occurred",
            Self::MediumChanged => "medium_changed",
            Self::ParametersChanged => "parameters_changed",
            Self::NoMedium => "no_medium",
            Self::NotReady => "not_ready",
            Self::MediumError => "medium_error",
            Self::HardwareError => "hardware_error",
            Self::InvalidOpcode => "invalid_opcode",
            Self::InvalidRequest => "invalid_request",
            Self::DataProtect => "data_protect",
            Self::ProtectionError => "protection_error",
            Self::Miscompare => "miscompare",
            Self::Fail => "fail",
        }
    }
}

impl core::fmt::Display for Disposition {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

/// NOT READY 04h qualifiers that mean "wait, it is working on it" (sg3_utils' "in progress"
/// set: becoming ready, format, rebuild, recalculation, operation in progress, self-test,
/// sanitize, ...).
const fn not_ready_in_progress(ascq: u8) -> bool {
    matches!(ascq, 0x01 | 0x04 | 0x05 | 0x06 | 0x07 | 0x08 | 0x09 | 0x14 | 0x1A | 0x1B | 0x1D | 0x24 | 0x25)
}

pub(super) fn disposition(s: &SenseSummary) -> Disposition {
    let Some(key) = s.sense_key else { return Disposition::Fail };
    let a = s.additional_sense.unwrap_or_default();
    if s.deferred {
        return Disposition::Retry;
    }
    match key {
        SenseKey::NoSense | SenseKey::RecoveredError | SenseKey::Completed => Disposition::Success,
        SenseKey::NotReady => match a.asc {
            0x04 if a.ascq == 0x02 => Disposition::NeedsStartUnit,
            0x04 if not_ready_in_progress(a.ascq) => Disposition::RetryAfterDelay,
            0x3A => Disposition::NoMedium,
            _ => Disposition::NotReady,
        },
        SenseKey::UnitAttention => match a.asc {
            0x29 => Disposition::ResetOccurred,
            0x28 => Disposition::MediumChanged,
            0x2A | 0x3F => Disposition::ParametersChanged,
            _ => Disposition::Retry,
        },
        SenseKey::MediumError => Disposition::MediumError,
        SenseKey::HardwareError => Disposition::HardwareError,
        SenseKey::IllegalRequest if a == AdditionalSense::INVALID_COMMAND_OPERATION_CODE => {
            Disposition::InvalidOpcode
        }
        SenseKey::IllegalRequest => Disposition::InvalidRequest,
        SenseKey::DataProtect => Disposition::DataProtect,
        SenseKey::AbortedCommand if a.asc == 0x10 => Disposition::ProtectionError,
        SenseKey::AbortedCommand => Disposition::Retry,
        SenseKey::Miscompare => Disposition::Miscompare,
        SenseKey::BlankCheck
        | SenseKey::VendorSpecific
        | SenseKey::CopyAborted
        | SenseKey::Equal
        | SenseKey::VolumeOverflow => Disposition::Fail,
    }
}

/// POSIX errno values (Linux numbering) for sense data, after QEMU's `scsi_sense_to_errno`:
/// 0 for sense that is not an error, `EINVAL` for invalid requests, `ENOSPC` for LBA out of
/// range and exhausted thin provisioning, `ENOTSUP` for LUN not supported, `EACCES` for write
/// protect, `EINPROGRESS` for becoming ready, `ENOTCONN` for needs START UNIT, `ENOMEDIUM`,
/// `ECANCELED` for aborted commands, `EAGAIN` for unit attentions, `EILSEQ` for miscompare and
/// `EIO` for the rest.
///
/// ```
/// use scsi_cdb::sense::{Sense, errno};
/// // DATA PROTECT, SPACE ALLOCATION FAILED WRITE PROTECT (27h/07h): a thin pool is full.
/// let s = Sense::parse(&[0x72, 0x07, 0x27, 0x07, 0, 0, 0, 0])?;
/// assert_eq!(errno::from_sense(&s.summary()), errno::ENOSPC);
/// // UNIT ATTENTION, POWER ON, RESET, OR BUS DEVICE RESET OCCURRED (29h/00h).
/// let s = Sense::parse(&[0x72, 0x06, 0x29, 0x00, 0, 0, 0, 0])?;
/// assert_eq!(errno::from_sense(&s.summary()), errno::EAGAIN);
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
pub mod errno {
    use crate::SenseKey;

    use super::SenseSummary;

    /// I/O error.
    pub const EIO: i32 = 5;
    /// Try again.
    pub const EAGAIN: i32 = 11;
    /// Permission denied (write protected).
    pub const EACCES: i32 = 13;
    /// Invalid argument.
    pub const EINVAL: i32 = 22;
    /// No space left on device.
    pub const ENOSPC: i32 = 28;
    /// Illegal byte sequence (miscompare).
    pub const EILSEQ: i32 = 84;
    /// Operation not supported.
    pub const ENOTSUP: i32 = 95;
    /// Not connected (needs START UNIT).
    pub const ENOTCONN: i32 = 107;
    /// Operation in progress.
    pub const EINPROGRESS: i32 = 115;
    /// No medium found.
    pub const ENOMEDIUM: i32 = 123;
    /// Operation cancelled.
    pub const ECANCELED: i32 = 125;

    /// The errno for a sense summary (0 when it is not an error).
    #[must_use]
    pub fn from_sense(s: &SenseSummary) -> i32 {
        let Some(key) = s.sense_key else { return EIO };
        let a = s.additional_sense.unwrap_or_default();
        match key {
            SenseKey::NoSense | SenseKey::RecoveredError | SenseKey::Completed => return 0,
            SenseKey::UnitAttention => return EAGAIN,
            SenseKey::AbortedCommand => return ECANCELED,
            SenseKey::Miscompare => return EILSEQ,
            SenseKey::NotReady | SenseKey::IllegalRequest | SenseKey::DataProtect => {}
            _ => return EIO,
        }
        match (a.asc, a.ascq) {
            (0x1A, 0x00) | (0x20, 0x00) | (0x24, 0x00) | (0x26, 0x00) => EINVAL,
            (0x21, 0x00) | (0x27, 0x07) => ENOSPC,
            (0x25, 0x00) => ENOTSUP,
            (0x27, _) => EACCES,
            (0x04, 0x01) => EINPROGRESS,
            (0x04, 0x02) => ENOTCONN,
            (0x3A, _) => ENOMEDIUM,
            _ => EIO,
        }
    }
}
