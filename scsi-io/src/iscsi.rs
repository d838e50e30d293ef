//! iSCSI through the system libiscsi (feature `libiscsi`): `iscsi://host[:port]/target-iqn/lun`.
//!
//! One iSCSI login per [`IscsiDevice`], logged in at open and out at drop; commands are sent with
//! libiscsi's synchronous call (through the C shim in `csrc/iscsi_shim.c`, so no libiscsi
//! structure is declared on the Rust side). Data-in arrives in libiscsi's buffer and is copied
//! into the caller's.

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use scsi_cdb::DataDirection;

use crate::{Completion, DataBuffer, Error, Request, SENSE_MAX};

unsafe extern "C" {
    fn scsi_io_iscsi_connect(
        initiator: *const c_char,
        portal: *const c_char,
        target: *const c_char,
        lun: c_int,
        timeout_s: c_int,
    ) -> *mut c_void;
    fn scsi_io_iscsi_error(c: *mut c_void) -> *const c_char;
    #[allow(clippy::too_many_arguments)]
    fn scsi_io_iscsi_command(
        c: *mut c_void,
        lun: c_int,
        cdb: *const u8,
        cdb_len: c_int,
        dir: c_int,
        xfer_len: c_int,
        timeout_s: c_int,
        out: *const u8,
        inp: *mut u8,
        in_len: *mut c_int,
        sense: *mut u8,
        sense_cap: c_int,
        sense_len: *mut c_int,
        residual: *mut c_int,
    ) -> c_int;
    fn scsi_io_iscsi_disconnect(c: *mut c_void);
    fn scsi_io_iscsi_submit(
        c: *mut c_void,
        lun: c_int,
        cdb: *const u8,
        cdb_len: c_int,
        out: *const u8,
        slot: *mut CSlot,
    ) -> c_int;
    fn scsi_io_iscsi_service(c: *mut c_void, timeout_ms: c_int) -> c_int;
}

/// `struct scsi_io_slot` of csrc/iscsi_shim.c.
#[repr(C)]
struct CSlot {
    inp: *mut u8,
    xfer_len: c_int,
    dir: c_int,
    sense: *mut u8,
    sense_cap: c_int,
    done: c_int,
    status: c_int,
    in_len: c_int,
    sense_len: c_int,
    residual: c_int,
}

/// The initiator name this backend logs in with.
pub const INITIATOR: &str = "iqn.2026-01.rs.scsi-io:initiator";

/// The parts of an `iscsi://host[:port]/target-iqn/lun` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IscsiUrl {
    /// `host:port` (port 3260 when the URL has none).
    pub portal: String,
    /// The target IQN.
    pub target: String,
    /// The LUN.
    pub lun: u16,
}

impl IscsiUrl {
    /// Parses `iscsi://host[:port]/target-iqn/lun` (IPv6 hosts in brackets).
    ///
    /// # Errors
    /// [`Error::BadDevice`] naming what is wrong.
    pub fn parse(url: &str) -> Result<Self, Error> {
        let bad = |what: &str| Error::BadDevice {
            device: url.to_owned(),
            what: format!("{what} (expected iscsi://host[:port]/target-iqn/lun)"),
        };
        let rest = url.strip_prefix("iscsi://").ok_or_else(|| bad("not an iscsi:// URL"))?;
        let (hostport, path) = rest.split_once('/').ok_or_else(|| bad("no target"))?;
        if hostport.contains('@') {
            return Err(bad("CHAP user names in the URL are not supported"));
        }
        if hostport.is_empty() {
            return Err(bad("no host"));
        }
        let has_port = match hostport.rfind(']') {
            Some(i) => hostport.get(i + 1..).is_some_and(|t| t.starts_with(':')),
            None => hostport.contains(':'),
        };
        let portal = if has_port { hostport.to_owned() } else { format!("{hostport}:3260") };
        let (target, lun) = path.rsplit_once('/').ok_or_else(|| bad("no LUN"))?;
        if target.is_empty() {
            return Err(bad("no target"));
        }
        let lun = lun.parse().map_err(|_| bad("the LUN is not a number 0..=65535"))?;
        Ok(Self { portal, target: target.to_owned(), lun })
    }
}

struct Ctx(*mut c_void);

// SAFETY: a libiscsi context is not thread-safe, but it may be used from any thread one call at
// a time; `IscsiDevice` only reaches it through a `Mutex`.
unsafe impl Send for Ctx {}

/// An iSCSI logical unit that is logged in.
pub struct IscsiDevice {
    ctx: Mutex<Ctx>,
    name: String,
    lun: u16,
}

impl std::fmt::Debug for IscsiDevice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IscsiDevice").field("name", &self.name).field("lun", &self.lun).finish()
    }
}

fn c_string(device: &str, s: &str) -> Result<CString, Error> {
    CString::new(s).map_err(|_| Error::BadDevice { device: device.to_owned(), what: "NUL in the URL".into() })
}

impl IscsiDevice {
    /// Logs in to the target and LUN of `url` (10 s login timeout).
    ///
    /// # Errors
    /// [`Error::BadDevice`] for a malformed URL, [`Error::Open`] when the login fails.
    pub fn open(url: &str) -> Result<Self, Error> {
        let u = IscsiUrl::parse(url)?;
        let initiator = c_string(url, INITIATOR)?;
        let portal = c_string(url, &u.portal)?;
        let target = c_string(url, &u.target)?;
        // SAFETY: the three strings are NUL-terminated and live for the call; the shim copies
        // what it keeps. It returns a context it owns, or null.
        let c = unsafe {
            scsi_io_iscsi_connect(
                initiator.as_ptr(),
                portal.as_ptr(),
                target.as_ptr(),
                c_int::from(u.lun),
                10,
            )
        };
        if c.is_null() {
            return Err(Error::Open {
                device: url.to_owned(),
                source: std::io::Error::new(
                    std::io::ErrorKind::ConnectionRefused,
                    format!("iSCSI login to {} target {} LUN {} failed", u.portal, u.target, u.lun),
                ),
            });
        }
        Ok(Self { ctx: Mutex::new(Ctx(c)), name: url.to_owned(), lun: u.lun })
    }

    /// The URL it was opened with.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The LUN it logged in to.
    #[must_use]
    pub fn lun(&self) -> u16 {
        self.lun
    }

    pub(crate) fn send(
        &self,
        req: &Request,
        data: DataBuffer<'_>,
        timeout: Duration,
    ) -> Result<Completion, Error> {
        self.send_to(self.lun, req, data, timeout)
    }

    /// [`IscsiDevice::send`] addressed to `lun` of the same target (the session reaches every
    /// LUN the target maps).
    pub(crate) fn send_to(
        &self,
        lun: u16,
        req: &Request,
        data: DataBuffer<'_>,
        timeout: Duration,
    ) -> Result<Completion, Error> {
        let len = req.len as usize;
        if data.len() != len && req.len != 0 {
            return Err(Error::LengthMismatch {
                device: self.name.clone(),
                command: req.command,
                expected: u64::from(req.len),
                blocks: None,
                given: data.len(),
            });
        }
        let xfer = c_int::try_from(req.len).map_err(|_| Error::Unsupported {
            device: self.name.clone(),
            command: req.command,
            what: format!("a transfer of {} bytes is over libiscsi's 2 GiB", req.len),
        })?;
        let (dir, out, inp): (c_int, *const u8, *mut u8) = match (req.direction, data) {
            (DataDirection::FromDevice, DataBuffer::In(b)) => (1, std::ptr::null(), b.as_mut_ptr()),
            (DataDirection::ToDevice, DataBuffer::Out(b)) => (2, b.as_ptr(), std::ptr::null_mut()),
            _ => (0, std::ptr::null(), std::ptr::null_mut()),
        };
        let secs = c_int::try_from(timeout.as_secs().max(1)).unwrap_or(c_int::MAX);
        let mut sense = [0u8; SENSE_MAX];
        let (mut in_len, mut sense_len, mut resid) = (0, 0, 0);
        let cdb = req.cdb();
        let guard = self.ctx.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let start = Instant::now();
        // SAFETY: the context is live (closed only in Drop) and used by one thread at a time
        // (the mutex). `cdb` is `cdb_len` bytes; `out` is the caller's data-out buffer of
        // exactly `xfer` bytes (checked above) or null; `inp` the caller's data-in buffer of
        // exactly `xfer` bytes or null, into which the shim copies at most `xfer` bytes;
        // `sense` holds `sense_cap` bytes; the three out-integers are live locals. The call is
        // synchronous, so nothing is kept after it returns.
        let status = unsafe {
            scsi_io_iscsi_command(
                guard.0,
                c_int::from(lun),
                cdb.as_ptr(),
                cdb.len() as c_int,
                dir,
                xfer,
                secs,
                out,
                inp,
                &mut in_len,
                sense.as_mut_ptr(),
                SENSE_MAX as c_int,
                &mut sense_len,
                &mut resid,
            )
        };
        let elapsed = start.elapsed();
        if status < 0 {
            // SAFETY: the context is live; libiscsi returns a NUL-terminated string it owns
            // (or null), read here before the lock is released.
            let msg = unsafe {
                let p = scsi_io_iscsi_error(guard.0);
                if p.is_null() { String::new() } else { CStr::from_ptr(p).to_string_lossy().into_owned() }
            };
            if elapsed >= timeout {
                return Err(Error::Timeout { device: self.name.clone(), command: req.command, timeout });
            }
            return Err(Error::Transport { device: self.name.clone(), command: req.command, what: msg });
        }
        drop(guard);
        let n = usize::try_from(sense_len).unwrap_or(0).min(SENSE_MAX);
        let mut c = Completion::new(status as u8, sense.get(..n).unwrap_or_default(), req.len);
        c.resid = u32::try_from(resid).unwrap_or(0).min(req.len);
        c.duration = elapsed;
        Ok(c)
    }
}

impl Drop for IscsiDevice {
    fn drop(&mut self) {
        let ctx = self.ctx.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
        // SAFETY: the context came from scsi_io_iscsi_connect and is released exactly once.
        unsafe { scsi_io_iscsi_disconnect(ctx.0) };
        ctx.0 = std::ptr::null_mut();
    }
}

struct QSlot {
    data: Box<[u8]>,
    sense: Box<[u8; SENSE_MAX]>,
    c: Box<CSlot>,
    busy: bool,
    command: crate::CommandName,
    started: Instant,
}

/// A finished queued iSCSI command.
#[derive(Debug)]
pub struct IscsiDone<'q> {
    /// The tag [`IscsiQueue::submit`] returned.
    pub tag: usize,
    /// How it completed.
    pub completion: Completion,
    /// The command.
    pub command: crate::CommandName,
    /// The data-in bytes received.
    pub data: &'q [u8],
}

/// Queued commands on one iSCSI login (libiscsi's asynchronous interface): up to `depth` in
/// flight, each slot owning a data buffer.
pub struct IscsiQueue {
    dev: IscsiDevice,
    slots: Vec<QSlot>,
    free: Vec<usize>,
    in_flight: usize,
}

impl std::fmt::Debug for IscsiQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IscsiQueue").field("dev", &self.dev).field("depth", &self.slots.len()).finish()
    }
}

impl IscsiQueue {
    /// Logs in to `url` for `depth` commands in flight with `buf_len`-byte slot buffers.
    ///
    /// # Errors
    /// As [`IscsiDevice::open`], and [`Error::Queue`] for depth 0.
    pub fn open(url: &str, depth: usize, buf_len: usize) -> Result<Self, Error> {
        if depth == 0 {
            return Err(Error::Queue { device: url.to_owned(), what: "queue depth 0".into() });
        }
        let dev = IscsiDevice::open(url)?;
        let slots = (0..depth)
            .map(|_| QSlot {
                data: vec![0u8; buf_len].into_boxed_slice(),
                sense: Box::new([0; SENSE_MAX]),
                c: Box::new(CSlot {
                    inp: std::ptr::null_mut(),
                    xfer_len: 0,
                    dir: 0,
                    sense: std::ptr::null_mut(),
                    sense_cap: 0,
                    done: 1,
                    status: 0,
                    in_len: 0,
                    sense_len: 0,
                    residual: 0,
                }),
                busy: false,
                command: crate::CommandName { opcode: scsi_cdb::OpCode(0), service_action: None },
                started: Instant::now(),
            })
            .collect();
        Ok(Self { dev, slots, free: (0..depth).rev().collect(), in_flight: 0 })
    }

    /// Commands submitted and not yet collected.
    #[must_use]
    pub fn in_flight(&self) -> usize {
        self.in_flight
    }

    /// Queues `cdb`, checked as [`Request::new`] does; returns its tag.
    ///
    /// # Errors
    /// [`Error::Queue`] when full or the transfer exceeds a slot, the [`Request::new`] errors,
    /// [`Error::Transport`] when libiscsi refuses it.
    pub fn submit(
        &mut self,
        cdb: &(impl scsi_cdb::Cdb + ?Sized),
        data: crate::QueuedData<'_>,
        block_size: u32,
    ) -> Result<usize, Error> {
        use crate::QueuedData;
        let name = self.dev.name.clone();
        let Some(&tag) = self.free.last() else {
            return Err(Error::Queue {
                device: name,
                what: format!("queue full ({} in flight)", self.in_flight),
            });
        };
        let Some(slot) = self.slots.get_mut(tag) else {
            return Err(Error::Queue { device: name, what: format!("no slot {tag}") });
        };
        let cap = slot.data.len();
        let too_big = |n: usize| Error::Queue {
            device: name.clone(),
            what: format!("{n} bytes do not fit the {cap}-byte slot buffer"),
        };
        let req = match data {
            QueuedData::None => Request::new(&name, cdb, &DataBuffer::None, block_size)?,
            QueuedData::In(n) => {
                let buf = slot.data.get_mut(..n).ok_or_else(|| too_big(n))?;
                Request::new(&name, cdb, &DataBuffer::In(buf), block_size)?
            }
            QueuedData::Out(b) => {
                if b.len() > cap {
                    return Err(too_big(b.len()));
                }
                Request::new(&name, cdb, &DataBuffer::Out(b), block_size)?
            }
        };
        if let QueuedData::Out(b) = data {
            if let Some(dst) = slot.data.get_mut(..b.len()) {
                dst.copy_from_slice(b);
            }
        }
        let xfer = c_int::try_from(req.len).map_err(|_| too_big(req.len as usize))?;
        *slot.c = CSlot {
            inp: slot.data.as_mut_ptr(),
            xfer_len: xfer,
            dir: match req.direction {
                DataDirection::None => 0,
                DataDirection::FromDevice => 1,
                DataDirection::ToDevice => 2,
            },
            sense: slot.sense.as_mut_ptr(),
            sense_cap: SENSE_MAX as c_int,
            done: 0,
            status: 0,
            in_len: 0,
            sense_len: 0,
            residual: 0,
        };
        let cdb_bytes = req.cdb();
        let ctx = self.dev.ctx.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner).0;
        // SAFETY: the context is live and only used through `&mut self`. The CDB is copied
        // during the call. `slot.c`, `slot.data` (the data-in target and the data-out source,
        // at least `xfer_len` bytes, checked above) and `slot.sense` (SENSE_MAX bytes) are heap
        // allocations owned by the queue, neither moved nor freed while the slot is busy: the
        // callback writes them from `scsi_io_iscsi_service` (called only by `wait`), and `Drop`
        // collects every in-flight command or leaks the slots.
        let r = unsafe {
            scsi_io_iscsi_submit(
                ctx,
                c_int::from(self.dev.lun),
                cdb_bytes.as_ptr(),
                cdb_bytes.len() as c_int,
                slot.data.as_ptr(),
                &mut *slot.c,
            )
        };
        if r != 0 {
            return Err(Error::Transport {
                device: name,
                command: req.command,
                what: "libiscsi refused the command".into(),
            });
        }
        slot.busy = true;
        slot.command = req.command;
        slot.started = Instant::now();
        self.free.pop();
        self.in_flight += 1;
        Ok(tag)
    }

    /// Waits up to `timeout` for one command to complete.
    ///
    /// # Errors
    /// [`Error::Queue`] when nothing is in flight, [`Error::Transport`] when the connection fails.
    pub fn wait(&mut self, timeout: Duration) -> Result<Option<IscsiDone<'_>>, Error> {
        if self.in_flight == 0 {
            return Err(Error::Queue { device: self.dev.name.clone(), what: "nothing in flight".into() });
        }
        let start = Instant::now();
        loop {
            if let Some(tag) = self.slots.iter().position(|s| s.busy && s.c.done != 0) {
                return self.finish(tag).map(Some);
            }
            let left = timeout.saturating_sub(start.elapsed());
            if left.is_zero() {
                return Ok(None);
            }
            let ms = c_int::try_from(left.as_millis().max(1)).unwrap_or(c_int::MAX);
            let ctx = self.dev.ctx.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner).0;
            // SAFETY: the context is live and used only through `&mut self`; the callbacks it
            // runs write into busy slots, which are alive (see `submit`).
            let r = unsafe { scsi_io_iscsi_service(ctx, ms) };
            if r < 0 {
                return Err(Error::Queue {
                    device: self.dev.name.clone(),
                    what: "iSCSI connection error".into(),
                });
            }
        }
    }

    fn finish(&mut self, tag: usize) -> Result<IscsiDone<'_>, Error> {
        let name = self.dev.name.clone();
        let slot = self
            .slots
            .get_mut(tag)
            .ok_or_else(|| Error::Queue { device: name.clone(), what: "slot".into() })?;
        slot.busy = false;
        self.free.push(tag);
        self.in_flight -= 1;
        let c = &*slot.c;
        if c.status < 0 {
            return Err(Error::Transport {
                device: name,
                command: slot.command,
                what: "command failed".into(),
            });
        }
        let requested = u32::try_from(c.xfer_len).unwrap_or(0);
        let n = usize::try_from(c.sense_len).unwrap_or(0).min(SENSE_MAX);
        let mut done = Completion::new(c.status as u8, slot.sense.get(..n).unwrap_or_default(), requested);
        done.resid = u32::try_from(c.residual).unwrap_or(0).min(requested);
        done.duration = slot.started.elapsed();
        let data = if c.dir == 1 {
            slot.data.get(..usize::try_from(c.in_len).unwrap_or(0)).unwrap_or_default()
        } else {
            &[]
        };
        Ok(IscsiDone { tag, completion: done, command: slot.command, data })
    }
}

impl Drop for IscsiQueue {
    fn drop(&mut self) {
        let start = Instant::now();
        while self.in_flight > 0 && start.elapsed() < Duration::from_secs(30) {
            if self.wait(Duration::from_millis(100)).is_err()
                && self.slots.iter().all(|s| !s.busy || s.c.done == 0)
            {
                break;
            }
        }
        if self.in_flight > 0 {
            // The target is logged out below, but never free what libiscsi may still write.
            for s in std::mem::take(&mut self.slots) {
                std::mem::forget(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse() {
        let u = IscsiUrl::parse("iscsi://127.0.0.1:3261/iqn.2026-01.test:disk1/1").unwrap();
        assert_eq!(
            u,
            IscsiUrl { portal: "127.0.0.1:3261".into(), target: "iqn.2026-01.test:disk1".into(), lun: 1 }
        );
        assert_eq!(IscsiUrl::parse("iscsi://host/iqn.x:y/0").unwrap().portal, "host:3260");
        assert_eq!(IscsiUrl::parse("iscsi://[::1]/iqn.x/0").unwrap().portal, "[::1]:3260");
        assert_eq!(IscsiUrl::parse("iscsi://[::1]:99/iqn.x/0").unwrap().portal, "[::1]:99");
        for bad in
            ["iscsi://host", "iscsi://host/iqn", "iscsi://host/iqn/x", "iscsi:///iqn/1", "iscsi://u@h/iqn/1"]
        {
            assert!(matches!(IscsiUrl::parse(bad), Err(Error::BadDevice { .. })), "{bad}");
        }
    }
}
