//! Fuzz body for the CLI's log scanner and hex input (compiled into the fuzz target and, through
//! `#[path]`, into the CLI's corpus test).

/// Any bytes as log text through the CLI's scanner and its JSON shaping.
pub fn log_scan(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for f in scsi_decode::logscan::scan(&text) {
        let _ = scsi_decode::finding_json(&f);
        let _ = scsi_decode::finding_text(&f);
    }
    if let Ok(b) = scsi_decode::hex::parse(&text) {
        let _ = scsi_decode::sense_line_json(&b);
        let r = scsi_decode::cdb_out::report(&b);
        let _ = (scsi_decode::cdb_out::cdb_json(&r, 512), scsi_decode::cdb_out::cdb_explain(&r));
    }
}
