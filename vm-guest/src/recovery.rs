//! The recovery policy on the scsi_debug `errors` configuration: each injected condition takes
//! the documented path through `scsi_io::execute_retrying` (see `docs/recovery.md`).

use scsi_cdb::cdb::sbc::StartStopUnit;
use scsi_cdb::recovery::{Action, Note, Policy, Reason, errno};
use scsi_cdb::{Read10, TestUnitReady};
use scsi_io::{DataBuffer, Device, Retried, execute_retrying};

use crate::checks::Ctx;

fn sysfs_w(k: &str, v: &str) -> bool {
    std::fs::write(format!("/sys/bus/pseudo/drivers/scsi_debug/{k}"), v).is_ok()
}

fn read(dev: &Device, lba: u64, bs: u32) -> Result<Retried, String> {
    let cdb = Read10::try_new(lba, 1).map_err(|e| e.to_string())?;
    let mut buf = vec![0u8; bs as usize];
    execute_retrying(dev, &cdb, DataBuffer::In(&mut buf), &fast()).map_err(|e| e.to_string())
}

/// The default policy with short waits (the guest runs under TCG).
fn fast() -> Policy {
    let ms = std::time::Duration::from_millis(50);
    Policy { busy_delay: ms, task_set_full_delay: ms, not_ready_delay: ms, ..Policy::DEFAULT }
}

fn path(c: &mut Ctx, what: &str, got: Result<Retried, String>, want: &[Action]) {
    match got {
        Ok(r) => {
            c.eq(&format!("recovery {what}: actions"), r.actions.as_slice(), want);
        }
        Err(e) => {
            c.check(&format!("recovery {what}"), false, &e);
        }
    }
}

/// Medium error, recovered error, protection error, unit attention after a capacity change,
/// and NOT READY after a STOP, each through `execute_retrying`.
pub fn checks(c: &mut Ctx, bs: u32) {
    let Some(sg) = c.d.sg.clone() else { return };
    let dev = match Device::open(&format!("/dev/{sg}")) {
        Ok(d) => d,
        Err(e) => {
            c.check("recovery: open with scsi-io", false, &e.to_string());
            return;
        }
    };

    // opts=2: READ of LBA 1234h is an unrecovered read error; no retry, the LBA reported.
    let r = read(&dev, 0x1234, bs);
    let medium = Action::Fail { errno: errno::EIO, reason: Reason::MediumError { lba: Some(0x1234) } };
    path(c, "medium error", r, &[medium]);

    // Injected on every command: RECOVERED ERROR is done at once; a DIF error fails EILSEQ.
    for (what, opts, want) in [
        ("recovered error", 2 | 8, Action::Done(Note::RecoveredError)),
        ("protection error", 2 | 32, Action::Fail { errno: errno::EILSEQ, reason: Reason::Protection }),
    ] {
        let ok = sysfs_w("opts", &opts.to_string()) && sysfs_w("every_nth", "1");
        c.check(&format!("recovery {what}: inject opts={opts} every_nth=1"), ok, "");
        let r = read(&dev, 0, bs);
        let _ = sysfs_w("every_nth", "0");
        let _ = sysfs_w("opts", "2");
        path(c, what, r, &[want]);
    }

    // A capacity change: the unit attention makes the executor re-read the capacity.
    let ok = sysfs_w("virtual_gb", "2");
    c.check("recovery capacity change: set virtual_gb=2", ok, "");
    let r =
        execute_retrying(&dev, &TestUnitReady::new(), DataBuffer::None, &fast()).map_err(|e| e.to_string());
    let cap = r.as_ref().ok().and_then(|r| r.capacity);
    path(c, "capacity change", r, &[Action::RereadCapacityThenRetry, Action::Done(Note::Good)]);
    let want = (2u64 << 30) / u64::from(bs) - 1;
    c.eq("recovery capacity change: capacity read again", cap, Some((want, bs)));

    // STOP: media access answers NOT READY, INITIALIZING COMMAND REQUIRED until a START.
    let stopped = dev.execute(&StartStopUnit::stop(), DataBuffer::None).map(|d| d.is_good()).unwrap_or(false);
    c.check("recovery not ready: START STOP UNIT stop", stopped, "");
    let r = read(&dev, 0, bs);
    path(c, "not ready (stopped)", r, &[Action::StartUnitThenRetry, Action::Done(Note::Good)]);
}
