//! SPC-6 commands other than the foundation ones: mode and log pages, REPORT LUNS, the
//! MAINTENANCE IN/OUT reports, persistent reservations, diagnostics, buffers, security
//! protocols, third-party copy and timestamps.
//!
//! Each command is a plain struct with public typed fields (any value of a field's type fits
//! the CDB), `Default`, `to_bytes()`, `decode()` and the [`Cdb`](super::Cdb) trait. Build one
//! with a struct literal or a named constructor:
//!
//! ```
//! use scsi_cdb::cdb::spc::{ModeSense10, PageControl};
//! use scsi_cdb::cdb::U6;
//! use scsi_cdb::{Cdb, DataDirection};
//! let caching = ModeSense10 { page_code: U6::new(0x08)?, allocation_length: 512, dbd: true, ..Default::default() };
//! assert_eq!(caching.to_bytes(), [0x5A, 0x08, 0x08, 0, 0, 0, 0, 0x02, 0x00, 0]);
//! assert_eq!(caching.direction(), DataDirection::FromDevice);
//! assert_eq!(ModeSense10::decode(&caching.to_bytes()), Ok(caching));
//! # Ok::<(), scsi_cdb::BuildError>(())
//! ```

use super::Transfer;
use super::layout::{U3, U4, U6, U7, U24, bytes, cdb_command, code_enum, code_newtype};
use crate::BuildError;

code_enum! {
    /// The PC field of MODE SENSE: which values of a mode page to return.
    pub enum PageControl {
        /// Current values.
        #[default]
        Current = 0,
        /// Changeable values (a mask of the bits MODE SELECT may change).
        Changeable = 1,
        /// Default values.
        Default = 2,
        /// Saved values.
        Saved = 3,
    }
}

code_enum! {
    /// The PC field of LOG SENSE and LOG SELECT.
    pub enum LogPageControl {
        /// Current threshold values.
        CurrentThreshold = 0,
        /// Current cumulative values (what a host normally reads).
        #[default]
        CurrentCumulative = 1,
        /// Default threshold values.
        DefaultThreshold = 2,
        /// Default cumulative values.
        DefaultCumulative = 3,
    }
}

code_newtype! {
    /// The SELECT REPORT field of REPORT LUNS.
    pub struct SelectReport(8);
    names {
        /// All logical units with a LUN address method other than well-known.
        ALL_NON_WELL_KNOWN = 0x00, "all logical units except well-known";
        /// Only the well-known logical units.
        WELL_KNOWN = 0x01, "well-known logical units";
        /// All logical units.
        ALL = 0x02, "all logical units";
        /// The administrative logical unit.
        ADMINISTRATIVE = 0x10, "administrative logical units";
        /// Top-level logical units of the conglomerate.
        TOP_LEVEL = 0x11, "top-level logical units";
        /// Logical units in the same conglomerate.
        SAME_CONGLOMERATE = 0x12, "logical units in the same conglomerate";
    }
}

code_newtype! {
    /// The SERVICE ACTION of PERSISTENT RESERVE IN.
    pub struct PrInAction(5);
    names {
        /// READ KEYS: the registered reservation keys.
        READ_KEYS = 0x00, "READ KEYS";
        /// READ RESERVATION: the persistent reservation, if any.
        READ_RESERVATION = 0x01, "READ RESERVATION";
        /// REPORT CAPABILITIES.
        REPORT_CAPABILITIES = 0x02, "REPORT CAPABILITIES";
        /// READ FULL STATUS: every registration and reservation with its transport ID.
        READ_FULL_STATUS = 0x03, "READ FULL STATUS";
    }
}

code_newtype! {
    /// The SERVICE ACTION of PERSISTENT RESERVE OUT.
    pub struct PrOutAction(5);
    names {
        /// REGISTER a reservation key.
        REGISTER = 0x00, "REGISTER";
        /// RESERVE.
        RESERVE = 0x01, "RESERVE";
        /// RELEASE.
        RELEASE = 0x02, "RELEASE";
        /// CLEAR every registration and reservation.
        CLEAR = 0x03, "CLEAR";
        /// PREEMPT.
        PREEMPT = 0x04, "PREEMPT";
        /// PREEMPT AND ABORT.
        PREEMPT_AND_ABORT = 0x05, "PREEMPT AND ABORT";
        /// REGISTER AND IGNORE EXISTING KEY.
        REGISTER_AND_IGNORE_EXISTING_KEY = 0x06, "REGISTER AND IGNORE EXISTING KEY";
        /// REGISTER AND MOVE.
        REGISTER_AND_MOVE = 0x07, "REGISTER AND MOVE";
        /// REPLACE LOST RESERVATION.
        REPLACE_LOST_RESERVATION = 0x08, "REPLACE LOST RESERVATION";
    }
}

code_newtype! {
    /// The persistent reservation TYPE.
    pub struct PrType(4);
    names {
        /// Write Exclusive.
        WRITE_EXCLUSIVE = 0x1, "Write Exclusive";
        /// Exclusive Access.
        EXCLUSIVE_ACCESS = 0x3, "Exclusive Access";
        /// Write Exclusive - Registrants Only.
        WRITE_EXCLUSIVE_REGISTRANTS_ONLY = 0x5, "Write Exclusive - Registrants Only";
        /// Exclusive Access - Registrants Only.
        EXCLUSIVE_ACCESS_REGISTRANTS_ONLY = 0x6, "Exclusive Access - Registrants Only";
        /// Write Exclusive - All Registrants.
        WRITE_EXCLUSIVE_ALL_REGISTRANTS = 0x7, "Write Exclusive - All Registrants";
        /// Exclusive Access - All Registrants.
        EXCLUSIVE_ACCESS_ALL_REGISTRANTS = 0x8, "Exclusive Access - All Registrants";
    }
}

code_enum! {
    /// The SELF-TEST CODE of SEND DIAGNOSTIC (SPC-6 table "SELF-TEST CODE field"); 3 and 7 are
    /// reserved.
    pub enum SelfTestCode {
        /// No self-test code: the default self-test (SELFTEST = 1) or a diagnostic page.
        #[default]
        None = 0,
        /// Background short self-test.
        BackgroundShort = 1,
        /// Background extended self-test.
        BackgroundExtended = 2,
        /// Abort the background self-test.
        AbortBackground = 4,
        /// Foreground short self-test.
        ForegroundShort = 5,
        /// Foreground extended self-test.
        ForegroundExtended = 6,
    }
}

code_newtype! {
    /// The MODE field of READ BUFFER and WRITE BUFFER.
    pub struct BufferMode(5);
    names {
        /// Combined header and data.
        COMBINED_HEADER_AND_DATA = 0x00, "combined header and data";
        /// Vendor specific.
        VENDOR_SPECIFIC = 0x01, "vendor specific";
        /// Data.
        DATA = 0x02, "data";
        /// Descriptor (READ BUFFER).
        DESCRIPTOR = 0x03, "descriptor";
        /// Download microcode and activate (WRITE BUFFER).
        DOWNLOAD_MICROCODE_ACTIVATE = 0x04, "download microcode and activate";
        /// Download microcode, save, and activate (WRITE BUFFER).
        DOWNLOAD_MICROCODE_SAVE_ACTIVATE = 0x05, "download microcode, save, and activate";
        /// Download microcode with offsets and activate (WRITE BUFFER).
        DOWNLOAD_MICROCODE_OFFSETS_ACTIVATE = 0x06, "download microcode with offsets and activate";
        /// Download microcode with offsets, save, and activate (WRITE BUFFER).
        DOWNLOAD_MICROCODE_OFFSETS_SAVE_ACTIVATE = 0x07, "download microcode with offsets, save, and activate";
        /// Echo buffer: write data to it (WRITE BUFFER) or read it back (READ BUFFER).
        ECHO_BUFFER = 0x0A, "echo buffer";
        /// Echo buffer descriptor (READ BUFFER).
        ECHO_BUFFER_DESCRIPTOR = 0x0B, "echo buffer descriptor";
        /// Download microcode with offsets, select activation events, save and defer activate.
        DOWNLOAD_MICROCODE_OFFSETS_SELECT_DEFER = 0x0D, "download microcode with offsets, select activation events, save and defer activate";
        /// Download microcode with offsets, save and defer activate.
        DOWNLOAD_MICROCODE_OFFSETS_SAVE_DEFER = 0x0E, "download microcode with offsets, save and defer activate";
        /// Activate deferred microcode.
        ACTIVATE_DEFERRED_MICROCODE = 0x0F, "activate deferred microcode";
        /// Enable expander communications protocol and echo buffer.
        ENABLE_EXPANDER_COMMS = 0x1A, "enable expander communications protocol and echo buffer";
        /// Disable expander communications protocol.
        DISABLE_EXPANDER_COMMS = 0x1B, "disable expander communications protocol";
        /// Error history (READ BUFFER) / download application client error history (WRITE BUFFER).
        ERROR_HISTORY = 0x1C, "error history";
    }
}

cdb_command! {
    /// MODE SENSE (6) (1Ah): reads a mode page (at most 255 bytes; prefer MODE SENSE (10)).
    pub struct ModeSense6 {
        len: 6, opcode: MODE_SENSE_6, service_action: None, direction: FromDevice,
        transfer: |s| bytes(u32::from(s.allocation_length)),
        fields: {
            /// DBD: disable block descriptors.
            bit dbd = "DBD" (1, 3),
            /// PC: current, changeable, default or saved values.
            val pc: PageControl = "PC" (2, 1, 6, 2),
            /// PAGE CODE (3Fh: all pages).
            val page_code: U6 = "PAGE CODE" (2, 1, 0, 6),
            /// SUBPAGE CODE (FFh with page 3Fh: all subpages).
            int subpage_code: u8 = "SUBPAGE CODE" (3),
            /// ALLOCATION LENGTH.
            int allocation_length: u8 = "ALLOCATION LENGTH" (4),
        }
    }
}

cdb_command! {
    /// MODE SENSE (10) (5Ah): reads mode pages, with long LBA block descriptors when LLBAA is set.
    pub struct ModeSense10 {
        len: 10, opcode: MODE_SENSE_10, service_action: None, direction: FromDevice,
        transfer: |s| bytes(u32::from(s.allocation_length)),
        fields: {
            /// LLBAA: long LBA block descriptors accepted.
            bit llbaa = "LLBAA" (1, 4),
            /// DBD: disable block descriptors.
            bit dbd = "DBD" (1, 3),
            /// PC: current, changeable, default or saved values.
            val pc: PageControl = "PC" (2, 1, 6, 2),
            /// PAGE CODE (3Fh: all pages).
            val page_code: U6 = "PAGE CODE" (2, 1, 0, 6),
            /// SUBPAGE CODE.
            int subpage_code: u8 = "SUBPAGE CODE" (3),
            /// ALLOCATION LENGTH.
            int allocation_length: u16 = "ALLOCATION LENGTH" (7),
        }
    }
}

cdb_command! {
    /// MODE SELECT (6) (15h): sends a mode parameter list (build it with
    /// [`mode_select_list`](crate::data::mode_select_list)).
    pub struct ModeSelect6 {
        len: 6, opcode: MODE_SELECT_6, service_action: None, direction: ToDevice,
        transfer: |s| bytes(u32::from(s.parameter_list_length)),
        fields: {
            /// PF: the pages follow the page format (set it; SPC requires it for standard pages).
            bit pf = "PF" (1, 4),
            /// RTD: revert to defaults.
            bit rtd = "RTD" (1, 1),
            /// SP: save the pages.
            bit sp = "SP" (1, 0),
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u8 = "PARAMETER LIST LENGTH" (4),
        }
    }
}

cdb_command! {
    /// MODE SELECT (10) (55h): sends a mode parameter list with the 8-byte header.
    pub struct ModeSelect10 {
        len: 10, opcode: MODE_SELECT_10, service_action: None, direction: ToDevice,
        transfer: |s| bytes(u32::from(s.parameter_list_length)),
        fields: {
            /// PF: page format.
            bit pf = "PF" (1, 4),
            /// RTD: revert to defaults.
            bit rtd = "RTD" (1, 1),
            /// SP: save the pages.
            bit sp = "SP" (1, 0),
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u16 = "PARAMETER LIST LENGTH" (7),
        }
    }
}

cdb_command! {
    /// LOG SENSE (4Dh): reads a log page.
    pub struct LogSense {
        len: 10, opcode: LOG_SENSE, service_action: None, direction: FromDevice,
        transfer: |s| bytes(u32::from(s.allocation_length)),
        fields: {
            /// SP: save parameters.
            bit sp = "SP" (1, 0),
            /// PC: which values.
            val pc: LogPageControl = "PC" (2, 1, 6, 2),
            /// PAGE CODE.
            val page_code: U6 = "PAGE CODE" (2, 1, 0, 6),
            /// SUBPAGE CODE.
            int subpage_code: u8 = "SUBPAGE CODE" (3),
            /// PARAMETER POINTER: the first parameter code to return.
            int parameter_pointer: u16 = "PARAMETER POINTER" (5),
            /// ALLOCATION LENGTH.
            int allocation_length: u16 = "ALLOCATION LENGTH" (7),
        }
    }
}

cdb_command! {
    /// LOG SELECT (4Ch): sets or resets log parameters.
    pub struct LogSelect {
        len: 10, opcode: LOG_SELECT, service_action: None, direction: ToDevice,
        transfer: |s| bytes(u32::from(s.parameter_list_length)),
        fields: {
            /// PCR: parameter code reset.
            bit pcr = "PCR" (1, 1),
            /// SP: save parameters.
            bit sp = "SP" (1, 0),
            /// PC: which values.
            val pc: LogPageControl = "PC" (2, 1, 6, 2),
            /// PAGE CODE.
            val page_code: U6 = "PAGE CODE" (2, 1, 0, 6),
            /// SUBPAGE CODE.
            int subpage_code: u8 = "SUBPAGE CODE" (3),
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u16 = "PARAMETER LIST LENGTH" (7),
        }
    }
}

cdb_command! {
    /// REPORT LUNS (A0h): the LUN inventory (decode it with
    /// [`ReportLunsData`](crate::data::ReportLunsData)). SPC requires an allocation
    /// length of at least 16.
    pub struct ReportLuns {
        len: 12, opcode: REPORT_LUNS, service_action: None, direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// SELECT REPORT.
            val select_report: SelectReport = "SELECT REPORT" (2, 1, 0, 8),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (6),
        }
    }
}

cdb_command! {
    /// REPORT SUPPORTED OPERATION CODES (A3h/0Ch): every command the logical unit supports, or
    /// one command's CDB usage map; with RCTD, each with its command timeouts descriptor
    /// (decode the answer with [`supported_commands`](crate::data::supported_commands)
    /// or [`OneCommand`](crate::data::OneCommand)).
    pub struct ReportSupportedOperationCodes {
        len: 12, opcode: MAINTENANCE_IN, service_action: Some(0x0C), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// RCTD: return command timeouts descriptors.
            bit rctd = "RCTD" (2, 7),
            /// REPORTING OPTIONS: 0 all commands, 1 one opcode, 2 one opcode and service action,
            /// 3 one opcode with or without service action.
            val reporting_options: U3 = "REPORTING OPTIONS" (2, 1, 0, 3),
            /// REQUESTED OPERATION CODE.
            int requested_operation_code: u8 = "REQUESTED OPERATION CODE" (3),
            /// REQUESTED SERVICE ACTION.
            int requested_service_action: u16 = "REQUESTED SERVICE ACTION" (4),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (6),
        }
    }
}

impl ReportSupportedOperationCodes {
    /// Asks for every supported command, with timeouts descriptors when `timeouts` is set.
    #[must_use]
    pub fn all(allocation_length: u32, timeouts: bool) -> Self {
        Self { rctd: timeouts, allocation_length, ..Self::default() }
    }

    /// Asks about the command `cmd` builds (its opcode and, when it has one, its service
    /// action) with its command timeouts descriptor: the way to learn a target's nominal and
    /// recommended timeouts for exactly the command about to be sent.
    #[must_use]
    pub fn about<C: super::Cdb + ?Sized>(cmd: &C, allocation_length: u32) -> Self {
        let (options, sa) = match cmd.service_action() {
            Some(sa) => (2, sa.0),
            None => (1, 0),
        };
        Self {
            rctd: true,
            reporting_options: U3::new(options).unwrap_or_default(),
            requested_operation_code: cmd.opcode().0,
            requested_service_action: sa,
            allocation_length,
            control: super::Control::NONE,
        }
    }
}

cdb_command! {
    /// REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS (A3h/0Dh).
    pub struct ReportSupportedTaskManagementFunctions {
        len: 12, opcode: MAINTENANCE_IN, service_action: Some(0x0D), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// REPD: return extended parameter data (16 bytes instead of 4).
            bit repd = "REPD" (2, 7),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (6),
        }
    }
}

cdb_command! {
    /// REPORT TARGET PORT GROUPS (A3h/0Ah): ALUA state of every target port group.
    pub struct ReportTargetPortGroups {
        len: 12, opcode: MAINTENANCE_IN, service_action: Some(0x0A), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// PARAMETER DATA FORMAT: 0 length only, 1 extended header.
            val parameter_data_format: U3 = "PARAMETER DATA FORMAT" (1, 1, 5, 3),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (6),
        }
    }
}

cdb_command! {
    /// REPORT IDENTIFYING INFORMATION (A3h/05h).
    pub struct ReportIdentifyingInformation {
        len: 12, opcode: MAINTENANCE_IN, service_action: Some(0x05), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (6),
            /// IDENTIFYING INFORMATION TYPE (7Fh: the supported types).
            val identifying_information_type: U7 = "IDENTIFYING INFORMATION TYPE" (10, 1, 1, 7),
        }
    }
}

cdb_command! {
    /// SET IDENTIFYING INFORMATION (A4h/06h).
    pub struct SetIdentifyingInformation {
        len: 12, opcode: MAINTENANCE_OUT, service_action: Some(0x06), direction: ToDevice,
        transfer: |s| bytes(s.parameter_list_length),
        fields: {
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u32 = "PARAMETER LIST LENGTH" (6),
            /// IDENTIFYING INFORMATION TYPE.
            val identifying_information_type: U7 = "IDENTIFYING INFORMATION TYPE" (10, 1, 1, 7),
        }
    }
}

cdb_command! {
    /// SET TARGET PORT GROUPS (A4h/0Ah): requests ALUA state changes.
    pub struct SetTargetPortGroups {
        len: 12, opcode: MAINTENANCE_OUT, service_action: Some(0x0A), direction: ToDevice,
        transfer: |s| bytes(s.parameter_list_length),
        fields: {
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u32 = "PARAMETER LIST LENGTH" (6),
        }
    }
}

cdb_command! {
    /// REPORT TIMESTAMP (A3h/0Fh): the device clock (12 bytes: a 6-byte millisecond count).
    pub struct ReportTimestamp {
        len: 12, opcode: MAINTENANCE_IN, service_action: Some(0x0F), direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (6),
        }
    }
}

cdb_command! {
    /// SET TIMESTAMP (A4h/0Fh): sets the device clock (parameter list from
    /// [`timestamp_parameters`]).
    pub struct SetTimestamp {
        len: 12, opcode: MAINTENANCE_OUT, service_action: Some(0x0F), direction: ToDevice,
        transfer: |s| bytes(s.parameter_list_length),
        fields: {
            /// PARAMETER LIST LENGTH (12).
            int parameter_list_length: u32 = "PARAMETER LIST LENGTH" (6),
        }
    }
}

/// The 12-byte SET TIMESTAMP parameter list for `millis` milliseconds since 1970-01-01 UTC.
///
/// # Errors
/// [`BuildError::ValueOutOfRange`] when `millis` needs more than 48 bits.
pub fn timestamp_parameters(millis: u64) -> Result<[u8; 12], BuildError> {
    let ts = super::layout::U48::new(millis)?.get().to_be_bytes();
    let mut out = [0u8; 12];
    if let (Some(dst), Some(src)) = (out.get_mut(4..10), ts.get(2..8)) {
        dst.copy_from_slice(src);
    }
    Ok(out)
}

cdb_command! {
    /// PERSISTENT RESERVE IN (5Eh), every service action.
    pub struct PersistentReserveIn {
        len: 10, opcode: PERSISTENT_RESERVE_IN, service_action: None, direction: FromDevice,
        transfer: |s| bytes(u32::from(s.allocation_length)),
        sa_field: service_action in [],
        fields: {
            /// SERVICE ACTION.
            val service_action: PrInAction = "SERVICE ACTION" (1, 1, 0, 5),
            /// ALLOCATION LENGTH.
            int allocation_length: u16 = "ALLOCATION LENGTH" (7),
        }
    }
}

cdb_command! {
    /// PERSISTENT RESERVE OUT (5Fh), every service action; the parameter list comes from
    /// [`PrOutParameters`].
    pub struct PersistentReserveOut {
        len: 10, opcode: PERSISTENT_RESERVE_OUT, service_action: None, direction: ToDevice,
        transfer: |s| bytes(s.parameter_list_length),
        sa_field: service_action in [],
        fields: {
            /// SERVICE ACTION.
            val service_action: PrOutAction = "SERVICE ACTION" (1, 1, 0, 5),
            /// SCOPE (0: logical unit).
            val scope: U4 = "SCOPE" (2, 1, 4, 4),
            /// TYPE of the reservation.
            val pr_type: PrType = "TYPE" (2, 1, 0, 4),
            /// PARAMETER LIST LENGTH (24 for the basic list).
            int parameter_list_length: u32 = "PARAMETER LIST LENGTH" (5),
        }
    }
}

impl PersistentReserveIn {
    /// A PERSISTENT RESERVE IN with the given service action.
    #[must_use]
    pub fn new(action: PrInAction, allocation_length: u16) -> Self {
        Self { service_action: action, allocation_length, control: super::Control::NONE }
    }
}

impl PersistentReserveOut {
    /// A PERSISTENT RESERVE OUT with the basic 24-byte parameter list.
    #[must_use]
    pub fn new(action: PrOutAction, pr_type: PrType) -> Self {
        Self { service_action: action, pr_type, parameter_list_length: 24, ..Self::default() }
    }
}

/// The basic PERSISTENT RESERVE OUT parameter list (SPC-6), 24 bytes; every service
/// action but REGISTER AND MOVE uses it.
///
/// ```rust
/// use scsi_cdb::cdb::spc::PrOutParameters;
/// // REGISTER a new key, kept across power loss (APTPL).
/// let key = 0x1122_3344_5566_7788;
/// let p = PrOutParameters { service_action_key: key, aptpl: true, ..Default::default() };
/// let b = p.to_bytes();
/// assert_eq!(b[8..16], [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]);
/// assert_eq!(b[20], 0x01);
/// assert_eq!(PrOutParameters::parse(&b)?, p);
/// assert!(PrOutParameters::parse(&b[..20]).is_err());
/// # Ok::<(), scsi_cdb::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PrOutParameters {
    /// RESERVATION KEY: this I_T nexus's current key.
    pub reservation_key: u64,
    /// SERVICE ACTION RESERVATION KEY: the new key (REGISTER) or the key to preempt.
    pub service_action_key: u64,
    /// SPEC_I_PT: the list names other initiator ports (needs transport IDs; not built here).
    pub spec_i_pt: bool,
    /// ALL_TG_PT: register on every target port.
    pub all_tg_pt: bool,
    /// APTPL: keep the registration across power loss.
    pub aptpl: bool,
}

impl PrOutParameters {
    /// The 24 bytes.
    #[must_use]
    pub fn to_bytes(&self) -> [u8; 24] {
        let [k0, k1, k2, k3, k4, k5, k6, k7] = self.reservation_key.to_be_bytes();
        let [s0, s1, s2, s3, s4, s5, s6, s7] = self.service_action_key.to_be_bytes();
        let flags = (u8::from(self.spec_i_pt) << 3) | (u8::from(self.all_tg_pt) << 2) | u8::from(self.aptpl);
        [k0, k1, k2, k3, k4, k5, k6, k7, s0, s1, s2, s3, s4, s5, s6, s7, 0, 0, 0, 0, flags, 0, 0, 0]
    }

    /// Reads a basic parameter list.
    ///
    /// # Errors
    /// [`DecodeError::Truncated`](crate::DecodeError::Truncated) below 24 bytes.
    pub fn parse(b: &[u8]) -> Result<Self, crate::DecodeError> {
        let f = crate::wire::u8_at(b, 20).ok_or(crate::DecodeError::truncated(24, b.len()))?;
        Ok(Self {
            reservation_key: crate::wire::be64_at(b, 0).unwrap_or_default(),
            service_action_key: crate::wire::be64_at(b, 8).unwrap_or_default(),
            spec_i_pt: f & 0x08 != 0,
            all_tg_pt: f & 0x04 != 0,
            aptpl: f & 0x01 != 0,
        })
    }
}

/// The REGISTER AND MOVE parameter list (SPC-6): keys, the relative target port and
/// the TransportID of the I_T nexus that receives the reservation.
///
/// ```
/// use scsi_cdb::cdb::spc::PrRegisterAndMove;
/// let tid = [0x05, 0, 0, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // iSCSI TransportID
/// let p = PrRegisterAndMove { reservation_key: 1, service_action_key: 2, unreg: true, relative_target_port: 3, ..Default::default() };
/// let mut out = [0u8; 64];
/// let n = p.encode_into(&tid, &mut out)?;
/// assert_eq!(n, 24 + tid.len());
/// assert_eq!(&out[17..24], &[0x02, 0, 3, 0, 0, 0, 24]);
/// # Ok::<(), scsi_cdb::BuildError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PrRegisterAndMove {
    /// RESERVATION KEY.
    pub reservation_key: u64,
    /// SERVICE ACTION RESERVATION KEY: the key registered for the destination.
    pub service_action_key: u64,
    /// UNREG: unregister this I_T nexus after the move.
    pub unreg: bool,
    /// APTPL: persist through power loss.
    pub aptpl: bool,
    /// RELATIVE TARGET PORT IDENTIFIER of the destination.
    pub relative_target_port: u16,
}

impl PrRegisterAndMove {
    /// Writes the 24-byte header and `transport_id` into `out`; returns the length to put in
    /// the CDB's PARAMETER LIST LENGTH.
    ///
    /// # Errors
    /// [`BuildError::BufferTooSmall`] when `out` cannot hold it; [`BuildError::LengthTooSmall`]
    /// for a TransportID shorter than the 24 bytes SPC requires.
    pub fn encode_into(&self, transport_id: &[u8], out: &mut [u8]) -> Result<usize, BuildError> {
        if transport_id.len() < 24 {
            return Err(BuildError::LengthTooSmall { len: transport_id.len() as u64, min: 24 });
        }
        let n = 24 + transport_id.len();
        let room = out.len();
        let dst = out.get_mut(..n).ok_or(BuildError::buffer_too_small(n, room))?;
        dst.fill(0);
        let (head, tid) = dst.split_at_mut(24);
        let [k0, k1, k2, k3, k4, k5, k6, k7] = self.reservation_key.to_be_bytes();
        let [s0, s1, s2, s3, s4, s5, s6, s7] = self.service_action_key.to_be_bytes();
        let [p0, p1] = self.relative_target_port.to_be_bytes();
        let [l0, l1, l2, l3] = (transport_id.len() as u32).to_be_bytes();
        let flags = (u8::from(self.unreg) << 1) | u8::from(self.aptpl);
        head.copy_from_slice(&[
            k0, k1, k2, k3, k4, k5, k6, k7, s0, s1, s2, s3, s4, s5, s6, s7, 0, flags, p0, p1, l0, l1, l2, l3,
        ]);
        tid.copy_from_slice(transport_id);
        Ok(n)
    }
}

cdb_command! {
    /// RECEIVE DIAGNOSTIC RESULTS (1Ch): reads a diagnostic page.
    pub struct ReceiveDiagnosticResults {
        len: 6, opcode: RECEIVE_DIAGNOSTIC_RESULTS, service_action: None, direction: FromDevice,
        transfer: |s| bytes(u32::from(s.allocation_length)),
        fields: {
            /// PCV: the PAGE CODE field is valid.
            bit pcv = "PCV" (1, 0),
            /// PAGE CODE.
            int page_code: u8 = "PAGE CODE" (2),
            /// ALLOCATION LENGTH.
            int allocation_length: u16 = "ALLOCATION LENGTH" (3),
        }
    }
}

cdb_command! {
    /// SEND DIAGNOSTIC (1Dh): runs a self-test or sends a diagnostic page.
    pub struct SendDiagnostic {
        len: 6, opcode: SEND_DIAGNOSTIC, service_action: None, direction: ToDevice,
        transfer: |s| bytes(u32::from(s.parameter_list_length)),
        fields: {
            /// SELF-TEST CODE.
            val self_test_code: SelfTestCode = "SELF-TEST CODE" (1, 1, 5, 3),
            /// PF: page format.
            bit pf = "PF" (1, 4),
            /// SELFTEST: run the default self-test.
            bit selftest = "SELFTEST" (1, 2),
            /// DEVOFFL: the test may take the device offline.
            bit devoffl = "DEVOFFL" (1, 1),
            /// UNITOFFL: the test may take the unit offline.
            bit unitoffl = "UNITOFFL" (1, 0),
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u16 = "PARAMETER LIST LENGTH" (3),
        }
    }
}

impl SendDiagnostic {
    /// Starts a self-test by code (SELFTEST clear, no parameter list).
    #[must_use]
    pub fn self_test(code: SelfTestCode) -> Self {
        Self { self_test_code: code, ..Self::default() }
    }

    /// The default self-test (SELFTEST set).
    #[must_use]
    pub fn default_self_test() -> Self {
        Self { selftest: true, ..Self::default() }
    }
}

cdb_command! {
    /// READ BUFFER (10) (3Ch).
    pub struct ReadBuffer10 {
        len: 10, opcode: READ_BUFFER_10, service_action: None, direction: FromDevice,
        transfer: |s| bytes(s.allocation_length.get()),
        fields: {
            /// MODE SPECIFIC.
            val mode_specific: U3 = "MODE SPECIFIC" (1, 1, 5, 3),
            /// MODE.
            val mode: BufferMode = "MODE" (1, 1, 0, 5),
            /// BUFFER ID.
            int buffer_id: u8 = "BUFFER ID" (2),
            /// BUFFER OFFSET.
            val buffer_offset: U24 = "BUFFER OFFSET" (3, 3, 0, 24),
            /// ALLOCATION LENGTH.
            val allocation_length: U24 = "ALLOCATION LENGTH" (6, 3, 0, 24),
        }
    }
}

cdb_command! {
    /// READ BUFFER (16) (9Bh).
    pub struct ReadBuffer16 {
        len: 16, opcode: READ_BUFFER_16, service_action: None, direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        fields: {
            /// MODE SPECIFIC.
            val mode_specific: U3 = "MODE SPECIFIC" (1, 1, 5, 3),
            /// MODE.
            val mode: BufferMode = "MODE" (1, 1, 0, 5),
            /// BUFFER OFFSET.
            int buffer_offset: u64 = "BUFFER OFFSET" (2),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
            /// BUFFER ID.
            int buffer_id: u8 = "BUFFER ID" (14),
        }
    }
}

cdb_command! {
    /// WRITE BUFFER (3Bh), every mode, including the microcode downloads (see
    /// [`WriteBuffer::microcode_chunks`]).
    pub struct WriteBuffer {
        len: 10, opcode: WRITE_BUFFER, service_action: None, direction: ToDevice,
        transfer: |s| bytes(s.parameter_list_length.get()),
        fields: {
            /// MODE SPECIFIC.
            val mode_specific: U3 = "MODE SPECIFIC" (1, 1, 5, 3),
            /// MODE.
            val mode: BufferMode = "MODE" (1, 1, 0, 5),
            /// BUFFER ID.
            int buffer_id: u8 = "BUFFER ID" (2),
            /// BUFFER OFFSET.
            val buffer_offset: U24 = "BUFFER OFFSET" (3, 3, 0, 24),
            /// PARAMETER LIST LENGTH.
            val parameter_list_length: U24 = "PARAMETER LIST LENGTH" (6, 3, 0, 24),
        }
    }
}

impl WriteBuffer {
    /// The WRITE BUFFER commands that download a microcode image of `image_len` bytes in
    /// chunks of `chunk` bytes with one of the "with offsets" modes (06h, 07h, 0Dh or 0Eh);
    /// send them in order, each with its slice of the image, then (for the deferring modes)
    /// a WRITE BUFFER with mode 0Fh.
    ///
    /// ```
    /// use scsi_cdb::cdb::spc::{BufferMode, WriteBuffer};
    /// let cmds: Vec<_> =
    ///     WriteBuffer::microcode_chunks(BufferMode::DOWNLOAD_MICROCODE_OFFSETS_SAVE_DEFER, 0, 10_000, 4096)?.collect();
    /// assert_eq!(cmds.len(), 3);
    /// assert_eq!((cmds[2].buffer_offset.get(), cmds[2].parameter_list_length.get()), (8192, 1808));
    /// # Ok::<(), scsi_cdb::BuildError>(())
    /// ```
    ///
    /// # Errors
    /// [`BuildError::Conflict`] for a mode without offsets or a zero chunk;
    /// [`BuildError::ValueOutOfRange`] when the image or a chunk does not fit 24 bits.
    pub fn microcode_chunks(
        mode: BufferMode,
        buffer_id: u8,
        image_len: u32,
        chunk: u32,
    ) -> Result<impl Iterator<Item = Self>, BuildError> {
        let with_offsets = [
            BufferMode::DOWNLOAD_MICROCODE_OFFSETS_ACTIVATE,
            BufferMode::DOWNLOAD_MICROCODE_OFFSETS_SAVE_ACTIVATE,
            BufferMode::DOWNLOAD_MICROCODE_OFFSETS_SELECT_DEFER,
            BufferMode::DOWNLOAD_MICROCODE_OFFSETS_SAVE_DEFER,
        ];
        if !with_offsets.contains(&mode) {
            return Err(BuildError::Conflict("microcode chunks need a mode with offsets"));
        }
        if chunk == 0 {
            return Err(BuildError::Conflict("zero-length microcode chunk"));
        }
        U24::new(image_len.saturating_sub(1))?;
        U24::new(chunk)?;
        Ok((0..image_len.div_ceil(chunk)).map(move |i| {
            let offset = i * chunk;
            let len = chunk.min(image_len - offset);
            Self {
                mode,
                buffer_id,
                buffer_offset: U24::new(offset).unwrap_or_default(),
                parameter_list_length: U24::new(len).unwrap_or_default(),
                ..Self::default()
            }
        }))
    }
}

cdb_command! {
    /// SECURITY PROTOCOL IN (A2h): TCG, IEEE 1667, SCSA and other security protocols.
    pub struct SecurityProtocolIn {
        len: 12, opcode: SECURITY_PROTOCOL_IN, service_action: None, direction: FromDevice,
        transfer: |s| security_len(s.inc_512, s.allocation_length),
        fields: {
            /// SECURITY PROTOCOL.
            int security_protocol: u8 = "SECURITY PROTOCOL" (1),
            /// SECURITY PROTOCOL SPECIFIC.
            int security_protocol_specific: u16 = "SECURITY PROTOCOL SPECIFIC" (2),
            /// INC_512: the length counts 512-byte units.
            bit inc_512 = "INC_512" (4, 7),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (6),
        }
    }
}

cdb_command! {
    /// SECURITY PROTOCOL OUT (B5h).
    pub struct SecurityProtocolOut {
        len: 12, opcode: SECURITY_PROTOCOL_OUT, service_action: None, direction: ToDevice,
        transfer: |s| security_len(s.inc_512, s.transfer_length),
        fields: {
            /// SECURITY PROTOCOL.
            int security_protocol: u8 = "SECURITY PROTOCOL" (1),
            /// SECURITY PROTOCOL SPECIFIC.
            int security_protocol_specific: u16 = "SECURITY PROTOCOL SPECIFIC" (2),
            /// INC_512: the length counts 512-byte units.
            bit inc_512 = "INC_512" (4, 7),
            /// TRANSFER LENGTH.
            int transfer_length: u32 = "TRANSFER LENGTH" (6),
        }
    }
}

/// A security protocol length in bytes (saturating at `u32::MAX` for INC_512 lengths past
/// 4 GiB, which no pass-through interface can move in one command anyway).
fn security_len(inc_512: bool, len: u32) -> Transfer {
    bytes(if inc_512 { len.saturating_mul(512) } else { len })
}

cdb_command! {
    /// EXTENDED COPY (83h/01h, the LID4 form): starts a third-party copy described by the
    /// parameter list.
    pub struct ExtendedCopy {
        len: 16, opcode: THIRD_PARTY_COPY_OUT, service_action: Some(0x01), direction: ToDevice,
        transfer: |s| bytes(s.parameter_list_length),
        fields: {
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u32 = "PARAMETER LIST LENGTH" (10),
        }
    }
}

cdb_command! {
    /// EXTENDED COPY (LID1) (83h/00h).
    pub struct ExtendedCopyLid1 {
        len: 16, opcode: THIRD_PARTY_COPY_OUT, service_action: Some(0x00), direction: ToDevice,
        transfer: |s| bytes(s.parameter_list_length),
        fields: {
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u32 = "PARAMETER LIST LENGTH" (10),
        }
    }
}

cdb_command! {
    /// POPULATE TOKEN (83h/10h): creates a ROD token for offloaded data transfer.
    pub struct PopulateToken {
        len: 16, opcode: THIRD_PARTY_COPY_OUT, service_action: Some(0x10), direction: ToDevice,
        transfer: |s| bytes(s.parameter_list_length),
        fields: {
            /// LIST IDENTIFIER.
            int list_identifier: u32 = "LIST IDENTIFIER" (6),
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u32 = "PARAMETER LIST LENGTH" (10),
            /// GROUP NUMBER.
            val group_number: super::GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

cdb_command! {
    /// WRITE USING TOKEN (83h/11h): writes the data a ROD token represents.
    pub struct WriteUsingToken {
        len: 16, opcode: THIRD_PARTY_COPY_OUT, service_action: Some(0x11), direction: ToDevice,
        transfer: |s| bytes(s.parameter_list_length),
        fields: {
            /// LIST IDENTIFIER.
            int list_identifier: u32 = "LIST IDENTIFIER" (6),
            /// PARAMETER LIST LENGTH.
            int parameter_list_length: u32 = "PARAMETER LIST LENGTH" (10),
            /// GROUP NUMBER.
            val group_number: super::GroupNumber = "GROUP NUMBER" (14, 1, 0, 6),
        }
    }
}

code_enum! {
    /// The service actions of THIRD-PARTY COPY IN (84h) that carry a 4-byte list identifier
    /// (the LID4 forms and the ROD token reports).
    pub enum CopyResultsAction {
        /// RECEIVE COPY STATUS (LID4).
        #[default]
        CopyStatus = 0x05,
        /// RECEIVE COPY DATA (LID4).
        CopyData = 0x06,
        /// RECEIVE ROD TOKEN INFORMATION.
        RodTokenInformation = 0x07,
        /// REPORT ALL ROD TOKENS.
        ReportAllRodTokens = 0x08,
    }
}

code_enum! {
    /// The service actions of THIRD-PARTY COPY IN (84h) with a one-byte list identifier (LID1)
    /// or none.
    pub enum CopyResultsLid1Action {
        /// RECEIVE COPY STATUS (LID1).
        #[default]
        CopyStatus = 0x00,
        /// RECEIVE COPY DATA (LID1).
        CopyData = 0x01,
        /// RECEIVE COPY OPERATING PARAMETERS (byte 2 is reserved; keep `list_id` zero).
        OperatingParameters = 0x03,
        /// RECEIVE COPY FAILURE DETAILS (LID1).
        FailureDetails = 0x04,
    }
}

cdb_command! {
    /// RECEIVE COPY RESULTS (84h) for the LID4 and ROD token service actions (05h-08h), with a
    /// 4-byte LIST IDENTIFIER.
    pub struct ReceiveCopyResults {
        len: 16, opcode: THIRD_PARTY_COPY_IN, service_action: None, direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        sa_field: service_action in [5, 6, 7, 8],
        fields: {
            /// SERVICE ACTION.
            val service_action: CopyResultsAction = "SERVICE ACTION" (1, 1, 0, 5),
            /// LIST IDENTIFIER.
            int list_identifier: u32 = "LIST IDENTIFIER" (2),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
        }
    }
}

cdb_command! {
    /// RECEIVE COPY RESULTS (84h) for the LID1 service actions (00h, 01h, 04h) and OPERATING
    /// PARAMETERS (03h), with a one-byte LIST IDENTIFIER.
    pub struct ReceiveCopyResultsLid1 {
        len: 16, opcode: THIRD_PARTY_COPY_IN, service_action: None, direction: FromDevice,
        transfer: |s| bytes(s.allocation_length),
        sa_field: service_action in [0, 1, 3, 4],
        fields: {
            /// SERVICE ACTION.
            val service_action: CopyResultsLid1Action = "SERVICE ACTION" (1, 1, 0, 5),
            /// LIST IDENTIFIER.
            int list_identifier: u8 = "LIST IDENTIFIER" (2),
            /// ALLOCATION LENGTH.
            int allocation_length: u32 = "ALLOCATION LENGTH" (10),
        }
    }
}
