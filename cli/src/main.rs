//! `scsi-decode`: decode SCSI sense data, CDBs, INQUIRY/VPD and other response bytes found in
//! logs, as text or JSON.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use scsi_decode::data_out::{self, Kind};
use scsi_decode::{ErrorJson, cdb_out, exit, hex, sense_out};

mod logcmd;
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "scsi-decode",
    version,
    about = "Decode SCSI sense data, CDBs and response data from hex, as text or JSON",
    after_help = "EXAMPLES:
  scsi-decode sense 70 00 05 00 00 00 00 0a 00 00 00 00 24 00 00 c0 00 04
  scsi-decode sense --json 0x72,0x03,0x11,0x04,0,0,0,0
  dmesg | grep -i 'sense' | scsi-decode log
  scsi-decode log --json /var/log/vmkernel.log
  scsi-decode cdb --explain 28 00 00 31 c9 b8 00 00 30 00
  scsi-decode inquiry --file inq.hex
  scsi-decode zones --explain --file rep_zones.hex
  some-tool | scsi-decode sense --json        # one hex buffer per line, JSON Lines out

EXIT STATUS: 0 decoded; 1 input not decodable (single-buffer mode); 2 usage error; 3 file not readable.
Bulk modes (stdin, log) report bad lines in place and exit 0."
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Args)]
struct Input {
    /// Hex bytes in any common form (70 00 05, 700005, 0x70,0x00, 70:00:05 ...).
    hex: Vec<String>,
    /// Read hex text from a file (`#` comments allowed).
    #[arg(long, short = 'f', conflicts_with_all = ["hex", "binary"])]
    file: Option<PathBuf>,
    /// Read raw binary bytes from a file.
    #[arg(long, short = 'b', conflicts_with = "hex")]
    binary: Option<PathBuf>,
    /// JSON output (JSON Lines in bulk mode).
    #[arg(long, short = 'j')]
    json: bool,
    /// Print a byte map: every byte and bit field with its name and value.
    #[arg(long, short = 'e')]
    explain: bool,
}

#[derive(Subcommand)]
enum Cmd {
    /// Decode sense data. With no HEX, reads stdin: one buffer per line.
    Sense(Input),
    /// Decode a CDB field by field.
    Cdb {
        #[command(flatten)]
        input: Input,
        /// Logical block size for the transfer length of READ/WRITE-type commands.
        #[arg(long, default_value_t = 512)]
        block_size: u32,
    },
    /// Decode standard INQUIRY data.
    Inquiry(Input),
    /// Decode a VPD page.
    Vpd(Input),
    /// Decode READ CAPACITY (10) (8 bytes) or (16) data.
    Readcap(Input),
    /// Decode REPORT LUNS data.
    Luns(Input),
    /// Decode REPORT ZONES data (ZBC-2).
    Zones(Input),
    /// Decode MODE SENSE data.
    Mode {
        #[command(flatten)]
        input: Input,
        /// The data is from MODE SENSE (6) (4-byte header); the default is (10).
        #[arg(long)]
        six: bool,
    },
    /// Decode a LOG SENSE page.
    Logpage(Input),
    /// Find and decode SCSI events in log text (stdin when no FILE).
    Log {
        /// Log files or directories (read recursively); `.gz` files and gzip on stdin are
        /// decompressed.
        files: Vec<PathBuf>,
        /// JSON Lines output (one event per line; with --summary one JSON document).
        #[arg(long, short = 'j')]
        json: bool,
        /// A per-device summary instead of the events.
        #[arg(long, short = 's')]
        summary: bool,
    },
}

fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

enum Got {
    Bytes(Vec<u8>),
    Stdin,
}

fn read_input(i: &Input) -> Result<Got, (i32, String)> {
    if let Some(p) = &i.binary {
        return std::fs::read(p).map(Got::Bytes).map_err(|e| (exit::IO, format!("{}: {e}", p.display())));
    }
    if let Some(p) = &i.file {
        let t = std::fs::read_to_string(p).map_err(|e| (exit::IO, format!("{}: {e}", p.display())))?;
        return hex::parse_file(&t).map(Got::Bytes).map_err(|e| (exit::UNDECODABLE, e.to_string()));
    }
    if i.hex.is_empty() {
        return Ok(Got::Stdin);
    }
    hex::parse(&i.hex.join(" ")).map(Got::Bytes).map_err(|e| (exit::UNDECODABLE, e.to_string()))
}

fn print_json(v: &impl Serialize, out: &mut impl Write) {
    let _ = writeln!(out, "{}", logcmd::to_json(v));
}

fn run(cli: Cli) -> i32 {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match cli.cmd {
        Cmd::Sense(i) => match read_input(&i) {
            Ok(Got::Bytes(b)) => match scsi_cdb::sense::Sense::parse(&b) {
                Ok(s) => {
                    if i.json {
                        print_json(&sense_out::sense_json(&s), &mut out);
                    } else {
                        let _ = write!(out, "{}", sense_out::sense_text(&s, color()));
                        if i.explain {
                            let _ = write!(out, "{}", sense_out::sense_explain(&b));
                        }
                    }
                    exit::OK
                }
                Err(e) => match scsi_decode::triple(&i.hex.join(" ")) {
                    Some(t) => logcmd::print_triple(t, i.json, &mut out),
                    None => {
                        if i.json {
                            print_json(&ErrorJson::new(&e.to_string()), &mut out);
                        } else {
                            eprintln!("scsi-decode: not sense data: {e}");
                        }
                        exit::UNDECODABLE
                    }
                },
            },
            Ok(Got::Stdin) => logcmd::bulk_sense(i.json, &mut out),
            Err((code, msg)) => match scsi_decode::triple(&i.hex.join(" ")) {
                Some(t) => logcmd::print_triple(t, i.json, &mut out),
                None => fail(i.json, code, &msg, &mut out),
            },
        },
        Cmd::Cdb { input, block_size } => match read_input(&input) {
            Ok(Got::Bytes(b)) => {
                let r = cdb_out::report(&b);
                if input.json {
                    print_json(&cdb_out::cdb_json(&r, block_size), &mut out);
                } else {
                    let _ = write!(out, "{}", cdb_out::cdb_text(&r, block_size));
                    if input.explain {
                        let _ = write!(out, "{}", cdb_out::cdb_explain(&r));
                    }
                }
                if r.decoded.is_ok() || matches!(r.decoded, Err(scsi_cdb::DecodeError::InvalidField(_))) {
                    exit::OK
                } else {
                    exit::UNDECODABLE
                }
            }
            Ok(Got::Stdin) => {
                fail(input.json, exit::USAGE, "give the CDB bytes as arguments or with --file", &mut out)
            }
            Err((code, msg)) => fail(input.json, code, &msg, &mut out),
        },
        Cmd::Inquiry(i) => data(Kind::Inquiry, &i, false, &mut out),
        Cmd::Vpd(i) => data(Kind::Vpd, &i, false, &mut out),
        Cmd::Readcap(i) => data(Kind::ReadCap, &i, false, &mut out),
        Cmd::Luns(i) => data(Kind::Luns, &i, false, &mut out),
        Cmd::Zones(i) => data(Kind::Zones, &i, false, &mut out),
        Cmd::Mode { input, six } => data(Kind::Mode, &input, !six, &mut out),
        Cmd::Logpage(i) => data(Kind::LogPage, &i, false, &mut out),
        Cmd::Log { files, json, summary } => logcmd::run(&files, json, summary, &mut out),
    }
}

fn data(kind: Kind, i: &Input, mode10: bool, out: &mut impl Write) -> i32 {
    match read_input(i) {
        Ok(Got::Bytes(b)) => match data_out::decode(kind, &b, mode10) {
            Ok((text, json)) => {
                if i.json {
                    print_json(&json, out);
                } else {
                    let _ = write!(out, "{text}");
                    if i.explain {
                        let _ = write!(out, "{}", data_out::explain(kind, &b, mode10));
                    }
                }
                exit::OK
            }
            Err(e) => fail(i.json, exit::UNDECODABLE, &e, out),
        },
        Ok(Got::Stdin) => fail(i.json, exit::USAGE, "give the bytes as arguments, --file or --binary", out),
        Err((code, msg)) => fail(i.json, code, &msg, out),
    }
}

fn fail(json: bool, code: i32, msg: &str, out: &mut impl Write) -> i32 {
    if json {
        print_json(&ErrorJson::new(msg), out);
    } else {
        eprintln!("scsi-decode: {msg}");
    }
    code
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { exit::USAGE } else { exit::OK };
            let _ = e.print();
            return ExitCode::from(code as u8);
        }
    };
    ExitCode::from(run(cli) as u8)
}
