//! Driving [`scsi_cdb::probe::Probe`] over a [`Device`]: every step sent with
//! [`Device::execute_at`] to the LUN it names, every wait slept.
//!
//! An operating-system device node (an sg node, a Windows drive) reaches one logical unit, so
//! [`probe`] turns LUN discovery off there; an `iscsi://` device reaches every LUN of its
//! target through one session, so [`probe`] follows REPORT LUNS with an INQUIRY to each
//! reported LUN, as Linux's `scsi_scan` does after its login.

use std::time::Duration;

use scsi_cdb::probe::{DeviceProfile, Probe, ProbeConfig, Request, Step};
use scsi_cdb::{Status, Transfer};

use crate::{Completion, DataBuffer, Device, Error};

/// Probes the logical unit `device` reaches, as Linux brings up a disk (see
/// [`scsi_cdb::probe`]), READ CAPACITY (16) first as sd does for SPC-3 devices; over iSCSI
/// also the target's other LUNs (see [`Device::lun`]).
///
/// # Errors
/// The first [`Error`] of [`Device::execute`] (a transport or system failure; a SCSI status
/// other than GOOD is an answer, not an error).
pub fn probe(device: &Device) -> Result<DeviceProfile, Error> {
    // READ CAPACITY (16) first, as sd does for SPC-3 and later devices (the physical block
    // size and protection are only there); a device that rejects it is asked (10).
    let base = ProbeConfig { read_capacity_16_first: true, ..ProbeConfig::default() };
    let config = match device.lun() {
        Some(lun) => ProbeConfig { lun, discover_luns: true, ..base },
        None => ProbeConfig { discover_luns: false, ..base },
    };
    probe_with(device, config)
}

/// [`probe`] with the bounds and choices of `config`. With `discover_luns` on a device that
/// reaches one logical unit, the first INQUIRY to another LUN fails with
/// [`Error::Unsupported`].
///
/// # Errors
/// As [`probe`].
pub fn probe_with(device: &Device, config: ProbeConfig) -> Result<DeviceProfile, Error> {
    drive(
        config,
        |req, buf| {
            let data = if buf.is_empty() { DataBuffer::None } else { DataBuffer::In(buf) };
            device.execute_at(req.lun, &req.command, data)
        },
        std::thread::sleep,
    )
}

/// Runs a probe with `execute` sending each request (its command, to its LUN) into a data-in
/// buffer of the command's allocation length (empty for no data phase) and `sleep` waiting.
/// A completion whose transport failed is fed to the probe as TASK ABORTED (a failed
/// command, not retried).
///
/// # Errors
/// The first error `execute` returns.
pub fn drive(
    config: ProbeConfig,
    mut execute: impl FnMut(&Request, &mut [u8]) -> Result<Completion, Error>,
    mut sleep: impl FnMut(Duration),
) -> Result<DeviceProfile, Error> {
    let mut probe = Probe::new(config);
    let mut buf = vec![0u8; 0];
    loop {
        match probe.next() {
            Step::Send(req) => {
                let len = match scsi_cdb::Cdb::transfer(&req.command) {
                    Transfer::Bytes(n) => n as usize,
                    _ => 0,
                };
                buf.clear();
                buf.resize(len, 0);
                let done = execute(&req, &mut buf)?;
                let status = if done.transport_ok() { done.status } else { Status::TASK_ABORTED };
                probe.complete(status, done.sense(), done.data_in(&buf));
            }
            Step::Wait { millis } => sleep(Duration::from_millis(millis.into())),
            Step::Done => return Ok(probe.into_profile()),
        }
    }
}

#[cfg(test)]
#[path = "../../tests/probe_sim/mod.rs"]
mod probe_sim;

#[cfg(test)]
mod tests {
    use super::probe_sim;
    use super::*;
    use scsi_cdb::Cdb;
    use scsi_cdb::probe::End;

    #[test]
    fn drives_a_simulated_disk() {
        let mut dev =
            probe_sim::SimDevice { readiness: probe_sim::Readiness::Becoming(1), ..Default::default() };
        let mut slept = Vec::new();
        let profile = drive(
            ProbeConfig { discover_luns: false, ..ProbeConfig::default() },
            |req, buf| {
                let cdb = req.command.to_buf().expect("encodes");
                let mut sense = [0u8; 252];
                let (status, n, s) = dev.answer(cdb.as_bytes(), 0, buf, &mut sense);
                let mut c = Completion::new(status.0, &sense[..s], buf.len() as u32);
                c.resid = (buf.len() - n) as u32;
                Ok(c)
            },
            |d| slept.push(d),
        )
        .expect("no transport error");
        assert_eq!(slept, [Duration::from_secs(1)]);
        assert_eq!(
            (profile.end, profile.capacity_blocks, profile.write_cache),
            (End::Complete, Some(2 << 20), Some(true))
        );
        assert_eq!(
            dev.log,
            ["TUR", "TUR", "INQ", "INQ(96)", "VPD00", "VPD80", "VPD83", "VPDB0", "VPDB1", "RC10", "MS10"]
        );
    }

    #[test]
    fn a_transport_failure_is_a_failed_command() {
        let profile = drive(
            ProbeConfig::default(),
            |_, buf| {
                let mut c = Completion::new(0, &[], buf.len() as u32);
                c.host_status = 0x07;
                Ok(c)
            },
            |_| {},
        )
        .expect("answers only");
        assert_eq!((profile.end, profile.commands), (End::InquiryFailed, 2));
    }

    #[test]
    fn the_first_error_is_returned() {
        let r = drive(
            ProbeConfig::default(),
            |_, _| Err(Error::BadDevice { device: "sim".into(), what: "gone".into() }),
            |_| {},
        );
        assert!(matches!(r, Err(Error::BadDevice { .. })));
    }
}
