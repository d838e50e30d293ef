//! Memory stays bounded however long the log: 128 MB of generated syslog (more than the 100 MB limit) through the
//! streaming scanner and the summary, then the process's peak resident size (VmHWM in
//! /proc/self/status) must be under 100 MB. This file holds one test so that no other test
//! shares the process.

#[path = "../benches/gen_log.rs"]
mod gen_log;

fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[test]
fn more_input_than_the_memory_limit_in_bounded_memory() {
    let Some(before) = peak_rss_kb() else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("no /proc/self/status");
        }
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("SKIPPED: log_memory: no /proc/self/status on this system\n"),
        ); // past the test harness capture
        return;
    };
    // One 1 MB piece of log, fed 128 times: the input is never held whole.
    let (piece, lines) = gen_log::generate(10_000, 50);
    let mut s = scsi_decode::logscan::Scanner::new();
    let mut sum = scsi_decode::logscan::summary::Summary::new();
    let mut fed = 0usize;
    while fed < 128 * 1024 * 1024 {
        // Uneven chunks, so lines are split across calls.
        for chunk in piece.as_bytes().chunks(64 * 1024 + 7) {
            for e in s.feed(chunk) {
                sum.add(&e);
            }
        }
        fed += piece.len();
    }
    for e in s.finish() {
        sum.add(&e);
    }
    let rounds = fed / piece.len();
    assert_eq!(s.lines(), rounds * lines);
    assert!(sum.events > 0);
    let peak = peak_rss_kb().unwrap();
    println!(
        "fed {} MB, {} lines, {} events; peak RSS {} kB (before {} kB)",
        fed >> 20,
        s.lines(),
        sum.events,
        peak,
        before
    );
    assert!(peak < 100 * 1024, "peak RSS {peak} kB");
}
