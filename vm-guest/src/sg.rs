//! The guest's view of a device: the project's transport crate `scsi-io` (Linux SG_IO on
//! `/dev/sgN` and block devices), with the answer copied into an owned [`Completion`] so the
//! checks can keep it.

use std::time::Duration;

use scsi_cdb::Cdb;
use scsi_io::{DataBuffer, Options};

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
    /// Whether scsi-io judged the completion GOOD.
    good: bool,
    /// How long the command took.
    #[allow(dead_code)]
    pub duration: Duration,
}

impl Completion {
    /// GOOD status and no transport error.
    pub fn is_good(&self) -> bool {
        self.good
    }
}

/// An open `/dev/sgN` or block device.
pub struct Device {
    dev: scsi_io::Device,
    /// The path it was opened as.
    pub path: String,
}

impl Device {
    /// Opens the device through scsi-io.
    pub fn open(path: &str) -> std::io::Result<Self> {
        let dev = scsi_io::Device::open(path).map_err(std::io::Error::other)?;
        Ok(Self { dev, path: path.to_string() })
    }

    /// Sends `cdb` with `data`; scsi-io refuses a buffer that disagrees with the command's
    /// direction and transfer length (`block_size` for block counts).
    pub fn execute(&self, cdb: &dyn Cdb, data: Data<'_>, block_size: u32) -> Result<Completion, String> {
        let opts = Options { timeout: Duration::from_secs(20), block_size };
        let buf = match data {
            Data::None => DataBuffer::None,
            Data::In(b) => DataBuffer::In(b),
            Data::Out(b) => DataBuffer::Out(b),
        };
        let c = self.dev.execute_with(cdb, buf, &opts).map_err(|e| e.to_string())?;
        Ok(Completion {
            status: c.status.0,
            sense: c.sense().to_vec(),
            resid: c.resid as i32,
            host_status: c.host_status,
            good: c.is_good(),
            duration: c.duration,
        })
    }
}
