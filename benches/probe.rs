//! The probe's CPU cost: a whole probe of a plain simulated disk, and per step.
//!
//! `state_machine` replays the disk's recorded answers into [`Probe`], so only the machine
//! runs (encoding each CDB, decoding each answer, deciding the next step). `baseline` is a
//! hand-written fixed sequence for the same disk: it encodes the same eleven CDBs and decodes
//! the same answers with the same views, with no decisions. `with_device` adds the simulated
//! device building its answers with the target-side writers. `step` is one TEST UNIT READY
//! step (`next` and `complete`).

#[path = "../tests/probe_sim/mod.rs"]
mod probe_sim;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use probe_sim::SimDevice;
use scsi_cdb::cdb::U6;
use scsi_cdb::cdb::spc::{ModeSense10, ReportLuns};
use scsi_cdb::data::vpd::{
    BlockDeviceCharacteristics, BlockLimits, DeviceIdentification, SupportedPages, UnitSerialNumber,
};
use scsi_cdb::data::{ModeData, ReadCapacity10Data, ReportLunsData, StandardInquiry};
use scsi_cdb::probe::{Probe, ProbeConfig, Step};
use scsi_cdb::{Cdb, Inquiry, ReadCapacity10, Status, TestUnitReady, VpdPage};

type Answer = (Status, Vec<u8>, Vec<u8>);

/// The answers the plain disk gives to a default probe, in order.
fn recorded() -> Vec<Answer> {
    let mut dev = SimDevice::default();
    let mut probe = Probe::new(ProbeConfig::default());
    let mut out = Vec::new();
    let mut data = vec![0u8; 4096];
    let mut sense = [0u8; 252];
    while let Step::Send(req) = probe.next() {
        let cdb = req.command.to_buf().expect("encodes");
        let buf = &mut data[..req.data_len as usize];
        let (status, n, s) = dev.answer(cdb.as_bytes(), req.lun.to_int(), buf, &mut sense);
        probe.complete(status, &sense[..s], &buf[..n]);
        out.push((status, sense[..s].to_vec(), buf[..n].to_vec()));
    }
    assert_eq!(out.len(), 11);
    out
}

fn replay(answers: &[Answer]) -> u64 {
    let mut probe = Probe::new(ProbeConfig::default());
    let mut i = 0;
    loop {
        match probe.next() {
            Step::Send(req) => {
                let cdb = req.command.to_buf().expect("encodes");
                black_box(cdb.as_bytes());
                let (status, sense, data) = &answers[i];
                i += 1;
                probe.complete(*status, sense, data);
            }
            Step::Wait { .. } => {}
            Step::Done => break,
        }
    }
    probe.profile().capacity_blocks.unwrap_or(0)
}

/// The same CDBs and decodes, written out by hand in a fixed order.
fn baseline(answers: &[Answer]) -> u64 {
    let caching = U6::new(8).unwrap_or_default();
    let cdbs = [
        TestUnitReady::new().to_buf(),
        Inquiry::standard(36).to_buf(),
        Inquiry::standard(96).to_buf(),
        Inquiry::vpd(VpdPage::SUPPORTED_PAGES, 255).to_buf(),
        Inquiry::vpd(VpdPage::UNIT_SERIAL_NUMBER, 255).to_buf(),
        Inquiry::vpd(VpdPage::DEVICE_IDENTIFICATION, 255).to_buf(),
        Inquiry::vpd(VpdPage::BLOCK_LIMITS, 255).to_buf(),
        Inquiry::vpd(VpdPage::BLOCK_DEVICE_CHARACTERISTICS, 255).to_buf(),
        ReadCapacity10::new().to_buf(),
        ModeSense10 { dbd: true, page_code: caching, allocation_length: 255, ..ModeSense10::default() }
            .to_buf(),
        ReportLuns { allocation_length: 144, ..ReportLuns::default() }.to_buf(),
    ];
    for c in &cdbs {
        black_box(c.as_ref().expect("encodes").as_bytes());
    }
    let d = |i: usize| answers[i].2.as_slice();
    let inq = StandardInquiry::parse(d(2)).expect("inquiry");
    black_box((inq.vendor(), inq.product(), inq.revision(), inq.protect()));
    black_box(SupportedPages::parse(d(3)).map(|p| p.pages().count()).ok());
    black_box(UnitSerialNumber::parse(d(4)).map(|s| s.serial()).ok());
    black_box(DeviceIdentification::parse(d(5)).map(|p| p.designators().count()).ok());
    black_box(BlockLimits::parse(d(6)).ok());
    black_box(BlockDeviceCharacteristics::parse(d(7)).ok());
    let rc = ReadCapacity10Data::parse(d(8)).expect("capacity");
    let ms = ModeData::parse(d(9), true).expect("mode");
    black_box((ms.dpofua(), ms.page(8, 0).and_then(|p| p.caching())));
    black_box(ReportLunsData::parse(d(10)).map(|l| l.luns().count()).ok());
    rc.blocks().unwrap_or(0)
}

fn with_device() -> u64 {
    let mut dev = SimDevice::default();
    let mut probe = Probe::new(ProbeConfig::default());
    let mut data = [0u8; 512];
    let mut sense = [0u8; 252];
    loop {
        match probe.next() {
            Step::Send(req) => {
                let cdb = req.command.to_buf().expect("encodes");
                let buf = &mut data[..(req.data_len as usize).min(512)];
                let (status, n, s) = dev.answer(cdb.as_bytes(), req.lun.to_int(), buf, &mut sense);
                probe.complete(status, &sense[..s], &buf[..n]);
            }
            Step::Wait { .. } => {}
            Step::Done => break,
        }
    }
    probe.profile().capacity_blocks.unwrap_or(0)
}

fn bench(c: &mut Criterion) {
    let answers = recorded();
    assert_eq!(replay(&answers), baseline(&answers));
    let mut g = c.benchmark_group("probe_full");
    g.bench_function("state_machine", |b| b.iter(|| replay(black_box(&answers))));
    g.bench_function("baseline", |b| b.iter(|| baseline(black_box(&answers))));
    g.bench_function("with_device", |b| b.iter(with_device));
    g.finish();

    let mut g = c.benchmark_group("probe_step");
    g.bench_function("test_unit_ready", |b| {
        b.iter(|| {
            let mut p = Probe::new(ProbeConfig::default());
            let s = p.next();
            p.complete(Status::GOOD, &[], &[]);
            black_box(s);
            black_box(p.next())
        })
    });
    g.bench_function("baseline", |b| {
        b.iter(|| {
            let c = black_box(TestUnitReady::new()).to_buf();
            black_box((c, Status::GOOD.is_success(), Inquiry::standard(36).to_buf()))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
