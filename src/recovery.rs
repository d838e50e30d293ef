//! What to do after a command completed: retry, wait, start the unit, re-read the capacity,
//! fall back to another command, or give up with an errno.
//!
//! [`decide`] looks at one [`Completed`] command (its identity, the status byte, the sense
//! bytes, the transport outcome, how many attempts were made and how long the caller has waited
//! so far) and returns one [`Action`] under a [`Policy`]. It is a pure function: no I/O, no
//! clock, no allocation. An executor (`scsi-io`'s `execute_retrying`) carries the action out and
//! calls [`decide`] again with the next completion.
//!
//! **Always bounded.** Every action other than [`Action::Done`] and [`Action::Fail`] uses up one
//! attempt. When `attempt` is above [`Policy::max_retries`], or a delay would take the total
//! past [`Policy::max_total_delay`], the action becomes [`Action::Fail`] with
//! [`Reason::RetriesExhausted`] and the errno of the condition that kept repeating. A device
//! that answers the same way forever therefore gets at most `max_retries + 1` commands.
//!
//! The rules are the union of Linux (`scsi_decide_disposition`, `scsi_check_sense`,
//! `scsi_io_completion_action` and sd's fallbacks) and FreeBSD CAM (`scsi_error_action` with its
//! sense key and ASC/ASCQ tables, `camperiphscsistatuserror`). Where the two disagree the table
//! below says which one this policy follows; `docs/recovery.md` has the same table with the
//! reasons at more length.
//!
//! ```
//! use scsi_cdb::recovery::{Action, CommandId, Completed, Policy, decide};
//! use scsi_cdb::sense::SenseBuilder;
//! use scsi_cdb::{AdditionalSense, SenseKey, Status};
//! let sense = SenseBuilder::new(SenseKey::NotReady, AdditionalSense::new(0x04, 0x02)).to_vec();
//! let done = Completed::new(CommandId::TEST_UNIT_READY, Status::CHECK_CONDITION, &sense);
//! assert_eq!(decide(&done, &Policy::DEFAULT), Action::StartUnitThenRetry);
//! // The same answer after the last allowed retry: give up.
//! let late = done.attempt(Policy::DEFAULT.max_retries + 1);
//! assert!(matches!(decide(&late, &Policy::DEFAULT), Action::Fail { .. }));
//! ```
//!
//! # Where Linux and CAM disagree
//!
//! | # | Case | Linux | FreeBSD CAM | This policy |
//! |---|---|---|---|---|
//! | 1 | TASK ABORTED status | retry (`maybe_retry`) | `EIO`, no retry (default case) | Linux: retry |
//! | 2 | BUSY status | requeue at once, not counted against the retries | retry after 1 s, counted | CAM: [`Policy::busy_delay`], counted |
//! | 3 | TASK SET FULL status | requeue, lower the queue depth, not counted | retry after the next completion, not counted when the openings were lowered | CAM's BUSY path: [`Policy::task_set_full_delay`], counted |
//! | 4 | RESERVATION CONFLICT errno | `EBADE` (`BLK_STS_RESV_CONFLICT`) | `EIO` | Linux: `EBADE` |
//! | 5 | CHECK CONDITION without valid sense | error handler sends REQUEST SENSE | retry, counted | CAM: retry |
//! | 6 | TEST UNIT READY with sense | returned as is, never retried | retried like any command | CAM |
//! | 7 | NOT READY 04h/00h and other 04h/xx outside the in-progress list | fail | retry (`SS_RDEF`) | CAM: retry after [`Policy::not_ready_delay`] |
//! | 8 | NOT READY 3Ah (no medium) errno | `ENOMEDIUM` (sd) | `ENXIO` | Linux: `ENOMEDIUM` |
//! | 9 | HARDWARE ERROR | fail (retry only with the `BLIST_RETRY_HWERROR` quirk) | retry (`SS_RDEF`) | Linux: fail `EIO` |
//! | 10 | ILLEGAL REQUEST 20h/00h errno | `EREMOTEIO` (target failure) | `EINVAL` | neither: `EOPNOTSUPP`, after any fallback |
//! | 11 | UNIT ATTENTION, generic and 29h/xx | retry (fixed media) | fail `ENXIO` unless the periph asks `SF_RETRY_UA` | Linux: retry |
//! | 12 | UNIT ATTENTION 28h/xx (medium may have changed) | fail on removable media, retry on fixed | fail `ENXIO` unless `SF_RETRY_UA` | re-read capacity, then retry |
//! | 13 | UNIT ATTENTION 2Ah/09h, 2Ah/01h (capacity, mode parameters) | retry; an event for user space | da re-probes the capacity | CAM: [`Action::RereadCapacityThenRetry`] |
//! | 14 | UNIT ATTENTION 3Fh/0Eh, 3Fh/03h (LUNs, INQUIRY data) | retry; an event, no rescan | rescan (`SSQ_RESCAN`, `AC_INQ_CHANGED`) | CAM: [`Action::RescanThenRetry`] |
//! | 15 | DATA PROTECT errno | `EREMOTEIO` (target failure) | `EACCES` | CAM: `EACCES` (27h/07h: both `ENOSPC`) |
//! | 16 | BLANK CHECK errno | `EREMOTEIO` | `ENOSPC` | CAM: `ENOSPC` |
//! | 17 | COPY ABORTED, VOLUME OVERFLOW errno | `EREMOTEIO` | `EIO` | CAM: `EIO` |
//! | 18 | ABORTED COMMAND 10h/xx (protection information) | fail, `EILSEQ` | retry (`SS_RDEF`) | Linux: fail `EILSEQ` |
//! | 19 | MISCOMPARE | fail, `EREMOTEIO` | key default no-op; 1Dh/00h fatal | fail, `EILSEQ` |
//! | 20 | EQUAL (obsolete key) | the command fails (status not GOOD) | no-op: success | CAM: done |
//!
//! Where both agree (deferred errors retry, RECOVERED ERROR is success, 04h/01h waits, 04h/02h
//! starts the unit, 11h/13h/14h medium errors fail at once, other medium errors retry, ABORTED
//! COMMAND retries, invalid field fails `EINVAL`) the policy does the same.
//!
//! Fallbacks ([`Action::FallBack`], on INVALID COMMAND OPERATION CODE, and for READ
//! CAPACITY(16) also on INVALID FIELD IN CDB as Linux sd does): SYNCHRONIZE CACHE(16) to (10),
//! READ CAPACITY(16) to (10), MODE SENSE(10) to (6), WRITE SAME(16) to (10), READ(6) and
//! WRITE(6) to READ(10) and WRITE(10) (both systems switch to 10-byte commands), and REPORT
//! LUNS to a sequential scan (named as INQUIRY, the command that scan sends to each LUN).
//! [`fallback_cdb`] rewrites the CDB bytes. READ CAPACITY(10) and MODE SENSE(6) answer with
//! their own, shorter data layouts: the caller parses what the command it ended with returns.

use core::fmt;
use core::time::Duration;

use crate::sense::Sense;
use crate::{AdditionalSense, Cdb, OpCode, SenseKey, ServiceAction, Status};

/// POSIX errno values (Linux numbering) the policy returns: those of [`crate::sense::errno`]
/// plus the few more recovery needs.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::recovery::{Action, CommandId, Completed, Policy, Reason, decide, errno};
/// // RESERVATION CONFLICT fails with EBADE, as Linux reports it.
/// let c = Completed::new(CommandId::WRITE_10, Status::RESERVATION_CONFLICT, &[]);
/// let failed = Action::Fail { errno: errno::EBADE, reason: Reason::ReservationConflict };
/// assert_eq!(decide(&c, &Policy::DEFAULT), failed);
/// assert_eq!((errno::EBADE, errno::ENXIO, errno::EOPNOTSUPP), (52, 6, 95));
/// ```
pub mod errno {
    pub use crate::sense::errno::{
        EACCES, EAGAIN, ECANCELED, EILSEQ, EINPROGRESS, EINVAL, EIO, ENOMEDIUM, ENOSPC, ENOTCONN, ENOTSUP,
    };
    /// No such device or address.
    pub const ENXIO: i32 = 6;
    /// Device or resource busy.
    pub const EBUSY: i32 = 16;
    /// Invalid exchange (Linux: reservation conflict).
    pub const EBADE: i32 = 52;
    /// Link has been severed (Linux: transport failure).
    pub const ENOLINK: i32 = 67;
    /// Operation not supported (the same number as `ENOTSUP` on Linux).
    pub const EOPNOTSUPP: i32 = 95;
    /// Connection timed out.
    pub const ETIMEDOUT: i32 = 110;
}

/// A command's identity: operation code and, for commands that have one, service action.
///
/// ```rust
/// use scsi_cdb::ReadCapacity16;
/// use scsi_cdb::recovery::CommandId;
/// // READ CAPACITY (16) is SERVICE ACTION IN (16), 9Eh, with service action 10h.
/// let cdb = [0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20, 0, 0];
/// assert_eq!(CommandId::from_bytes(&cdb), Some(CommandId::READ_CAPACITY_16));
/// assert_eq!(CommandId::of(&ReadCapacity16::new()), CommandId::READ_CAPACITY_16);
/// assert_eq!(CommandId::READ_CAPACITY_16.to_string(), "READ CAPACITY(16)");
/// assert_eq!(CommandId::READ_CAPACITY_16.fallback(), Some(CommandId::READ_CAPACITY_10));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CommandId {
    /// Byte 0 of the CDB.
    pub opcode: OpCode,
    /// The service action, for 7Fh, 9Eh, 9Fh, A3h, A4h and the like.
    pub service_action: Option<ServiceAction>,
}

impl CommandId {
    /// TEST UNIT READY.
    pub const TEST_UNIT_READY: Self = Self::op(OpCode::TEST_UNIT_READY);
    /// INQUIRY.
    pub const INQUIRY: Self = Self::op(OpCode::INQUIRY);
    /// START STOP UNIT.
    pub const START_STOP_UNIT: Self = Self::op(OpCode::START_STOP_UNIT);
    /// READ(6).
    pub const READ_6: Self = Self::op(OpCode::READ_6);
    /// WRITE(6).
    pub const WRITE_6: Self = Self::op(OpCode::WRITE_6);
    /// READ(10).
    pub const READ_10: Self = Self::op(OpCode::READ_10);
    /// WRITE(10).
    pub const WRITE_10: Self = Self::op(OpCode::WRITE_10);
    /// READ(16).
    pub const READ_16: Self = Self::op(OpCode::READ_16);
    /// WRITE(16).
    pub const WRITE_16: Self = Self::op(OpCode::WRITE_16);
    /// READ CAPACITY(10).
    pub const READ_CAPACITY_10: Self = Self::op(OpCode::READ_CAPACITY_10);
    /// READ CAPACITY(16): SERVICE ACTION IN(16) / 10h.
    pub const READ_CAPACITY_16: Self =
        Self { opcode: OpCode::SERVICE_ACTION_IN_16, service_action: Some(ServiceAction::READ_CAPACITY_16) };
    /// SYNCHRONIZE CACHE(10).
    pub const SYNCHRONIZE_CACHE_10: Self = Self::op(OpCode::SYNCHRONIZE_CACHE_10);
    /// SYNCHRONIZE CACHE(16).
    pub const SYNCHRONIZE_CACHE_16: Self = Self::op(OpCode::SYNCHRONIZE_CACHE_16);
    /// MODE SENSE(6).
    pub const MODE_SENSE_6: Self = Self::op(OpCode::MODE_SENSE_6);
    /// MODE SENSE(10).
    pub const MODE_SENSE_10: Self = Self::op(OpCode::MODE_SENSE_10);
    /// MODE SELECT(6).
    pub const MODE_SELECT_6: Self = Self::op(OpCode::MODE_SELECT_6);
    /// MODE SELECT(10).
    pub const MODE_SELECT_10: Self = Self::op(OpCode::MODE_SELECT_10);
    /// WRITE SAME(10).
    pub const WRITE_SAME_10: Self = Self::op(OpCode::WRITE_SAME_10);
    /// WRITE SAME(16).
    pub const WRITE_SAME_16: Self = Self::op(OpCode::WRITE_SAME_16);
    /// REPORT LUNS.
    pub const REPORT_LUNS: Self = Self::op(OpCode::REPORT_LUNS);

    /// A command without a service action.
    #[must_use]
    pub const fn op(opcode: OpCode) -> Self {
        Self { opcode, service_action: None }
    }

    /// The identity of a CDB.
    #[must_use]
    pub fn of(cdb: &(impl Cdb + ?Sized)) -> Self {
        Self { opcode: cdb.opcode(), service_action: cdb.service_action() }
    }

    /// The identity of encoded CDB bytes (service action read where the opcode has one).
    #[must_use]
    pub fn from_bytes(cdb: &[u8]) -> Option<Self> {
        let opcode = OpCode(*cdb.first()?);
        Some(Self { opcode, service_action: crate::cdb::decode::service_action(cdb).map(ServiceAction) })
    }

    /// The T10 name, `None` for vendor-specific and unassigned codes.
    #[must_use]
    pub fn name(&self) -> Option<&'static str> {
        self.service_action.and_then(|s| self.opcode.service_action_name(s.0)).or_else(|| self.opcode.name())
    }

    /// The command this policy falls back to when the device rejects this one, if any.
    #[must_use]
    pub const fn fallback(&self) -> Option<Self> {
        Some(match (self.opcode, self.service_action) {
            (OpCode::SYNCHRONIZE_CACHE_16, _) => Self::SYNCHRONIZE_CACHE_10,
            (OpCode::SERVICE_ACTION_IN_16, Some(ServiceAction::READ_CAPACITY_16)) => Self::READ_CAPACITY_10,
            (OpCode::MODE_SENSE_10, _) => Self::MODE_SENSE_6,
            (OpCode::WRITE_SAME_16, _) => Self::WRITE_SAME_10,
            (OpCode::READ_6, _) => Self::READ_10,
            (OpCode::WRITE_6, _) => Self::WRITE_10,
            (OpCode::REPORT_LUNS, _) => Self::INQUIRY,
            _ => return None,
        })
    }
}

impl fmt::Display for CommandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.name(), self.service_action) {
            (Some(n), _) => f.write_str(n),
            (None, Some(sa)) => write!(f, "{:02X}h/{:02X}h", self.opcode.0, sa.0),
            (None, None) => write!(f, "{:02X}h", self.opcode.0),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CommandId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("CommandId", 3)?;
        st.serialize_field("opcode", &self.opcode.0)?;
        st.serialize_field("service_action", &self.service_action.map(|sa| sa.0))?;
        st.serialize_field("name", &self.name())?;
        st.end()
    }
}

/// How the transport (HBA, driver, iSCSI session) delivered the command, apart from the SCSI
/// status. [`Transport::from_linux_host_status`] maps the Linux `DID_*` host byte.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::recovery::{Action, CommandId, Completed, Policy, Transport, decide};
/// // sg_io_hdr.host_status 03h is DID_TIME_OUT: the command is retried.
/// let t = Transport::from_linux_host_status(0x03);
/// assert_eq!(t, Transport::Timeout);
/// let c = Completed::new(CommandId::READ_10, Status::GOOD, &[]).transport(t);
/// assert_eq!(decide(&c, &Policy::DEFAULT), Action::Retry);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Transport {
    /// Delivered; the status byte and sense are meaningful.
    #[default]
    Ok,
    /// A transient transport condition (bus busy, parity, reset, requeue, soft error,
    /// transport disrupted): retry.
    Transient,
    /// The command timed out: retry.
    Timeout,
    /// The transport aborted the command (Linux `DID_ABORT`): decided on the sense when a CHECK
    /// CONDITION came with sense, else retried.
    Aborted,
    /// The device is gone or was never there (no connect, bad target): fail `ENXIO`.
    NoDevice,
    /// The transport failed the command for good (fast fail, other errors): fail `ENOLINK`.
    Failed,
}

impl Transport {
    /// The Linux `host_status` (`DID_*`) of an sg v3 header.
    #[must_use]
    pub const fn from_linux_host_status(host_status: u16) -> Self {
        match host_status {
            0x00 => Self::Ok,
            // DID_BUS_BUSY, DID_PARITY, DID_ERROR, DID_RESET, DID_SOFT_ERROR, DID_IMM_RETRY,
            // DID_REQUEUE, DID_TRANSPORT_DISRUPTED.
            0x02 | 0x06 | 0x07 | 0x08 | 0x0B | 0x0C | 0x0D | 0x0E => Self::Transient,
            0x03 => Self::Timeout,
            0x05 => Self::Aborted,
            // DID_NO_CONNECT, DID_BAD_TARGET.
            0x01 | 0x04 => Self::NoDevice,
            _ => Self::Failed,
        }
    }
}

/// One completed attempt of a command: the input to [`decide`].
///
/// ```rust
/// use core::time::Duration;
/// use scsi_cdb::Status;
/// use scsi_cdb::recovery::{Action, CommandId, Completed, Policy, decide};
/// // BUSY on the second attempt: wait 1 s and retry.
/// let busy = Completed::new(CommandId::WRITE_10, Status::BUSY, &[]).attempt(2);
/// assert_eq!(decide(&busy, &Policy::DEFAULT), Action::RetryAfter(Duration::from_secs(1)));
/// // With 30 s already spent waiting, the delay budget is gone.
/// let late = busy.elapsed_delay(Duration::from_secs(30));
/// assert!(matches!(decide(&late, &Policy::DEFAULT), Action::Fail { .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completed<'a> {
    /// The command that completed.
    pub command: CommandId,
    /// The SCSI status byte.
    pub status: Status,
    /// The sense bytes (empty when there were none).
    pub sense: &'a [u8],
    /// The transport outcome.
    pub transport: Transport,
    /// How many attempts have been made so far, this one included (1 for the first).
    pub attempt: u32,
    /// The total time already spent waiting between attempts.
    pub elapsed_delay: Duration,
}

impl<'a> Completed<'a> {
    /// The first attempt of `command`, delivered by the transport, with `status` and `sense`.
    #[must_use]
    pub const fn new(command: CommandId, status: Status, sense: &'a [u8]) -> Self {
        Self { command, status, sense, transport: Transport::Ok, attempt: 1, elapsed_delay: Duration::ZERO }
    }

    /// Sets the attempt number (1 for the first).
    #[must_use]
    pub const fn attempt(mut self, attempt: u32) -> Self {
        self.attempt = attempt;
        self
    }

    /// Sets the delay already spent.
    #[must_use]
    pub const fn elapsed_delay(mut self, elapsed: Duration) -> Self {
        self.elapsed_delay = elapsed;
        self
    }

    /// Sets the transport outcome.
    #[must_use]
    pub const fn transport(mut self, transport: Transport) -> Self {
        self.transport = transport;
        self
    }
}

/// The limits and delays [`decide`] works with.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::recovery::{Action, CommandId, Completed, Policy, Reason, decide, errno};
/// // UNIT ATTENTION, POWER ON, RESET, OR BUS DEVICE RESET OCCURRED (29h/00h), fixed format.
/// let ua = [0x70, 0, 0x06, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x29, 0, 0, 0, 0, 0];
/// let c = Completed::new(CommandId::READ_10, Status::CHECK_CONDITION, &ua);
/// assert_eq!(decide(&c, &Policy::DEFAULT), Action::Retry);
/// let fail = Action::Fail { errno: errno::EAGAIN, reason: Reason::RetriesExhausted };
/// assert_eq!(decide(&c, &Policy::NO_RETRIES), fail);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Policy {
    /// Retries allowed after the first attempt (every non-final action counts as one).
    pub max_retries: u32,
    /// The most time spent waiting between attempts, in total.
    pub max_total_delay: Duration,
    /// The wait after BUSY.
    pub busy_delay: Duration,
    /// The wait after TASK SET FULL.
    pub task_set_full_delay: Duration,
    /// The wait after NOT READY, becoming ready or an operation in progress.
    pub not_ready_delay: Duration,
    /// Send START STOP UNIT when the device says it needs one (04h/02h); when false such a
    /// device fails with `ENOTCONN`.
    pub start_unit: bool,
    /// Fall back to an older command on INVALID COMMAND OPERATION CODE; when false the command
    /// fails with `EOPNOTSUPP`.
    pub fallbacks: bool,
}

impl Policy {
    /// Five retries (Linux sd's `SD_MAX_RETRIES`), 30 s of waiting in total, 1 s after BUSY and
    /// TASK SET FULL (CAM), 1 s between NOT READY polls (sd's spin-up loop), START UNIT and
    /// fallbacks allowed.
    pub const DEFAULT: Self = Self {
        max_retries: 5,
        max_total_delay: Duration::from_secs(30),
        busy_delay: Duration::from_secs(1),
        task_set_full_delay: Duration::from_secs(1),
        not_ready_delay: Duration::from_secs(1),
        start_unit: true,
        fallbacks: true,
    };

    /// No retries, no waiting, no recovery commands: every error fails at once.
    pub const NO_RETRIES: Self = Self {
        max_retries: 0,
        max_total_delay: Duration::ZERO,
        busy_delay: Duration::ZERO,
        task_set_full_delay: Duration::ZERO,
        not_ready_delay: Duration::ZERO,
        start_unit: false,
        fallbacks: false,
    };
}

impl Default for Policy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Why a completed command counts as a success with something to note.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::recovery::{Action, CommandId, Completed, Note, Policy, decide};
/// // RECOVERED ERROR, RECOVERED DATA WITH RETRIES (17h/01h): the data is good.
/// let sense = [0x70, 0, 0x01, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x17, 0x01, 0, 0, 0, 0];
/// let c = Completed::new(CommandId::READ_10, Status::CHECK_CONDITION, &sense);
/// assert_eq!(decide(&c, &Policy::DEFAULT), Action::Done(Note::RecoveredError));
/// let good = Completed::new(CommandId::READ_10, Status::GOOD, &[]);
/// assert_eq!(decide(&good, &Policy::DEFAULT), Action::Done(Note::Good));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Note {
    /// GOOD status.
    Good,
    /// CONDITION MET (PRE-FETCH) or an obsolete intermediate status.
    ConditionMet,
    /// RECOVERED ERROR: the data is good but the device had to work for it; log it.
    RecoveredError,
    /// CHECK CONDITION with NO SENSE, COMPLETED or EQUAL: informational sense.
    Informational,
}

/// Why a command failed.
///
/// ```rust
/// use scsi_cdb::Status;
/// use scsi_cdb::recovery::{Action, CommandId, Completed, Policy, Reason, decide, errno};
/// // MEDIUM ERROR, UNRECOVERED READ ERROR (11h/00h), VALID, INFORMATION = LBA 1234h.
/// let sense = [0xF0, 0, 0x03, 0, 0, 0x12, 0x34, 0x0A, 0, 0, 0, 0, 0x11, 0, 0, 0, 0, 0];
/// let c = Completed::new(CommandId::READ_10, Status::CHECK_CONDITION, &sense);
/// let reason = Reason::MediumError { lba: Some(0x1234) };
/// assert_eq!(decide(&c, &Policy::DEFAULT), Action::Fail { errno: errno::EIO, reason });
/// assert_eq!(reason.to_string(), "medium error at LBA 4660");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Reason {
    /// The retry or delay budget ran out while the condition persisted.
    RetriesExhausted,
    /// The transport could not deliver the command.
    Transport,
    /// RESERVATION CONFLICT status.
    ReservationConflict,
    /// ACA ACTIVE status.
    AcaActive,
    /// A reserved or obsolete status byte.
    UnexpectedStatus,
    /// NOT READY that will not clear by waiting (manual intervention, offline, ...).
    NotReady,
    /// NOT READY, needs START UNIT, and the policy does not send it.
    NeedsStartUnit,
    /// NOT READY, MEDIUM NOT PRESENT (3Ah/xx).
    NoMedium,
    /// MEDIUM ERROR; `lba` is the INFORMATION field when VALID.
    MediumError {
        /// The failing logical block.
        lba: Option<u64>,
    },
    /// HARDWARE ERROR.
    HardwareError,
    /// ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE with no fallback.
    InvalidOpcode,
    /// ILLEGAL REQUEST, other (invalid field, LBA out of range, LUN not supported ...).
    IllegalRequest,
    /// DATA PROTECT (write protected, zone read only ...).
    DataProtect,
    /// Thin provisioning space exhausted (27h/07h).
    SpaceExhausted,
    /// Protection information check failed (10h/xx).
    Protection,
    /// MISCOMPARE.
    Miscompare,
    /// BLANK CHECK.
    BlankCheck,
    /// COPY ABORTED.
    CopyAborted,
    /// VOLUME OVERFLOW.
    VolumeOverflow,
    /// Vendor-specific sense key.
    VendorSpecific,
}

impl Reason {
    /// A short lower-case description.
    #[must_use]
    pub const fn as_str(&self) -> &'static str {
        match self {
            Self::RetriesExhausted => "retries exhausted",
            Self::Transport => "transport failure",
            Self::ReservationConflict => "reservation conflict",
            Self::AcaActive => "ACA active",
            Self::UnexpectedStatus => "unexpected status",
            Self::NotReady => "not ready",
            Self::NeedsStartUnit => "needs START UNIT",
            Self::NoMedium => "no medium",
            Self::MediumError { .. } => "medium error",
            Self::HardwareError => "hardware error",
            Self::InvalidOpcode => "invalid command operation code",
            Self::IllegalRequest => "illegal request",
            Self::DataProtect => "data protect",
            Self::SpaceExhausted => "space allocation failed",
            Self::Protection => "protection information check failed",
            Self::Miscompare => "miscompare",
            Self::BlankCheck => "blank check",
            Self::CopyAborted => "copy aborted",
            Self::VolumeOverflow => "volume overflow",
            Self::VendorSpecific => "vendor specific",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())?;
        if let Self::MediumError { lba: Some(lba) } = self {
            write!(f, " at LBA {lba}")?;
        }
        Ok(())
    }
}

/// What to do next.
///
/// ```rust
/// use core::time::Duration;
/// use scsi_cdb::Status;
/// use scsi_cdb::recovery::{Action, CommandId, Completed, Policy, decide};
/// // NOT READY, LOGICAL UNIT IS IN PROCESS OF BECOMING READY (04h/01h): wait, then retry.
/// let sense = [0x70, 0, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x04, 0x01, 0, 0, 0, 0];
/// let c = Completed::new(CommandId::TEST_UNIT_READY, Status::CHECK_CONDITION, &sense);
/// let action = decide(&c, &Policy::DEFAULT);
/// assert_eq!(action, Action::RetryAfter(Duration::from_secs(1)));
/// assert_eq!((action.is_final(), action.delay()), (false, Duration::from_secs(1)));
/// assert_eq!(action.to_string(), "retry after 1000 ms");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Action {
    /// The command succeeded.
    Done(Note),
    /// Send the same command again now.
    Retry,
    /// Wait, then send the same command again.
    RetryAfter(Duration),
    /// Send START STOP UNIT with START = 1, then the same command again.
    StartUnitThenRetry,
    /// The capacity, the medium or mode parameters changed: read the capacity again, then send
    /// the same command again.
    RereadCapacityThenRetry,
    /// The LUN inventory or INQUIRY data changed: rescan (REPORT LUNS, INQUIRY), then send the
    /// same command again.
    RescanThenRetry,
    /// The device does not support this command: send this one instead ([`fallback_cdb`]
    /// builds it).
    FallBack(CommandId),
    /// Give up.
    Fail {
        /// POSIX errno, Linux numbering ([`errno`]).
        errno: i32,
        /// Why.
        reason: Reason,
    },
}

impl Action {
    /// True for [`Action::Done`] and [`Action::Fail`]: nothing more to send.
    #[must_use]
    pub const fn is_final(&self) -> bool {
        matches!(self, Self::Done(_) | Self::Fail { .. })
    }

    /// The wait before the next attempt (zero for all but [`Action::RetryAfter`]).
    #[must_use]
    pub const fn delay(&self) -> Duration {
        match self {
            Self::RetryAfter(d) => *d,
            _ => Duration::ZERO,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Done(Note::RecoveredError) => f.write_str("done (recovered error)"),
            Self::Done(_) => f.write_str("done"),
            Self::Retry => f.write_str("retry"),
            Self::RetryAfter(d) => write!(f, "retry after {} ms", d.as_millis()),
            Self::StartUnitThenRetry => f.write_str("START UNIT, then retry"),
            Self::RereadCapacityThenRetry => f.write_str("re-read capacity, then retry"),
            Self::RescanThenRetry => f.write_str("rescan, then retry"),
            Self::FallBack(to) => write!(f, "fall back to {to}"),
            Self::Fail { errno, reason } => write!(f, "fail: {reason} (errno {errno})"),
        }
    }
}

/// A decision before the budget is applied: the action and the errno to fail with if the
/// budget does not allow it.
#[derive(Clone, Copy)]
struct Step {
    action: Action,
    errno: i32,
}

const fn fail(errno: i32, reason: Reason) -> Step {
    Step { action: Action::Fail { errno, reason }, errno }
}

const fn again(action: Action, errno: i32) -> Step {
    Step { action, errno }
}

/// Decides what to do about one completed attempt. Never panics, for any input.
#[must_use]
pub fn decide(c: &Completed<'_>, policy: &Policy) -> Action {
    let step = classify(c, policy);
    bound(step, c, policy)
}

/// Applies the retry and delay budget.
fn bound(step: Step, c: &Completed<'_>, policy: &Policy) -> Action {
    if step.action.is_final() {
        return step.action;
    }
    let exhausted = Action::Fail { errno: step.errno, reason: Reason::RetriesExhausted };
    // attempt counts the attempts made; retries used so far = attempt - 1.
    if c.attempt > policy.max_retries {
        return exhausted;
    }
    let total = c.elapsed_delay.checked_add(step.action.delay());
    match total {
        Some(t) if t <= policy.max_total_delay => step.action,
        _ => exhausted,
    }
}

fn classify(c: &Completed<'_>, policy: &Policy) -> Step {
    use errno::*;
    match c.transport {
        Transport::Ok => {}
        // An aborted command that still carries sense is decided on the sense (Linux: DID_ABORT
        // without an abort of its own is SUCCESS, then the sense decides; scsi_debug reports a
        // protection error that way).
        Transport::Aborted if c.status.has_sense() && !c.sense.is_empty() => {}
        Transport::Aborted => return again(Action::Retry, ECANCELED),
        Transport::Transient => return again(Action::Retry, EIO),
        Transport::Timeout => return again(Action::Retry, ETIMEDOUT),
        Transport::NoDevice => return fail(ENXIO, Reason::Transport),
        Transport::Failed => return fail(ENOLINK, Reason::Transport),
    }
    match c.status {
        Status::GOOD => Step { action: Action::Done(Note::Good), errno: 0 },
        Status::CONDITION_MET | Status::INTERMEDIATE | Status::INTERMEDIATE_CONDITION_MET => {
            Step { action: Action::Done(Note::ConditionMet), errno: 0 }
        }
        Status::CHECK_CONDITION | Status::COMMAND_TERMINATED => match Sense::parse(c.sense) {
            // A response code but no sense key is as good as none (classify_sense retries).
            Ok(s) => classify_sense(c.command, &s, policy),
            // CHECK CONDITION without usable sense: retry (CAM; Linux asks REQUEST SENSE).
            Err(_) => again(Action::Retry, EIO),
        },
        Status::BUSY => again(Action::RetryAfter(policy.busy_delay), EBUSY),
        Status::TASK_SET_FULL => again(Action::RetryAfter(policy.task_set_full_delay), EBUSY),
        Status::TASK_ABORTED => again(Action::Retry, ECANCELED),
        Status::RESERVATION_CONFLICT => fail(EBADE, Reason::ReservationConflict),
        Status::ACA_ACTIVE => fail(EIO, Reason::AcaActive),
        _ => fail(EIO, Reason::UnexpectedStatus),
    }
}

/// NOT READY 04h qualifiers that mean "wait": becoming ready, format, rebuild, recalculation,
/// operation in progress, long write, self-test, ALUA transition, space allocation, sanitize,
/// ... (Linux's delayed-retry list plus 0Ah and the cause-not-reportable 00h, as CAM).
const fn not_ready_wait(ascq: u8) -> bool {
    !matches!(ascq, 0x02 | 0x03)
}

fn fallback_or_fail(cmd: CommandId, policy: &Policy, reason: Reason, errno: i32) -> Step {
    match cmd.fallback() {
        Some(to) if policy.fallbacks => again(Action::FallBack(to), errno),
        _ => fail(errno, reason),
    }
}

/// The errno of an ILLEGAL REQUEST without a rule of its own (QEMU's mapping, as
/// [`crate::sense::errno::from_sense`], with `EINVAL` where that says `EIO`).
const fn illegal_request_errno(asc: u8, ascq: u8) -> i32 {
    use errno::*;
    match (asc, ascq) {
        (0x21, 0x00) | (0x27, 0x07) => ENOSPC,
        (0x27, _) => EACCES,
        (0x04, 0x01) => EINPROGRESS,
        (0x04, 0x02) => ENOTCONN,
        (0x3A, _) => ENOMEDIUM,
        _ => EINVAL,
    }
}

// Reads the few fields it needs straight from the view rather than building a full summary
// (benches/recovery.rs: about 10 ns a decision, 25 ns with the summary, 1.2 ns for a bare
// hand-written match without the budget or the fallbacks).
fn classify_sense(cmd: CommandId, s: &Sense<'_>, policy: &Policy) -> Step {
    use errno::*;
    let Some(key) = s.sense_key() else { return again(Action::Retry, EIO) };
    let a = s.additional_sense().unwrap_or(AdditionalSense::new(s.asc().unwrap_or(0), 0));
    // A deferred error belongs to an earlier command; this one was not executed.
    if s.is_deferred() {
        return again(Action::Retry, EIO);
    }
    match key {
        SenseKey::NoSense | SenseKey::Completed | SenseKey::Equal => {
            Step { action: Action::Done(Note::Informational), errno: 0 }
        }
        SenseKey::RecoveredError => Step { action: Action::Done(Note::RecoveredError), errno: 0 },
        SenseKey::NotReady => match (a.asc, a.ascq) {
            (0x04, 0x02) if policy.start_unit => again(Action::StartUnitThenRetry, ENOTCONN),
            (0x04, 0x02) => fail(ENOTCONN, Reason::NeedsStartUnit),
            (0x04, q) if not_ready_wait(q) => again(Action::RetryAfter(policy.not_ready_delay), EBUSY),
            (0x3A, _) => fail(ENOMEDIUM, Reason::NoMedium),
            _ => fail(EIO, Reason::NotReady),
        },
        SenseKey::MediumError => {
            let reason = Reason::MediumError { lba: s.information() };
            match a.asc {
                // Unrecovered read error, address mark not found, record not found: final.
                0x11 | 0x13 | 0x14 => fail(EIO, reason),
                _ => again(Action::Retry, EIO),
            }
        }
        SenseKey::HardwareError => fail(EIO, Reason::HardwareError),
        SenseKey::IllegalRequest => match (a.asc, a.ascq) {
            (0x20, 0x00) => fallback_or_fail(cmd, policy, Reason::InvalidOpcode, EOPNOTSUPP),
            // Linux sd: READ CAPACITY(16) answered with INVALID FIELD IN CDB falls back too.
            (0x24, 0x00) if cmd == CommandId::READ_CAPACITY_16 => {
                fallback_or_fail(cmd, policy, Reason::IllegalRequest, EINVAL)
            }
            (0x10, _) => fail(EILSEQ, Reason::Protection),
            (0x25, 0x00) => fail(ENOTSUP, Reason::IllegalRequest),
            _ => fail(illegal_request_errno(a.asc, a.ascq), Reason::IllegalRequest),
        },
        SenseKey::UnitAttention => match (a.asc, a.ascq) {
            (0x28, _) | (0x2A, 0x01) | (0x2A, 0x09) => again(Action::RereadCapacityThenRetry, EAGAIN),
            (0x3F, 0x03) | (0x3F, 0x0E) => again(Action::RescanThenRetry, EAGAIN),
            _ => again(Action::Retry, EAGAIN),
        },
        SenseKey::DataProtect => match (a.asc, a.ascq) {
            (0x27, 0x07) => fail(ENOSPC, Reason::SpaceExhausted),
            _ => fail(EACCES, Reason::DataProtect),
        },
        SenseKey::AbortedCommand => match a.asc {
            0x10 => fail(EILSEQ, Reason::Protection),
            _ => again(Action::Retry, ECANCELED),
        },
        SenseKey::Miscompare => fail(EILSEQ, Reason::Miscompare),
        SenseKey::BlankCheck => fail(ENOSPC, Reason::BlankCheck),
        SenseKey::CopyAborted => fail(EIO, Reason::CopyAborted),
        SenseKey::VolumeOverflow => fail(EIO, Reason::VolumeOverflow),
        SenseKey::VendorSpecific => fail(EIO, Reason::VendorSpecific),
    }
}

/// The fallback CDB [`fallback_cdb`] wrote.
///
/// ```rust
/// use scsi_cdb::recovery::{CommandId, fallback_cdb};
/// // SYNCHRONIZE CACHE (16), IMMED, LBA 1000h, 8 blocks, rewritten as SYNCHRONIZE CACHE (10).
/// let sc16 = [0x91, 0x02, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 8, 0, 0];
/// let mut out = [0u8; 16];
/// let f = fallback_cdb(&sc16, &mut out).unwrap();
/// assert_eq!((f.command, f.len, f.data_len), (CommandId::SYNCHRONIZE_CACHE_10, 10, None));
/// assert_eq!(&out[..f.len], [0x35, 0x02, 0, 0, 0x10, 0, 0, 0, 8, 0]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FallbackCdb {
    /// The command it is.
    pub command: CommandId,
    /// Its length in bytes at the start of the output buffer.
    pub len: usize,
    /// The data-in or data-out length it moves, in bytes, given the same block size (for
    /// READ/WRITE the caller's buffer length stays the same; READ CAPACITY(10) moves 8 bytes,
    /// MODE SENSE(6) at most 255).
    pub data_len: Option<u32>,
}

fn be(bytes: &[u8], range: core::ops::Range<usize>) -> Option<u64> {
    let b = bytes.get(range)?;
    Some(b.iter().fold(0u64, |acc, &x| acc << 8 | u64::from(x)))
}

/// Rewrites `cdb` as its fallback command ([`CommandId::fallback`]) into `out` (16 bytes is
/// enough). `None` when there is no fallback, the CDB is too short, `out` is too small, or the
/// fields do not fit the shorter command (an LBA beyond 32 bits, a count beyond 16 bits, MODE
/// SENSE with the LLBAA bit, a WRITE SAME with flags the 10-byte form lacks). REPORT LUNS
/// has no byte-level fallback (the sequential scan is many INQUIRY commands), so it is `None`
/// here too.
#[must_use]
pub fn fallback_cdb(cdb: &[u8], out: &mut [u8]) -> Option<FallbackCdb> {
    let id = CommandId::from_bytes(cdb)?;
    let to = id.fallback()?;
    let control = |i: usize| cdb.get(i).copied();
    let mut b = [0u8; 10];
    let data_len;
    match id.opcode {
        OpCode::SYNCHRONIZE_CACHE_16 => {
            let lba = u32::try_from(be(cdb, 2..10)?).ok()?;
            let blocks = u16::try_from(be(cdb, 10..14)?).ok()?;
            b[0] = OpCode::SYNCHRONIZE_CACHE_10.0;
            b[1] = control(1)? & 0x02; // IMMED
            b[2..6].copy_from_slice(&lba.to_be_bytes());
            b[6] = control(14)? & 0x3F;
            b[7..9].copy_from_slice(&blocks.to_be_bytes());
            b[9] = control(15)?;
            data_len = None;
        }
        OpCode::SERVICE_ACTION_IN_16 => {
            // READ CAPACITY(10): no LBA (PMI is obsolete), 8 bytes of data.
            b[0] = OpCode::READ_CAPACITY_10.0;
            b[9] = control(15)?;
            data_len = Some(8);
        }
        OpCode::MODE_SENSE_10 => {
            let flags = control(1)?;
            if flags & 0x10 != 0 {
                return None; // LLBAA: long LBA block descriptors exist only in MODE SENSE(10).
            }
            let alloc = u8::try_from(be(cdb, 7..9)?.min(255)).ok()?;
            let six = [OpCode::MODE_SENSE_6.0, flags & 0x08, control(2)?, control(3)?, alloc, control(9)?];
            return put(out, &six, to, Some(u32::from(alloc)));
        }
        OpCode::WRITE_SAME_16 => {
            let flags = control(1)?;
            if flags & 0x01 != 0 {
                return None; // NDOB is not in WRITE SAME(10).
            }
            let lba = u32::try_from(be(cdb, 2..10)?).ok()?;
            let blocks = u16::try_from(be(cdb, 10..14)?).ok()?;
            if blocks == 0 {
                return None; // 0 means "to the end" (or the device limit) in both; keep it exact.
            }
            b[0] = OpCode::WRITE_SAME_10.0;
            b[1] = flags & 0xF8; // WRPROTECT, ANCHOR, UNMAP; the obsolete bits cleared
            b[2..6].copy_from_slice(&lba.to_be_bytes());
            b[6] = control(14)? & 0x3F;
            b[7..9].copy_from_slice(&blocks.to_be_bytes());
            b[9] = control(15)?;
            data_len = None;
        }
        OpCode::READ_6 | OpCode::WRITE_6 => {
            let lba = be(cdb, 1..4)? & 0x1F_FFFF;
            let blocks = match control(4)? {
                0 => 256u16,
                n => u16::from(n),
            };
            b[0] = if id.opcode == OpCode::READ_6 { OpCode::READ_10.0 } else { OpCode::WRITE_10.0 };
            b[2..6].copy_from_slice(&u32::try_from(lba).ok()?.to_be_bytes());
            b[7..9].copy_from_slice(&blocks.to_be_bytes());
            b[9] = control(5)?;
            data_len = None;
        }
        _ => return None,
    }
    put(out, &b, to, data_len)
}

fn put(out: &mut [u8], bytes: &[u8], command: CommandId, data_len: Option<u32>) -> Option<FallbackCdb> {
    out.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(FallbackCdb { command, len: bytes.len(), data_len })
}
