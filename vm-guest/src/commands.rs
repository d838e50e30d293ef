//! The builder commands a device supports, sent and their answers decoded: the command list
//! (REPORT SUPPORTED OPERATION CODES, against sg_opcodes), READ/WRITE (6)-(16) with the data
//! read back, VERIFY with and without a miscompare, SYNCHRONIZE CACHE, REQUEST SENSE, MODE
//! SENSE of all pages, and per device kind: thin provisioning (WRITE SAME with UNMAP, UNMAP,
//! GET LBA STATUS), zones (write pointer, open/close/finish/reset) and the CD's volume
//! descriptor.

use scsi_cdb::cdb::U6;
use scsi_cdb::cdb::sbc::{GetLbaStatus16, Unmap, Verify10, VerifyByteCheck, WriteSame16};
use scsi_cdb::cdb::spc::{ModeSense6, ReportSupportedOperationCodes};
use scsi_cdb::cdb::zbc::{ReportZones, ZoneAction, ZoneManagement};
use scsi_cdb::data::{ModeData, ReportZonesData, ZoneCondition, lba_status, supported_commands, unmap_list};
use scsi_cdb::sense::{Disposition, Sense};
use scsi_cdb::{
    Cdb, OpCode, Read6, Read10, Read12, Read16, RequestSense, SynchronizeCache10, SynchronizeCache16, Write6,
    Write10, Write16,
};

use crate::checks::Ctx;
use crate::sg::Data;

/// The opcodes (and service actions) the device lists, or `None` when it does not answer
/// REPORT SUPPORTED OPERATION CODES.
fn supported(c: &mut Ctx) -> Option<Vec<(u8, Option<u16>)>> {
    let rsoc =
        ReportSupportedOperationCodes { allocation_length: 8192, ..ReportSupportedOperationCodes::default() };
    let (done, b) = c.data_in(&rsoc, 512).ok()?;
    if !done.is_good() {
        let s = Sense::parse(&done.sense).map(|s| s.disposition()).ok();
        c.check(
            "REPORT SUPPORTED OPERATION CODES: unsupported is INVALID OPCODE or FIELD",
            matches!(s, Some(Disposition::InvalidOpcode | Disposition::InvalidRequest)),
            &format!("{s:?}"),
        );
        return None;
    }
    let list: Vec<(u8, Option<u16>)> = match supported_commands(&b) {
        Ok(it) => it.map(|s| (s.opcode.0, s.service_action)).collect(),
        Err(e) => {
            c.check("REPORT SUPPORTED OPERATION CODES decodes", false, &e.to_string());
            return None;
        }
    };
    let sgp = c.dev.path.clone();
    if let Some(o) = crate::sg3::run("sg_opcodes", &[&sgp]) {
        // sg_opcodes lists one command per line, the opcode in hex first (the service action
        // and CDB size follow in columns that are blank when absent): compare the opcodes.
        let mut theirs: Vec<u8> = o
            .text()
            .lines()
            .filter_map(|l| {
                let w = l.split_whitespace().next()?;
                if w.len() != 2 {
                    return None;
                }
                u8::from_str_radix(w, 16).ok()
            })
            .collect();
        let mut ours: Vec<u8> = list.iter().map(|(o, _)| *o).collect();
        ours.sort_unstable();
        theirs.sort_unstable();
        c.eq(
            &format!("REPORT SUPPORTED OPERATION CODES ({} commands) = sg_opcodes", ours.len()),
            ours,
            theirs,
        );
    } else {
        c.check(
            "REPORT SUPPORTED OPERATION CODES decodes",
            !list.is_empty(),
            &format!("{} commands", list.len()),
        );
    }
    Some(list)
}

fn pattern(seed: u8, n: usize) -> Vec<u8> {
    (0..n).map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed)).collect()
}

/// One command with data-out that must complete GOOD.
fn good_out(c: &mut Ctx, name: &str, cdb: &dyn Cdb, data: &[u8], bs: u32) -> bool {
    let r = c.send(cdb, if data.is_empty() { Data::None } else { Data::Out(data) }, bs);
    let (ok, d) = match r {
        Ok(done) if done.is_good() => (true, String::new()),
        Ok(done) => (
            false,
            Sense::parse(&done.sense)
                .map(|s| s.to_string())
                .unwrap_or_else(|_| format!("status {:02x}h", done.status)),
        ),
        Err(e) => (false, e),
    };
    c.check(name, ok, &d)
}

/// As [`good_out`]; when the device did not list its commands (`unlisted`), an ILLEGAL
/// REQUEST answer is accepted as "not supported" (the sense must still decode to it).
/// True when the command completed GOOD.
fn maybe_out(c: &mut Ctx, name: &str, cdb: &dyn Cdb, data: &[u8], bs: u32, unlisted: bool) -> bool {
    if !unlisted {
        return good_out(c, name, cdb, data, bs);
    }
    match c.send(cdb, if data.is_empty() { Data::None } else { Data::Out(data) }, bs) {
        Ok(done) if done.is_good() => c.check(name, true, ""),
        Ok(done) => {
            let s = Sense::parse(&done.sense).ok();
            let d = s.map(|s| s.disposition());
            let ok = matches!(d, Some(Disposition::InvalidOpcode | Disposition::InvalidRequest));
            c.check(
                &format!("{name}: not supported, sense says ILLEGAL REQUEST"),
                ok,
                &format!("{:?}", s.map(|s| s.to_string())),
            );
            false
        }
        Err(e) => c.check(name, false, &e),
    }
}

/// The commands of a direct-access (or zoned) device; `bs` is its logical block size, `lba`
/// a scratch area that ordinary writes may use (a conventional zone on a zoned device).
pub fn disk(c: &mut Ctx, bs: u32, lba: u64) {
    // REQUEST SENSE first (QEMU keeps the last sense): no pending condition, NO SENSE.
    if let Some(b) = c.good_in("REQUEST SENSE", &RequestSense::new(252), bs) {
        let s = Sense::parse(&b).ok();
        c.eq("REQUEST SENSE: no pending sense", s.map(|s| s.disposition()), Some(Disposition::Success));
    }
    let list = supported(c);
    let has = |op: OpCode| list.as_ref().is_none_or(|l| l.iter().any(|(o, _)| *o == op.0));
    let n = 4u32;
    let len = (n * bs) as usize;

    // WRITE (10) a pattern, read it back with every READ size.
    let data = pattern(lba as u8 ^ 0x5A, len);
    let w10 = Write10::try_new(lba, n).ok();
    if let Some(w) = w10 {
        if good_out(c, "WRITE (10)", &w, &data, bs) {
            let reads: [(&str, Option<Box<dyn Cdb>>); 4] = [
                ("READ (6)", Read6::try_new(lba, n).ok().map(|x| Box::new(x) as Box<dyn Cdb>)),
                ("READ (10)", Read10::try_new(lba, n).ok().map(|x| Box::new(x) as Box<dyn Cdb>)),
                ("READ (12)", Read12::try_new(lba, n).ok().map(|x| Box::new(x) as Box<dyn Cdb>)),
                ("READ (16)", Some(Box::new(Read16::new(lba, n)) as Box<dyn Cdb>)),
            ];
            for (name, cdb) in reads {
                let Some(cdb) = cdb else { continue };
                if !has(cdb.opcode()) {
                    continue;
                }
                if let Some(back) = c.good_in(name, cdb.as_ref(), bs) {
                    c.check(&format!("{name} returns what WRITE (10) wrote"), back == data, "");
                }
            }
        }
    }
    // WRITE (16) and WRITE (6) round trips.
    for (name, cdb) in [
        ("WRITE (16)", Some(Write16::new(lba, n)).map(|x| Box::new(x) as Box<dyn Cdb>)),
        ("WRITE (6)", Write6::try_new(lba, n).ok().map(|x| Box::new(x) as Box<dyn Cdb>)),
    ] {
        let Some(cdb) = cdb else { continue };
        if !has(cdb.opcode()) {
            continue;
        }
        let data = pattern(cdb.opcode().0, len);
        if good_out(c, name, cdb.as_ref(), &data, bs) {
            if let Ok(r) = Read10::try_new(lba, n) {
                let back = c.good_in("READ (10)", &r, bs);
                c.check(
                    &format!("READ (10) returns what {name} wrote"),
                    back.as_deref() == Some(&data[..]),
                    "",
                );
            }
        }
        // VERIFY (10) with BYTCHK: the same data is GOOD, other data a MISCOMPARE.
        if name == "WRITE (16)" && has(OpCode(0x2F)) {
            let v = Verify10 {
                bytchk: VerifyByteCheck::Compare,
                lba: lba as u32,
                verification_length: n as u16,
                ..Verify10::default()
            };
            if !maybe_out(c, "VERIFY (10) BYTCHK=1 of the same data", &v, &data, bs, list.is_none()) {
                continue;
            }
            let mut other = data.clone();
            if let Some(b) = other.get_mut(bs as usize + 3) {
                *b ^= 0xFF;
            }
            match c.send(&v, Data::Out(&other), bs) {
                Ok(done) => {
                    let s = Sense::parse(&done.sense).ok();
                    c.eq(
                        "VERIFY (10) of other data: MISCOMPARE",
                        s.map(|s| s.disposition()),
                        Some(Disposition::Miscompare),
                    );
                    c.eq(
                        "VERIFY (10) miscompare: MISCOMPARE DURING VERIFY OPERATION (1Dh/00h)",
                        s.and_then(|s| s.additional_sense()).map(|a| (a.asc, a.ascq)),
                        Some((0x1D, 0x00)),
                    );
                }
                Err(e) => {
                    c.check("VERIFY (10) of other data", false, &e);
                }
            }
        }
    }
    if has(OpCode(0x35)) {
        good_out(c, "SYNCHRONIZE CACHE (10)", &SynchronizeCache10::new(0, 0), &[], bs);
    }
    if has(OpCode(0x91)) {
        maybe_out(c, "SYNCHRONIZE CACHE (16)", &SynchronizeCache16::new(0, 0), &[], bs, list.is_none());
    }
    // MODE SENSE (6) of all pages: every page walks.
    let ms = ModeSense6 {
        page_code: U6::new(0x3F).unwrap_or_default(),
        allocation_length: 255,
        ..ModeSense6::default()
    };
    if let Some(b) = c.good_in("MODE SENSE (6) all pages", &ms, bs) {
        match ModeData::parse(&b, false) {
            Ok(m) => {
                let pages: Result<Vec<u8>, _> = m.pages().map(|p| p.map(|p| p.code)).collect();
                c.check(
                    "MODE SENSE (6) pages walk",
                    pages.as_ref().is_ok_and(|p| !p.is_empty()),
                    &format!("{pages:02x?}"),
                );
            }
            Err(e) => {
                c.check("MODE SENSE (6) decodes", false, &e.to_string());
            }
        }
    }
}

/// Thin provisioning: WRITE SAME (16) with UNMAP and UNMAP deallocate, GET LBA STATUS says
/// so, unmapped blocks read as zeros (LBPRZ), a write maps again.
pub fn thin(c: &mut Ctx, bs: u32) {
    let (lba, n) = (2048u64, 64u32);
    let data = pattern(7, (n * bs) as usize);
    {
        let w = Write16::new(lba, n);
        good_out(c, "thin: WRITE (16) maps 64 blocks", &w, &data, bs);
    }
    let status = |c: &mut Ctx, name: &str| -> Option<u8> {
        let g = GetLbaStatus16 { lba, allocation_length: 1024, ..GetLbaStatus16::default() };
        let b = c.good_in(name, &g, bs)?;
        let first = lba_status(&b).ok()?.next()?;
        Some(if first.lba <= lba { first.provisioning_status } else { 0xFF })
    };
    let s = status(c, "thin: GET LBA STATUS (16) after write");
    c.eq("thin: mapped after write", s, Some(0));
    let ws =
        WriteSame16 { unmap: true, ndob: true, lba, number_of_logical_blocks: n, ..WriteSame16::default() };
    good_out(c, "thin: WRITE SAME (16) UNMAP NDOB", &ws, &[], bs);
    let s = status(c, "thin: GET LBA STATUS (16) after WRITE SAME");
    c.eq("thin: deallocated after WRITE SAME UNMAP", s, Some(1));
    {
        let r = Read16::new(lba, 1);
        let back = c.good_in("thin: READ (16) of an unmapped block", &r, bs);
        c.check(
            "thin: unmapped block reads as zeros (LBPRZ)",
            back.is_some_and(|b| b.iter().all(|x| *x == 0)),
            "",
        );
    }
    {
        let w = Write16::new(lba, n);
        good_out(c, "thin: WRITE (16) maps again", &w, &data, bs);
    }
    let mut list = [0u8; 24];
    if let Ok(len) = unmap_list(&[(lba, n)], &mut list) {
        let u = Unmap { parameter_list_length: len as u16, ..Unmap::default() };
        good_out(c, "thin: UNMAP", &u, &list[..len], bs);
        let s = status(c, "thin: GET LBA STATUS (16) after UNMAP");
        c.eq("thin: deallocated after UNMAP", s, Some(1));
    }
}

/// Zones: a write at the write pointer moves it, OPEN/CLOSE/FINISH/RESET change the
/// condition as ZBC says, a write off the write pointer is refused.
pub fn zoned(c: &mut Ctx, bs: u32) {
    let report = |c: &mut Ctx, name: &str| -> Option<Vec<scsi_cdb::data::ZoneDescriptor>> {
        let b =
            c.good_in(name, &ReportZones { allocation_length: 64 * 1024, ..ReportZones::default() }, bs)?;
        Some(ReportZonesData::parse(&b).ok()?.zones().collect())
    };
    let Some(zones) = report(c, "zones: REPORT ZONES") else { return };
    let Some(z) = zones.iter().find(|z| z.zone_type.0 == 2).copied() else {
        c.check("zones: a sequential write required zone", false, "");
        return;
    };
    let zone =
        |c: &mut Ctx, name: &str| report(c, name).and_then(|l| l.into_iter().find(|x| x.start == z.start));
    let mgmt = |c: &mut Ctx, action: ZoneAction, name: &str| {
        let m = ZoneManagement { service_action: action, zone_id: z.start, ..ZoneManagement::default() };
        good_out(c, name, &m, &[], bs);
    };
    mgmt(c, ZoneAction::ResetWritePointer, "zones: RESET WRITE POINTER");
    let now = zone(c, "zones: REPORT ZONES after reset");
    c.eq(
        "zones: empty after reset, write pointer at the start",
        now.map(|x| (x.condition, x.write_pointer)),
        Some((ZoneCondition::EMPTY, z.start)),
    );
    let data = pattern(3, (8 * bs) as usize);
    {
        let w = Write16::new(z.start, 8);
        good_out(c, "zones: WRITE (16) at the write pointer", &w, &data, bs);
    }
    let now = zone(c, "zones: REPORT ZONES after write");
    c.eq(
        "zones: implicitly open, write pointer moved by 8",
        now.map(|x| (x.condition, x.write_pointer)),
        Some((ZoneCondition::IMPLICITLY_OPENED, z.start + 8)),
    );
    // A write that is not at the write pointer: ILLEGAL REQUEST, UNALIGNED WRITE COMMAND (21h/04h).
    {
        let w = Write16::new(z.start + 100, 1);
        let d = pattern(4, bs as usize);
        match c.send(&w, Data::Out(&d), bs) {
            Ok(done) => {
                let s = Sense::parse(&done.sense).ok();
                c.eq(
                    "zones: write off the write pointer: 21h/04h",
                    s.and_then(|s| s.additional_sense()).map(|a| (a.asc, a.ascq)),
                    Some((0x21, 0x04)),
                );
            }
            Err(e) => {
                c.check("zones: write off the write pointer", false, &e);
            }
        }
    }
    mgmt(c, ZoneAction::CloseZone, "zones: CLOSE ZONE");
    let now = zone(c, "zones: REPORT ZONES after close");
    c.eq("zones: closed", now.map(|x| x.condition), Some(ZoneCondition::CLOSED));
    mgmt(c, ZoneAction::OpenZone, "zones: OPEN ZONE");
    let now = zone(c, "zones: REPORT ZONES after open");
    c.eq("zones: explicitly open", now.map(|x| x.condition), Some(ZoneCondition::EXPLICITLY_OPENED));
    mgmt(c, ZoneAction::FinishZone, "zones: FINISH ZONE");
    let now = zone(c, "zones: REPORT ZONES after finish");
    c.eq("zones: full, write pointer at the end", now.map(|x| x.condition), Some(ZoneCondition::FULL));
    mgmt(c, ZoneAction::ResetWritePointer, "zones: RESET WRITE POINTER again");
    let now = zone(c, "zones: REPORT ZONES after the second reset");
    c.eq("zones: empty again", now.map(|x| x.condition), Some(ZoneCondition::EMPTY));
}

/// The CD: READ (10) of sector 16 is the ISO 9660 primary volume descriptor.
pub fn cd(c: &mut Ctx) {
    let Ok(r) = Read10::try_new(16, 1) else { return };
    if let Some(b) = c.good_in("READ (10) of sector 16", &r, 2048) {
        c.eq(
            "sector 16 is the primary volume descriptor",
            b.get(..6).map(<[u8]>::to_vec),
            Some(b"\x01CD001".to_vec()),
        );
    }
}
