//! The parts of the `scsi` tool that tests call: exit statuses in sg3_utils' categories.

use scsi_cdb::sense::Sense;
use scsi_cdb::{SenseKey, Status};
use scsi_io::{Completion, Error};

/// Exit statuses: sg3_utils' `SG_LIB_*` / `SG_LIB_CAT_*` values (`<scsi/sg_lib.h>`), so scripts
/// written for sg_inq, sg_turs, sg_raw ... read `scsi`'s the same way.
pub mod exit {
    /// `SG_LIB_CAT_CLEAN`: GOOD status.
    pub const CLEAN: i32 = 0;
    /// `SG_LIB_SYNTAX_ERROR`: bad command line.
    pub const SYNTAX_ERROR: i32 = 1;
    /// `SG_LIB_CAT_NOT_READY`: sense key NOT READY.
    pub const NOT_READY: i32 = 2;
    /// `SG_LIB_CAT_MEDIUM_HARD`: MEDIUM ERROR, HARDWARE ERROR or BLANK CHECK.
    pub const MEDIUM_HARD: i32 = 3;
    /// `SG_LIB_CAT_ILLEGAL_REQ`: ILLEGAL REQUEST other than the two below.
    pub const ILLEGAL_REQ: i32 = 5;
    /// `SG_LIB_CAT_UNIT_ATTENTION`.
    pub const UNIT_ATTENTION: i32 = 6;
    /// `SG_LIB_CAT_DATA_PROTECT`.
    pub const DATA_PROTECT: i32 = 7;
    /// `SG_LIB_CAT_INVALID_OP`: ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE (20h/00h).
    pub const INVALID_OP: i32 = 9;
    /// `SG_LIB_CAT_COPY_ABORTED`.
    pub const COPY_ABORTED: i32 = 10;
    /// `SG_LIB_CAT_ABORTED_COMMAND`: ABORTED COMMAND other than protection.
    pub const ABORTED_COMMAND: i32 = 11;
    /// `SG_LIB_CAT_MISCOMPARE`.
    pub const MISCOMPARE: i32 = 14;
    /// `SG_LIB_FILE_ERROR`: a file (the `--out` data file) could not be read or written.
    pub const FILE_ERROR: i32 = 15;
    /// `SG_LIB_CAT_NO_SENSE`: CHECK CONDITION with sense key NO SENSE.
    pub const NO_SENSE: i32 = 20;
    /// `SG_LIB_CAT_RECOVERED`: RECOVERED ERROR.
    pub const RECOVERED: i32 = 21;
    /// `SG_LIB_LBA_OUT_OF_RANGE`: ILLEGAL REQUEST, LOGICAL BLOCK ADDRESS OUT OF RANGE (21h/00h).
    pub const LBA_OUT_OF_RANGE: i32 = 22;
    /// `SG_LIB_CAT_RES_CONFLICT`: RESERVATION CONFLICT status.
    pub const RES_CONFLICT: i32 = 24;
    /// `SG_LIB_CAT_CONDITION_MET`.
    pub const CONDITION_MET: i32 = 25;
    /// `SG_LIB_CAT_BUSY`.
    pub const BUSY: i32 = 26;
    /// `SG_LIB_CAT_TS_FULL`: TASK SET FULL.
    pub const TS_FULL: i32 = 27;
    /// `SG_LIB_CAT_ACA_ACTIVE`.
    pub const ACA_ACTIVE: i32 = 28;
    /// `SG_LIB_CAT_TASK_ABORTED`.
    pub const TASK_ABORTED: i32 = 29;
    /// `SG_LIB_CONTRADICT`: options that contradict each other or the command (a buffer that
    /// disagrees with the CDB's direction or length).
    pub const CONTRADICT: i32 = 31;
    /// `SG_LIB_CAT_TIMEOUT`.
    pub const TIMEOUT: i32 = 33;
    /// `SG_LIB_CAT_PROTECTION`: ABORTED COMMAND with ASC 10h (protection information).
    pub const PROTECTION: i32 = 40;
    /// `SG_LIB_OS_BASE_ERR`: an operating-system error; `50 + errno` for errno 1..=46.
    pub const OS_BASE_ERR: i32 = 50;
    /// `SG_LIB_CAT_MALFORMED`: the response could not be decoded.
    pub const MALFORMED: i32 = 97;
    /// `SG_LIB_CAT_SENSE`: other sense data (COMPLETED, VOLUME OVERFLOW, vendor keys,
    /// undecodable sense).
    pub const SENSE: i32 = 98;
    /// `SG_LIB_CAT_OTHER`: a transport error or anything else.
    pub const OTHER: i32 = 99;

    /// The table printed by `scsi --help` and in the README.
    pub const TABLE: &str = "\
EXIT STATUS (sg3_utils' SG_LIB_CAT_* categories):
   0  GOOD                      1  syntax error
   2  NOT READY                 3  MEDIUM ERROR / HARDWARE ERROR / BLANK CHECK
   5  ILLEGAL REQUEST           6  UNIT ATTENTION
   7  DATA PROTECT              9  ILLEGAL REQUEST, invalid opcode (20h/00h)
  10  COPY ABORTED             11  ABORTED COMMAND
  14  MISCOMPARE               15  file error (--out FILE)
  20  NO SENSE                 21  RECOVERED ERROR
  22  LBA out of range (21h/00h) 24  RESERVATION CONFLICT
  25  CONDITION MET            26  BUSY
  27  TASK SET FULL            28  ACA ACTIVE
  29  TASK ABORTED             31  buffer contradicts the CDB (not sent)
  33  timeout                  40  protection information error (ABORTED COMMAND, 10h)
  50+errno  operating-system error (open failed: 52 = ENOENT, 63 = EACCES ...)
  97  malformed response       98  other sense data
  99  other error (transport, not a SCSI device)";
}

/// The category of sense data, as sg3_utils' `sg_err_category_sense` (checked against it in
/// `tests/category_sg3.rs`). One deliberate difference: sg3_utils reads a sense key from
/// reserved and vendor-specific response codes (74h-7Fh) as if they were descriptor format;
/// here they are "other sense data" (98).
#[must_use]
pub fn sense_category(sense: &[u8]) -> i32 {
    // sg3_utils needs more than 2 bytes before it looks at the key.
    if sense.len() < 3 {
        return exit::SENSE;
    }
    let Ok(s) = Sense::parse(sense) else { return exit::SENSE };
    // sg3_utils reads a missing ASCQ (sense cut after the ASC) as 0.
    let asc_ascq = s.asc().map(|asc| (asc, s.ascq().unwrap_or(0)));
    match s.sense_key() {
        Some(SenseKey::NoSense) => exit::NO_SENSE,
        Some(SenseKey::RecoveredError) => exit::RECOVERED,
        Some(SenseKey::NotReady) => exit::NOT_READY,
        Some(SenseKey::MediumError | SenseKey::HardwareError | SenseKey::BlankCheck) => exit::MEDIUM_HARD,
        Some(SenseKey::UnitAttention) => exit::UNIT_ATTENTION,
        Some(SenseKey::IllegalRequest) => match asc_ascq {
            Some((0x20, 0x00)) => exit::INVALID_OP,
            Some((0x21, 0x00)) => exit::LBA_OUT_OF_RANGE,
            _ => exit::ILLEGAL_REQ,
        },
        Some(SenseKey::AbortedCommand) => match asc_ascq {
            Some((0x10, _)) => exit::PROTECTION,
            _ => exit::ABORTED_COMMAND,
        },
        Some(SenseKey::Miscompare) => exit::MISCOMPARE,
        Some(SenseKey::DataProtect) => exit::DATA_PROTECT,
        Some(SenseKey::CopyAborted) => exit::COPY_ABORTED,
        _ => exit::SENSE,
    }
}

/// The category of a completed command, as sg3_utils' `sg_err_category_new`: status first,
/// then sense for CHECK CONDITION, then the transport.
#[must_use]
pub fn completion_category(c: &Completion) -> i32 {
    if !c.transport_ok() {
        return exit::OTHER;
    }
    match c.status {
        Status::GOOD => exit::CLEAN,
        Status::CONDITION_MET => exit::CONDITION_MET,
        Status::BUSY => exit::BUSY,
        Status::RESERVATION_CONFLICT => exit::RES_CONFLICT,
        Status::TASK_SET_FULL => exit::TS_FULL,
        Status::ACA_ACTIVE => exit::ACA_ACTIVE,
        Status::TASK_ABORTED => exit::TASK_ABORTED,
        Status::CHECK_CONDITION => sense_category(c.sense()),
        _ => exit::OTHER,
    }
}

/// The exit status for an error from `scsi-io`.
#[must_use]
pub fn error_category(e: &Error) -> i32 {
    let os = |e: &std::io::Error| match e.raw_os_error() {
        Some(n) if (1..exit::MALFORMED - exit::OS_BASE_ERR).contains(&n) => exit::OS_BASE_ERR + n,
        _ => exit::OS_BASE_ERR,
    };
    match e {
        Error::Open { source, .. } => os(source),
        Error::Io { source, .. } => os(source),
        Error::DirectionMismatch { .. } | Error::LengthMismatch { .. } | Error::Encode { .. } => {
            exit::CONTRADICT
        }
        Error::Timeout { .. } => exit::TIMEOUT,
        Error::BadDevice { .. } => exit::SYNTAX_ERROR,
        _ => exit::OTHER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scsi_cdb::AdditionalSense;
    use scsi_cdb::sense::SenseBuilder;

    fn sense(key: SenseKey, asc: u8, ascq: u8) -> Vec<u8> {
        let mut out = [0u8; 18];
        let n = SenseBuilder::new(key, AdditionalSense::new(asc, ascq)).emit(&mut out).unwrap();
        out[..n].to_vec()
    }

    #[test]
    fn sense_keys_map_to_sg3_utils_categories() {
        let cases = [
            (SenseKey::NotReady, 0x04, 0x01, 2),
            (SenseKey::MediumError, 0x11, 0x00, 3),
            (SenseKey::HardwareError, 0x44, 0x00, 3),
            (SenseKey::BlankCheck, 0x00, 0x00, 3),
            (SenseKey::IllegalRequest, 0x24, 0x00, 5),
            (SenseKey::IllegalRequest, 0x20, 0x00, 9),
            (SenseKey::IllegalRequest, 0x21, 0x00, 22),
            (SenseKey::UnitAttention, 0x29, 0x00, 6),
            (SenseKey::DataProtect, 0x27, 0x00, 7),
            (SenseKey::CopyAborted, 0x00, 0x00, 10),
            (SenseKey::AbortedCommand, 0x47, 0x00, 11),
            (SenseKey::AbortedCommand, 0x10, 0x01, 40),
            (SenseKey::Miscompare, 0x1D, 0x00, 14),
            (SenseKey::NoSense, 0x00, 0x00, 20),
            (SenseKey::RecoveredError, 0x17, 0x01, 21),
            (SenseKey::VolumeOverflow, 0x00, 0x00, 98),
        ];
        for (k, asc, ascq, want) in cases {
            assert_eq!(sense_category(&sense(k, asc, ascq)), want, "{k:?} {asc:02x}/{ascq:02x}");
        }
        assert_eq!(sense_category(&[]), 98);
        assert_eq!(sense_category(&[0x00, 0, 5]), 98);
    }
}

/// The JSON records `scsi --json` prints, one per line: each a `Serialize` type whose fields
/// are declared in key order (the order the output has always had), with the library's own
/// objects (`sense`, `data`, `profile`) nested as they serialize.
pub mod json {
    use serde::Serialize;
    use serde_json::Value;

    /// A command or device that could not be reached: `{"error", "exit_status"}`.
    ///
    /// ```
    /// let r = scsi_tool::json::ErrorRecord { error: "no such device".into(), exit_status: 15 };
    /// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"error":"no such device","exit_status":15}"#);
    /// ```
    #[derive(Debug, Clone, Serialize)]
    pub struct ErrorRecord {
        /// The error in words.
        pub error: String,
        /// The exit status (sg3_utils' categories, [`crate::exit`]).
        pub exit_status: i32,
    }

    /// A command that completed with a status other than GOOD.
    ///
    /// ```
    /// let r = scsi_tool::json::FailureRecord {
    ///     command: "TEST UNIT READY".into(),
    ///     device: "/dev/sg0".into(),
    ///     disposition: Some("retry"),
    ///     driver_status: 0,
    ///     exit_status: 2,
    ///     host_status: 0,
    ///     sense: None,
    ///     sense_bytes: String::new(),
    ///     status: 2,
    ///     status_name: Some("CHECK CONDITION"),
    /// };
    /// let v = serde_json::to_value(&r).unwrap();
    /// assert_eq!((v["status"].as_u64(), v["status_name"].as_str()), (Some(2), Some("CHECK CONDITION")));
    /// ```
    #[derive(Debug, Clone, Serialize)]
    pub struct FailureRecord {
        /// The T10 command name.
        pub command: String,
        /// The device as opened.
        pub device: String,
        /// What the sense data says to do (`retry`, `fail` ...), when there is sense data.
        pub disposition: Option<&'static str>,
        /// The driver status (Linux `driver_status`).
        pub driver_status: u16,
        /// The exit status.
        pub exit_status: i32,
        /// The transport status (Linux `host_status`, libiscsi's task status).
        pub host_status: u16,
        /// The decoded sense data (the library's sense JSON), when it parses.
        pub sense: Option<Value>,
        /// The sense bytes as hex.
        pub sense_bytes: String,
        /// The SCSI status byte.
        pub status: u8,
        /// Its T10 name.
        pub status_name: Option<&'static str>,
    }

    /// A command that completed with GOOD status: `{"command", "device", "result", "status": 0}`.
    ///
    /// ```
    /// let r = scsi_tool::json::DoneRecord { command: "WRITE(10)".into(), device: "d".into(), result: (), status: 0 };
    /// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"command":"WRITE(10)","device":"d","result":null,"status":0}"#);
    /// ```
    #[derive(Debug, Clone, Serialize)]
    pub struct DoneRecord<T> {
        /// The T10 command name.
        pub command: String,
        /// The device as opened.
        pub device: String,
        /// What the command returned (`raw`: [`DataIn`] or [`DataOut`]; `null` for none).
        pub result: T,
        /// The SCSI status: 0, GOOD.
        pub status: u8,
    }

    /// The data a `raw` command received.
    #[derive(Debug, Clone, Serialize)]
    pub struct DataIn {
        /// The bytes as hex.
        pub data_in: String,
        /// How many.
        pub length: usize,
    }

    /// The data a `raw` command sent.
    #[derive(Debug, Clone, Serialize)]
    pub struct DataOut {
        /// How many bytes.
        pub data_out_length: usize,
    }

    /// One device's record: `{"data" | "profile" | "sense": ..., "device"}` (the keys sorted as
    /// the output has always had them).
    ///
    /// ```
    /// let r = scsi_tool::json::DeviceRecord::new("d", "sense", serde_json::json!({"sense_key": 6}));
    /// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"device":"d","sense":{"sense_key":6}}"#);
    /// ```
    #[derive(Debug, Clone)]
    pub struct DeviceRecord<'a> {
        device: &'a str,
        key: &'static str,
        value: Value,
    }

    impl<'a> DeviceRecord<'a> {
        /// `value` under `key` (`data`, `profile` or `sense`) for `device`.
        #[must_use]
        pub fn new(device: &'a str, key: &'static str, value: Value) -> Self {
            Self { device, key, value }
        }
    }

    impl Serialize for DeviceRecord<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(Some(2))?;
            if self.key < "device" {
                m.serialize_entry(self.key, &self.value)?;
                m.serialize_entry("device", self.device)?;
            } else {
                m.serialize_entry("device", self.device)?;
                m.serialize_entry(self.key, &self.value)?;
            }
            m.end()
        }
    }
}

#[cfg(test)]
mod json_tests {
    use super::json::*;

    /// Printed directly, each record has the key order of its `Value` (sorted), the order the
    /// output had when it was built as a `Value`.
    fn same_as_value(r: &impl serde::Serialize) {
        let direct = serde_json::to_string(r).unwrap();
        assert_eq!(direct, serde_json::to_value(r).unwrap().to_string());
    }

    #[test]
    fn records_print_in_key_order() {
        same_as_value(&ErrorRecord { error: "e".into(), exit_status: 15 });
        same_as_value(&FailureRecord {
            command: "READ(10)".into(),
            device: "d".into(),
            disposition: Some("fail"),
            driver_status: 0,
            exit_status: 3,
            host_status: 7,
            sense: Some(serde_json::json!({ "b": 1, "a": 2 })),
            sense_bytes: "70 00 03".into(),
            status: 2,
            status_name: Some("CHECK CONDITION"),
        });
        let data_in = DataIn { data_in: "00".into(), length: 1 };
        same_as_value(&DoneRecord { command: "c".into(), device: "d".into(), result: data_in, status: 0 });
        let data_out = DataOut { data_out_length: 4 };
        same_as_value(&DoneRecord { command: "c".into(), device: "d".into(), result: data_out, status: 0 });
        for key in ["data", "profile", "sense"] {
            same_as_value(&DeviceRecord::new("d", key, serde_json::json!({ "z": 0, "a": [1] })));
        }
    }
}
