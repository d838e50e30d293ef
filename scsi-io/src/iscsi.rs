//! iSCSI through the system libiscsi (feature `libiscsi`): `iscsi://host[:port]/target-iqn/lun`.
//!
//! One session per [`IscsiDevice`], logged in at open and out at drop; commands are sent with
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

/// An iSCSI logical unit with a logged-in session.
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

    pub(crate) fn send(
        &self,
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
                c_int::from(self.lun),
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
