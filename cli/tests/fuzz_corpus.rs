//! Runs the log-scanner fuzz body over real log text and deterministic variations of it.

#[path = "../../fuzz/src/cli_bodies.rs"]
mod cli_bodies;

#[test]
fn log_scan_corpus() {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/testdata/real-world-logs/README.md");
    let mut inputs: Vec<Vec<u8>> =
        vec![b"Sense Key : 0x5 [current]\nASC=0x21 ASCQ=0x0\n".to_vec(), vec![0xFF; 300]];
    if let Ok(t) = std::fs::read(p) {
        inputs.push(t);
    }
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
