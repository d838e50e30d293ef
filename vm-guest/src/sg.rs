//! TEMPORARY: a minimal Linux SG_IO (sg v3) call, used until the project's transport crate
//! `scsi-io` is merged into this program; then `Device::execute` goes through it and this
//! file is deleted. It checks the buffer against the command's own direction and length the
//! way `scsi-io` does, so a mismatch is never sent.

use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::time::{Duration, Instant};

use scsi_cdb::{Cdb, DataDirection};

const SG_IO: libc::c_ulong = 0x2285;
const SG_DXFER_NONE: libc::c_int = -1;
const SG_DXFER_TO_DEV: libc::c_int = -2;
const SG_DXFER_FROM_DEV: libc::c_int = -3;

/// `struct sg_io_hdr` of `<scsi/sg.h>`.
#[repr(C)]
struct SgIoHdr {
    interface_id: libc::c_int,
    dxfer_direction: libc::c_int,
    cmd_len: u8,
    mx_sb_len: u8,
    iovec_count: u16,
    dxfer_len: u32,
    dxferp: *mut libc::c_void,
    cmdp: *const u8,
    sbp: *mut u8,
    timeout: u32,
    flags: u32,
    pack_id: libc::c_int,
    usr_ptr: *mut libc::c_void,
    status: u8,
    masked_status: u8,
    msg_status: u8,
    sb_len_wr: u8,
    host_status: u16,
    driver_status: u16,
    resid: libc::c_int,
    duration: u32,
    info: u32,
}

/// The data phase of one command.
pub enum Data<'a> {
    /// No data.
    None,
    /// Data-in into this buffer.
    In(&'a mut [u8]),
    /// Data-out from this buffer.
    Out(&'a [u8]),
}

/// What the device answered.
#[derive(Debug, Clone)]
pub struct Completion {
    /// SCSI status byte.
    pub status: u8,
    /// Sense bytes the device returned.
    pub sense: Vec<u8>,
    /// Bytes not transferred.
    pub resid: i32,
    /// Host (transport) status.
    pub host_status: u16,
    /// Driver status.
    pub driver_status: u16,
    /// Wall time of the call.
    pub duration: Duration,
}

impl Completion {
    /// GOOD status and no transport error.
    pub fn is_good(&self) -> bool {
        self.status == 0 && self.host_status == 0 && self.driver_status & 0x0F == 0
    }
}

/// An open `/dev/sgN` or block device.
pub struct Device {
    file: File,
    /// The path it was opened as.
    pub path: String,
}

impl Device {
    /// Opens read-write and non-blocking (as sg3_utils does).
    pub fn open(path: &str) -> std::io::Result<Self> {
        let file = OpenOptions::new().read(true).write(true).custom_flags(libc::O_NONBLOCK).open(path)?;
        Ok(Self { file, path: path.to_string() })
    }

    /// Sends `cdb` with `data`; the buffer must agree with the command's direction and
    /// transfer length (`block_size` for block counts).
    pub fn execute(&self, cdb: &dyn Cdb, data: Data<'_>, block_size: u32) -> Result<Completion, String> {
        let bytes = cdb.to_buf().map_err(|e| format!("{}: encode {:?}: {e}", self.path, cdb.opcode()))?;
        let want = cdb.transfer_len(block_size);
        let (dir, ptr, len) = match (cdb.direction(), data) {
            (DataDirection::None, Data::None) => (SG_DXFER_NONE, std::ptr::null_mut(), 0usize),
            (DataDirection::FromDevice, Data::In(b)) => (SG_DXFER_FROM_DEV, b.as_mut_ptr().cast(), b.len()),
            (DataDirection::ToDevice, Data::Out(b)) => {
                (SG_DXFER_TO_DEV, b.as_ptr().cast_mut().cast(), b.len())
            }
            (d, _) => {
                return Err(format!(
                    "{}: {:?}: buffer disagrees with direction {d:?}",
                    self.path,
                    cdb.opcode()
                ));
            }
        };
        if len as u64 != want {
            return Err(format!(
                "{}: {:?}: buffer {len} bytes, command transfers {want}",
                self.path,
                cdb.opcode()
            ));
        }
        let mut sense = [0u8; 252];
        let cdb_bytes = bytes.as_bytes();
        let mut hdr = SgIoHdr {
            interface_id: i32::from(b'S'),
            dxfer_direction: dir,
            cmd_len: cdb_bytes.len() as u8,
            mx_sb_len: sense.len() as u8,
            iovec_count: 0,
            dxfer_len: len as u32,
            dxferp: ptr,
            cmdp: cdb_bytes.as_ptr(),
            sbp: sense.as_mut_ptr(),
            timeout: 20_000,
            flags: 0,
            pack_id: 0,
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
        };
        let t = Instant::now();
        // SAFETY: `hdr` is a valid sg_io_hdr; every pointer in it (CDB, sense, data) points to
        // live memory of the stated length that outlives this synchronous call.
        let r = unsafe { libc::ioctl(self.file.as_raw_fd(), SG_IO, &mut hdr as *mut SgIoHdr) };
        let duration = t.elapsed();
        if r < 0 {
            return Err(format!(
                "{}: SG_IO {:?}: {}",
                self.path,
                cdb.opcode(),
                std::io::Error::last_os_error()
            ));
        }
        let n = usize::from(hdr.sb_len_wr).min(sense.len());
        Ok(Completion {
            status: hdr.status,
            sense: sense[..n].to_vec(),
            resid: hdr.resid,
            host_status: hdr.host_status,
            driver_status: hdr.driver_status,
            duration,
        })
    }
}
