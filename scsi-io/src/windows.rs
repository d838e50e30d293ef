//! Windows: `IOCTL_SCSI_PASS_THROUGH_DIRECT` on `\\.\PhysicalDriveN`, `\\.\CdRomN`, `\\.\X:`.
//!
//! Compile-checked only (`cargo check --target x86_64-pc-windows-gnu -p scsi-io`); it has not
//! run against a Windows device. The request structure is declared here (not only taken from
//! `windows-sys`) so its size and offsets are unit-tested on every platform against the
//! Windows SDK's `ntddscsi.h`; on Windows a compile-time assertion also compares it with
//! `windows-sys`'s own definition.

/// `SCSI_PASS_THROUGH_DIRECT` of `ntddscsi.h`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
#[allow(non_snake_case)]
pub struct ScsiPassThroughDirect {
    /// `sizeof(SCSI_PASS_THROUGH_DIRECT)`.
    pub Length: u16,
    /// SCSI status, on return.
    pub ScsiStatus: u8,
    /// Filled by the port driver.
    pub PathId: u8,
    /// Filled by the port driver.
    pub TargetId: u8,
    /// Filled by the port driver.
    pub Lun: u8,
    /// CDB length (at most 16).
    pub CdbLength: u8,
    /// Sense buffer size.
    pub SenseInfoLength: u8,
    /// `SCSI_IOCTL_DATA_OUT` (0), `_IN` (1), `_UNSPECIFIED` (2).
    pub DataIn: u8,
    /// Data length; on return, the bytes transferred.
    pub DataTransferLength: u32,
    /// Timeout in seconds.
    pub TimeOutValue: u32,
    /// The caller's data buffer.
    pub DataBuffer: *mut core::ffi::c_void,
    /// Offset of the sense buffer from the start of this structure.
    pub SenseInfoOffset: u32,
    /// The CDB.
    pub Cdb: [u8; 16],
}

/// The sense buffer size requested (sg3_utils' Windows port uses the same 64).
pub const SENSE_LEN: usize = 64;

/// The request with its sense buffer after it, as `DeviceIoControl` gets it.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SptdWithSense {
    /// The request.
    pub sptd: ScsiPassThroughDirect,
    /// Sense bytes (at `SenseInfoOffset`).
    pub sense: [u8; SENSE_LEN],
}

/// `IOCTL_SCSI_PASS_THROUGH_DIRECT`: `CTL_CODE(IOCTL_SCSI_BASE, 0x0405, METHOD_BUFFERED,
/// FILE_READ_ACCESS | FILE_WRITE_ACCESS)`.
pub const IOCTL_SCSI_PASS_THROUGH_DIRECT: u32 = (0x0004 << 16) | (0x3 << 14) | (0x0405 << 2);

/// The longest CDB `SCSI_PASS_THROUGH_DIRECT` carries.
pub const CDB_MAX: usize = 16;

impl SptdWithSense {
    /// A request for `cdb` (at most 16 bytes), direction `data_in`, `len` bytes at `data`.
    #[must_use]
    pub fn new(cdb: &[u8], data_in: u8, len: u32, data: *mut core::ffi::c_void, timeout_s: u32) -> Self {
        let mut c = [0u8; 16];
        let n = cdb.len().min(CDB_MAX);
        if let (Some(dst), Some(src)) = (c.get_mut(..n), cdb.get(..n)) {
            dst.copy_from_slice(src);
        }
        Self {
            sptd: ScsiPassThroughDirect {
                Length: core::mem::size_of::<ScsiPassThroughDirect>() as u16,
                ScsiStatus: 0,
                PathId: 0,
                TargetId: 0,
                Lun: 0,
                CdbLength: n as u8,
                SenseInfoLength: SENSE_LEN as u8,
                DataIn: data_in,
                DataTransferLength: len,
                TimeOutValue: timeout_s,
                DataBuffer: data,
                SenseInfoOffset: core::mem::offset_of!(SptdWithSense, sense) as u32,
                Cdb: c,
            },
            sense: [0; SENSE_LEN],
        }
    }
}

#[cfg(windows)]
const _: () = {
    use windows_sys::Win32::Storage::IscsiDisc as sdk;
    assert!(
        core::mem::size_of::<ScsiPassThroughDirect>()
            == core::mem::size_of::<sdk::SCSI_PASS_THROUGH_DIRECT>()
    );
    assert!(
        core::mem::offset_of!(ScsiPassThroughDirect, Cdb)
            == core::mem::offset_of!(sdk::SCSI_PASS_THROUGH_DIRECT, Cdb)
    );
    assert!(
        core::mem::offset_of!(ScsiPassThroughDirect, DataBuffer)
            == core::mem::offset_of!(sdk::SCSI_PASS_THROUGH_DIRECT, DataBuffer)
    );
    assert!(IOCTL_SCSI_PASS_THROUGH_DIRECT == sdk::IOCTL_SCSI_PASS_THROUGH_DIRECT);
};

#[cfg(windows)]
mod backend {
    use std::fs::{File, OpenOptions};
    use std::os::windows::io::AsRawHandle;
    use std::time::{Duration, Instant};

    use windows_sys::Win32::System::IO::DeviceIoControl;

    use super::{CDB_MAX, IOCTL_SCSI_PASS_THROUGH_DIRECT, SptdWithSense};
    use crate::{Completion, DataBuffer, Error, Request};

    /// `ERROR_SEM_TIMEOUT`, what the port driver returns for a command that timed out.
    const ERROR_SEM_TIMEOUT: i32 = 121;
    /// `ERROR_INVALID_FUNCTION`: the device does not take SCSI pass-through.
    const ERROR_INVALID_FUNCTION: i32 = 1;

    /// A Windows device opened for SCSI pass-through.
    #[derive(Debug)]
    pub struct PassThroughDevice {
        file: File,
        name: String,
    }

    impl PassThroughDevice {
        /// Opens `path` read-write, shared (as sg3_utils does).
        ///
        /// # Errors
        /// [`Error::Open`].
        pub fn open(path: &str) -> Result<Self, Error> {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .open(path)
                .map_err(|source| Error::Open { device: path.to_owned(), source })?;
            Ok(Self { file, name: path.to_owned() })
        }

        /// The name it was opened as.
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
            if req.cdb().len() > CDB_MAX {
                return Err(Error::Unsupported {
                    device: self.name.clone(),
                    command: req.command,
                    what: format!(
                        "a {}-byte CDB is longer than SCSI_PASS_THROUGH_DIRECT's 16",
                        req.cdb().len()
                    ),
                });
            }
            if data.len() != req.len as usize && req.len != 0 {
                return Err(Error::LengthMismatch {
                    device: self.name.clone(),
                    command: req.command,
                    expected: u64::from(req.len),
                    blocks: None,
                    given: data.len(),
                });
            }
            let ptr: *mut core::ffi::c_void = match data {
                DataBuffer::None => std::ptr::null_mut(),
                DataBuffer::In(b) => b.as_mut_ptr().cast(),
                // Only read by the driver for SCSI_IOCTL_DATA_OUT.
                DataBuffer::Out(b) => b.as_ptr().cast_mut().cast(),
            };
            let secs = u32::try_from(timeout.as_secs().max(1)).unwrap_or(u32::MAX);
            let mut p = SptdWithSense::new(req.cdb(), req.direction.windows_data_in(), req.len, ptr, secs);
            let size = std::mem::size_of::<SptdWithSense>() as u32;
            let mut returned = 0u32;
            let start = Instant::now();
            let pp: *mut SptdWithSense = &mut p;
            // SAFETY: `p` is a complete SCSI_PASS_THROUGH_DIRECT followed by its sense buffer,
            // passed as both input and output buffer of `size` bytes; `SenseInfoOffset` and
            // `SenseInfoLength` stay within it. `DataBuffer` points to the caller's buffer of
            // exactly `DataTransferLength` bytes (checked above; null for no data), borrowed
            // mutably for data-in, and only read for data-out. The call is synchronous (no
            // OVERLAPPED), so every pointer outlives it; `returned` is a live u32.
            let ok = unsafe {
                DeviceIoControl(
                    self.file.as_raw_handle() as _,
                    IOCTL_SCSI_PASS_THROUGH_DIRECT,
                    pp.cast(),
                    size,
                    pp.cast(),
                    size,
                    &mut returned,
                    std::ptr::null_mut(),
                )
            };
            let elapsed = start.elapsed();
            if ok == 0 {
                let source = std::io::Error::last_os_error();
                return Err(match source.raw_os_error() {
                    Some(ERROR_SEM_TIMEOUT) => {
                        Error::Timeout { device: self.name.clone(), command: req.command, timeout }
                    }
                    Some(ERROR_INVALID_FUNCTION) => {
                        Error::NotScsi { device: self.name.clone(), command: Some(req.command), source }
                    }
                    _ => Error::Io {
                        device: self.name.clone(),
                        command: req.command,
                        call: "DeviceIoControl(IOCTL_SCSI_PASS_THROUGH_DIRECT)",
                        source,
                    },
                });
            }
            let sense_len = if p.sptd.ScsiStatus == 0 { 0 } else { usize::from(p.sptd.SenseInfoLength) };
            let sense = p.sense.get(..sense_len.min(p.sense.len())).unwrap_or_default();
            let mut c = Completion::new(p.sptd.ScsiStatus, sense, req.len);
            c.resid = req.len.saturating_sub(p.sptd.DataTransferLength);
            c.duration = elapsed;
            Ok(c)
        }
    }
}

#[cfg(windows)]
pub use backend::PassThroughDevice;

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::{offset_of, size_of};

    /// Offsets from the Windows SDK's ntddscsi.h for x64 (8-byte pointers; 4 bytes of padding
    /// after TimeOutValue).
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn scsi_pass_through_direct_matches_ntddscsi_h_on_x64() {
        assert_eq!(size_of::<ScsiPassThroughDirect>(), 56);
        assert_eq!(offset_of!(ScsiPassThroughDirect, Length), 0);
        assert_eq!(offset_of!(ScsiPassThroughDirect, ScsiStatus), 2);
        assert_eq!(offset_of!(ScsiPassThroughDirect, PathId), 3);
        assert_eq!(offset_of!(ScsiPassThroughDirect, TargetId), 4);
        assert_eq!(offset_of!(ScsiPassThroughDirect, Lun), 5);
        assert_eq!(offset_of!(ScsiPassThroughDirect, CdbLength), 6);
        assert_eq!(offset_of!(ScsiPassThroughDirect, SenseInfoLength), 7);
        assert_eq!(offset_of!(ScsiPassThroughDirect, DataIn), 8);
        assert_eq!(offset_of!(ScsiPassThroughDirect, DataTransferLength), 12);
        assert_eq!(offset_of!(ScsiPassThroughDirect, TimeOutValue), 16);
        assert_eq!(offset_of!(ScsiPassThroughDirect, DataBuffer), 24);
        assert_eq!(offset_of!(ScsiPassThroughDirect, SenseInfoOffset), 32);
        assert_eq!(offset_of!(ScsiPassThroughDirect, Cdb), 36);
        assert_eq!(offset_of!(SptdWithSense, sense), 56);
    }

    #[test]
    fn ioctl_code_is_ctl_code_4d014() {
        assert_eq!(IOCTL_SCSI_PASS_THROUGH_DIRECT, 0x0004_D014);
    }

    #[test]
    fn request_fields_follow_the_command() {
        use scsi_cdb::DataDirection;
        let cdb = [0x12, 0, 0, 0, 36, 0];
        let p = SptdWithSense::new(
            &cdb,
            DataDirection::FromDevice.windows_data_in(),
            36,
            core::ptr::null_mut(),
            60,
        );
        assert_eq!(usize::from(p.sptd.Length), size_of::<ScsiPassThroughDirect>());
        assert_eq!((p.sptd.CdbLength, p.sptd.DataIn, p.sptd.DataTransferLength), (6, 1, 36));
        assert_eq!(&p.sptd.Cdb[..6], &cdb);
        assert_eq!(p.sptd.SenseInfoOffset as usize, offset_of!(SptdWithSense, sense));
        assert_eq!(usize::from(p.sptd.SenseInfoLength), SENSE_LEN);
        assert_eq!(p.sptd.TimeOutValue, 60);
    }
}
