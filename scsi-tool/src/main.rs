//! `scsi`: send commands to a SCSI device (sg3_utils' sg_inq, sg_vpd, sg_readcap, sg_luns,
//! sg_turs, sg_sync, sg_requests and sg_raw in one tool), text or `--json`.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use scsi_cdb::cdb::spc::ReportLuns;
use scsi_cdb::data::{ReadCapacity10Data, ReportLunsData, StandardInquiry, VpdPageView};
use scsi_cdb::sense::Sense;
use scsi_cdb::{
    Cdb, DataDirection, Inquiry, RawCdb, ReadCapacity10, ReadCapacity16, RequestSense, SynchronizeCache10,
    TestUnitReady, VpdPage,
};
use scsi_decode::data_out::{self, Kind};
use scsi_decode::sense_out;
use scsi_io::{CommandName, Completion, DataBuffer, Device, Options};
use scsi_tool::{completion_category, error_category, exit, json};
use serde_json::Value;

#[derive(Parser)]
#[command(name = "scsi", version, about = "Send SCSI commands to a device (a path or an iscsi:// URL)")]
#[command(after_help = exit::TABLE)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct Common {
    /// Print JSON (the shapes of scsi-decode) instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// Command timeout in seconds.
    #[arg(long, global = true, default_value_t = 60)]
    timeout: u64,
}

#[derive(Subcommand)]
enum Cmd {
    /// INQUIRY: standard data, or a VPD page (sg_inq, sg_vpd).
    Inquiry {
        /// Device path (/dev/sg0, /dev/sda) or iscsi://host[:port]/iqn/lun.
        dev: String,
        /// VPD page code (hex with 0x or h suffix, or decimal).
        #[arg(long)]
        vpd: Option<String>,
    },
    /// READ CAPACITY (10), or (16) when needed or with --long (sg_readcap).
    Readcap {
        /// Device.
        dev: String,
        /// Use READ CAPACITY (16).
        #[arg(long)]
        long: bool,
    },
    /// REPORT LUNS (sg_luns).
    Luns {
        /// Device.
        dev: String,
    },
    /// TEST UNIT READY (sg_turs).
    Tur {
        /// Device.
        dev: String,
    },
    /// SYNCHRONIZE CACHE (10) of the whole medium (sg_sync).
    Sync {
        /// Device.
        dev: String,
        /// Set IMMED: return before the flush ends.
        #[arg(long)]
        immed: bool,
    },
    /// REQUEST SENSE, decoded (sg_requests).
    Sense {
        /// Device.
        dev: String,
    },
    /// Bring the logical unit up as Linux does and print what was learned (TEST UNIT READY,
    /// INQUIRY, VPD pages, READ CAPACITY, MODE SENSE caching page).
    Probe {
        /// Device.
        dev: String,
    },
    /// Any CDB given as hex bytes (sg_raw).
    Raw {
        /// Device.
        dev: String,
        /// CDB bytes in hex ("12 00 00 00 24 00" or "120000002400").
        #[arg(required = true, num_args = 1..)]
        cdb: Vec<String>,
        /// Data-in of LEN bytes.
        #[arg(long = "in", value_name = "LEN", conflicts_with = "out")]
        input: Option<u32>,
        /// Data-out from FILE.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Vendor-specific CDB: do not check its length against the opcode's group code.
        #[arg(long)]
        vendor: bool,
    },
}

/// A failure already reported, with its exit status.
struct Fail(i32);

type Res<T> = Result<T, Fail>;

struct Ctx {
    json: bool,
    opts: Options,
}

impl Ctx {
    fn open(&self, dev: &str) -> Res<Device> {
        Device::open(dev).map_err(|e| self.io_error(&e))
    }

    fn io_error(&self, e: &scsi_io::Error) -> Fail {
        let code = error_category(e);
        if self.json {
            print_json(&json::ErrorRecord { error: e.to_string(), exit_status: code });
        } else {
            eprintln!("scsi: {e}");
        }
        Fail(code)
    }

    /// Sends `cdb`; a non-GOOD completion is reported (sense decoded) and becomes a `Fail`.
    fn run(&self, dev: &Device, cdb: &dyn Cdb, data: DataBuffer<'_>) -> Res<Completion> {
        let c = dev.execute_with(cdb, data, &self.opts).map_err(|e| self.io_error(&e))?;
        if c.is_good() {
            return Ok(c);
        }
        let code = completion_category(&c);
        let name = CommandName::of(cdb);
        let sense = Sense::parse(c.sense()).ok();
        if self.json {
            print_json(&json::FailureRecord {
                command: name.to_string(),
                device: dev.name().to_owned(),
                disposition: sense.as_ref().map(|s| s.disposition().name()),
                driver_status: c.driver_status,
                exit_status: code,
                host_status: c.host_status,
                sense: sense.as_ref().map(sense_out::sense_json),
                sense_bytes: sense_out::hex(c.sense()),
                status: c.status.0,
                status_name: c.status.name(),
            });
        } else {
            eprintln!("scsi: {}: {name}: status {}", dev.name(), c.status);
            if !c.transport_ok() {
                eprintln!("  host status {:#x}, driver status {:#x}", c.host_status, c.driver_status);
            }
            match &sense {
                Some(s) => {
                    eprint!("{}", sense_out::sense_text(s, false));
                    eprintln!("  disposition: {}", s.disposition().name());
                }
                None if !c.sense().is_empty() => eprintln!("  sense bytes: {}", sense_out::hex(c.sense())),
                None => {}
            }
        }
        Err(Fail(code))
    }

    /// Sends a data-in command and returns the bytes received.
    fn data_in(&self, dev: &Device, cdb: &dyn Cdb, len: usize) -> Res<Vec<u8>> {
        let mut buf = vec![0u8; len];
        let c = self.run(dev, cdb, DataBuffer::In(&mut buf))?;
        let n = c.data_in(&buf).len();
        buf.truncate(n);
        Ok(buf)
    }

    fn print_decoded(&self, dev: &Device, kind: Kind, b: &[u8]) -> Res<()> {
        match data_out::decode(kind, b, false) {
            Ok((text, j)) => {
                if self.json {
                    print_json(&json::DeviceRecord::new(dev.name(), "data", j));
                } else {
                    print!("{text}");
                }
                Ok(())
            }
            Err(e) => {
                eprintln!("scsi: {}: malformed response: {e} [{}]", dev.name(), sense_out::hex(b));
                Err(Fail(exit::MALFORMED))
            }
        }
    }

    fn done(&self, dev: &Device, cdb: &dyn Cdb, result: impl serde::Serialize) {
        if self.json {
            let command = CommandName::of(cdb).to_string();
            print_json(&json::DoneRecord { command, device: dev.name().to_owned(), result, status: 0 });
        }
    }
}

/// One JSON record on a line of stdout.
fn print_json(record: &impl serde::Serialize) {
    println!("{}", serde_json::to_string(record).unwrap_or_default());
}

fn parse_num(s: &str) -> Option<u32> {
    let t = s.trim();
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u32::from_str_radix(h, 16).ok()
    } else if let Some(h) = t.strip_suffix('h').or_else(|| t.strip_suffix('H')) {
        u32::from_str_radix(h, 16).ok()
    } else {
        t.parse().ok()
    }
}

fn parse_hex_bytes(parts: &[String]) -> Option<Vec<u8>> {
    let digits: String = parts.iter().flat_map(|p| p.split([' ', ',', ':'])).collect::<Vec<_>>().concat();
    if digits.is_empty() || digits.len() % 2 != 0 {
        return None;
    }
    (0..digits.len())
        .step_by(2)
        .map(|i| digits.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

fn inquiry(ctx: &Ctx, dev: &str, vpd: Option<&str>) -> Res<()> {
    let d = ctx.open(dev)?;
    match vpd {
        None => {
            // 36 bytes first (what every device answers), then the full length it declares.
            let mut b = ctx.data_in(&d, &Inquiry::standard(36), 36)?;
            if let Ok(i) = StandardInquiry::parse(&b) {
                let full = i.total_len().min(255);
                if full > b.len() {
                    b = ctx.data_in(&d, &Inquiry::standard(full as u16), full)?;
                }
            }
            ctx.print_decoded(&d, Kind::Inquiry, &b)
        }
        Some(p) => {
            let Some(page) = parse_num(p).and_then(|v| u8::try_from(v).ok()) else {
                eprintln!("scsi: bad VPD page \"{p}\" (a number 0-255, such as 0x83 or 131)");
                return Err(Fail(exit::SYNTAX_ERROR));
            };
            let page = VpdPage(page);
            let mut b = ctx.data_in(&d, &Inquiry::vpd(page, 252), 252)?;
            if let Ok(v) = VpdPageView::parse(&b) {
                let full = (v.declared_len() + 4).min(0xFFFF);
                if full > b.len() {
                    b = ctx.data_in(&d, &Inquiry::vpd(page, full as u16), full)?;
                }
            }
            ctx.print_decoded(&d, Kind::Vpd, &b)
        }
    }
}

fn readcap(ctx: &Ctx, dev: &str, long: bool) -> Res<()> {
    let d = ctx.open(dev)?;
    if !long {
        let b = ctx.data_in(&d, &ReadCapacity10::new(), 8)?;
        let needs16 = ReadCapacity10Data::parse(&b).map(|r| r.needs_read_capacity_16()).unwrap_or(false);
        if !needs16 {
            return ctx.print_decoded(&d, Kind::ReadCap, &b);
        }
    }
    let b = ctx.data_in(&d, &ReadCapacity16::new(), 32)?;
    ctx.print_decoded(&d, Kind::ReadCap, &b)
}

fn luns(ctx: &Ctx, dev: &str) -> Res<()> {
    let d = ctx.open(dev)?;
    let mut len = 8192u32;
    let mut b =
        ctx.data_in(&d, &ReportLuns { allocation_length: len, ..Default::default() }, len as usize)?;
    if let Ok(r) = ReportLunsData::parse(&b) {
        let full = r.list_len().saturating_add(8);
        if full > len {
            len = full;
            b =
                ctx.data_in(&d, &ReportLuns { allocation_length: len, ..Default::default() }, len as usize)?;
        }
    }
    ctx.print_decoded(&d, Kind::Luns, &b)
}

fn sense(ctx: &Ctx, dev: &str) -> Res<()> {
    let d = ctx.open(dev)?;
    let b = ctx.data_in(&d, &RequestSense::new(252), 252)?;
    match Sense::parse(&b) {
        Ok(s) => {
            if ctx.json {
                print_json(&json::DeviceRecord::new(d.name(), "sense", sense_out::sense_json(&s)));
            } else {
                print!("{}", sense_out::sense_text(&s, false));
                println!("  disposition: {}", s.disposition().name());
            }
            Ok(())
        }
        Err(e) => {
            eprintln!("scsi: {}: REQUEST SENSE data: {e} [{}]", d.name(), sense_out::hex(&b));
            Err(Fail(exit::MALFORMED))
        }
    }
}

fn raw(
    ctx: &Ctx,
    dev: &str,
    cdb: &[String],
    input: Option<u32>,
    out: Option<&std::path::Path>,
    vendor: bool,
) -> Res<()> {
    let Some(bytes) = parse_hex_bytes(cdb) else {
        eprintln!("scsi: the CDB must be hex bytes: {}", cdb.join(" "));
        return Err(Fail(exit::SYNTAX_ERROR));
    };
    let out_data = match out {
        Some(p) => Some(std::fs::read(p).map_err(|e| {
            eprintln!("scsi: {}: {e}", p.display());
            Fail(exit::FILE_ERROR)
        })?),
        None => None,
    };
    let (dir, len) = match (input, &out_data) {
        (Some(n), _) => (DataDirection::FromDevice, n),
        (None, Some(b)) => (DataDirection::ToDevice, u32::try_from(b.len()).unwrap_or(u32::MAX)),
        (None, None) => (DataDirection::None, 0),
    };
    let dir = if len == 0 { DataDirection::None } else { dir };
    let made = if vendor { RawCdb::vendor_specific(&bytes, dir, len) } else { RawCdb::new(&bytes, dir, len) };
    let c = made.map_err(|e| {
        eprintln!(
            "scsi: CDB [{}]: {e}{}",
            sense_out::hex(&bytes),
            if vendor { "" } else { " (--vendor to send it anyway)" }
        );
        Fail(exit::SYNTAX_ERROR)
    })?;
    let d = ctx.open(dev)?;
    match (dir, &out_data) {
        (DataDirection::FromDevice, _) => {
            let b = ctx.data_in(&d, &c, len as usize)?;
            if ctx.json {
                ctx.done(&d, &c, json::DataIn { data_in: sense_out::hex(&b), length: b.len() });
            } else {
                println!("Received {} bytes of data:", b.len());
                for (i, chunk) in b.chunks(16).enumerate() {
                    println!(" {:04x}  {}", i * 16, sense_out::hex(chunk));
                }
            }
        }
        (DataDirection::ToDevice, Some(b)) => {
            ctx.run(&d, &c, DataBuffer::Out(b))?;
            ctx.done(&d, &c, json::DataOut { data_out_length: b.len() });
        }
        _ => {
            ctx.run(&d, &c, DataBuffer::None)?;
            ctx.done(&d, &c, ());
        }
    }
    Ok(())
}

fn probe(ctx: &Ctx, dev: &str) -> Res<()> {
    let mut d = ctx.open(dev)?;
    d.options = ctx.opts;
    let profile = scsi_io::probe(&d).map_err(|e| ctx.io_error(&e))?;
    let v = serde_json::to_value(profile).unwrap_or(Value::Null);
    if ctx.json {
        print_json(&json::DeviceRecord::new(d.name(), "profile", v));
        return Ok(());
    }
    println!("{}:", d.name());
    let Value::Object(fields) = v else { return Ok(()) };
    for (k, v) in &fields {
        let shown = match v {
            Value::Null => "-".to_string(),
            Value::String(s) => s.clone(),
            Value::Array(a) if k == "unknown" => a
                .iter()
                .map(|u| {
                    format!(
                        "{} ({})",
                        u["field"].as_str().unwrap_or("?"),
                        u["reason"].as_str().unwrap_or("?")
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            Value::Array(a) if k == "designators" => a
                .iter()
                .map(|u| {
                    format!(
                        "type {} assoc {}: {}",
                        u["type"],
                        u["association"],
                        u["value"].as_str().unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            other => other.to_string(),
        };
        println!("  {k:<24} {shown}");
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { exit::SYNTAX_ERROR } else { exit::CLEAN };
            let _ = e.print();
            return ExitCode::from(code as u8);
        }
    };
    let ctx = Ctx {
        json: cli.common.json,
        opts: Options { timeout: Duration::from_secs(cli.common.timeout.max(1)), ..Options::default() },
    };
    let r = match &cli.cmd {
        Cmd::Inquiry { dev, vpd } => inquiry(&ctx, dev, vpd.as_deref()),
        Cmd::Readcap { dev, long } => readcap(&ctx, dev, *long),
        Cmd::Luns { dev } => luns(&ctx, dev),
        Cmd::Tur { dev } => ctx.open(dev).and_then(|d| {
            let c = TestUnitReady::new();
            ctx.run(&d, &c, DataBuffer::None).map(|_| ctx.done(&d, &c, Value::Null))
        }),
        Cmd::Sync { dev, immed } => ctx.open(dev).and_then(|d| {
            let c = SynchronizeCache10 { immed: *immed, ..SynchronizeCache10::new(0, 0) };
            ctx.run(&d, &c, DataBuffer::None).map(|_| ctx.done(&d, &c, Value::Null))
        }),
        Cmd::Sense { dev } => sense(&ctx, dev),
        Cmd::Probe { dev } => probe(&ctx, dev),
        Cmd::Raw { dev, cdb, input, out, vendor } => raw(&ctx, dev, cdb, *input, out.as_deref(), *vendor),
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(code)) => ExitCode::from(u8::try_from(code).unwrap_or(99)),
    }
}
