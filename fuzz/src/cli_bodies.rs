//! Fuzz body for the CLI's log scanner and hex input (compiled into the fuzz target and, through
//! `#[path]`, into the CLI's corpus test).

/// Any bytes as log text through the CLI's scanner and its JSON shaping.
pub fn log_scan(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for line in text.lines() {
        let mut s = scsi_decode::logscan::Scanner::new();
        let mut events = s.feed_line(line);
        events.extend(s.finish());
        check_events(&events, 1);
    }
    if let Ok(b) = scsi_decode::hex::parse(&text) {
        let _ = scsi_decode::sense_line_json(&b);
        let r = scsi_decode::cdb_out::report(&b);
        let _ = (scsi_decode::cdb_out::cdb_json(&r, 512), scsi_decode::cdb_out::cdb_explain(&r));
    }
}

/// Checks what every event must satisfy: a line range inside the input, first line first.
fn check_events(events: &[scsi_decode::logscan::Event], lines: usize) {
    let mut summary = scsi_decode::logscan::summary::Summary::new();
    let mut prev = 0;
    for e in events {
        assert!(e.first_line >= 1 && e.first_line <= e.last_line && e.last_line <= lines.max(1), "{e:?}");
        assert!(e.first_line >= prev, "events out of order");
        assert_eq!(e.lines.first().map(|l| l.0), Some(e.first_line));
        prev = e.first_line;
        let _ = scsi_decode::event_json(e);
        let _ = scsi_decode::event_text(e);
        summary.add(e);
    }
    let _ = (summary.json(), summary.text());
}

/// Bytes as a whole multi-line log, fed in one piece and again in small uneven chunks; both
/// must give the same events.
pub fn log_events(data: &[u8]) {
    let lines = data.split(|b| *b == b'\n').count();
    let mut s = scsi_decode::logscan::Scanner::new();
    let mut whole = s.feed(data);
    whole.extend(s.finish());
    check_events(&whole, lines);
    let mut s = scsi_decode::logscan::Scanner::new();
    let mut chunked = Vec::new();
    let mut rest = data;
    let mut k = 1;
    while !rest.is_empty() {
        let (a, b) = rest.split_at(k.min(rest.len()));
        chunked.extend(s.feed(a));
        rest = b;
        k = k % 7 + 3;
    }
    chunked.extend(s.finish());
    assert_eq!(whole, chunked, "chunking changed the events");
}
