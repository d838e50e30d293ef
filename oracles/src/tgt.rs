//! A real SCSI target for tests: `tgtd` (Debian package tgt) on 127.0.0.1 with one
//! file-backed LUN, and a libiscsi session to it (through csrc/tgt.c).
//!
//! The target listens on a free loopback port and its own control port, so it never clashes
//! with another instance. Dropping [`Target`] deletes the target with `tgtadm` (tgtd ignores
//! SIGTERM while targets exist), then kills the daemon and removes the backing file, on every
//! path including a failing test. A watchdog kills the daemon after a deadline, so a hung
//! target cannot hang the test run.

use std::ffi::{CString, c_char, c_int, c_void};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

unsafe extern "C" {
    fn oracle_tgt_connect(portal: *const c_char, target: *const c_char, lun: c_int) -> *mut c_void;
    #[allow(clippy::too_many_arguments)]
    fn oracle_tgt_command(
        c: *mut c_void,
        lun: c_int,
        cdb: *const u8,
        cdb_len: c_int,
        dir: c_int,
        xfer_len: c_int,
        out: *const u8,
        out_len: c_int,
        inp: *mut u8,
        in_cap: c_int,
        in_len: *mut c_int,
        sense: *mut u8,
        sense_cap: c_int,
        sense_len: *mut c_int,
    ) -> c_int;
    fn oracle_tgt_disconnect(c: *mut c_void);
}

/// The target's IQN.
pub const IQN: &str = "iqn.2026-01.test.scsi-cdb:disk1";
/// Size of the backing file.
pub const DISK_BYTES: u64 = 16 << 20;

/// A running tgtd with one LUN (LUN 1).
pub struct Target {
    child: Option<Child>,
    control_port: u16,
    /// The iSCSI portal, `127.0.0.1:PORT`.
    pub portal: String,
    dir: PathBuf,
    stop_watchdog: Arc<AtomicBool>,
}

/// Why the target could not be started (the test then says so and skips, outside CI).
#[derive(Debug)]
pub struct Unavailable(pub String);

fn tgtadm(control_port: u16, args: &[&str]) -> Result<(), Unavailable> {
    let out = Command::new("tgtadm")
        .arg("-C")
        .arg(control_port.to_string())
        .args(args)
        .output()
        .map_err(|e| Unavailable(format!("tgtadm: {e}")))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(Unavailable(format!("tgtadm {args:?}: {}", String::from_utf8_lossy(&out.stderr))))
    }
}

impl Target {
    /// Starts tgtd and configures the target; `deadline` bounds the whole test.
    ///
    /// # Errors
    /// [`Unavailable`] when tgtd is not installed, not root, or does not come up.
    pub fn start(deadline: Duration) -> Result<Self, Unavailable> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| Unavailable(e.to_string()))?
            .port();
        let control_port = 20000 + (std::process::id() % 10000) as u16;
        let dir = std::env::temp_dir().join(format!("scsi-cdb-tgt-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Unavailable(e.to_string()))?;
        let disk = dir.join("disk.img");
        std::fs::File::create(&disk)
            .and_then(|f| f.set_len(DISK_BYTES))
            .map_err(|e| Unavailable(e.to_string()))?;
        let child = Command::new("tgtd")
            .args(["-f", "-C", &control_port.to_string(), "--iscsi", &format!("portal=127.0.0.1:{port}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Unavailable(format!("tgtd: {e}")))?;
        let pid = child.id();
        let stop_watchdog = Arc::new(AtomicBool::new(false));
        let stop = stop_watchdog.clone();
        std::thread::spawn(move || {
            let start = Instant::now();
            while start.elapsed() < deadline {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            eprintln!("live target: deadline passed, killing tgtd");
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        });
        let mut t = Self {
            child: Some(child),
            control_port,
            portal: format!("127.0.0.1:{port}"),
            dir,
            stop_watchdog,
        };
        let up = Instant::now();
        while TcpStream::connect(&t.portal).is_err() {
            if up.elapsed() > Duration::from_secs(10) {
                return Err(Unavailable("tgtd did not listen within 10 s".into()));
            }
            if let Some(Ok(Some(s))) = t.child.as_mut().map(Child::try_wait) {
                return Err(Unavailable(format!("tgtd exited: {s}")));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let cp = t.control_port;
        tgtadm(cp, &["--lld", "iscsi", "--op", "new", "--mode", "target", "--tid", "1", "-T", IQN])?;
        let disk = disk.to_string_lossy().into_owned();
        tgtadm(
            cp,
            &[
                "--lld",
                "iscsi",
                "--op",
                "new",
                "--mode",
                "logicalunit",
                "--tid",
                "1",
                "--lun",
                "1",
                "-b",
                &disk,
            ],
        )?;
        tgtadm(cp, &["--lld", "iscsi", "--op", "bind", "--mode", "target", "--tid", "1", "-I", "ALL"])?;
        Ok(t)
    }

    /// Opens an iSCSI session to LUN `lun`.
    ///
    /// # Errors
    /// When libiscsi cannot log in.
    pub fn session(&self, lun: i32) -> Result<Session, Unavailable> {
        let portal = CString::new(self.portal.clone()).map_err(|e| Unavailable(e.to_string()))?;
        let iqn = CString::new(IQN).map_err(|e| Unavailable(e.to_string()))?;
        // SAFETY: both strings are NUL-terminated and outlive the call.
        let c = unsafe { oracle_tgt_connect(portal.as_ptr(), iqn.as_ptr(), lun) };
        if c.is_null() {
            return Err(Unavailable("libiscsi login failed".into()));
        }
        Ok(Session { ctx: c, lun })
    }
}

impl Drop for Target {
    fn drop(&mut self) {
        let _ = tgtadm(self.control_port, &["--op", "delete", "--mode", "system", "--force"]);
        if let Some(mut c) = self.child.take() {
            let start = Instant::now();
            loop {
                match c.try_wait() {
                    Ok(Some(_)) | Err(_) => break,
                    Ok(None) if start.elapsed() > Duration::from_secs(5) => {
                        let _ = c.kill();
                        let _ = c.wait();
                        break;
                    }
                    Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                }
            }
        }
        self.stop_watchdog.store(true, Ordering::Relaxed);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What a command returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// SCSI status.
    pub status: u8,
    /// Data-in bytes.
    pub data: Vec<u8>,
    /// Sense bytes (CHECK CONDITION).
    pub sense: Vec<u8>,
}

/// An iSCSI session.
pub struct Session {
    ctx: *mut c_void,
    lun: i32,
}

impl Session {
    /// Sends a CDB. `dir`: 0 none, 1 data-in, 2 data-out (libiscsi's values).
    ///
    /// # Panics
    /// When the command cannot be sent (connection lost, timeout).
    pub fn command(&mut self, cdb: &[u8], dir: i32, xfer_len: usize, out: &[u8]) -> Reply {
        let mut data = vec![0u8; xfer_len.max(1)];
        let mut sense = [0u8; 260];
        let (mut n, mut s) = (0, 0);
        // SAFETY: every pointer and length pair describes a live buffer of that length.
        let status = unsafe {
            oracle_tgt_command(
                self.ctx,
                self.lun,
                cdb.as_ptr(),
                cdb.len() as c_int,
                dir,
                xfer_len as c_int,
                out.as_ptr(),
                out.len() as c_int,
                data.as_mut_ptr(),
                data.len() as c_int,
                &mut n,
                sense.as_mut_ptr(),
                sense.len() as c_int,
                &mut s,
            )
        };
        assert!(status >= 0, "command {cdb:02x?} could not be sent");
        data.truncate(n as usize);
        Reply { status: status as u8, data, sense: sense[..s as usize].to_vec() }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // SAFETY: the context came from oracle_tgt_connect and is released once.
        unsafe { oracle_tgt_disconnect(self.ctx) };
    }
}
