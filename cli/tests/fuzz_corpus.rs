//! Runs the log-scanner fuzz body over real log text and deterministic variations of it.

#[path = "../../fuzz/src/cli_bodies.rs"]
mod cli_bodies;

#[test]
fn log_scan_corpus() {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/testdata/real-world-logs/README.md");
    let mut inputs: Vec<Vec<u8>> =
        vec![b"Sense Key : 0x5 [current]\nASC=0x21 ASCQ=0x0\n".to_vec(), vec![0xFF; 300]];
    inputs.push(
        std::fs::read(p)
            .unwrap_or_else(|e| panic!("{p}: {e} (the shared folder sits beside the repository)")),
    );
    for text in inputs {
        cli_bodies::log_scan(&text);
        for (i, line) in text.split(|b| *b == b'\n').enumerate() {
            cli_bodies::log_scan(line);
            let mut m = line.to_vec();
            if let Some(b) = m.get_mut(i % line.len().max(1)) {
                *b ^= 0x20;
            }
            cli_bodies::log_scan(&m);
        }
    }
}

#[test]
fn log_events_corpus() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/logs");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let text = std::fs::read(e.path()).unwrap();
        cli_bodies::log_events(&text);
        cli_bodies::log_scan(&text);
        // Truncated and with a flipped byte.
        cli_bodies::log_events(&text[..text.len() / 2]);
        let mut m = text.clone();
        if let Some(b) = m.get_mut(n * 7 % text.len().max(1)) {
            *b ^= 0x01;
        }
        cli_bodies::log_events(&m);
        n += 1;
    }
    assert!(n >= 100, "{n}");
}
