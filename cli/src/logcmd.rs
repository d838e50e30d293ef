//! The I/O side of `scsi-decode log` and of bulk `sense`: files, directories, gzip, stdin,
//! and the printing of the key/ASC/ASCQ triple form of `sense`.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use scsi_cdb::sense::Sense;
use scsi_decode::logscan::report::EventJson;
use scsi_decode::logscan::summary::{Summary, SummaryJson};
use scsi_decode::logscan::{Event, Scanner};
use scsi_decode::{ErrorJson, TripleJson, exit, hex, sense_out};
use serde::Serialize;
use serde_json::Value;

/// One JSON record, compact, as `serde_json::Value` prints it.
pub fn to_json(v: &impl Serialize) -> String {
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

/// One line of bulk `sense`, decoded.
enum Decoded<'a> {
    /// Sense data.
    Sense(Sense<'a>),
    /// Not sense data, but a key/ASC/ASCQ triple.
    Triple(TripleJson),
    /// Neither: why.
    Error(String),
}

/// Bulk `sense` from stdin: one output record per input line (blank lines included), each
/// with its line number.
pub fn bulk_sense(json: bool, out: &mut impl Write) -> i32 {
    hint_if_terminal("hex sense data (one buffer per line)");
    let stdin = std::io::stdin();
    for (n, line) in stdin.lock().lines().enumerate() {
        let Ok(line) = line else { return exit::IO };
        let n = n + 1;
        let triple_or = |why: String| match scsi_decode::triple(&line) {
            Some((k, a, q)) => Decoded::Triple(TripleJson::new(Some(k), Some(a), Some(q), None, false)),
            None => Decoded::Error(why),
        };
        let bytes = hex::parse(&line);
        let d = if line.trim().is_empty() {
            Decoded::Error("empty line".to_string())
        } else {
            match &bytes {
                Ok(b) => match Sense::parse(b) {
                    Ok(s) => Decoded::Sense(s),
                    Err(e) => triple_or(e.to_string()),
                },
                Err(e) => triple_or(e.to_string()),
            }
        };
        let _ = match (json, d) {
            (true, Decoded::Sense(s)) => {
                // The library's sense object with the line number added: serde_json writes a
                // `Value` map's keys sorted, so `line` goes in its sorted place among the
                // keys of `Sense`, which no static type can say (a flattened struct would put
                // it last).
                let mut v = sense_out::sense_json(&s);
                v["line"] = Value::from(n);
                writeln!(out, "{v}")
            }
            (true, Decoded::Triple(t)) => writeln!(out, "{}", to_json(&TripleJson { line: Some(n), ..t })),
            (true, Decoded::Error(e)) => {
                writeln!(out, "{}", to_json(&ErrorJson { error: &e, line: Some(n) }))
            }
            (false, Decoded::Sense(s)) => writeln!(out, "line {n}: {s}"),
            (false, Decoded::Triple(t)) => writeln!(out, "line {n}: {}", triple_line(&t)),
            (false, Decoded::Error(e)) => writeln!(out, "line {n}: error: {e}"),
        };
    }
    exit::OK
}

fn triple_line(t: &TripleJson) -> String {
    let mut l = format!("sense key {} ({:X}h)", t.sense_key_name.unwrap_or("?"), t.sense_key.unwrap_or(0));
    if let Some(d) = &t.description {
        l.push_str(&format!(
            "; additional sense {d} ({:02X}h/{:02X}h)",
            t.asc.unwrap_or(0),
            t.ascq.unwrap_or(0)
        ));
    }
    if let Some(d) = t.disposition {
        l.push_str(&format!("; disposition {d}"));
    }
    l
}

/// Prints a decoded triple.
pub fn print_triple((k, a, q): (u8, u8, u8), json: bool, out: &mut impl Write) -> i32 {
    let t = TripleJson::new(Some(k), Some(a), Some(q), None, false);
    if json {
        let _ = writeln!(out, "{}", to_json(&TripleJson { input: Some("key/asc/ascq"), ..t }));
    } else {
        let _ = writeln!(
            out,
            "Sense key: {} ({k:X}h)\nAdditional sense: {} ({a:02X}h/{q:02X}h)\n  Disposition: {}",
            t.sense_key_name.unwrap_or("?"),
            t.description.as_deref().unwrap_or("?"),
            t.disposition.unwrap_or("?")
        );
    }
    exit::OK
}
