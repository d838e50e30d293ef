//! `recovery::decide` and `recovery::fallback_cdb` on arbitrary input: no panics, every answer
//! within the policy's bounds, and a device that repeats the same answer always reaches a final
//! action within `max_retries + 1` attempts.

#![no_main]

use core::time::Duration;

use scsi_cdb::recovery::{Action, CommandId, Completed, Policy, Transport, decide, fallback_cdb};
use scsi_cdb::{OpCode, ServiceAction, Status};

fn byte(data: &[u8], i: usize) -> u8 {
    data.get(i).copied().unwrap_or(0)
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let sa = u16::from_be_bytes([byte(data, 1), byte(data, 2)]);
    let command = CommandId {
        opcode: OpCode(byte(data, 0)),
        service_action: (byte(data, 3) & 1 == 1).then_some(ServiceAction(sa)),
    };
    let transport = match byte(data, 5) % 8 {
        0 => Transport::Transient,
        1 => Transport::Timeout,
        2 => Transport::NoDevice,
        3 => Transport::Failed,
        4 => Transport::Aborted,
        _ => Transport::Ok,
    };
    let ms = |i: usize| Duration::from_millis(u64::from(byte(data, i)) * 20);
    let policy = Policy {
        max_retries: u32::from(byte(data, 6) % 16),
        max_total_delay: ms(7) * 8,
        busy_delay: ms(8),
        task_set_full_delay: ms(9),
        not_ready_delay: ms(10),
        start_unit: byte(data, 11) & 1 == 1,
        fallbacks: byte(data, 11) & 2 == 2,
    };
    let attempt = u32::from(byte(data, 12));
    let elapsed = ms(13) * 4;
    let sense = data.get(14..).unwrap_or_default();
    let first = Completed::new(command, Status(byte(data, 4)), sense).transport(transport);

    let c = first.attempt(attempt).elapsed_delay(elapsed);
    let a = decide(&c, &policy);
    let _ = a.to_string();
    if attempt > policy.max_retries {
        assert!(a.is_final(), "{a:?} past the retry budget");
    }
    if !a.delay().is_zero() {
        assert!(elapsed + a.delay() <= policy.max_total_delay, "{a:?} past the delay budget");
    }

    // A stubborn device: the same answer every time.
    let mut c = first;
    let mut waited = Duration::ZERO;
    for n in 1.. {
        let a = decide(&c, &policy);
        if a.is_final() {
            break;
        }
        assert!(n <= policy.max_retries, "attempt {n} still {a:?}");
        if let Action::FallBack(to) = a {
            c.command = to;
        }
        waited += a.delay();
        c.elapsed_delay = waited;
        c.attempt += 1;
    }
    assert!(waited <= policy.max_total_delay);

    // CDB rewrite: what comes out is the command it says it is.
    let mut out = [0u8; 16];
    if let Some(f) = fallback_cdb(sense, &mut out) {
        assert_eq!(CommandId::from_bytes(&out[..f.len]), Some(f.command));
        assert_eq!(CommandId::from_bytes(sense).and_then(|id| id.fallback()), Some(f.command));
    }
});
