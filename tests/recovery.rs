//! Known answers for `recovery::decide`: every status, every sense key with the ASCs that change
//! the decision, in fixed and descriptor format; the retry and delay bound; the fallbacks and
//! their CDB rewrites; and properties over arbitrary input.

use core::time::Duration;

use proptest::prelude::*;
use scsi_cdb::recovery::{
    Action, CommandId, Completed, Note, Policy, Reason, Transport, decide, errno::*, fallback_cdb,
};
use scsi_cdb::sense::SenseBuilder;
use scsi_cdb::{AdditionalSense, OpCode, SenseKey, Status};

const P: Policy = Policy::DEFAULT;

/// The decision for `b` on `cmd` (first attempt), checked to be the same from fixed and
/// descriptor sense.
fn sense(cmd: CommandId, b: SenseBuilder) -> Action {
    let fixed = b.fixed().to_vec();
    let desc = b.descriptor().to_vec();
    let a = decide(&Completed::new(cmd, Status::CHECK_CONDITION, &fixed), &P);
    let d = decide(&Completed::new(cmd, Status::CHECK_CONDITION, &desc), &P);
    assert_eq!(a, d, "fixed {fixed:02x?} and descriptor {desc:02x?} disagree");
    a
}

fn kq(key: SenseKey, asc: u8, ascq: u8) -> SenseBuilder {
    SenseBuilder::new(key, AdditionalSense::new(asc, ascq))
}

fn tur(key: SenseKey, asc: u8, ascq: u8) -> Action {
    sense(CommandId::TEST_UNIT_READY, kq(key, asc, ascq))
}

fn status(st: Status) -> Action {
    decide(&Completed::new(CommandId::READ_10, st, &[]), &P)
}

fn failed(errno: i32, reason: Reason) -> Action {
    Action::Fail { errno, reason }
}

#[test]
fn statuses() {
    assert_eq!(status(Status::GOOD), Action::Done(Note::Good));
    assert_eq!(status(Status::CONDITION_MET), Action::Done(Note::ConditionMet));
    assert_eq!(status(Status::INTERMEDIATE), Action::Done(Note::ConditionMet));
    assert_eq!(status(Status::BUSY), Action::RetryAfter(P.busy_delay));
    assert_eq!(status(Status::TASK_SET_FULL), Action::RetryAfter(P.task_set_full_delay));
    assert_eq!(status(Status::TASK_ABORTED), Action::Retry);
    assert_eq!(status(Status::RESERVATION_CONFLICT), failed(EBADE, Reason::ReservationConflict));
    assert_eq!(status(Status::ACA_ACTIVE), failed(EIO, Reason::AcaActive));
    assert_eq!(status(Status(0x3C)), failed(EIO, Reason::UnexpectedStatus));
    // CHECK CONDITION without sense, with garbage, with a response code only.
    assert_eq!(status(Status::CHECK_CONDITION), Action::Retry);
    for junk in [&[0x00u8, 0, 5][..], &[0x70], &[0x72]] {
        let c = Completed::new(CommandId::READ_10, Status::CHECK_CONDITION, junk);
        assert_eq!(decide(&c, &P), Action::Retry, "{junk:02x?}");
    }
    // GOOD with sense attached (ATA PASS-THROUGH information) is still done.
    let b = kq(SenseKey::RecoveredError, 0x00, 0x1D).descriptor().to_vec();
    assert_eq!(decide(&Completed::new(CommandId::READ_10, Status::GOOD, &b), &P), Action::Done(Note::Good));
}

#[test]
fn transport_outcomes() {
    let c = Completed::new(CommandId::READ_10, Status::GOOD, &[]);
    assert_eq!(decide(&c.transport(Transport::Transient), &P), Action::Retry);
    assert_eq!(decide(&c.transport(Transport::Timeout), &P), Action::Retry);
    assert_eq!(decide(&c.transport(Transport::NoDevice), &P), failed(ENXIO, Reason::Transport));
    assert_eq!(decide(&c.transport(Transport::Failed), &P), failed(ENOLINK, Reason::Transport));
    assert_eq!(Transport::from_linux_host_status(0), Transport::Ok);
    assert_eq!(Transport::from_linux_host_status(0x03), Transport::Timeout);
    assert_eq!(Transport::from_linux_host_status(0x07), Transport::Transient);
    assert_eq!(Transport::from_linux_host_status(0x01), Transport::NoDevice);
    assert_eq!(Transport::from_linux_host_status(0x0F), Transport::Failed);
    // Sense wins over the transport: DID_ABORT beside a protection error's sense (scsi_debug).
    let b = kq(SenseKey::AbortedCommand, 0x10, 0x01).to_vec();
    let dif = Completed::new(CommandId::READ_10, Status::CHECK_CONDITION, &b);
    assert_eq!(decide(&dif.transport(Transport::Aborted), &P), failed(EILSEQ, Reason::Protection));
    assert_eq!(Transport::from_linux_host_status(0x05), Transport::Aborted);
    // Without sense an abort is retried; other transport errors ignore the sense (Linux checks
    // the host byte first).
    assert_eq!(decide(&c.transport(Transport::Aborted), &P), Action::Retry);
    assert_eq!(decide(&dif.transport(Transport::Timeout), &P), Action::Retry);
    assert_eq!(decide(&dif.transport(Transport::NoDevice), &P), failed(ENXIO, Reason::Transport));
    // Exhausted timeouts report ETIMEDOUT.
    let late = c.transport(Transport::Timeout).attempt(P.max_retries + 1);
    assert_eq!(decide(&late, &P), failed(ETIMEDOUT, Reason::RetriesExhausted));
}

#[test]
fn success_keys() {
    assert_eq!(tur(SenseKey::NoSense, 0, 0), Action::Done(Note::Informational));
    assert_eq!(tur(SenseKey::RecoveredError, 0x17, 0x01), Action::Done(Note::RecoveredError));
    assert_eq!(tur(SenseKey::Completed, 0x55, 0x0A), Action::Done(Note::Informational));
    assert_eq!(tur(SenseKey::Equal, 0, 0), Action::Done(Note::Informational));
}

#[test]
fn deferred_errors_retry_whatever_the_key() {
    for key in
        [SenseKey::MediumError, SenseKey::HardwareError, SenseKey::IllegalRequest, SenseKey::DataProtect]
    {
        assert_eq!(sense(CommandId::WRITE_10, kq(key, 0x0C, 0x00).deferred()), Action::Retry, "{key:?}");
    }
}

#[test]
fn not_ready() {
    let wait = Action::RetryAfter(P.not_ready_delay);
    for ascq in [0x00, 0x01, 0x04, 0x07, 0x09, 0x0A, 0x11, 0x1B] {
        assert_eq!(tur(SenseKey::NotReady, 0x04, ascq), wait, "04h/{ascq:02X}h");
    }
    assert_eq!(tur(SenseKey::NotReady, 0x04, 0x02), Action::StartUnitThenRetry);
    assert_eq!(tur(SenseKey::NotReady, 0x04, 0x03), failed(EIO, Reason::NotReady));
    assert_eq!(tur(SenseKey::NotReady, 0x3A, 0x00), failed(ENOMEDIUM, Reason::NoMedium));
    assert_eq!(tur(SenseKey::NotReady, 0x3A, 0x02), failed(ENOMEDIUM, Reason::NoMedium));
    assert_eq!(tur(SenseKey::NotReady, 0x30, 0x00), failed(EIO, Reason::NotReady));
    // START UNIT not allowed by the policy.
    let b = kq(SenseKey::NotReady, 0x04, 0x02).to_vec();
    let c = Completed::new(CommandId::TEST_UNIT_READY, Status::CHECK_CONDITION, &b);
    let p = Policy { start_unit: false, ..P };
    assert_eq!(decide(&c, &p), failed(ENOTCONN, Reason::NeedsStartUnit));
}

#[test]
fn medium_errors_carry_the_lba() {
    for asc in [0x11, 0x13, 0x14] {
        let b = kq(SenseKey::MediumError, asc, 0).information(0x1234_5678);
        assert_eq!(
            sense(CommandId::READ_10, b),
            failed(EIO, Reason::MediumError { lba: Some(0x1234_5678) }),
            "{asc:02X}h"
        );
    }
    // A 64-bit LBA survives in descriptor format (fixed holds 32 bits, so check it alone).
    let b = kq(SenseKey::MediumError, 0x11, 0).information(0x1_0000_0000).descriptor().to_vec();
    let a = decide(&Completed::new(CommandId::READ_16, Status::CHECK_CONDITION, &b), &P);
    assert_eq!(a, failed(EIO, Reason::MediumError { lba: Some(0x1_0000_0000) }));
    assert_eq!(
        failed(EIO, Reason::MediumError { lba: Some(7) }).to_string(),
        "fail: medium error at LBA 7 (errno 5)"
    );
    // Without VALID there is no LBA.
    assert_eq!(
        sense(CommandId::READ_10, kq(SenseKey::MediumError, 0x11, 0)),
        failed(EIO, Reason::MediumError { lba: None })
    );
    // Other medium errors (write fault, ...) are retried.
    assert_eq!(sense(CommandId::WRITE_10, kq(SenseKey::MediumError, 0x0C, 0x02)), Action::Retry);
}

#[test]
fn hardware_error_fails() {
    assert_eq!(tur(SenseKey::HardwareError, 0x44, 0x00), failed(EIO, Reason::HardwareError));
}

#[test]
fn illegal_request() {
    assert_eq!(tur(SenseKey::IllegalRequest, 0x24, 0x00), failed(EINVAL, Reason::IllegalRequest));
    assert_eq!(tur(SenseKey::IllegalRequest, 0x26, 0x00), failed(EINVAL, Reason::IllegalRequest));
    assert_eq!(tur(SenseKey::IllegalRequest, 0x21, 0x00), failed(ENOSPC, Reason::IllegalRequest));
    assert_eq!(tur(SenseKey::IllegalRequest, 0x25, 0x00), failed(ENOTSUP, Reason::IllegalRequest));
    assert_eq!(tur(SenseKey::IllegalRequest, 0x10, 0x01), failed(EILSEQ, Reason::Protection));
    assert_eq!(tur(SenseKey::IllegalRequest, 0x55, 0x04), failed(EINVAL, Reason::IllegalRequest));
    // Invalid opcode with no fallback defined.
    assert_eq!(tur(SenseKey::IllegalRequest, 0x20, 0x00), failed(EOPNOTSUPP, Reason::InvalidOpcode));
    assert_eq!(
        sense(CommandId::READ_10, SenseBuilder::invalid_opcode()),
        failed(EOPNOTSUPP, Reason::InvalidOpcode)
    );
}

#[test]
fn fallbacks_name_the_right_command() {
    let cases = [
        (CommandId::SYNCHRONIZE_CACHE_16, CommandId::SYNCHRONIZE_CACHE_10),
        (CommandId::READ_CAPACITY_16, CommandId::READ_CAPACITY_10),
        (CommandId::MODE_SENSE_10, CommandId::MODE_SENSE_6),
        (CommandId::WRITE_SAME_16, CommandId::WRITE_SAME_10),
        (CommandId::READ_6, CommandId::READ_10),
        (CommandId::WRITE_6, CommandId::WRITE_10),
        (CommandId::REPORT_LUNS, CommandId::INQUIRY),
    ];
    for (from, to) in cases {
        assert_eq!(sense(from, SenseBuilder::invalid_opcode()), Action::FallBack(to), "{from}");
        assert_eq!(sense(from, kq(SenseKey::IllegalRequest, 0x20, 0x00)), Action::FallBack(to), "{from}");
    }
    // The fallbacks of fallbacks do not exist: a device rejecting both fails.
    for (_, to) in cases {
        assert!(
            matches!(sense(to, SenseBuilder::invalid_opcode()), Action::Fail { errno: EOPNOTSUPP, .. }),
            "{to}"
        );
    }
    // INVALID FIELD IN CDB falls back only for READ CAPACITY(16) (Linux sd).
    let field = kq(SenseKey::IllegalRequest, 0x24, 0x00);
    assert_eq!(sense(CommandId::READ_CAPACITY_16, field), Action::FallBack(CommandId::READ_CAPACITY_10));
    assert_eq!(sense(CommandId::SYNCHRONIZE_CACHE_16, field), failed(EINVAL, Reason::IllegalRequest));
    // Fallbacks off.
    let b = SenseBuilder::invalid_opcode().to_vec();
    let c = Completed::new(CommandId::READ_CAPACITY_16, Status::CHECK_CONDITION, &b);
    assert_eq!(decide(&c, &Policy { fallbacks: false, ..P }), failed(EOPNOTSUPP, Reason::InvalidOpcode));
    assert_eq!(CommandId::READ_CAPACITY_16.to_string(), "READ CAPACITY(16)");
    assert_eq!(CommandId::from_bytes(&[0x9E, 0x10, 0, 0]), Some(CommandId::READ_CAPACITY_16));
}

#[test]
fn fallback_cdb_rewrites() {
    let mut out = [0u8; 16];
    // SYNCHRONIZE CACHE(16) IMMED, LBA 0x01020304, 0x0506 blocks, group 3, control 0x44.
    let sc16 = [0x91, 0x02, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 5, 6, 3, 0x44];
    let f = fallback_cdb(&sc16, &mut out).unwrap();
    assert_eq!((f.command, f.len, f.data_len), (CommandId::SYNCHRONIZE_CACHE_10, 10, None));
    assert_eq!(&out[..10], &[0x35, 0x02, 1, 2, 3, 4, 3, 5, 6, 0x44]);
    // An LBA beyond 32 bits does not fit.
    let mut big = sc16;
    big[5] = 1;
    assert_eq!(fallback_cdb(&big, &mut out), None);
    // READ CAPACITY(16) -> (10), 8 bytes of data.
    let rc16 = [0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0];
    let f = fallback_cdb(&rc16, &mut out).unwrap();
    assert_eq!((f.command, f.len, f.data_len), (CommandId::READ_CAPACITY_10, 10, Some(8)));
    assert_eq!(&out[..10], &[0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // MODE SENSE(10) DBD page 08h subpage 00h, 0x1000 bytes -> MODE SENSE(6) with 255.
    let ms10 = [0x5A, 0x08, 0x08, 0x00, 0, 0, 0, 0x10, 0x00, 0];
    let f = fallback_cdb(&ms10, &mut out).unwrap();
    assert_eq!((f.command, f.len, f.data_len), (CommandId::MODE_SENSE_6, 6, Some(255)));
    assert_eq!(&out[..6], &[0x1A, 0x08, 0x08, 0x00, 255, 0]);
    // LLBAA has no 6-byte form.
    assert_eq!(fallback_cdb(&[0x5A, 0x10, 0x3F, 0, 0, 0, 0, 0, 0xFC, 0], &mut out), None);
    // WRITE SAME(16) UNMAP, LBA 9, 8 blocks -> WRITE SAME(10); NDOB or 0 blocks do not convert.
    let ws16 = [0x93, 0x08, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 8, 0, 0];
    let f = fallback_cdb(&ws16, &mut out).unwrap();
    assert_eq!((f.command, f.len), (CommandId::WRITE_SAME_10, 10));
    assert_eq!(&out[..10], &[0x41, 0x08, 0, 0, 0, 9, 0, 0, 8, 0]);
    let mut ndob = ws16;
    ndob[1] |= 1;
    assert_eq!(fallback_cdb(&ndob, &mut out), None);
    let mut zero = ws16;
    zero[13] = 0;
    assert_eq!(fallback_cdb(&zero, &mut out), None);
    // READ(6) LBA 0x1F0102 with 0 blocks (= 256) -> READ(10).
    let f = fallback_cdb(&[0x08, 0x1F, 0x01, 0x02, 0x00, 0x00], &mut out).unwrap();
    assert_eq!(f.command, CommandId::READ_10);
    assert_eq!(&out[..10], &[0x28, 0, 0, 0x1F, 0x01, 0x02, 0, 0x01, 0x00, 0]);
    let f = fallback_cdb(&[0x0A, 0, 0, 5, 1, 0], &mut out).unwrap();
    assert_eq!(f.command, CommandId::WRITE_10);
    assert_eq!(&out[..10], &[0x2A, 0, 0, 0, 0, 5, 0, 0, 1, 0]);
    // No byte-level fallback for REPORT LUNS, none for READ(10), none into a short buffer.
    assert_eq!(fallback_cdb(&[0xA0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0], &mut out), None);
    assert_eq!(fallback_cdb(&[0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0], &mut out), None);
    assert_eq!(fallback_cdb(&sc16, &mut [0u8; 9]), None);
    assert_eq!(fallback_cdb(&sc16[..8], &mut out), None);
}

#[test]
fn unit_attention() {
    for ascq in [0x00, 0x01, 0x02, 0x03, 0x07] {
        assert_eq!(tur(SenseKey::UnitAttention, 0x29, ascq), Action::Retry);
    }
    assert_eq!(tur(SenseKey::UnitAttention, 0x2A, 0x09), Action::RereadCapacityThenRetry);
    assert_eq!(tur(SenseKey::UnitAttention, 0x2A, 0x01), Action::RereadCapacityThenRetry);
    assert_eq!(tur(SenseKey::UnitAttention, 0x28, 0x00), Action::RereadCapacityThenRetry);
    assert_eq!(tur(SenseKey::UnitAttention, 0x3F, 0x0E), Action::RescanThenRetry);
    assert_eq!(tur(SenseKey::UnitAttention, 0x3F, 0x03), Action::RescanThenRetry);
    assert_eq!(tur(SenseKey::UnitAttention, 0x2A, 0x06), Action::Retry);
    assert_eq!(tur(SenseKey::UnitAttention, 0x3F, 0x01), Action::Retry);
    assert_eq!(tur(SenseKey::UnitAttention, 0x38, 0x07), Action::Retry);
    // Exhausted unit attentions say EAGAIN.
    let b = kq(SenseKey::UnitAttention, 0x29, 0).to_vec();
    let c = Completed::new(CommandId::READ_10, Status::CHECK_CONDITION, &b).attempt(P.max_retries + 1);
    assert_eq!(decide(&c, &P), failed(EAGAIN, Reason::RetriesExhausted));
}

#[test]
fn data_protect_and_the_other_keys() {
    assert_eq!(tur(SenseKey::DataProtect, 0x27, 0x00), failed(EACCES, Reason::DataProtect));
    assert_eq!(tur(SenseKey::DataProtect, 0x27, 0x08), failed(EACCES, Reason::DataProtect));
    assert_eq!(tur(SenseKey::DataProtect, 0x27, 0x07), failed(ENOSPC, Reason::SpaceExhausted));
    assert_eq!(tur(SenseKey::Miscompare, 0x1D, 0x00), failed(EILSEQ, Reason::Miscompare));
    assert_eq!(tur(SenseKey::BlankCheck, 0x00, 0x05), failed(ENOSPC, Reason::BlankCheck));
    assert_eq!(tur(SenseKey::CopyAborted, 0x0D, 0x01), failed(EIO, Reason::CopyAborted));
    assert_eq!(tur(SenseKey::VolumeOverflow, 0x00, 0x02), failed(EIO, Reason::VolumeOverflow));
    assert_eq!(tur(SenseKey::VendorSpecific, 0x80, 0x00), failed(EIO, Reason::VendorSpecific));
}

#[test]
fn aborted_command() {
    assert_eq!(tur(SenseKey::AbortedCommand, 0x00, 0x00), Action::Retry);
    assert_eq!(tur(SenseKey::AbortedCommand, 0x47, 0x00), Action::Retry);
    for ascq in [0x01, 0x02, 0x03] {
        assert_eq!(tur(SenseKey::AbortedCommand, 0x10, ascq), failed(EILSEQ, Reason::Protection));
    }
    let b = kq(SenseKey::AbortedCommand, 0x47, 0).to_vec();
    let c = Completed::new(CommandId::READ_10, Status::CHECK_CONDITION, &b).attempt(99);
    assert_eq!(decide(&c, &P), failed(ECANCELED, Reason::RetriesExhausted));
}

#[test]
fn the_bound() {
    let b = kq(SenseKey::NotReady, 0x04, 0x02).to_vec();
    let c = Completed::new(CommandId::TEST_UNIT_READY, Status::CHECK_CONDITION, &b);
    // attempt counts attempts made; max_retries retries follow the first attempt.
    for attempt in 1..=P.max_retries {
        assert_eq!(decide(&c.attempt(attempt), &P), Action::StartUnitThenRetry, "attempt {attempt}");
    }
    assert_eq!(decide(&c.attempt(P.max_retries + 1), &P), failed(ENOTCONN, Reason::RetriesExhausted));
    assert_eq!(decide(&c.attempt(u32::MAX), &P), failed(ENOTCONN, Reason::RetriesExhausted));
    // No retries at all.
    assert_eq!(decide(&c, &Policy::NO_RETRIES), failed(ENOTCONN, Reason::NeedsStartUnit));
    let busy = Completed::new(CommandId::READ_10, Status::BUSY, &[]);
    assert_eq!(decide(&busy, &Policy::NO_RETRIES), failed(EBUSY, Reason::RetriesExhausted));
    // The delay budget: a wait that would pass it fails, one that reaches it exactly does not.
    let p = Policy { max_total_delay: Duration::from_secs(3), ..P };
    assert_eq!(decide(&busy.elapsed_delay(Duration::from_secs(2)), &p), Action::RetryAfter(p.busy_delay));
    assert_eq!(
        decide(&busy.elapsed_delay(Duration::from_millis(2001)), &p),
        failed(EBUSY, Reason::RetriesExhausted)
    );
    assert_eq!(decide(&busy.elapsed_delay(Duration::MAX), &p), failed(EBUSY, Reason::RetriesExhausted));
    // Final answers are not affected by the budget.
    let good = Completed::new(CommandId::READ_10, Status::GOOD, &[]).attempt(1000);
    assert_eq!(decide(&good, &Policy::NO_RETRIES), Action::Done(Note::Good));
    assert_eq!(failed(EIO, Reason::RetriesExhausted).to_string(), "fail: retries exhausted (errno 5)");
}

/// Runs `decide` against a device that always answers `status`/`sense`, doing what a simple
/// executor would (count attempts, add delays), and returns the actions.
fn stubborn(cmd: CommandId, status: Status, sense: &[u8], transport: Transport, p: &Policy) -> Vec<Action> {
    let mut out = Vec::new();
    let mut c = Completed::new(cmd, status, sense).transport(transport);
    loop {
        let a = decide(&c, p);
        out.push(a);
        if a.is_final() {
            return out;
        }
        assert!(out.len() <= p.max_retries as usize + 1, "no end: {out:?}");
        if let Action::FallBack(to) = a {
            c.command = to;
        }
        c.elapsed_delay += a.delay();
        c.attempt += 1;
    }
}

fn arb_policy() -> impl Strategy<Value = Policy> {
    (0u32..8, 0u64..5000, 0u64..2000, 0u64..2000, 0u64..2000, any::<bool>(), any::<bool>()).prop_map(
        |(max_retries, total, busy, full, nr, start_unit, fallbacks)| Policy {
            max_retries,
            max_total_delay: Duration::from_millis(total),
            busy_delay: Duration::from_millis(busy),
            task_set_full_delay: Duration::from_millis(full),
            not_ready_delay: Duration::from_millis(nr),
            start_unit,
            fallbacks,
        },
    )
}

fn arb_transport() -> impl Strategy<Value = Transport> {
    prop::sample::select(vec![
        Transport::Ok,
        Transport::Ok,
        Transport::Ok,
        Transport::Transient,
        Transport::Timeout,
        Transport::Aborted,
        Transport::NoDevice,
        Transport::Failed,
    ])
}

fn arb_sense() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..40),
        (0u8..16, any::<u8>(), any::<u8>(), any::<bool>(), any::<bool>()).prop_map(
            |(k, asc, ascq, d, deferred)| {
                let mut b = SenseBuilder::new(SenseKey::from_nibble(k), AdditionalSense::new(asc, ascq));
                if d {
                    b = b.descriptor();
                }
                if deferred {
                    b = b.deferred();
                }
                b.to_vec()
            }
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn never_panics(
        op in any::<u8>(),
        sa in proptest::option::of(any::<u16>()),
        st in any::<u8>(),
        sense in arb_sense(),
        attempt in any::<u32>(),
        elapsed in any::<u64>(),
        t in arb_transport(),
        p in arb_policy(),
    ) {
        let cmd = CommandId { opcode: OpCode(op), service_action: sa.map(scsi_cdb::ServiceAction) };
        let c = Completed::new(cmd, Status(st), &sense)
            .attempt(attempt)
            .elapsed_delay(Duration::from_nanos(elapsed))
            .transport(t);
        let a = decide(&c, &p);
        let _ = a.to_string();
        // Past the retry budget, nothing but a final answer.
        if attempt > p.max_retries {
            prop_assert!(a.is_final(), "{:?}", a);
        }
        // A delay never exceeds the budget left.
        prop_assert!(Duration::from_nanos(elapsed).saturating_add(a.delay()) <= p.max_total_delay || a.delay().is_zero());
    }

    #[test]
    fn a_stubborn_device_ends_within_the_bound(
        op in prop::sample::select(vec![0x00u8, 0x08, 0x0A, 0x12, 0x1A, 0x25, 0x28, 0x2A, 0x35, 0x5A, 0x88, 0x91, 0x93, 0x9E, 0xA0]),
        st in prop::sample::select(vec![0x00u8, 0x02, 0x02, 0x02, 0x04, 0x08, 0x18, 0x22, 0x28, 0x30, 0x40, 0x55]),
        sense in arb_sense(),
        t in arb_transport(),
        p in arb_policy(),
    ) {
        let cmd = CommandId::from_bytes(&[op, 0x10, 0, 0]).unwrap();
        let actions = stubborn(cmd, Status(st), &sense, t, &p);
        prop_assert!(actions.len() <= p.max_retries as usize + 1, "{:?}", actions);
        let last = actions.last().copied().unwrap();
        prop_assert!(last.is_final());
        let waited: Duration = actions.iter().map(Action::delay).sum();
        prop_assert!(waited <= p.max_total_delay, "{:?}", actions);
    }
}

#[cfg(feature = "serde")]
#[test]
fn actions_serialize() {
    // The serde feature only compiles the derive here; the JSON shape is checked in the CLI.
    fn is_serialize<T: serde::Serialize>(_: &T) {}
    is_serialize(&Action::FallBack(CommandId::READ_CAPACITY_10));
    is_serialize(&failed(EIO, Reason::MediumError { lba: Some(1) }));
}

#[test]
fn illegal_request_errno_follows_the_crate_mapping() {
    use scsi_cdb::sense::{Sense, errno::from_sense};
    for asc in 0..=255u8 {
        for ascq in [0x00, 0x01, 0x02, 0x07, 0x80] {
            if asc == 0x10 || (asc, ascq) == (0x20, 0x00) {
                continue; // protection (EILSEQ) and the invalid opcode (EOPNOTSUPP) rules
            }
            let b = kq(SenseKey::IllegalRequest, asc, ascq).to_vec();
            let want = match from_sense(&Sense::parse(&b).unwrap().summary()) {
                EIO => EINVAL,
                e => e,
            };
            let got = decide(&Completed::new(CommandId::TEST_UNIT_READY, Status::CHECK_CONDITION, &b), &P);
            assert!(
                matches!(got, Action::Fail { errno, .. } if errno == want),
                "{asc:02X}h/{ascq:02X}h: {got:?}"
            );
        }
    }
}
