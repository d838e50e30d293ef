//! A counting global allocator proves that encoding and decoding allocate nothing.
//!
//! Each path runs once to warm up, then inside `assert_no_alloc`, which fails if the global
//! allocator was called at all while the closure ran.

mod probe_sim;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use scsi_cdb::{
    BestFit, Cdb, Command, Inquiry, RawCdb, Read6, Read10, Read12, Read16, Read32, ReadAny, ReadCapacity10,
    ReadCapacity16, RequestSense, RwParams, SynchronizeCache10, SynchronizeCache16, TestUnitReady, VpdPage,
    Write10, Write16, Write32,
};

struct Counting;

thread_local! {
    /// Allocations made by this thread (the test harness runs tests on several threads).
    static CALLS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    let _ = CALLS.try_with(|c| c.set(c.get() + 1));
}

fn calls() -> usize {
    CALLS.with(Cell::get)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn assert_no_alloc(what: &str, mut f: impl FnMut()) {
    f();
    let before = calls();
    for _ in 0..100 {
        f();
    }
    let after = calls();
    assert_eq!(after, before, "{what} allocated {} times", after - before);
}

fn encode_all(out: &mut [u8; 64]) -> usize {
    let cmds: [&dyn Cdb; 16] = [
        &Read6::try_new(1, 2).unwrap(),
        &Read10::try_new(1, 2).unwrap(),
        &Read12::try_new(1, 2).unwrap(),
        &Read16::new(1, 2),
        &Read32::new(1, 2),
        &Write10::try_new(1, 2).unwrap(),
        &Write16::new(1, 2),
        &Write32::new(1, 2),
        &SynchronizeCache10::whole_medium(),
        &SynchronizeCache16::new(3, 4),
        &Inquiry::vpd(VpdPage::BLOCK_LIMITS, 64),
        &TestUnitReady::new(),
        &RequestSense::new(252),
        &ReadCapacity10::new(),
        &ReadCapacity16::new(),
        &RawCdb::vendor(scsi_cdb::OpCode(0xC1), 16, &[1, 2], scsi_cdb::DataDirection::FromDevice, 4).unwrap(),
    ];
    let mut total = 0;
    for c in cmds {
        total += c.encode_into(out).unwrap() + c.transfer_len(512) as usize;
        total += c.to_buf().map(|b| b.as_bytes().len()).unwrap_or(0);
    }
    total
}

#[test]
fn encoding_allocates_nothing() {
    let mut out = [0u8; 64];
    assert_no_alloc("encode", || {
        black_box(encode_all(black_box(&mut out)));
    });
    let mut out = [0u8; 32];
    assert_no_alloc("best fit", || {
        let p = RwParams { lba: black_box(1 << 40), transfer_length: 8, ..RwParams::default() };
        black_box(ReadAny::encode_best_fit(&p, BestFit::default(), &mut out).unwrap());
        black_box(ReadAny::best_fit(&p, BestFit::default()).unwrap());
    });
}

#[test]
fn decoding_allocates_nothing() {
    let cdbs: Vec<Vec<u8>> = vec![
        Read16::new(5, 5).to_bytes().to_vec(),
        Read32::new(5, 5).to_bytes().to_vec(),
        Inquiry::standard(36).to_bytes().to_vec(),
        vec![0x12, 0x04, 0, 0, 0, 0],
        vec![0x4D, 0, 0x40, 0, 0, 0, 0, 0x10, 0, 0],
        vec![0x7F, 0, 0],
        vec![],
        vec![0xC5; 40],
    ];
    assert_no_alloc("decode", || {
        for c in &cdbs {
            if let Ok(cmd) = Command::parse(black_box(c)) {
                black_box(cmd.name());
            } else {
                black_box(Command::parse(c).err().map(|e| e.field_pointer()));
            }
        }
    });
}

#[test]
fn sense_paths_allocate_nothing() {
    use scsi_cdb::sense::{Sense, SenseBuilder};
    let desc: [u8; 40] = [
        0x72, 0x03, 0x11, 0x00, 0, 0, 0, 32, 0x00, 0x0A, 0x80, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 0x01,
        0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x09, 0x02, 0x06, 0, 0, 0x80, 0x00, 0x07, 0,
    ];
    let fixed = [0xF0, 0, 3, 0, 0x12, 0x34, 0x56, 0x0A, 0, 0, 0, 0, 0x11, 0, 0, 0x80, 0, 7];
    let mut out = [0u8; 252];
    assert_no_alloc("sense decode and build", || {
        for b in [&desc[..], &fixed[..], &desc[..20]] {
            let s = Sense::parse(black_box(b)).unwrap();
            black_box((s.summary(), s.disposition(), s.ata_status(), s.descriptors().count()));
            let sb = SenseBuilder::from_sense(&s).unwrap();
            black_box(sb.descriptor().emit(&mut out).unwrap());
        }
        black_box(scsi_cdb::AdditionalSense::new(0x40, 0x99).description());
    });
}

#[test]
fn data_paths_allocate_nothing() {
    use scsi_cdb::data::{
        ModeData, ReadCapacity16Data, ReportLunsData, StandardInquiry, mode_select_list, supported_commands,
        unmap_list, vpd,
    };
    let mut inq = [0u8; 96];
    inq[4] = 91;
    let page83 = [0, 0x83, 0, 12, 1, 3, 0, 8, 0x50, 0, 0, 0, 0, 0, 0, 1];
    let luns = [0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    let mode = [0x0B, 0, 0, 0, 0x08, 0x06, 0x04, 0, 0, 0, 0, 0];
    let rsoc = [0, 0, 0, 8, 0x28, 0, 0, 0, 0, 0, 0, 10];
    let mut out = [0u8; 64];
    assert_no_alloc("data views and list builders", || {
        let i = StandardInquiry::parse(black_box(&inq)).unwrap();
        black_box((i.vendor(), i.product(), i.version_descriptors().count()));
        black_box(vpd::DeviceIdentification::parse(&page83).map(|p| p.designators()).unwrap().count());
        black_box(ReadCapacity16Data::parse(&inq[..32]).unwrap().capacity_bytes());
        black_box(ReportLunsData::parse(&luns).unwrap().luns().count());
        black_box(ModeData::parse(&mode, false).unwrap().pages().count());
        black_box(supported_commands(&rsoc).unwrap().count());
        black_box(unmap_list(&[(1, 2)], &mut out).unwrap());
        black_box(mode_select_list(false, &mode[4..], &mut out).unwrap());
    });
}

#[test]
fn command_set_allocates_nothing() {
    use scsi_cdb::cdb::sat::{AtaCdbSize, AtaPassThrough};
    use scsi_cdb::cdb::sbc::{Verify32, WriteSame16};
    use scsi_cdb::cdb::spc::{ModeSense10, PersistentReserveOut, PrOutAction, PrOutParameters, PrType};
    use scsi_cdb::cdb::zbc::ReportZones;
    let ms = ModeSense10 { allocation_length: 512, ..ModeSense10::default() }.to_bytes();
    let ata = AtaPassThrough::identify_device(AtaCdbSize::Sixteen).to_buf().unwrap();
    let mut out = [0u8; 64];
    assert_no_alloc("table commands and ATA PASS-THROUGH, encode and decode", || {
        black_box(
            WriteSame16 { lba: black_box(7), number_of_logical_blocks: 8, ..WriteSame16::default() }
                .to_bytes(),
        );
        black_box(Verify32 { lba: black_box(9), verification_length: 1, ..Verify32::default() }.to_bytes());
        black_box(
            ReportZones { allocation_length: 4096, ..ReportZones::default() }.encode_into(&mut out).unwrap(),
        );
        black_box(PersistentReserveOut::new(PrOutAction::REGISTER, PrType::WRITE_EXCLUSIVE).to_bytes());
        black_box(PrOutParameters { reservation_key: 1, ..PrOutParameters::default() }.to_bytes());
        black_box(AtaPassThrough::smart_read_data(AtaCdbSize::Twelve).encode_into(&mut out).unwrap());
        black_box(ModeSense10::decode(black_box(&ms)).unwrap());
        black_box(Command::parse(black_box(&ms)).unwrap().name());
        black_box(Command::parse(black_box(ata.as_bytes())).unwrap().name());
    });
}

#[test]
fn newer_data_views_allocate_nothing() {
    use scsi_cdb::VersionDescriptor;
    use scsi_cdb::data::{PrKeys, ReportZonesData, ReportZonesWriter, WriteData, vpd};
    let mut p86 = [0u8; 64];
    p86[1] = 0x86;
    p86[3] = 60;
    let mut p89 = [0u8; 572];
    p89[1] = 0x89;
    p89[2..4].copy_from_slice(&568u16.to_be_bytes());
    let p88 = [0, 0x88, 0, 16, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 4, 1, 3, 0, 0];
    let mut zones = [0u8; 128];
    zones[3] = 64;
    let keys = [0, 0, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 9];
    let mut zones_out = [0u8; 256];
    assert_no_alloc("VPD pages, zones, keys, version names", || {
        black_box(vpd::ExtendedInquiry::parse(black_box(&p86)).unwrap());
        let a = vpd::AtaInformation::parse(black_box(&p89)).unwrap();
        black_box((a.model_number(), a.serial_number(), a.lba48_sectors(), a.logical_sector_size()));
        black_box(
            vpd::ScsiPorts::parse(&p88)
                .map(|p| p.ports())
                .unwrap()
                .map(|p| p.target_port_designators().count())
                .sum::<usize>(),
        );
        black_box(ReportZonesData::parse(&zones).unwrap().zones().count());
        let z = ReportZonesData::parse(&zones).unwrap().zones().next().unwrap();
        black_box(
            ReportZonesWriter { max_lba: 7, zones: &[z, z, z, z], ..Default::default() }
                .write(&mut zones_out),
        );
        black_box(PrKeys::parse(&keys).unwrap().keys().count());
        black_box(VersionDescriptor(black_box(0x0460)).name());
    });
}

#[test]
fn a_whole_probe() {
    use scsi_cdb::probe::{Probe, ProbeConfig, Step};
    // The answers of a thin simulated disk over 2 TiB (every phase but the fallbacks), recorded
    // first; the replay inside the check runs only the probe.
    let mut vpd = probe_sim::SimDevice::default().vpd;
    vpd.push(VpdPage::LOGICAL_BLOCK_PROVISIONING);
    let mut dev =
        probe_sim::SimDevice { vpd, lbpme: true, blocks: 1 << 33, luns: vec![0, 1], ..Default::default() };
    let mut answers = Vec::new();
    let mut p = Probe::new(ProbeConfig::default());
    let (mut data, mut sense) = (vec![0u8; 4096], [0u8; 252]);
    while let Step::Send(req) = p.next() {
        let cdb = req.command.to_buf().expect("encodes");
        let buf = &mut data[..req.data_len as usize];
        let (status, n, s) = dev.answer(cdb.as_bytes(), req.lun.to_int(), buf, &mut sense);
        p.complete(status, &sense[..s], &buf[..n]);
        answers.push((status, sense[..s].to_vec(), buf[..n].to_vec()));
    }
    assert!(answers.len() >= 14, "{:?}", dev.log);
    assert_no_alloc("probe", || {
        let mut p = Probe::new(ProbeConfig::default());
        let mut i = 0;
        while let Step::Send(req) = p.next() {
            black_box(req.command.to_buf().ok());
            let (status, sense, data) = &answers[i];
            i += 1;
            p.complete(*status, sense, data);
        }
        assert_eq!(p.profile().capacity_blocks, Some(1 << 33));
    });
}
