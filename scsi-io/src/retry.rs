//! Sending a command until [`scsi_cdb::recovery::decide`] says it is done or failed.
//!
//! [`execute_retrying`] sends a command, asks [`decide`] what to do about the completion, and
//! does it: waits for [`Action::RetryAfter`], sends START STOP UNIT (START = 1) for
//! [`Action::StartUnitThenRetry`], READ CAPACITY for [`Action::RereadCapacityThenRetry`],
//! REPORT LUNS for [`Action::RescanThenRetry`] (that also clears the unit attention), and the
//! rewritten CDB of [`fallback_cdb`] for [`Action::FallBack`]. It stops at [`Action::Done`] or
//! [`Action::Fail`] and returns the last completion with every action taken, so the caller
//! can see that it ended with, say, READ CAPACITY(10) and parse that command's data.
//!
//! The recovery commands' own completions do not count against the budget and are not decided
//! on: if START STOP UNIT fails, the retried command says so.

use std::time::Duration;

use scsi_cdb::cdb::sbc::StartStopUnit;
use scsi_cdb::cdb::spc::ReportLuns;
use scsi_cdb::data::{ReadCapacity10Data, ReadCapacity16Data};
use scsi_cdb::recovery::{
    Action, CommandId, Completed, FallbackCdb, Policy, Reason, Transport, decide, errno, fallback_cdb,
};
use scsi_cdb::{Cdb, DataDirection, RawCdb, ReadCapacity10, ReadCapacity16};

use crate::{Completion, DataBuffer, Device, Error};

/// Something that executes commands: a [`Device`], or a fake one in tests.
pub trait Execute {
    /// Sends `cdb` with `data` (as [`Device::execute`]).
    ///
    /// # Errors
    /// As [`Device::execute`].
    fn execute_cdb<C: Cdb + ?Sized>(&self, cdb: &C, data: DataBuffer<'_>) -> Result<Completion, Error>;

    /// Waits `d` before the next attempt (a fake device records it instead).
    fn sleep(&self, d: Duration) {
        std::thread::sleep(d);
    }
}

impl Execute for Device {
    fn execute_cdb<C: Cdb + ?Sized>(&self, cdb: &C, data: DataBuffer<'_>) -> Result<Completion, Error> {
        self.execute(cdb, data)
    }
}

/// What [`execute_retrying`] did.
#[derive(Debug, Clone)]
pub struct Retried {
    /// The last completion of the command (or of its fallback).
    pub completion: Completion,
    /// Every decision, in order; the last is [`Action::Done`] or [`Action::Fail`].
    pub actions: Vec<Action>,
    /// The command the completion belongs to (the original, or the fallback it ended with).
    pub command: CommandId,
    /// Attempts of the command (and its fallbacks) sent.
    pub attempts: u32,
    /// Time spent waiting between attempts.
    pub waited: Duration,
    /// (last LBA, block length) from the READ CAPACITY sent for
    /// [`Action::RereadCapacityThenRetry`], the last one if there were several.
    pub capacity: Option<(u64, u32)>,
}

impl Retried {
    /// The final decision.
    #[must_use]
    pub fn outcome(&self) -> Action {
        self.actions.last().copied().unwrap_or(Action::Fail { errno: errno::EIO, reason: Reason::Transport })
    }

    /// True when the final decision is [`Action::Done`].
    #[must_use]
    pub fn is_done(&self) -> bool {
        matches!(self.outcome(), Action::Done(_))
    }
}

fn reborrow<'b>(d: &'b mut DataBuffer<'_>) -> DataBuffer<'b> {
    match d {
        DataBuffer::None => DataBuffer::None,
        DataBuffer::In(b) => DataBuffer::In(b),
        DataBuffer::Out(b) => DataBuffer::Out(b),
    }
}

/// The transport outcome of a completion (Linux host status; a driver error other than
/// DRIVER_SENSE counts as transient).
fn transport_of(c: &Completion) -> Transport {
    match Transport::from_linux_host_status(c.host_status) {
        Transport::Ok if !c.transport_ok() => Transport::Transient,
        t => t,
    }
}

/// The fallback's buffer: the caller's, cut to the fallback's data length when it has one.
fn fallback_data<'b>(
    data: &'b mut DataBuffer<'_>,
    f: &FallbackCdb,
) -> Option<(DataBuffer<'b>, DataDirection, u32)> {
    Some(match (data, f.data_len) {
        (DataBuffer::In(b), Some(n)) => {
            let b = b.get_mut(..n as usize)?;
            (DataBuffer::In(b), DataDirection::FromDevice, n)
        }
        (DataBuffer::Out(b), Some(n)) => {
            let b = b.get(..n as usize)?;
            (DataBuffer::Out(b), DataDirection::ToDevice, n)
        }
        (_, Some(_)) => return None,
        (DataBuffer::None, None) => (DataBuffer::None, DataDirection::None, 0),
        (DataBuffer::In(b), None) => {
            let n = u32::try_from(b.len()).ok()?;
            (DataBuffer::In(b), DataDirection::FromDevice, n)
        }
        (DataBuffer::Out(b), None) => {
            let n = u32::try_from(b.len()).ok()?;
            (DataBuffer::Out(b), DataDirection::ToDevice, n)
        }
    })
}

fn read_capacity(dev: &(impl Execute + ?Sized)) -> Result<Option<(u64, u32)>, Error> {
    let mut b16 = [0u8; ReadCapacity16::DATA_LEN as usize];
    let c = dev.execute_cdb(&ReadCapacity16::new(), DataBuffer::In(&mut b16))?;
    if c.is_good() {
        if let Ok(d) = ReadCapacity16Data::parse(c.data_in(&b16)) {
            return Ok(Some((d.last_lba, d.block_len)));
        }
    }
    let mut b10 = [0u8; ReadCapacity10::DATA_LEN as usize];
    let c = dev.execute_cdb(&ReadCapacity10::new(), DataBuffer::In(&mut b10))?;
    Ok(c.is_good()
        .then(|| ReadCapacity10Data::parse(c.data_in(&b10)).ok())
        .flatten()
        .map(|d| (u64::from(d.last_lba), d.block_len)))
}

/// Sends `cdb` with `data` and recovers under `policy` (see the module docs).
///
/// # Errors
/// Any [`Error`] from sending the command, its fallback or a recovery command (a wrong buffer, an
/// I/O error): errors are not retried, they are the caller's to judge.
pub fn execute_retrying(
    dev: &(impl Execute + ?Sized),
    cdb: &(impl Cdb + ?Sized),
    mut data: DataBuffer<'_>,
    policy: &Policy,
) -> Result<Retried, Error> {
    let mut actions = Vec::new();
    let mut command = CommandId::of(cdb);
    let mut fallback: Option<([u8; 16], FallbackCdb)> = None;
    let mut attempts = 0u32;
    let mut waited = Duration::ZERO;
    let mut capacity = None;
    loop {
        let completion = match &fallback {
            None => dev.execute_cdb(cdb, reborrow(&mut data))?,
            Some((bytes, f)) => {
                let name = crate::CommandName::of(cdb);
                // Checked when the fallback was chosen, so this does not fail.
                let Some((buf, dir, len)) = fallback_data(&mut data, f) else {
                    return Err(Error::Unsupported {
                        device: String::new(),
                        command: name,
                        what: "the buffer does not fit the fallback command".into(),
                    });
                };
                let raw = RawCdb::new(bytes.get(..f.len).unwrap_or_default(), dir, len)
                    .map_err(|source| Error::Encode { device: String::new(), command: name, source })?;
                dev.execute_cdb(&raw, buf)?
            }
        };
        attempts += 1;
        let done = Completed::new(command, completion.status, completion.sense())
            .transport(transport_of(&completion))
            .attempt(attempts)
            .elapsed_delay(waited);
        let mut action = decide(&done, policy);
        if let Action::FallBack(to) = action {
            let mut bytes = [0u8; 16];
            let current = match &fallback {
                Some((b, f)) => b.get(..f.len).unwrap_or_default().to_vec(),
                None => cdb.to_buf().map(|b| b.as_bytes().to_vec()).unwrap_or_default(),
            };
            match fallback_cdb(&current, &mut bytes) {
                Some(f) if f.command == to && fallback_data(&mut data, &f).is_some() => {
                    fallback = Some((bytes, f));
                    command = to;
                }
                // No byte-level rewrite (REPORT LUNS, fields that do not fit, a buffer of the
                // wrong kind): the command is simply not supported.
                _ => action = Action::Fail { errno: errno::EOPNOTSUPP, reason: Reason::InvalidOpcode },
            }
        }
        actions.push(action);
        match action {
            Action::Done(_) | Action::Fail { .. } => {
                return Ok(Retried { completion, actions, command, attempts, waited, capacity });
            }
            Action::Retry | Action::FallBack(_) => {}
            Action::RetryAfter(d) => {
                dev.sleep(d);
                waited += d;
            }
            Action::StartUnitThenRetry => {
                dev.execute_cdb(&StartStopUnit::start(), DataBuffer::None)?;
            }
            Action::RereadCapacityThenRetry => capacity = read_capacity(dev)?.or(capacity),
            Action::RescanThenRetry => {
                let mut b = [0u8; 16];
                let luns = ReportLuns { allocation_length: 16, ..ReportLuns::default() };
                dev.execute_cdb(&luns, DataBuffer::In(&mut b))?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use scsi_cdb::recovery::Note;
    use scsi_cdb::sense::SenseBuilder;
    use scsi_cdb::{AdditionalSense, OpCode, Read10, SenseKey, Status, SynchronizeCache16, TestUnitReady};

    use super::*;

    /// A device that answers from a script, one (status, sense) per command, then GOOD; READ
    /// CAPACITY answers carry a fixed capacity.
    #[derive(Default)]
    struct Fake {
        script: RefCell<Vec<(u8, Vec<u8>)>>,
        sent: RefCell<Vec<Vec<u8>>>,
        slept: RefCell<Vec<Duration>>,
        /// Opcodes that always answer INVALID COMMAND OPERATION CODE.
        unsupported: Vec<u8>,
        /// Answer every command with this forever.
        stubborn: Option<(u8, Vec<u8>)>,
    }

    impl Fake {
        fn with(script: Vec<(u8, Vec<u8>)>) -> Self {
            Self { script: RefCell::new(script.into_iter().rev().collect()), ..Self::default() }
        }
        fn ops(&self) -> Vec<u8> {
            self.sent.borrow().iter().map(|c| c[0]).collect()
        }
    }

    impl Execute for Fake {
        fn execute_cdb<C: Cdb + ?Sized>(
            &self,
            cdb: &C,
            mut data: DataBuffer<'_>,
        ) -> Result<Completion, Error> {
            let req = crate::Request::new("fake", cdb, &data, 512)?;
            let bytes = req.cdb().to_vec();
            self.sent.borrow_mut().push(bytes.clone());
            if self.unsupported.contains(&bytes[0]) {
                return Ok(Completion::new(2, &SenseBuilder::invalid_opcode().to_vec(), req.len));
            }
            if let Some((st, sense)) = &self.stubborn {
                return Ok(Completion::new(*st, sense, req.len));
            }
            if let Some((st, sense)) = self.script.borrow_mut().pop() {
                return Ok(Completion::new(st, &sense, req.len));
            }
            if let DataBuffer::In(b) = &mut data {
                match bytes[0] {
                    0x25 => b.copy_from_slice(&[0, 0, 0x0F, 0xFF, 0, 0, 2, 0]),
                    0x9E => b[..12].copy_from_slice(&[0, 0, 0, 0, 0, 0, 0x1F, 0xFF, 0, 0, 0x10, 0]),
                    _ => {}
                }
            }
            Ok(Completion::new(0, &[], req.len))
        }

        fn sleep(&self, d: Duration) {
            self.slept.borrow_mut().push(d);
        }
    }

    fn cc(key: SenseKey, asc: u8, ascq: u8) -> (u8, Vec<u8>) {
        (2, SenseBuilder::new(key, AdditionalSense::new(asc, ascq)).to_vec())
    }

    #[test]
    fn good_at_once() {
        let dev = Fake::default();
        let r = execute_retrying(&dev, &TestUnitReady::new(), DataBuffer::None, &Policy::DEFAULT).unwrap();
        assert_eq!(r.actions, [Action::Done(Note::Good)]);
        assert_eq!((r.attempts, dev.ops()), (1, vec![0x00]));
    }

    #[test]
    fn start_unit_then_not_ready_then_unit_attention_then_good() {
        let dev = Fake::with(vec![
            cc(SenseKey::NotReady, 0x04, 0x02),
            (0, vec![]), // the START STOP UNIT
            cc(SenseKey::NotReady, 0x04, 0x01),
            cc(SenseKey::UnitAttention, 0x29, 0x00),
        ]);
        let r = execute_retrying(&dev, &TestUnitReady::new(), DataBuffer::None, &Policy::DEFAULT).unwrap();
        let p = Policy::DEFAULT;
        assert_eq!(
            r.actions,
            [
                Action::StartUnitThenRetry,
                Action::RetryAfter(p.not_ready_delay),
                Action::Retry,
                Action::Done(Note::Good)
            ]
        );
        assert_eq!(dev.ops(), [0x00, 0x1B, 0x00, 0x00, 0x00]);
        assert_eq!(dev.sent.borrow()[1], [0x1B, 0, 0, 0, 0x01, 0]);
        assert_eq!(*dev.slept.borrow(), [p.not_ready_delay]);
        assert_eq!((r.attempts, r.waited), (4, p.not_ready_delay));
    }

    #[test]
    fn capacity_change_rereads_the_capacity() {
        let dev = Fake::with(vec![cc(SenseKey::UnitAttention, 0x2A, 0x09)]);
        let mut buf = vec![0u8; 512];
        let r =
            execute_retrying(&dev, &Read10::new(0, 1), DataBuffer::In(&mut buf), &Policy::DEFAULT).unwrap();
        assert_eq!(r.actions, [Action::RereadCapacityThenRetry, Action::Done(Note::Good)]);
        assert_eq!(dev.ops(), [0x28, 0x9E, 0x28]);
        assert_eq!(r.capacity, Some((0x1FFF, 4096)));
    }

    #[test]
    fn lun_change_sends_report_luns() {
        let dev = Fake::with(vec![cc(SenseKey::UnitAttention, 0x3F, 0x0E)]);
        let r = execute_retrying(&dev, &TestUnitReady::new(), DataBuffer::None, &Policy::DEFAULT).unwrap();
        assert_eq!(r.actions, [Action::RescanThenRetry, Action::Done(Note::Good)]);
        assert_eq!(dev.ops(), [0x00, 0xA0, 0x00]);
    }

    #[test]
    fn read_capacity_16_falls_back_to_10() {
        let dev = Fake { unsupported: vec![0x9E], ..Fake::default() };
        let mut buf = [0u8; 32];
        let r = execute_retrying(&dev, &ReadCapacity16::new(), DataBuffer::In(&mut buf), &Policy::DEFAULT)
            .unwrap();
        assert_eq!(r.actions, [Action::FallBack(CommandId::READ_CAPACITY_10), Action::Done(Note::Good)]);
        assert_eq!(r.command, CommandId::READ_CAPACITY_10);
        assert_eq!(dev.ops(), [0x9E, 0x25]);
        assert_eq!(&buf[..8], &[0, 0, 0x0F, 0xFF, 0, 0, 2, 0]);
    }

    #[test]
    fn sync_cache_16_falls_back_to_10_and_then_fails() {
        let dev = Fake { unsupported: vec![0x91, 0x35], ..Fake::default() };
        let r = execute_retrying(&dev, &SynchronizeCache16::new(0, 0), DataBuffer::None, &Policy::DEFAULT)
            .unwrap();
        assert_eq!(
            r.actions,
            [
                Action::FallBack(CommandId::SYNCHRONIZE_CACHE_10),
                Action::Fail { errno: errno::EOPNOTSUPP, reason: Reason::InvalidOpcode }
            ]
        );
        assert_eq!(dev.ops(), [0x91, 0x35]);
        assert!(!r.is_done());
    }

    #[test]
    fn report_luns_has_no_byte_level_fallback() {
        let dev = Fake { unsupported: vec![0xA0], ..Fake::default() };
        let mut b = [0u8; 16];
        let luns = ReportLuns { allocation_length: 16, ..ReportLuns::default() };
        let r = execute_retrying(&dev, &luns, DataBuffer::In(&mut b), &Policy::DEFAULT).unwrap();
        assert_eq!(r.actions, [Action::Fail { errno: errno::EOPNOTSUPP, reason: Reason::InvalidOpcode }]);
        assert_eq!(dev.ops(), [0xA0]);
    }

    #[test]
    fn a_stubborn_busy_device_is_bounded() {
        let dev = Fake { stubborn: Some((0x08, vec![])), ..Fake::default() };
        let p = Policy { max_retries: 3, busy_delay: Duration::from_millis(10), ..Policy::DEFAULT };
        let r = execute_retrying(&dev, &TestUnitReady::new(), DataBuffer::None, &p).unwrap();
        assert_eq!(r.attempts, 4);
        assert_eq!(dev.slept.borrow().len(), 3);
        assert_eq!(r.outcome(), Action::Fail { errno: errno::EBUSY, reason: Reason::RetriesExhausted });
        assert_eq!(r.completion.status, Status::BUSY);
    }

    #[test]
    fn medium_error_fails_with_the_lba() {
        let sense =
            SenseBuilder::new(SenseKey::MediumError, AdditionalSense::new(0x11, 0)).information(77).to_vec();
        let dev = Fake::with(vec![(2, sense)]);
        let mut buf = vec![0u8; 512];
        let r =
            execute_retrying(&dev, &Read10::new(77, 1), DataBuffer::In(&mut buf), &Policy::DEFAULT).unwrap();
        assert_eq!(
            r.actions,
            [Action::Fail { errno: errno::EIO, reason: Reason::MediumError { lba: Some(77) } }]
        );
        assert_eq!(dev.ops(), [OpCode::READ_10.0]);
    }

    #[test]
    fn transport_errors_are_retried() {
        struct Flaky(RefCell<u32>);
        impl Execute for Flaky {
            fn execute_cdb<C: Cdb + ?Sized>(
                &self,
                cdb: &C,
                data: DataBuffer<'_>,
            ) -> Result<Completion, Error> {
                let req = crate::Request::new("fake", cdb, &data, 512)?;
                let mut c = Completion::new(0, &[], req.len);
                let mut n = self.0.borrow_mut();
                *n += 1;
                if *n < 3 {
                    c.host_status = 0x07; // DID_ERROR
                }
                Ok(c)
            }
        }
        let dev = Flaky(RefCell::new(0));
        let r = execute_retrying(&dev, &TestUnitReady::new(), DataBuffer::None, &Policy::DEFAULT).unwrap();
        assert_eq!(r.actions, [Action::Retry, Action::Retry, Action::Done(Note::Good)]);
    }
}
