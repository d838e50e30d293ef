//! Send [`scsi_cdb`] commands to devices.
//!
//! One entry point, [`Device::execute`], sends any [`Cdb`] with a [`DataBuffer`]. Before anything
//! reaches the device the buffer is checked against the command's own [`Cdb::direction`] and
//! [`Cdb::transfer_len`]: a data-in command needs [`DataBuffer::In`] of exactly that many bytes,
//! a command without a data phase needs [`DataBuffer::None`], and a mismatch is an [`Error`]
//! (the command is never sent with a wrong data phase). The [`Completion`] carries the SCSI
//! status, the sense bytes (a borrowed slice for [`scsi_cdb::sense::Sense::parse`]), the
//! residual count, the transport status and the duration.
//!
//! Backends:
//! - Linux: `SG_IO` (sg v3 `sg_io_hdr`) on `/dev/sgN` and SCSI block devices (`/dev/sdX`,
//!   `/dev/srN`), and [`linux::SgQueue`], the sg driver's asynchronous `write`/`poll`/`read`
//!   interface with pack ids at a queue depth the caller chooses;
//! - Windows: `IOCTL_SCSI_PASS_THROUGH_DIRECT` (compile-checked only);
//! - `iscsi://host[:port]/target-iqn/lun` through the system libiscsi (cargo feature `libiscsi`).
//!
//! ```no_run
//! use scsi_cdb::{Inquiry, data::StandardInquiry};
//! use scsi_io::{DataBuffer, Device};
//! let dev = Device::open("/dev/sg0")?;
//! let mut buf = [0u8; 96];
//! let done = dev.execute(&Inquiry::standard(96), DataBuffer::In(&mut buf))?;
//! if done.is_good() {
//!     let inq = StandardInquiry::parse(done.data_in(&buf))?;
//!     println!("{:?}", inq.vendor());
//! } else if let Some(sense) = done.sense_data() {
//!     println!("{}", sense.summary());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::time::Duration;

use scsi_cdb::data::Lun;
use scsi_cdb::sense::Sense;
use scsi_cdb::{BuildError, Cdb, DataDirection, OpCode, Status, Transfer};

#[cfg(all(feature = "libiscsi", unix))]
pub mod iscsi;
#[cfg(target_os = "linux")]
pub mod linux;
pub mod probe;
pub mod retry;
pub mod windows;

pub use probe::{probe, probe_with};
pub use retry::{Execute, Retried, execute_retrying};

/// The largest sense buffer requested from the device (SPC: 8 + ADDITIONAL SENSE LENGTH 244).
pub const SENSE_MAX: usize = 252;

/// The longest CDB any backend accepts (variable-length CDBs up to 260 bytes; the Linux sg driver
/// takes up to 252, Windows' `SCSI_PASS_THROUGH_DIRECT` 16).
pub const CDB_MAX: usize = 260;

/// The data phase of one command, as the caller provides it.
#[derive(Debug)]
pub enum DataBuffer<'a> {
    /// No data phase.
    None,
    /// Data-in: the device writes into this buffer.
    In(&'a mut [u8]),
    /// Data-out: the device reads this buffer.
    Out(&'a [u8]),
}

impl DataBuffer<'_> {
    /// The direction this buffer stands for.
    #[must_use]
    pub fn direction(&self) -> DataDirection {
        match self {
            Self::None => DataDirection::None,
            Self::In(_) => DataDirection::FromDevice,
            Self::Out(_) => DataDirection::ToDevice,
        }
    }

    /// The buffer length in bytes (0 for [`DataBuffer::None`]).
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Self::None => 0,
            Self::In(b) => b.len(),
            Self::Out(b) => b.len(),
        }
    }

    /// Whether the buffer is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The data phase of a queued command: the queue owns the buffers, so only lengths (and the
/// bytes to send) are given.
#[derive(Debug, Clone, Copy)]
pub enum QueuedData<'a> {
    /// No data phase.
    None,
    /// Data-in of this many bytes into the slot's buffer.
    In(usize),
    /// Data-out of these bytes (copied into the slot's buffer).
    Out(&'a [u8]),
}

/// Per-command settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How long the device may take before the command is aborted.
    pub timeout: Duration,
    /// The logical block size used to turn a block count ([`Transfer::Blocks`]) into bytes.
    pub block_size: u32,
}

impl Options {
    /// The default timeout (60 s, as sg3_utils uses).
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
    /// The default logical block size.
    pub const DEFAULT_BLOCK_SIZE: u32 = 512;
}

impl Default for Options {
    fn default() -> Self {
        Self { timeout: Self::DEFAULT_TIMEOUT, block_size: Self::DEFAULT_BLOCK_SIZE }
    }
}

/// A command's identity for messages: operation code, service action and T10 name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandName {
    /// The operation code.
    pub opcode: OpCode,
    /// The service action, when the command has one.
    pub service_action: Option<u16>,
}

impl CommandName {
    /// The identity of `cdb`.
    #[must_use]
    pub fn of(cdb: &(impl Cdb + ?Sized)) -> Self {
        Self { opcode: cdb.opcode(), service_action: cdb.service_action().map(|s| s.0) }
    }

    /// The T10 name ("READ CAPACITY(16)"), `None` for vendor and unassigned codes.
    #[must_use]
    pub fn name(&self) -> Option<&'static str> {
        self.service_action.and_then(|s| self.opcode.service_action_name(s)).or_else(|| self.opcode.name())
    }
}

impl fmt::Display for CommandName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.name(), self.service_action) {
            (Some(n), _) => write!(f, "{n} ({:02X}h)", self.opcode.0),
            (None, Some(sa)) => write!(f, "opcode {:02X}h service action {sa:X}h", self.opcode.0),
            (None, None) => write!(f, "opcode {:02X}h", self.opcode.0),
        }
    }
}

fn dir_word(d: DataDirection) -> &'static str {
    match d {
        DataDirection::None => "no data",
        DataDirection::FromDevice => "data-in",
        DataDirection::ToDevice => "data-out",
    }
}

/// What went wrong. Every variant names the device and, where one was involved, the command.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The device could not be opened.
    #[error("{device}: cannot open: {source}")]
    Open {
        /// The device.
        device: String,
        /// The system error.
        source: std::io::Error,
    },
    /// The device does not accept SCSI pass-through (not an sg or SCSI block device).
    #[error("{device}: not a SCSI pass-through device{}: {source}", command.map(|c| format!(" ({c})")).unwrap_or_default())]
    NotScsi {
        /// The device.
        device: String,
        /// The command being sent, if any.
        command: Option<CommandName>,
        /// The system error (`ENOTTY`, `EINVAL`).
        source: std::io::Error,
    },
    /// The buffer's direction is not the command's (the command was not sent).
    #[error(
        "{device}: {command}: the command has {} but the buffer is {} (not sent)",
        dir_word(*expected),
        dir_word(*given)
    )]
    DirectionMismatch {
        /// The device.
        device: String,
        /// The command.
        command: CommandName,
        /// The command's own direction.
        expected: DataDirection,
        /// The direction of the buffer given.
        given: DataDirection,
    },
    /// A command whose parameter list states its own length (FORMAT UNIT with FMTDATA,
    /// REASSIGN BLOCKS) was given no data-out buffer holding at least the list's 4-byte
    /// header (the command was not sent).
    #[error("{device}: {command}: the CDB sends a parameter list whose header gives its length, but the buffer is {given} bytes{} (not sent)", if *to_device { "" } else { " and not data-out" })]
    ParameterListMissing {
        /// The device.
        device: String,
        /// The command.
        command: CommandName,
        /// Whether the buffer given was data-out.
        to_device: bool,
        /// The buffer length.
        given: usize,
    },
    /// The buffer's length is not the command's transfer length (the command was not sent).
    #[error(
        "{device}: {command}: the CDB transfers {expected} bytes{} but the buffer holds {given} (not sent)",
        blocks.map(|(n, bs)| format!(" ({n} blocks of {bs})")).unwrap_or_default()
    )]
    LengthMismatch {
        /// The device.
        device: String,
        /// The command.
        command: CommandName,
        /// The command's transfer length in bytes.
        expected: u64,
        /// The block count and block size it came from, for block-counting commands.
        blocks: Option<(u32, u32)>,
        /// The buffer length.
        given: usize,
    },
    /// The transfer or CDB does not fit what the backend can send.
    #[error("{device}: {command}: {what} (not sent)")]
    Unsupported {
        /// The device.
        device: String,
        /// The command.
        command: CommandName,
        /// What does not fit.
        what: String,
    },
    /// The CDB could not be encoded.
    #[error("{device}: {command}: cannot encode the CDB: {source}")]
    Encode {
        /// The device.
        device: String,
        /// The command.
        command: CommandName,
        /// The builder error.
        source: BuildError,
    },
    /// The pass-through call itself failed.
    #[error("{device}: {command}: {call} failed: {source}")]
    Io {
        /// The device.
        device: String,
        /// The command.
        command: CommandName,
        /// The system call (`ioctl(SG_IO)`, `write`, `DeviceIoControl`, ...).
        call: &'static str,
        /// The system error.
        source: std::io::Error,
    },
    /// The command did not complete within its timeout and was aborted.
    #[error("{device}: {command}: timed out after {timeout:?}")]
    Timeout {
        /// The device.
        device: String,
        /// The command.
        command: CommandName,
        /// The timeout that expired.
        timeout: Duration,
    },
    /// A queue operation that cannot be done now (queue full, nothing in flight).
    #[error("{device}: {what}")]
    Queue {
        /// The device.
        device: String,
        /// What.
        what: String,
    },
    /// The device name is not one this build can open (an `iscsi://` URL without the `libiscsi`
    /// feature, a malformed URL, ...).
    #[error("{device}: {what}")]
    BadDevice {
        /// The device.
        device: String,
        /// Why.
        what: String,
    },
    /// The transport reported a failure (iSCSI connection error, ...).
    #[error("{device}: {command}: transport error: {what}")]
    Transport {
        /// The device.
        device: String,
        /// The command.
        command: CommandName,
        /// The transport's message.
        what: String,
    },
}

/// A command checked against its buffer and encoded: what every backend puts in its request.
#[derive(Clone, Copy)]
pub struct Request {
    cdb: [u8; CDB_MAX],
    cdb_len: usize,
    /// The data direction (the command's, and the buffer's).
    pub direction: DataDirection,
    /// The transfer length in bytes (the command's, and the buffer's).
    pub len: u32,
    /// The command's identity.
    pub command: CommandName,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("cdb", &self.cdb())
            .field("direction", &self.direction)
            .field("len", &self.len)
            .field("command", &self.command)
            .finish()
    }
}

impl Request {
    /// Checks `data` against `cdb`'s direction and transfer length (counting blocks of
    /// `block_size` bytes) and encodes the CDB; `device` names the device in errors.
    ///
    /// # Errors
    /// [`Error::DirectionMismatch`], [`Error::LengthMismatch`], [`Error::Encode`], and
    /// [`Error::Unsupported`] for a transfer over 4 GiB - 1.
    pub fn new(
        device: &str,
        cdb: &(impl Cdb + ?Sized),
        data: &DataBuffer<'_>,
        block_size: u32,
    ) -> Result<Self, Error> {
        let command = CommandName::of(cdb);
        let expected_dir = cdb.direction();
        let given_dir = data.direction();
        let given = data.len();
        // FORMAT UNIT with FMTDATA and REASSIGN BLOCKS: the CDB has no length; the parameter
        // list the caller built says it in its own header, so the data-out buffer is the
        // transfer. It must at least hold that header (4 bytes).
        let param_list = matches!(cdb.transfer(), Transfer::ParameterList);
        if param_list && (given_dir != DataDirection::ToDevice || given < 4) {
            return Err(Error::ParameterListMissing {
                device: device.to_owned(),
                command,
                to_device: given_dir == DataDirection::ToDevice,
                given,
            });
        }
        // ATA PASS-THROUGH with T_LENGTH = TPSIU: the transport states the length, so the
        // buffer is the transfer, in the direction the CDB gives.
        let transport = matches!(cdb.transfer(), Transfer::Transport);
        let expected = if param_list || transport { given as u64 } else { cdb.transfer_len(block_size) };
        // A zero-length data-in or data-out command (READ of 0 blocks, INQUIRY with allocation
        // length 0) moves no data: it is sent with no data phase, and no buffer is the only
        // match.
        let want_dir = if expected == 0 { DataDirection::None } else { expected_dir };
        if want_dir != given_dir && !(given == 0 && want_dir == DataDirection::None) {
            return Err(Error::DirectionMismatch {
                device: device.to_owned(),
                command,
                expected: expected_dir,
                given: given_dir,
            });
        }
        if expected != given as u64 {
            let blocks = match cdb.transfer() {
                Transfer::Blocks(n) => Some((n, block_size)),
                _ => None,
            };
            return Err(Error::LengthMismatch {
                device: device.to_owned(),
                command,
                expected,
                blocks,
                given,
            });
        }
        let len = u32::try_from(expected).map_err(|_| Error::Unsupported {
            device: device.to_owned(),
            command,
            what: format!("a transfer of {expected} bytes is over 4 GiB - 1"),
        })?;
        let mut bytes = [0u8; CDB_MAX];
        let cdb_len = cdb.encode_into(&mut bytes).map_err(|source| Error::Encode {
            device: device.to_owned(),
            command,
            source,
        })?;
        Ok(Self { cdb: bytes, cdb_len, direction: want_dir, len, command })
    }

    /// The encoded CDB.
    #[must_use]
    pub fn cdb(&self) -> &[u8] {
        self.cdb.get(..self.cdb_len).unwrap_or_default()
    }
}

/// How a command completed.
#[derive(Clone, Copy)]
pub struct Completion {
    /// The SCSI status byte.
    pub status: Status,
    sense: [u8; SENSE_MAX],
    sense_len: u8,
    /// The residual count: bytes of the data phase not transferred (data-in: not filled).
    pub resid: u32,
    /// The transport's status (Linux `host_status`, `DID_*`; libiscsi's task status); 0 is OK.
    pub host_status: u16,
    /// The Linux driver status (`DRIVER_*`; 0 elsewhere).
    pub driver_status: u16,
    /// How long the command took (the driver's measure where it has one).
    pub duration: Duration,
    /// The transfer length requested.
    pub requested: u32,
}

impl fmt::Debug for Completion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Completion")
            .field("status", &self.status)
            .field("sense", &self.sense())
            .field("resid", &self.resid)
            .field("host_status", &self.host_status)
            .field("driver_status", &self.driver_status)
            .field("duration", &self.duration)
            .finish()
    }
}

impl Completion {
    pub(crate) fn new(status: u8, sense: &[u8], requested: u32) -> Self {
        let mut c = Self {
            status: Status(status),
            sense: [0; SENSE_MAX],
            sense_len: 0,
            resid: 0,
            host_status: 0,
            driver_status: 0,
            duration: Duration::ZERO,
            requested,
        };
        let n = sense.len().min(SENSE_MAX);
        if let (Some(dst), Some(src)) = (c.sense.get_mut(..n), sense.get(..n)) {
            dst.copy_from_slice(src);
            c.sense_len = n as u8;
        }
        c
    }

    /// The sense bytes the device returned (empty when it returned none).
    #[must_use]
    pub fn sense(&self) -> &[u8] {
        self.sense.get(..usize::from(self.sense_len)).unwrap_or_default()
    }

    /// The sense bytes as a [`Sense`] view, when there are any with a valid response code.
    #[must_use]
    pub fn sense_data(&self) -> Option<Sense<'_>> {
        Sense::parse(self.sense()).ok()
    }

    /// The number of bytes transferred (requested minus residual).
    #[must_use]
    pub fn transferred(&self) -> u32 {
        self.requested.saturating_sub(self.resid)
    }

    /// The part of a data-in buffer the device filled.
    #[must_use]
    pub fn data_in<'b>(&self, buf: &'b [u8]) -> &'b [u8] {
        buf.get(..(self.transferred() as usize).min(buf.len())).unwrap_or_default()
    }

    /// Whether the transport delivered the command and its status (host and driver status OK,
    /// sense aside).
    #[must_use]
    pub fn transport_ok(&self) -> bool {
        // DRIVER_SENSE (08h) only says sense bytes are present.
        self.host_status == 0 && self.driver_status & !0x08 == 0
    }

    /// GOOD (or CONDITION MET) status, delivered without a transport error.
    #[must_use]
    pub fn is_good(&self) -> bool {
        self.transport_ok() && matches!(self.status, Status::GOOD | Status::CONDITION_MET)
    }

    /// CHECK CONDITION status.
    #[must_use]
    pub fn is_check_condition(&self) -> bool {
        self.status == Status::CHECK_CONDITION
    }
}

enum Backend {
    #[cfg(target_os = "linux")]
    Sg(linux::SgDevice),
    #[cfg(windows)]
    Windows(windows::PassThroughDevice),
    #[cfg(all(feature = "libiscsi", unix))]
    Iscsi(iscsi::IscsiDevice),
}

/// A device that executes commands, opened from a path or an `iscsi://` URL.
pub struct Device {
    backend: Backend,
    /// The settings used by [`Device::execute`].
    pub options: Options,
}

impl fmt::Debug for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Device").field("name", &self.name()).field("options", &self.options).finish()
    }
}

impl Device {
    /// Opens `name`: an `iscsi://host[:port]/target-iqn/lun` URL (feature `libiscsi`), or a
    /// device path (Linux `/dev/sgN`, `/dev/sdX`, `/dev/srN`; Windows `\\.\PhysicalDrive0`,
    /// `\\.\CdRom0`, `\\.\C:`).
    ///
    /// # Errors
    /// [`Error::Open`], [`Error::NotScsi`], [`Error::BadDevice`].
    pub fn open(name: &str) -> Result<Self, Error> {
        let backend = if name.starts_with("iscsi://") {
            #[cfg(all(feature = "libiscsi", unix))]
            {
                Backend::Iscsi(iscsi::IscsiDevice::open(name)?)
            }
            #[cfg(not(all(feature = "libiscsi", unix)))]
            {
                return Err(Error::BadDevice {
                    device: name.to_owned(),
                    what: "iscsi:// devices need scsi-io built with the `libiscsi` feature".into(),
                });
            }
        } else {
            #[cfg(target_os = "linux")]
            {
                Backend::Sg(linux::SgDevice::open(name)?)
            }
            #[cfg(windows)]
            {
                Backend::Windows(windows::PassThroughDevice::open(name)?)
            }
            #[cfg(not(any(target_os = "linux", windows)))]
            {
                return Err(Error::BadDevice {
                    device: name.to_owned(),
                    what: "no SCSI pass-through backend for this operating system".into(),
                });
            }
        };
        Ok(Self { backend, options: Options::default() })
    }

    /// The name the device was opened with.
    #[must_use]
    pub fn name(&self) -> &str {
        match &self.backend {
            #[cfg(target_os = "linux")]
            Backend::Sg(d) => d.name(),
            #[cfg(windows)]
            Backend::Windows(d) => d.name(),
            #[cfg(all(feature = "libiscsi", unix))]
            Backend::Iscsi(d) => d.name(),
        }
    }

    /// The logical unit the device addresses, when the transport names it and can reach its
    /// neighbours: the URL's LUN for `iscsi://` (see [`Device::execute_at`]). `None` for an
    /// operating-system device node, which is one logical unit and addresses no other.
    #[must_use]
    pub fn lun(&self) -> Option<Lun> {
        match &self.backend {
            #[cfg(all(feature = "libiscsi", unix))]
            Backend::Iscsi(d) => Some(Lun::from_int(u64::from(d.lun()))),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// [`Device::execute`] addressed to `lun`: the device's own unit, or over iSCSI another
    /// LUN of the same target in the single-level peripheral form (0 to 255), which is how
    /// REPORT LUNS answers are followed up without a second login.
    ///
    /// # Errors
    /// As [`Device::execute`], and [`Error::Unsupported`] for a LUN the transport cannot
    /// address (any other LUN of a device node, a multi-level or flat LUN over iSCSI).
    pub fn execute_at(
        &self,
        lun: Lun,
        cdb: &(impl Cdb + ?Sized),
        data: DataBuffer<'_>,
    ) -> Result<Completion, Error> {
        let own = self.lun().unwrap_or(Lun::from_int(0));
        if lun == own {
            return self.execute(cdb, data);
        }
        self.send(Some(lun), cdb, data, &self.options)
    }

    /// Sends `cdb` with `data` using [`Device::options`].
    ///
    /// # Errors
    /// See [`Device::execute_with`].
    pub fn execute(&self, cdb: &(impl Cdb + ?Sized), data: DataBuffer<'_>) -> Result<Completion, Error> {
        self.execute_with(cdb, data, &self.options)
    }

    /// Sends `cdb` with `data`, timeout and block size from `opts`. A non-GOOD SCSI status is
    /// not an error: it is in the [`Completion`].
    ///
    /// # Errors
    /// Before sending: [`Error::DirectionMismatch`], [`Error::LengthMismatch`],
    /// [`Error::Encode`], [`Error::Unsupported`]. Sending: [`Error::Io`], [`Error::NotScsi`],
    /// [`Error::Timeout`], [`Error::Transport`].
    pub fn execute_with(
        &self,
        cdb: &(impl Cdb + ?Sized),
        data: DataBuffer<'_>,
        opts: &Options,
    ) -> Result<Completion, Error> {
        self.send(None, cdb, data, opts)
    }

    /// The one path to the backends: checks `cdb` against `data` (the [`Request`]), then sends
    /// it to this device's logical unit, or to `other_lun` of the same target.
    fn send(
        &self,
        other_lun: Option<Lun>,
        cdb: &(impl Cdb + ?Sized),
        data: DataBuffer<'_>,
        opts: &Options,
    ) -> Result<Completion, Error> {
        let req = Request::new(self.name(), cdb, &data, opts.block_size)?;
        let unsupported =
            |what: String| Error::Unsupported { device: self.name().to_owned(), command: req.command, what };
        match (&self.backend, other_lun) {
            #[cfg(target_os = "linux")]
            (Backend::Sg(d), None) => d.send(&req, data, opts.timeout),
            #[cfg(windows)]
            (Backend::Windows(d), None) => d.send(&req, data, opts.timeout),
            #[cfg(all(feature = "libiscsi", unix))]
            (Backend::Iscsi(d), None) => d.send(&req, data, opts.timeout),
            #[cfg(all(feature = "libiscsi", unix))]
            (Backend::Iscsi(d), Some(lun)) => match u8::try_from(lun.to_int()) {
                Ok(n) => d.send_to(u16::from(n), &req, data, opts.timeout),
                Err(_) => Err(unsupported(format!(
                    "LUN {:#x} is not a single-level peripheral LUN (0 to 255)",
                    lun.to_int()
                ))),
            },
            #[allow(unreachable_patterns)]
            (_, Some(lun)) => Err(unsupported(format!(
                "a device node reaches its own logical unit only, not LUN {:#x}",
                lun.to_int()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scsi_cdb::{Inquiry, Read10, SynchronizeCache10, TestUnitReady, Write10};

    fn req(cdb: &dyn Cdb, data: &DataBuffer<'_>, bs: u32) -> Result<Request, Error> {
        Request::new("/dev/test", cdb, data, bs)
    }

    #[test]
    fn matching_buffers_pass() {
        let mut b = [0u8; 96];
        let r = req(&Inquiry::standard(96), &DataBuffer::In(&mut b), 512).unwrap();
        assert_eq!(r.cdb(), &[0x12, 0, 0, 0, 96, 0]);
        assert_eq!((r.direction, r.len), (DataDirection::FromDevice, 96));
        let r = req(&TestUnitReady::new(), &DataBuffer::None, 512).unwrap();
        assert_eq!((r.direction, r.len, r.cdb().len()), (DataDirection::None, 0, 6));
        let mut b = vec![0u8; 8 * 4096];
        let r = req(&Read10::try_new(0, 8).unwrap(), &DataBuffer::In(&mut b), 4096).unwrap();
        assert_eq!(r.len, 32768);
    }

    #[test]
    fn parameter_list_commands_send_the_list_they_are_given() {
        let cmd = scsi_cdb::cdb::sbc::FormatUnit { fmtdata: true, ..Default::default() };
        let list = [0u8, 0x02, 0, 0];
        let r = req(&cmd, &DataBuffer::Out(&list), 512).unwrap();
        assert_eq!((r.direction, r.len), (DataDirection::ToDevice, 4));
        assert!(matches!(
            req(&cmd, &DataBuffer::None, 512).unwrap_err(),
            Error::ParameterListMissing { to_device: false, given: 0, .. }
        ));
        let mut b = [0u8; 8];
        assert!(matches!(
            req(&cmd, &DataBuffer::In(&mut b), 512).unwrap_err(),
            Error::ParameterListMissing { to_device: false, given: 8, .. }
        ));
    }

    #[test]
    fn a_tpsiu_length_is_the_buffer_in_the_cdbs_direction() {
        use scsi_cdb::cdb::sat::{AtaPassThrough16, AtaProtocol, TLength};
        // IDENTIFY DEVICE with T_LENGTH = TPSIU: the CDB states no length.
        let id = AtaPassThrough16 {
            protocol: AtaProtocol::PioDataIn,
            t_dir: true,
            t_length: TLength::Tpsiu,
            command: 0xEC,
            ..Default::default()
        };
        assert_eq!((id.transfer(), id.direction()), (Transfer::Transport, DataDirection::FromDevice));
        let mut b = [0u8; 512];
        let r = req(&id, &DataBuffer::In(&mut b), 512).unwrap();
        assert_eq!((r.direction, r.len), (DataDirection::FromDevice, 512));
        assert!(matches!(
            req(&id, &DataBuffer::Out(&[0; 512]), 512).unwrap_err(),
            Error::DirectionMismatch {
                expected: DataDirection::FromDevice,
                given: DataDirection::ToDevice,
                ..
            }
        ));
    }

    #[test]
    fn sync_cache_with_a_data_phase_is_refused() {
        let e = req(&SynchronizeCache10::new(0, 0), &DataBuffer::Out(&[0; 512]), 512).unwrap_err();
        assert!(
            matches!(
                e,
                Error::DirectionMismatch {
                    expected: DataDirection::None,
                    given: DataDirection::ToDevice,
                    ..
                }
            ),
            "{e:?}"
        );
        let msg = e.to_string();
        assert!(msg.contains("/dev/test") && msg.contains("SYNCHRONIZE CACHE(10) (35h)"), "{msg}");
    }

    #[test]
    fn wrong_direction_is_refused() {
        let e = req(&Inquiry::standard(36), &DataBuffer::Out(&[0; 36]), 512).unwrap_err();
        assert!(matches!(e, Error::DirectionMismatch { expected: DataDirection::FromDevice, .. }), "{e}");
        let mut b = [0u8; 512];
        let e = req(&Write10::try_new(0, 1).unwrap(), &DataBuffer::In(&mut b), 512).unwrap_err();
        assert!(matches!(e, Error::DirectionMismatch { expected: DataDirection::ToDevice, .. }), "{e}");
        let e = req(&Read10::try_new(0, 1).unwrap(), &DataBuffer::None, 512).unwrap_err();
        assert!(matches!(e, Error::DirectionMismatch { given: DataDirection::None, .. }), "{e}");
    }

    #[test]
    fn wrong_length_is_refused_and_counts_blocks() {
        let mut b = [0u8; 512];
        let e = req(&Read10::try_new(0, 2).unwrap(), &DataBuffer::In(&mut b), 512).unwrap_err();
        match &e {
            Error::LengthMismatch { expected, blocks, given, .. } => {
                assert_eq!((*expected, *blocks, *given), (1024, Some((2, 512)), 512));
            }
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().contains("2 blocks of 512"), "{e}");
        // The same buffer matches one 512-byte block, not one 4096-byte block.
        assert!(req(&Read10::try_new(0, 1).unwrap(), &DataBuffer::In(&mut b), 512).is_ok());
        assert!(matches!(
            req(&Read10::try_new(0, 1).unwrap(), &DataBuffer::In(&mut b), 4096),
            Err(Error::LengthMismatch { expected: 4096, .. })
        ));
        let mut small = [0u8; 35];
        let e = req(&Inquiry::standard(36), &DataBuffer::In(&mut small), 512).unwrap_err();
        assert!(matches!(e, Error::LengthMismatch { expected: 36, blocks: None, given: 35, .. }), "{e}");
    }

    #[test]
    fn zero_length_transfers_go_without_a_data_phase() {
        let r = req(&Read10::try_new(0, 0).unwrap(), &DataBuffer::None, 512).unwrap();
        assert_eq!((r.direction, r.len), (DataDirection::None, 0));
        let mut empty: [u8; 0] = [];
        let r = req(&Inquiry::standard(0), &DataBuffer::In(&mut empty), 512).unwrap();
        assert_eq!(r.direction, DataDirection::None);
    }

    #[test]
    fn completion_sense_is_a_borrowed_slice_for_sense_parse() {
        let sense = [0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x20, 0x00, 0, 0, 0, 0];
        let mut c = Completion::new(0x02, &sense, 36);
        c.resid = 6;
        assert_eq!(c.sense(), &sense);
        let s = Sense::parse(c.sense()).unwrap();
        assert_eq!(s.sense_key(), Some(scsi_cdb::SenseKey::IllegalRequest));
        assert!(c.is_check_condition() && !c.is_good());
        assert_eq!(c.transferred(), 30);
        assert_eq!(c.data_in(&[1u8; 36]).len(), 30);
        let long = [0x72u8; 400];
        assert_eq!(Completion::new(0, &long, 0).sense().len(), SENSE_MAX);
    }

    #[test]
    fn command_names_come_from_the_opcode_tables() {
        assert_eq!(CommandName::of(&Inquiry::standard(36)).to_string(), "INQUIRY (12h)");
        let rc16 = scsi_cdb::ReadCapacity16::new();
        assert_eq!(CommandName::of(&rc16).to_string(), "READ CAPACITY(16) (9Eh)");
        let v = scsi_cdb::RawCdb::vendor(OpCode(0xC5), 6, &[], DataDirection::None, 0).unwrap();
        assert_eq!(CommandName::of(&v).to_string(), "opcode C5h");
    }

    #[cfg(not(feature = "libiscsi"))]
    #[test]
    fn iscsi_urls_need_the_feature() {
        let e = Device::open("iscsi://127.0.0.1/iqn.x/1").unwrap_err();
        assert!(matches!(e, Error::BadDevice { .. }), "{e}");
    }
}
