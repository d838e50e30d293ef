//! The I/O side of `scsi-decode log` and of bulk `sense`: files, directories, gzip, stdin,
//! and the printing of the key/ASC/ASCQ triple form of `sense`.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use scsi_decode::logscan::report::EventJson;
use scsi_decode::logscan::summary::{Summary, SummaryJson};
use scsi_decode::logscan::{Event, Scanner};
use scsi_decode::{exit, hex};
use serde::Serialize;
use serde_json::{Value, json};

/// One JSON record, compact, as `serde_json::Value` prints it.
fn to_json(v: &impl Serialize) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Chunk size for reading logs (memory stays at a few of these whatever the input size).
const CHUNK: usize = 256 * 1024;

fn hint_if_terminal(what: &str) {
    if std::io::stdin().is_terminal() {
        eprintln!(
            "scsi-decode: reading {what} from the terminal; paste it and end with Ctrl-D (Ctrl-Z on Windows), or give it as arguments or a FILE"
        );
    }
}

/// A reader for a file or stdin that decompresses gzip when the data starts with its magic.
fn open(r: Box<dyn Read>) -> std::io::Result<Box<dyn Read>> {
    let mut b = std::io::BufReader::with_capacity(CHUNK, r);
    let gz = b.fill_buf()?.starts_with(&[0x1F, 0x8B]);
    Ok(if gz { Box::new(flate2::bufread::MultiGzDecoder::new(b)) } else { Box::new(b) })
}

fn files_under(p: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(p)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for e in entries {
            files_under(&e, out)?;
        }
    } else {
        out.push(p.to_path_buf());
    }
    Ok(())
}

fn scan_reader(
    mut r: Box<dyn Read>,
    file: Option<&str>,
    json: bool,
    summary: &mut Option<Summary>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut s = Scanner::new();
    let mut buf = vec![0u8; CHUNK];
    let mut emit = |events: Vec<Event>, out: &mut dyn Write| {
        for e in events {
            if let Some(sum) = summary.as_mut() {
                sum.add_in(&e, file);
            } else if json {
                let _ = writeln!(out, "{}", to_json(&EventJson::new(&e).in_file(file)));
            } else {
                if let Some(f) = file {
                    let _ = write!(out, "{f}: ");
                }
                let _ = write!(out, "{}", scsi_decode::event_text(&e));
            }
        }
    };
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        emit(s.feed(&buf[..n]), out);
    }
    emit(s.finish(), out);
    Ok(())
}

/// `scsi-decode log`.
pub fn run(paths: &[PathBuf], json: bool, summary: bool, out: &mut impl Write) -> i32 {
    let mut sum = summary.then(Summary::new);
    let mut code = exit::OK;
    if paths.is_empty() {
        hint_if_terminal("log text");
        let r = open(Box::new(std::io::stdin()));
        if let Err(e) = r.and_then(|r| scan_reader(r, None, json, &mut sum, out)) {
            eprintln!("scsi-decode: stdin: {e}");
            return exit::IO;
        }
    } else {
        let mut files = Vec::new();
        for p in paths {
            if let Err(e) = files_under(p, &mut files) {
                eprintln!("scsi-decode: {}: {e}", p.display());
                code = exit::IO;
            }
        }
        let many = files.len() > 1 || paths.iter().any(|p| p.is_dir());
        for f in &files {
            let name = f.display().to_string();
            let r = std::fs::File::open(f).and_then(|h| open(Box::new(h)));
            if let Err(e) = r.and_then(|r| scan_reader(r, many.then_some(name.as_str()), json, &mut sum, out))
            {
                eprintln!("scsi-decode: {name}: {e}");
                code = exit::IO;
            }
        }
    }
    if let Some(s) = sum {
        if json {
            let _ = writeln!(out, "{}", to_json(&SummaryJson::new(&s)));
        } else {
            let _ = write!(out, "{}", s.text());
        }
    }
    code
}

/// Bulk `sense` from stdin: one output record per input line (blank lines included), each
/// with its line number.
pub fn bulk_sense(json: bool, out: &mut impl Write) -> i32 {
    hint_if_terminal("hex sense data (one buffer per line)");
    let stdin = std::io::stdin();
    for (n, line) in stdin.lock().lines().enumerate() {
        let Ok(line) = line else { return exit::IO };
        let n = n + 1;
        let v = if line.trim().is_empty() {
            json!({ "error": "empty line" })
        } else {
            match hex::parse(&line) {
                Ok(b) => match scsi_cdb::sense::Sense::parse(&b) {
                    Ok(_) => scsi_decode::sense_line_json(&b),
                    Err(e) => match scsi_decode::triple(&line) {
                        Some((k, a, q)) => scsi_decode::triple_json(Some(k), Some(a), Some(q), None, false),
                        None => json!({ "error": e.to_string() }),
                    },
                },
                Err(e) => match scsi_decode::triple(&line) {
                    Some((k, a, q)) => scsi_decode::triple_json(Some(k), Some(a), Some(q), None, false),
                    None => json!({ "error": e.to_string() }),
                },
            }
        };
        if json {
            let mut v = v;
            v["line"] = Value::from(n);
            let _ = writeln!(out, "{v}");
        } else if let Some(e) = v["error"].as_str() {
            let _ = writeln!(out, "line {n}: error: {e}");
        } else {
            let text = match hex::parse(&line)
                .ok()
                .and_then(|b| scsi_cdb::sense::Sense::parse(&b).ok().map(|s| s.to_string()))
            {
                Some(t) => t,
                None => triple_line(&v),
            };
            let _ = writeln!(out, "line {n}: {text}");
        }
    }
    exit::OK
}

fn triple_line(v: &Value) -> String {
    let mut t = format!(
        "sense key {} ({:X}h)",
        v["sense_key_name"].as_str().unwrap_or("?"),
        v["sense_key"].as_u64().unwrap_or(0)
    );
    if let Some(d) = v["description"].as_str() {
        t.push_str(&format!(
            "; additional sense {d} ({:02X}h/{:02X}h)",
            v["asc"].as_u64().unwrap_or(0),
            v["ascq"].as_u64().unwrap_or(0)
        ));
    }
    if let Some(d) = v["disposition"].as_str() {
        t.push_str(&format!("; disposition {d}"));
    }
    t
}

/// Prints a decoded triple.
pub fn print_triple((k, a, q): (u8, u8, u8), json: bool, out: &mut impl Write) -> i32 {
    let mut v = scsi_decode::triple_json(Some(k), Some(a), Some(q), None, false);
    if json {
        v["input"] = Value::from("key/asc/ascq");
        let _ = writeln!(out, "{v}");
    } else {
        let _ = writeln!(
            out,
            "Sense key: {} ({k:X}h)\nAdditional sense: {} ({a:02X}h/{q:02X}h)\n  Disposition: {}",
            v["sense_key_name"].as_str().unwrap_or("?"),
            v["description"].as_str().unwrap_or("?"),
            v["disposition"].as_str().unwrap_or("?")
        );
    }
    exit::OK
}
