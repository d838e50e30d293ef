//! Linux: the sg v3 interface (`struct sg_io_hdr` of `<scsi/sg.h>`).
//!
//! [`SgDevice`] sends one command at a time with `ioctl(SG_IO)`; it works on `/dev/sgN` and on
//! SCSI block devices (`/dev/sdX`, `/dev/srN`), whose block layer accepts the same header.
//! [`SgQueue`] uses the sg driver's asynchronous interface on `/dev/sgN`: `write()` submits a
//! header, `poll()` waits, `read()` collects a completed one, matched by its pack id.
//!
//! The sg driver uses indirect I/O unless `SG_FLAG_DIRECT_IO` is set (it never is here): data
//! is copied between the caller's buffer and the driver's inside the `write()` / `read()` /
//! `ioctl()` calls, and the queue keeps every in-flight command's buffers alive until its
//! `read()`.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::time::{Duration, Instant};

use scsi_cdb::{Cdb, DataDirection};

use crate::{CommandName, Completion, DataBuffer, Error, Options, Request, SENSE_MAX};

/// `SG_IO`: send a command and wait for it.
pub const SG_IO: libc::c_ulong = 0x2285;
/// `SG_GET_VERSION_NUM`: the sg driver version (block devices answer it too).
pub const SG_GET_VERSION_NUM: libc::c_ulong = 0x2282;
/// `SG_SET_RESERVED_SIZE`.
pub const SG_SET_RESERVED_SIZE: libc::c_ulong = 0x2275;
/// `SG_DXFER_NONE`.
pub const SG_DXFER_NONE: libc::c_int = -1;
/// `SG_DXFER_TO_DEV`.
pub const SG_DXFER_TO_DEV: libc::c_int = -2;
/// `SG_DXFER_FROM_DEV`.
pub const SG_DXFER_FROM_DEV: libc::c_int = -3;
/// `SG_INFO_OK_MASK`.
pub const SG_INFO_OK_MASK: u32 = 0x1;
/// `DID_TIME_OUT` (host status).
pub const DID_TIME_OUT: u16 = 0x03;
/// `DRIVER_TIMEOUT` (driver status).
pub const DRIVER_TIMEOUT: u16 = 0x06;
/// The largest CDB the sg driver takes (`SG_MAX_CDB_SIZE`).
pub const SG_MAX_CDB_SIZE: usize = 252;
/// How many commands the sg driver queues on one file descriptor (`SG_MAX_QUEUE`).
pub const SG_MAX_QUEUE: usize = 16;

/// `struct sg_io_hdr` of `<scsi/sg.h>` (sg v3, `interface_id` `'S'`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SgIoHdr {
    /// `'S'` for sg v3.
    pub interface_id: libc::c_int,
    /// `SG_DXFER_*`.
    pub dxfer_direction: libc::c_int,
    /// CDB length.
    pub cmd_len: u8,
    /// Sense buffer size.
    pub mx_sb_len: u8,
    /// 0: `dxferp` is one buffer.
    pub iovec_count: u16,
    /// Data length.
    pub dxfer_len: u32,
    /// Data buffer.
    pub dxferp: *mut libc::c_void,
    /// CDB.
    pub cmdp: *const u8,
    /// Sense buffer.
    pub sbp: *mut u8,
    /// Timeout in milliseconds.
    pub timeout: u32,
    /// `SG_FLAG_*`.
    pub flags: u32,
    /// Caller's tag, returned by `read()`.
    pub pack_id: libc::c_int,
    /// Caller's pointer, returned unchanged.
    pub usr_ptr: *mut libc::c_void,
    /// SCSI status.
    pub status: u8,
    /// Status shifted right by one (obsolete).
    pub masked_status: u8,
    /// Messaging level status.
    pub msg_status: u8,
    /// Sense bytes written.
    pub sb_len_wr: u8,
    /// `DID_*`.
    pub host_status: u16,
    /// `DRIVER_*`.
    pub driver_status: u16,
    /// Residual count.
    pub resid: libc::c_int,
    /// Milliseconds the command took.
    pub duration: u32,
    /// `SG_INFO_*`.
    pub info: u32,
}

impl SgIoHdr {
    /// A zeroed v3 header ('S'), no buffers, pack id -1 (any command on a read).
    fn empty() -> Self {
        Self {
            interface_id: libc::c_int::from(b'S'),
            dxfer_direction: SG_DXFER_NONE,
            cmd_len: 0,
            mx_sb_len: 0,
            iovec_count: 0,
            dxfer_len: 0,
            dxferp: std::ptr::null_mut(),
            cmdp: std::ptr::null(),
            sbp: std::ptr::null_mut(),
            timeout: 0,
            flags: 0,
            pack_id: -1,
            usr_ptr: std::ptr::null_mut(),
            status: 0,
            masked_status: 0,
            msg_status: 0,
            sb_len_wr: 0,
            host_status: 0,
            driver_status: 0,
            resid: 0,
            duration: 0,
            info: 0,
        }
    }

    /// A header for `req` with these buffers (null pointers and zero lengths where absent).
    fn for_request(req: &Request, data: *mut libc::c_void, sense: *mut u8, timeout: Duration) -> Self {
        let cdb = req.cdb();
        Self {
            dxfer_direction: match req.direction {
                DataDirection::None => SG_DXFER_NONE,
                DataDirection::FromDevice => SG_DXFER_FROM_DEV,
                DataDirection::ToDevice => SG_DXFER_TO_DEV,
            },
            cmd_len: cdb.len() as u8,
            mx_sb_len: SENSE_MAX as u8,
            dxfer_len: req.len,
            dxferp: if req.len == 0 { std::ptr::null_mut() } else { data },
            cmdp: cdb.as_ptr(),
            sbp: sense,
            timeout: u32::try_from(timeout.as_millis()).unwrap_or(u32::MAX),
            ..Self::empty()
        }
    }

    fn timed_out(&self) -> bool {
        self.host_status == DID_TIME_OUT || self.driver_status & 0x0F == DRIVER_TIMEOUT
    }

    fn completion(&self, sense: &[u8; SENSE_MAX], duration: Duration) -> Completion {
        let n = usize::from(self.sb_len_wr).min(SENSE_MAX);
        let mut c = Completion::new(self.status, sense.get(..n).unwrap_or_default(), self.dxfer_len);
        c.resid = u32::try_from(self.resid).unwrap_or(0).min(self.dxfer_len);
        c.host_status = self.host_status;
        c.driver_status = self.driver_status;
        c.duration = duration;
        c
    }
}

fn check_len(device: &str, req: &Request) -> Result<(), Error> {
    if req.cdb().len() > SG_MAX_CDB_SIZE {
        return Err(Error::Unsupported {
            device: device.to_owned(),
            command: req.command,
            what: format!("a {}-byte CDB is longer than the sg driver's {SG_MAX_CDB_SIZE}", req.cdb().len()),
        });
    }
    Ok(())
}

/// `ENOIOCTLCMD`, which leaks to user space from some drivers.
const ENOIOCTLCMD: i32 = 515;

fn not_scsi(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ENOTTY | libc::EINVAL | ENOIOCTLCMD))
}

/// Opens `path` read-write (falling back to read-only) and non-blocking, as sg3_utils does.
fn open_rw(path: &str) -> Result<File, Error> {
    let open = |write: bool| {
        OpenOptions::new().read(true).write(write).custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC).open(path)
    };
    match open(true) {
        Ok(f) => Ok(f),
        Err(e) if matches!(e.raw_os_error(), Some(libc::EACCES | libc::EROFS | libc::EPERM)) => {
            open(false).map_err(|source| Error::Open { device: path.to_owned(), source })
        }
        Err(source) => Err(Error::Open { device: path.to_owned(), source }),
    }
}

/// The sg driver version (30536 for 3.5.36), or the error that says `fd` is not SCSI.
fn sg_version(fd: RawFd) -> io::Result<i32> {
    let mut v: libc::c_int = 0;
    // SAFETY: SG_GET_VERSION_NUM writes one int through the pointer, which points to `v`, live
    // for the call. On a file that does not know the request the call fails without writing.
    let r = unsafe { libc::ioctl(fd, SG_GET_VERSION_NUM, &mut v as *mut libc::c_int) };
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(v) }
}

/// A Linux SCSI device opened for `SG_IO`.
#[derive(Debug)]
pub struct SgDevice {
    file: File,
    name: String,
    version: i32,
}

impl SgDevice {
    /// Opens a `/dev/sgN` or SCSI block device and checks that it answers `SG_GET_VERSION_NUM`.
    ///
    /// # Errors
    /// [`Error::Open`], and [`Error::NotScsi`] for a file that is not a SCSI device.
    pub fn open(path: &str) -> Result<Self, Error> {
        let file = open_rw(path)?;
        let version = sg_version(file.as_raw_fd()).map_err(|source| Error::NotScsi {
            device: path.to_owned(),
            command: None,
            source,
        })?;
        Ok(Self { file, name: path.to_owned(), version })
    }

    /// Wraps an already open file without checking it (an `SG_IO` on a file that is not a SCSI
    /// device then fails with [`Error::NotScsi`]).
    #[must_use]
    pub fn from_file(file: File, name: &str) -> Self {
        Self { file, name: name.to_owned(), version: 0 }
    }

    /// The name it was opened as.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The sg driver version reported at open (0 for [`SgDevice::from_file`]).
    #[must_use]
    pub fn version(&self) -> i32 {
        self.version
    }

    /// Sends `cdb` with `data` (checked as [`Request::new`] does).
    ///
    /// # Errors
    /// As [`crate::Device::execute_with`].
    pub fn execute(
        &self,
        cdb: &(impl Cdb + ?Sized),
        data: DataBuffer<'_>,
        opts: &Options,
    ) -> Result<Completion, Error> {
        let req = Request::new(&self.name, cdb, &data, opts.block_size)?;
        self.send(&req, data, opts.timeout)
    }

    /// Sends a checked request. `data` must be the buffer `req` was checked against.
    pub(crate) fn send(
        &self,
        req: &Request,
        data: DataBuffer<'_>,
        timeout: Duration,
    ) -> Result<Completion, Error> {
        check_len(&self.name, req)?;
        if data.len() != req.len as usize && req.len != 0 {
            return Err(Error::LengthMismatch {
                device: self.name.clone(),
                command: req.command,
                expected: u64::from(req.len),
                blocks: None,
                given: data.len(),
            });
        }
        let ptr: *mut libc::c_void = match data {
            DataBuffer::None => std::ptr::null_mut(),
            DataBuffer::In(b) => b.as_mut_ptr().cast(),
            // The driver only reads a data-out buffer (SG_DXFER_TO_DEV); the header's field is
            // `void *` for both directions.
            DataBuffer::Out(b) => b.as_ptr().cast_mut().cast(),
        };
        let mut sense = [0u8; SENSE_MAX];
        let mut hdr = SgIoHdr::for_request(req, ptr, sense.as_mut_ptr(), timeout);
        let start = Instant::now();
        // SAFETY: `hdr` is a complete sg_io_hdr. Its pointers are valid for the synchronous call:
        // `cmdp` points to `req.cdb()` (`cmd_len` bytes, at most SG_MAX_CDB_SIZE, checked
        // above), `sbp` to `sense` (`mx_sb_len` = SENSE_MAX bytes), and `dxferp` to the caller's
        // buffer of exactly `dxfer_len` bytes (checked above; null when the length is 0),
        // borrowed mutably for data-in. A data-out buffer is only read (SG_DXFER_TO_DEV). The
        // kernel writes only into `hdr`, `sense` and a data-in buffer, within those lengths.
        let r = unsafe { libc::ioctl(self.file.as_raw_fd(), SG_IO, &mut hdr as *mut SgIoHdr) };
        let elapsed = start.elapsed();
        if r < 0 {
            let source = io::Error::last_os_error();
            return Err(if not_scsi(&source) {
                Error::NotScsi { device: self.name.clone(), command: Some(req.command), source }
            } else {
                Error::Io { device: self.name.clone(), command: req.command, call: "ioctl(SG_IO)", source }
            });
        }
        if hdr.timed_out() {
            return Err(Error::Timeout { device: self.name.clone(), command: req.command, timeout });
        }
        Ok(hdr.completion(&sense, elapsed))
    }
}

pub use crate::QueuedData;

struct Slot {
    /// Index of the file descriptor the command went to.
    fd: usize,
    data: Box<[u8]>,
    sense: Box<[u8; SENSE_MAX]>,
    cdb: Box<[u8; SG_MAX_CDB_SIZE]>,
    busy: bool,
    command: CommandName,
    timeout: Duration,
}

/// A finished queued command: its tag, completion and the data-in bytes the device filled.
#[derive(Debug)]
pub struct Done<'q> {
    /// The tag [`SgQueue::submit`] returned.
    pub tag: usize,
    /// How it completed; `duration` is the sg driver's (millisecond resolution).
    pub completion: Completion,
    /// The command.
    pub command: CommandName,
    /// The data-in bytes transferred (empty for other directions).
    pub data: &'q [u8],
}

/// The sg driver's asynchronous interface on a `/dev/sgN`: up to `depth` commands in flight.
///
/// The sg driver queues at most [`SG_MAX_QUEUE`] commands per file descriptor, so a deeper queue
/// opens the device several times and spreads the slots over the descriptors. Each slot owns a
/// data buffer of the size given at [`SgQueue::open`].
///
/// ```no_run
/// use scsi_cdb::Read10;
/// use scsi_io::linux::{QueuedData, SgQueue};
/// let mut q = SgQueue::open("/dev/sg0", 32, 4096)?;
/// for i in 0..32u64 {
///     q.submit(&Read10::try_new(i * 8, 8)?, QueuedData::In(4096), 512)?;
/// }
/// while q.in_flight() > 0 {
///     let done = q.wait(None)?.expect("in flight");
///     assert!(done.completion.is_good());
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SgQueue {
    files: Vec<File>,
    slots: Vec<Slot>,
    free: Vec<usize>,
    in_flight: usize,
    name: String,
    /// Per-command timeout.
    pub timeout: Duration,
}

impl std::fmt::Debug for SgQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SgQueue")
            .field("name", &self.name)
            .field("depth", &self.slots.len())
            .field("files", &self.files.len())
            .field("in_flight", &self.in_flight)
            .finish()
    }
}

impl SgQueue {
    /// Opens `path` (a `/dev/sgN`) for `depth` commands in flight, each slot with a data buffer of
    /// `buf_len` bytes.
    ///
    /// # Errors
    /// [`Error::Open`], [`Error::NotScsi`], and [`Error::Queue`] for a depth of 0.
    pub fn open(path: &str, depth: usize, buf_len: usize) -> Result<Self, Error> {
        if depth == 0 {
            return Err(Error::Queue { device: path.to_owned(), what: "queue depth 0".into() });
        }
        let nfiles = depth.div_ceil(SG_MAX_QUEUE);
        let mut files = Vec::with_capacity(nfiles);
        for _ in 0..nfiles {
            let f = open_rw(path)?;
            // Block devices answer SG_GET_VERSION_NUM too, but only the sg driver (a character
            // device) has the asynchronous interface.
            let is_char =
                f.metadata().map(|m| std::os::unix::fs::FileTypeExt::is_char_device(&m.file_type()));
            if let Ok(false) = is_char {
                return Err(Error::Queue {
                    device: path.to_owned(),
                    what: "queued I/O needs an sg character device (/dev/sgN), not a block device or file"
                        .into(),
                });
            }
            sg_version(f.as_raw_fd()).map_err(|source| Error::NotScsi {
                device: path.to_owned(),
                command: None,
                source,
            })?;
            files.push(f);
        }
        let slots = (0..depth)
            .map(|i| Slot {
                fd: i % nfiles,
                data: vec![0u8; buf_len].into_boxed_slice(),
                sense: Box::new([0; SENSE_MAX]),
                cdb: Box::new([0; SG_MAX_CDB_SIZE]),
                busy: false,
                command: CommandName { opcode: scsi_cdb::OpCode(0), service_action: None },
                timeout: Options::DEFAULT_TIMEOUT,
            })
            .collect();
        Ok(Self {
            files,
            slots,
            free: (0..depth).rev().collect(),
            in_flight: 0,
            name: path.to_owned(),
            timeout: Options::DEFAULT_TIMEOUT,
        })
    }

    /// The queue depth.
    #[must_use]
    pub fn depth(&self) -> usize {
        self.slots.len()
    }

    /// Commands submitted and not yet collected.
    #[must_use]
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Submits `cdb`; the data phase is checked against the command as [`Request::new`] does.
    /// Returns the command's tag (its slot).
    ///
    /// # Errors
    /// [`Error::Queue`] when all slots are in flight or the transfer is larger than a slot's
    /// buffer, the [`Request::new`] errors, and [`Error::Io`] when `write()` fails.
    pub fn submit(
        &mut self,
        cdb: &(impl Cdb + ?Sized),
        data: QueuedData<'_>,
        block_size: u32,
    ) -> Result<usize, Error> {
        let Some(&tag) = self.free.last() else {
            return Err(Error::Queue {
                device: self.name.clone(),
                what: format!("queue full ({} in flight)", self.in_flight),
            });
        };
        let slot = self
            .slots
            .get_mut(tag)
            .ok_or_else(|| Error::Queue { device: self.name.clone(), what: format!("no slot {tag}") })?;
        let cap = slot.data.len();
        // Check against a buffer of the right length without touching the slot yet.
        let req = match data {
            QueuedData::None => Request::new(&self.name, cdb, &DataBuffer::None, block_size)?,
            QueuedData::In(n) => {
                let buf = slot.data.get_mut(..n).ok_or_else(|| Error::Queue {
                    device: self.name.clone(),
                    what: format!("{n} bytes do not fit the {cap}-byte slot buffer"),
                })?;
                Request::new(&self.name, cdb, &DataBuffer::In(buf), block_size)?
            }
            QueuedData::Out(b) => {
                if b.len() > cap {
                    return Err(Error::Queue {
                        device: self.name.clone(),
                        what: format!("{} bytes do not fit the {cap}-byte slot buffer", b.len()),
                    });
                }
                Request::new(&self.name, cdb, &DataBuffer::Out(b), block_size)?
            }
        };
        check_len(&self.name, &req)?;
        if let QueuedData::Out(b) = data {
            if let Some(dst) = slot.data.get_mut(..b.len()) {
                dst.copy_from_slice(b);
            }
        }
        let cdb_bytes = req.cdb();
        if let Some(dst) = slot.cdb.get_mut(..cdb_bytes.len()) {
            dst.copy_from_slice(cdb_bytes);
        }
        let mut hdr =
            SgIoHdr::for_request(&req, slot.data.as_mut_ptr().cast(), slot.sense.as_mut_ptr(), self.timeout);
        hdr.cmdp = slot.cdb.as_ptr();
        hdr.pack_id = tag as libc::c_int;
        let fd = self
            .files
            .get(slot.fd)
            .map(AsRawFd::as_raw_fd)
            .ok_or_else(|| Error::Queue { device: self.name.clone(), what: "no file".into() })?;
        // SAFETY: `hdr` is a complete sg_io_hdr of `size_of::<SgIoHdr>()` bytes, read by the
        // kernel during the call. Its pointers stay valid until the command is read back: `cmdp`
        // points into `slot.cdb` (copied by the kernel during this call), `sbp` to `slot.sense`
        // (SENSE_MAX bytes) and `dxferp` to `slot.data` (`dxfer_len` bytes, at most its length,
        // checked above). These are heap allocations owned by the queue that are neither moved
        // nor freed while the slot is busy: `Drop` collects every in-flight command first, and
        // leaks the buffers if it cannot.
        let r = unsafe { libc::write(fd, (&hdr as *const SgIoHdr).cast(), std::mem::size_of::<SgIoHdr>()) };
        if r < 0 {
            let source = io::Error::last_os_error();
            return Err(Error::Io {
                device: self.name.clone(),
                command: req.command,
                call: "write(sg)",
                source,
            });
        }
        slot.busy = true;
        slot.command = req.command;
        slot.timeout = self.timeout;
        self.free.pop();
        self.in_flight += 1;
        Ok(tag)
    }

    /// Waits up to `timeout` (forever for `None`) for one command to complete and returns it;
    /// `Ok(None)` when nothing completed in time.
    ///
    /// # Errors
    /// [`Error::Queue`] when nothing is in flight, [`Error::Io`] when `poll()` or `read()` fails,
    /// and [`Error::Timeout`] for a command the driver aborted after its timeout.
    pub fn wait(&mut self, timeout: Option<Duration>) -> Result<Option<Done<'_>>, Error> {
        if self.in_flight == 0 {
            return Err(Error::Queue { device: self.name.clone(), what: "nothing in flight".into() });
        }
        let start = Instant::now();
        loop {
            for i in 0..self.files.len() {
                if let Some(hdr) = self.try_read(i)? {
                    return self.finish(hdr).map(Some);
                }
            }
            let wait_ms = match timeout {
                None => -1,
                Some(t) => {
                    let left = t.saturating_sub(start.elapsed());
                    if left.is_zero() {
                        return Ok(None);
                    }
                    i32::try_from(left.as_millis().max(1)).unwrap_or(i32::MAX)
                }
            };
            let mut fds: Vec<libc::pollfd> = self
                .files
                .iter()
                .map(|f| libc::pollfd { fd: f.as_raw_fd(), events: libc::POLLIN, revents: 0 })
                .collect();
            // SAFETY: `fds` is a live array of `fds.len()` pollfd structures; poll writes only
            // their `revents` fields.
            let r = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, wait_ms) };
            if r < 0 {
                let source = io::Error::last_os_error();
                if source.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(Error::Queue { device: self.name.clone(), what: format!("poll: {source}") });
            }
            if r == 0 && timeout.is_some() {
                return Ok(None);
            }
        }
    }

    /// Reads one completed header from file `i`, `None` when none is ready.
    fn try_read(&mut self, i: usize) -> Result<Option<SgIoHdr>, Error> {
        let Some(f) = self.files.get(i) else { return Ok(None) };
        // pack_id -1: any completed command on this descriptor.
        let mut hdr = SgIoHdr::empty();
        // SAFETY: the kernel writes at most `size_of::<SgIoHdr>()` bytes into `hdr`, a live,
        // properly aligned sg_io_hdr. It copies data-in and sense bytes to the pointers given at
        // `write()` time, which belong to a busy slot and are still alive (see `submit`).
        let r = unsafe {
            libc::read(f.as_raw_fd(), (&mut hdr as *mut SgIoHdr).cast(), std::mem::size_of::<SgIoHdr>())
        };
        if r < 0 {
            let source = io::Error::last_os_error();
            if matches!(source.raw_os_error(), Some(libc::EAGAIN | libc::EINTR)) {
                return Ok(None);
            }
            return Err(Error::Queue { device: self.name.clone(), what: format!("read(sg): {source}") });
        }
        Ok(Some(hdr))
    }

    fn finish(&mut self, hdr: SgIoHdr) -> Result<Done<'_>, Error> {
        let tag = usize::try_from(hdr.pack_id).unwrap_or(usize::MAX);
        let name = self.name.clone();
        let slot = self.slots.get_mut(tag).filter(|s| s.busy).ok_or_else(|| Error::Queue {
            device: name.clone(),
            what: format!("unknown pack id {}", hdr.pack_id),
        })?;
        slot.busy = false;
        self.free.push(tag);
        self.in_flight -= 1;
        if hdr.timed_out() {
            return Err(Error::Timeout { device: name, command: slot.command, timeout: slot.timeout });
        }
        let completion = hdr.completion(&slot.sense, Duration::from_millis(u64::from(hdr.duration)));
        let data = if hdr.dxfer_direction == SG_DXFER_FROM_DEV {
            slot.data.get(..completion.transferred() as usize).unwrap_or_default()
        } else {
            &[]
        };
        Ok(Done { tag, completion, command: slot.command, data })
    }
}

impl Drop for SgQueue {
    fn drop(&mut self) {
        // Collect what is in flight, so the kernel never writes into freed buffers. Each command
        // has a timeout; allow it, plus a margin, then give up and leak the buffers.
        let limit = self.slots.iter().filter(|s| s.busy).map(|s| s.timeout).max().unwrap_or_default()
            + Duration::from_secs(5);
        let start = Instant::now();
        while self.in_flight > 0 && start.elapsed() < limit {
            if self.wait(Some(Duration::from_millis(100))).is_err() {
                // A timed-out command was still collected; other errors end the loop below.
                if self.in_flight > 0 && self.slots.iter().all(|s| !s.busy) {
                    break;
                }
            }
        }
        if self.in_flight > 0 {
            for s in std::mem::take(&mut self.slots) {
                std::mem::forget(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scsi_cdb::{Inquiry, TestUnitReady};
    use std::mem::{offset_of, size_of};

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sg_io_hdr_matches_the_kernel_layout_on_x86_64() {
        // <scsi/sg.h> on x86_64: 8-byte pointers; 4 bytes of padding after pack_id (48..52)
        // put usr_ptr at 56, and the size rounds up to 88.
        assert_eq!(size_of::<SgIoHdr>(), 88);
        assert_eq!(offset_of!(SgIoHdr, interface_id), 0);
        assert_eq!(offset_of!(SgIoHdr, dxfer_direction), 4);
        assert_eq!(offset_of!(SgIoHdr, cmd_len), 8);
        assert_eq!(offset_of!(SgIoHdr, mx_sb_len), 9);
        assert_eq!(offset_of!(SgIoHdr, iovec_count), 10);
        assert_eq!(offset_of!(SgIoHdr, dxfer_len), 12);
        assert_eq!(offset_of!(SgIoHdr, dxferp), 16);
        assert_eq!(offset_of!(SgIoHdr, cmdp), 24);
        assert_eq!(offset_of!(SgIoHdr, sbp), 32);
        assert_eq!(offset_of!(SgIoHdr, timeout), 40);
        assert_eq!(offset_of!(SgIoHdr, flags), 44);
        assert_eq!(offset_of!(SgIoHdr, pack_id), 48);
        assert_eq!(offset_of!(SgIoHdr, usr_ptr), 56);
        assert_eq!(offset_of!(SgIoHdr, status), 64);
        assert_eq!(offset_of!(SgIoHdr, masked_status), 65);
        assert_eq!(offset_of!(SgIoHdr, msg_status), 66);
        assert_eq!(offset_of!(SgIoHdr, sb_len_wr), 67);
        assert_eq!(offset_of!(SgIoHdr, host_status), 68);
        assert_eq!(offset_of!(SgIoHdr, driver_status), 70);
        assert_eq!(offset_of!(SgIoHdr, resid), 72);
        assert_eq!(offset_of!(SgIoHdr, duration), 76);
        assert_eq!(offset_of!(SgIoHdr, info), 80);
    }

    #[test]
    fn header_fields_follow_the_request() {
        let mut buf = [0u8; 36];
        let req = Request::new("d", &Inquiry::standard(36), &DataBuffer::In(&mut buf), 512).unwrap();
        let mut sense = [0u8; SENSE_MAX];
        let h =
            SgIoHdr::for_request(&req, buf.as_mut_ptr().cast(), sense.as_mut_ptr(), Duration::from_secs(3));
        assert_eq!(h.interface_id, i32::from(b'S'));
        assert_eq!((h.dxfer_direction, h.dxfer_len, h.cmd_len), (SG_DXFER_FROM_DEV, 36, 6));
        assert_eq!((h.timeout, h.mx_sb_len), (3000, 252));
        let req = Request::new("d", &TestUnitReady::new(), &DataBuffer::None, 512).unwrap();
        let h =
            SgIoHdr::for_request(&req, buf.as_mut_ptr().cast(), sense.as_mut_ptr(), Duration::from_secs(3));
        assert_eq!((h.dxfer_direction, h.dxfer_len), (SG_DXFER_NONE, 0));
        assert!(h.dxferp.is_null());
    }

    #[test]
    fn a_regular_file_is_not_a_scsi_device() {
        let path = std::env::temp_dir().join(format!("scsi-io-not-scsi-{}", std::process::id()));
        std::fs::write(&path, [0u8; 64]).unwrap();
        let name = path.to_string_lossy().into_owned();
        let e = SgDevice::open(&name).unwrap_err();
        assert!(matches!(e, Error::NotScsi { command: None, .. }), "{e:?}");
        assert!(e.to_string().starts_with(&name), "{e}");
        // Sending SG_IO on it anyway fails the same way, naming the command.
        let dev = SgDevice::from_file(File::open(&path).unwrap(), &name);
        let e = dev.execute(&TestUnitReady::new(), DataBuffer::None, &Options::default()).unwrap_err();
        match &e {
            Error::NotScsi { command: Some(c), source, .. } => {
                assert_eq!(c.opcode.0, 0x00);
                assert_eq!(source.raw_os_error(), Some(libc::ENOTTY));
            }
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().contains("TEST UNIT READY (00h)"), "{e}");
        std::fs::remove_file(&path).unwrap();
        let e = SgDevice::open("/dev/null").unwrap_err();
        assert!(matches!(e, Error::NotScsi { .. }), "{e:?}");
        // /dev/null is a character device, so the queue asks it and it answers "not SCSI"; a
        // regular file is refused as not a character device.
        let e = SgQueue::open("/dev/null", 4, 512).unwrap_err();
        assert!(matches!(e, Error::NotScsi { .. }), "{e:?}");
        std::fs::write(&path, [0u8; 8]).unwrap();
        let e = SgQueue::open(&name, 4, 512).unwrap_err();
        assert!(matches!(e, Error::Queue { .. }), "{e:?}");
        assert!(matches!(SgQueue::open(&name, 0, 512), Err(Error::Queue { .. })));
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn a_missing_device_is_an_open_error() {
        let e = crate::Device::open("/dev/does-not-exist-sg99").unwrap_err();
        match &e {
            Error::Open { device, source } => {
                assert_eq!(device, "/dev/does-not-exist-sg99");
                assert_eq!(source.kind(), io::ErrorKind::NotFound);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_mismatch_is_refused_before_the_device_is_touched() {
        // /dev/null is never asked: the check comes first, so the error is the mismatch.
        let dev = SgDevice::from_file(File::open("/dev/null").unwrap(), "/dev/null");
        let e = dev.execute(&Inquiry::standard(36), DataBuffer::None, &Options::default()).unwrap_err();
        assert!(matches!(e, Error::DirectionMismatch { .. }), "{e:?}");
    }
}
