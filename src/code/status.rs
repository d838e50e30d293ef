//! SCSI status codes (SAM-6 §5.3).

use core::fmt;

/// The status byte a logical unit returns at the end of a command (SAM-6 table 44).
///
/// A newtype: obsolete and reserved values are kept as they are.
///
/// ```
/// use scsi_cdb::Status;
/// assert_eq!(Status(0x02), Status::CHECK_CONDITION);
/// assert_eq!(Status::TASK_SET_FULL.name(), Some("TASK SET FULL"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[repr(transparent)]
pub struct Status(pub u8);

impl Status {
    /// GOOD: the command completed.
    pub const GOOD: Self = Self(0x00);
    /// CHECK CONDITION: sense data describes an error or exception.
    pub const CHECK_CONDITION: Self = Self(0x02);
    /// CONDITION MET: PRE-FETCH found the cache could hold the range.
    pub const CONDITION_MET: Self = Self(0x04);
    /// BUSY: the logical unit is busy; retry later.
    pub const BUSY: Self = Self(0x08);
    /// INTERMEDIATE (obsolete, linked commands).
    pub const INTERMEDIATE: Self = Self(0x10);
    /// INTERMEDIATE-CONDITION MET (obsolete, linked commands).
    pub const INTERMEDIATE_CONDITION_MET: Self = Self(0x14);
    /// RESERVATION CONFLICT: another initiator holds a reservation.
    pub const RESERVATION_CONFLICT: Self = Self(0x18);
    /// COMMAND TERMINATED (obsolete).
    pub const COMMAND_TERMINATED: Self = Self(0x22);
    /// TASK SET FULL: the command queue is full; retry after some command completes.
    pub const TASK_SET_FULL: Self = Self(0x28);
    /// ACA ACTIVE: an auto contingent allegiance condition is active.
    pub const ACA_ACTIVE: Self = Self(0x30);
    /// TASK ABORTED: another initiator's action aborted the command.
    pub const TASK_ABORTED: Self = Self(0x40);

    /// The SAM name, or `None` for a reserved value.
    #[must_use]
    pub const fn name(self) -> Option<&'static str> {
        Some(match self.0 {
            0x00 => "GOOD",
            0x02 => "CHECK CONDITION",
            0x04 => "CONDITION MET",
            0x08 => "BUSY",
            0x10 => "INTERMEDIATE",
            0x14 => "INTERMEDIATE-CONDITION MET",
            0x18 => "RESERVATION CONFLICT",
            0x22 => "COMMAND TERMINATED",
            0x28 => "TASK SET FULL",
            0x30 => "ACA ACTIVE",
            0x40 => "TASK ABORTED",
            _ => return None,
        })
    }

    /// True when sense data should be read (CHECK CONDITION, or the obsolete COMMAND TERMINATED).
    #[must_use]
    pub const fn has_sense(self) -> bool {
        matches!(self.0, 0x02 | 0x22)
    }

    /// True for GOOD and CONDITION MET (and the obsolete intermediate variants).
    #[must_use]
    pub const fn is_success(self) -> bool {
        matches!(self.0, 0x00 | 0x04 | 0x10 | 0x14)
    }
}

impl fmt::Debug for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => write!(f, "{:#04x} ({n})", self.0),
            None => write!(f, "{:#04x}", self.0),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "RESERVED STATUS {:02X}h", self.0),
        }
    }
}
