//! The probe against simulated devices: for each kind of device the exact command sequence and
//! the resulting profile; and random answers always end within the bound.

mod probe_sim;

use probe_sim::{Readiness, SimDevice, run, sense_of};
use proptest::prelude::*;
use scsi_cdb::data::vpd::{BlockLimits, LogicalBlockProvisioning};
use scsi_cdb::probe::{DeviceProfile, End, Field, Probe, ProbeConfig, ProvisioningMode, Reason, Step, Zoned};
use scsi_cdb::{Cdb, PeripheralDeviceType, SenseKey, Status, VpdPage};

/// The standard INQUIRY data of the simulated disk is 96 bytes (it has version descriptors).
const IDENTIFY: [&str; 7] = ["INQ", "INQ(96)", "VPD00", "VPD80", "VPD83", "VPDB0", "VPDB1"];

fn seq(parts: &[&[&str]]) -> Vec<String> {
    parts.iter().flat_map(|p| p.iter().map(|s| (*s).to_string())).collect()
}

fn probe(dev: &mut SimDevice) -> DeviceProfile {
    run(dev, ProbeConfig::default()).probe.into_profile()
}

/// Every field without a value has a reason.
fn check_unknowns(p: &DeviceProfile) {
    for f in Field::ALL {
        assert!(p.has(f) || p.reason(f).is_some(), "{f:?} has neither a value nor a reason: {p:#?}");
    }
}

fn assert_plain_disk_identity(p: &DeviceProfile) {
    assert_eq!(p.vendor.map(|v| v.to_string()).as_deref(), Some("SIMCO"));
    assert_eq!(p.product.map(|v| v.to_string()).as_deref(), Some("Probe Disk"));
    assert_eq!(p.revision.map(|v| v.to_string()).as_deref(), Some("0100"));
    assert_eq!(p.serial.map(|v| v.to_string()).as_deref(), Some("SIM0001"));
    let d: Vec<_> = p.designators.iter().collect();
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].designator_type, d[0].association, d[0].value()),
        (3, 0, &[0x60, 1, 0x40, 0x50, 0x12, 0x34, 0x56, 0x78][..])
    );
    assert_eq!(p.device_type, Some(0));
    assert_eq!(p.max_transfer_blocks, Some(0x800));
    assert_eq!(p.optimal_transfer_blocks, Some(0x80));
    assert_eq!(p.rotation_rate, Some(7200));
    assert_eq!(p.zoned, Zoned::None);
}

#[test]
fn plain_disk() {
    let mut dev = SimDevice::default();
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "MS10", "RL"]]));
    assert_plain_disk_identity(&p);
    assert_eq!((p.capacity_blocks, p.logical_block_size), (Some(2 * 1024 * 1024), Some(512)));
    assert_eq!(p.physical_block_size, None);
    assert_eq!(p.reason(Field::PhysicalBlockSize), Some(Reason::NotReported));
    assert_eq!(p.protection_type, Some(0));
    assert_eq!((p.write_cache, p.read_cache, p.fua), (Some(true), Some(true), Some(true)));
    assert_eq!(p.provisioning_mode, ProvisioningMode::Full);
    assert_eq!(p.reason(Field::MaxUnmapBlocks), Some(Reason::NotReported));
    assert_eq!(p.luns.iter().copied().collect::<Vec<_>>(), [0]);
    assert_eq!((p.end, p.ready, p.commands), (End::Complete, Some(true), 11));
    check_unknowns(&p);
}

#[test]
fn unit_attentions_are_retried() {
    let mut dev = SimDevice { unit_attentions: 3, ..SimDevice::default() };
    let r = run(&mut dev, ProbeConfig::default());
    assert_eq!(dev.log, seq(&[&["TUR", "TUR", "TUR", "TUR"], &IDENTIFY, &["RC10", "MS10", "RL"]]));
    assert!(r.waits.is_empty());
    let p = r.probe.profile();
    assert_eq!((p.end, p.ready, p.capacity_blocks), (End::Complete, Some(true), Some(2 * 1024 * 1024)));
}

#[test]
fn unit_attentions_beyond_the_bound_end_the_polling() {
    let mut dev = SimDevice { unit_attentions: 100, ..SimDevice::default() };
    let config = ProbeConfig { max_unit_attentions: 2, ..ProbeConfig::default() };
    let r = run(&mut dev, config);
    // Two retries, then the third UA counts as an answer: not ready; INQUIRY then meets UA too.
    assert_eq!(dev.log, ["TUR", "TUR", "TUR", "INQ"]);
    let p = r.probe.profile();
    assert_eq!((p.end, p.ready), (End::InquiryFailed, Some(false)));
    assert_eq!(p.reason(Field::Vendor), Some(Reason::CommandFailed));
    check_unknowns(p);
}

#[test]
fn becoming_ready_waits_and_polls() {
    let mut dev = SimDevice { readiness: Readiness::Becoming(2), ..SimDevice::default() };
    let r = run(&mut dev, ProbeConfig::default());
    assert_eq!(dev.log, seq(&[&["TUR", "TUR", "TUR"], &IDENTIFY, &["RC10", "MS10", "RL"]]));
    assert_eq!(r.waits, [1000, 1000]);
    assert_eq!(r.probe.profile().end, End::Complete);
}

#[test]
fn needs_start_unit() {
    let mut dev = SimDevice { readiness: Readiness::NeedsStart, ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR", "SSU", "TUR"], &IDENTIFY, &["RC10", "MS10", "RL"]]));
    assert_eq!((p.end, p.ready, p.capacity_blocks), (End::Complete, Some(true), Some(2 * 1024 * 1024)));
}

#[test]
fn never_ready_ends_at_the_bound_with_the_reason() {
    let mut dev = SimDevice { readiness: Readiness::Never, ..SimDevice::default() };
    let config = ProbeConfig { max_ready_polls: 5, ..ProbeConfig::default() };
    let r = run(&mut dev, config);
    assert_eq!(dev.log, seq(&[&["TUR"; 6], &IDENTIFY, &["MS10", "RL"]]));
    assert_eq!(r.waits, [1000; 5]);
    let p = r.probe.profile();
    assert_eq!((p.end, p.ready), (End::NotReady, Some(false)));
    assert_eq!(p.capacity_blocks, None);
    assert_eq!(p.reason(Field::CapacityBlocks), Some(Reason::NotReady));
    assert_eq!(p.reason(Field::LogicalBlockSize), Some(Reason::NotReady));
    assert_plain_disk_identity(p);
    check_unknowns(p);
}

#[test]
fn no_medium_is_recorded() {
    let mut dev = SimDevice { readiness: Readiness::NoMedium, ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["MS10", "RL"]]));
    assert_eq!((p.end, p.medium_present), (End::NoMedium, Some(false)));
    assert_eq!(p.reason(Field::CapacityBlocks), Some(Reason::NoMedium));
}

#[test]
fn without_read_capacity_16_falls_back_to_10() {
    // PROTECT asks for (16); the device rejects it, so (10)'s answer stands.
    let mut dev = SimDevice { protect: true, read_capacity_16: false, ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "RC16", "MS10", "RL"]]));
    assert_eq!((p.capacity_blocks, p.logical_block_size), (Some(2 * 1024 * 1024), Some(512)));
    assert_eq!(p.protection_type, None);
    assert_eq!(p.reason(Field::ProtectionType), Some(Reason::NotSupported));
    assert_eq!(p.reason(Field::PhysicalBlockSize), Some(Reason::NotSupported));
    check_unknowns(&p);
}

#[test]
fn read_capacity_16_first_falls_back_to_10() {
    let config = ProbeConfig { read_capacity_16_first: true, ..ProbeConfig::default() };
    let mut dev = SimDevice { read_capacity_16: false, ..SimDevice::default() };
    let p = run(&mut dev, config).probe.into_profile();
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC16", "RC10", "MS10", "RL"]]));
    assert_eq!((p.capacity_blocks, p.protection_type), (Some(2 * 1024 * 1024), Some(0)));
    // And a device with (16) answers in one command, with the physical block size.
    let mut dev = SimDevice::default();
    let p = run(&mut dev, config).probe.into_profile();
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC16", "MS10", "RL"]]));
    assert_eq!(
        (p.physical_block_size, p.lowest_aligned_lba, p.thin_provisioned),
        (Some(4096), Some(0), Some(false))
    );
}

#[test]
fn without_mode_sense_10_falls_back_to_6() {
    let mut dev =
        SimDevice { mode_sense_10: false, wce: false, rcd: true, dpofua: false, ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "MS10", "MS6", "RL"]]));
    assert_eq!((p.write_cache, p.read_cache, p.fua), (Some(false), Some(false), Some(false)));
}

#[test]
fn without_any_mode_sense_the_cache_is_unknown() {
    let mut dev = SimDevice { mode_sense_10: false, mode_sense_6: false, ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "MS10", "MS6", "RL"]]));
    assert_eq!((p.write_cache, p.fua), (None, None));
    assert_eq!(p.reason(Field::WriteCache), Some(Reason::NotSupported));
    check_unknowns(&p);
}

#[test]
fn vpd_00_without_b0() {
    let vpd = vec![
        VpdPage::UNIT_SERIAL_NUMBER,
        VpdPage::DEVICE_IDENTIFICATION,
        VpdPage::BLOCK_DEVICE_CHARACTERISTICS,
    ];
    let mut dev = SimDevice { vpd, ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, ["TUR", "INQ", "INQ(96)", "VPD00", "VPD80", "VPD83", "VPDB1", "RC10", "MS10", "RL"]);
    assert_eq!((p.max_transfer_blocks, p.optimal_transfer_blocks), (None, None));
    assert_eq!(p.reason(Field::MaxTransferBlocks), Some(Reason::PageNotListed));
    assert_eq!(p.rotation_rate, Some(7200));
    check_unknowns(&p);
}

#[test]
fn scsi_2_device_gets_no_vpd_and_no_report_luns() {
    let mut dev = SimDevice { version: 2, long_inquiry: false, luns: vec![0, 1], ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, ["TUR", "INQ", "RC10", "MS10", "INQ@1", "INQ@2"]);
    assert_eq!((p.serial, p.reason(Field::Serial)), (None, Some(Reason::OldDevice)));
    assert_eq!(p.reason(Field::MaxTransferBlocks), Some(Reason::OldDevice));
    assert_eq!(p.luns.iter().copied().collect::<Vec<_>>(), [0, 1]);
    // Unless asked to.
    let config = ProbeConfig { vpd_for_old_devices: true, discover_luns: false, ..ProbeConfig::default() };
    let mut dev = SimDevice { version: 2, long_inquiry: false, ..SimDevice::default() };
    let p = run(&mut dev, config).probe.into_profile();
    assert_eq!(dev.log, ["TUR", "INQ", "VPD00", "VPD80", "VPD83", "VPDB0", "VPDB1", "RC10", "MS10"]);
    assert_eq!(p.serial.map(|s| s.to_string()).as_deref(), Some("SIM0001"));
}

#[test]
fn over_2_tib_reads_capacity_16() {
    let mut dev = SimDevice { blocks: 1 << 33, ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "RC16", "MS10", "RL"]]));
    assert_eq!(
        (p.capacity_blocks, p.logical_block_size, p.physical_block_size),
        (Some(1 << 33), Some(512), Some(4096))
    );
    assert_eq!((p.thin_provisioned, p.provisioning_mode), (Some(false), ProvisioningMode::Full));
}

#[test]
fn thin_provisioned_unmap() {
    let mut vpd = SimDevice::default().vpd;
    vpd.push(VpdPage::LOGICAL_BLOCK_PROVISIONING);
    let mut dev = SimDevice {
        vpd,
        lbpme: true,
        provisioning: LogicalBlockProvisioning {
            lbpu: Some(true),
            provisioning_type: Some(2),
            ..Default::default()
        },
        limits: BlockLimits {
            max_unmap_lba_count: Some(0x40_0000),
            optimal_unmap_granularity: Some(8),
            max_write_same: Some(0x4000),
            ..SimDevice::default().limits
        },
        ..SimDevice::default()
    };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["VPDB2", "RC10", "RC16", "MS10", "RL"]]));
    assert_eq!((p.thin_provisioned, p.provisioning_mode), (Some(true), ProvisioningMode::Unmap));
    assert_eq!(
        (p.max_unmap_blocks, p.unmap_granularity, p.max_write_same_blocks),
        (Some(0x40_0000), Some(8), Some(0x4000))
    );
    // WRITE SAME (16) only: writesame_16; nothing offered: disabled.
    dev.provisioning = LogicalBlockProvisioning { lbpws: Some(true), ..Default::default() };
    assert_eq!(probe(&mut dev).provisioning_mode, ProvisioningMode::WriteSame16);
    dev.provisioning = LogicalBlockProvisioning { lbpws10: Some(true), ..Default::default() };
    assert_eq!(probe(&mut dev).provisioning_mode, ProvisioningMode::WriteSame10);
    dev.provisioning = LogicalBlockProvisioning { provisioning_type: Some(2), ..Default::default() };
    assert_eq!(probe(&mut dev).provisioning_mode, ProvisioningMode::Disabled);
}

#[test]
fn tape_without_read_capacity() {
    let mut dev = SimDevice {
        device_type: PeripheralDeviceType::SEQUENTIAL_ACCESS,
        long_inquiry: false,
        vpd: vec![VpdPage::UNIT_SERIAL_NUMBER],
        read_capacity_10: false,
        read_capacity_16: false,
        ..SimDevice::default()
    };
    let p = probe(&mut dev);
    assert_eq!(dev.log, ["TUR", "INQ", "VPD00", "VPD80", "RC10", "MS10", "RL"]);
    assert_eq!(p.device_type, Some(1));
    assert_eq!(p.capacity_blocks, None);
    assert_eq!(p.reason(Field::CapacityBlocks), Some(Reason::NotSupported));
    assert_eq!(p.reason(Field::Fua), Some(Reason::NotApplicable));
    assert_eq!(p.write_cache, Some(true));
    check_unknowns(&p);
}

#[test]
fn lun_0_only_with_qualifier_011b_elsewhere() {
    // No REPORT LUNS: the sequential scan asks LUN 1, which answers PERIPHERAL QUALIFIER 011b.
    let mut dev = SimDevice { report_luns: false, ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "MS10", "RL", "INQ@1"]]));
    assert_eq!(p.luns.iter().copied().collect::<Vec<_>>(), [0]);
    assert_eq!(p.end, End::Complete);
}

#[test]
fn sequential_scan_stops_at_lun_not_supported() {
    let mut dev = SimDevice {
        report_luns: false,
        luns: vec![0, 1, 3],
        lun_not_supported: true,
        ..SimDevice::default()
    };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "MS10", "RL", "INQ@1", "INQ@2"]]));
    assert_eq!(p.luns.iter().copied().collect::<Vec<_>>(), [0, 1]);
}

#[test]
fn sequential_scan_stops_at_qualifier_001b() {
    let mut dev =
        SimDevice { report_luns: false, luns: vec![0, 1], absent_qualifier: 1, ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "MS10", "RL", "INQ@1", "INQ@2"]]));
    assert_eq!(p.luns.iter().copied().collect::<Vec<_>>(), [0, 1]);
}

#[test]
fn qualifier_001b_at_the_probed_lun_is_no_unit() {
    let mut dev = SimDevice { absent_qualifier: 1, report_luns: false, ..SimDevice::default() };
    let config =
        ProbeConfig { lun: scsi_cdb::data::Lun::from_int(2), max_scan_luns: 2, ..ProbeConfig::default() };
    let p = run(&mut dev, config).probe.into_profile();
    assert_eq!(dev.log, ["TUR@2", "INQ@2", "RL@2", "INQ@1"]);
    assert_eq!((p.end, p.peripheral_qualifier, p.device_type), (End::NoLogicalUnit, Some(1), Some(0)));
    assert!(p.luns.is_empty());
}

#[test]
fn sequential_scan_is_bounded() {
    let mut dev = SimDevice { report_luns: false, luns: (0..100).collect(), ..SimDevice::default() };
    let config = ProbeConfig { max_scan_luns: 4, ..ProbeConfig::default() };
    let p = run(&mut dev, config).probe.into_profile();
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "MS10", "RL", "INQ@1", "INQ@2", "INQ@3"]]));
    assert_eq!(p.luns.iter().copied().collect::<Vec<_>>(), [0, 1, 2, 3]);
}

#[test]
fn report_luns_then_an_inquiry_per_lun() {
    // Each listed LUN other than the probed one gets an INQUIRY.
    let mut dev = SimDevice { luns: vec![0, 2, 7], ..SimDevice::default() };
    let p = probe(&mut dev);
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "MS10", "RL", "INQ@2", "INQ@7"]]));
    assert_eq!(p.luns.iter().copied().collect::<Vec<_>>(), [0, 2, 7]);
    assert_eq!(p.reason(Field::Luns), None);
}

#[test]
fn no_unit_at_the_probed_lun() {
    let mut dev = SimDevice::default();
    let config = ProbeConfig { lun: scsi_cdb::data::Lun::from_int(4), ..ProbeConfig::default() };
    let p = run(&mut dev, config).probe.into_profile();
    // TEST UNIT READY to LUN 4 fails with 25h/00h; INQUIRY says 011b; REPORT LUNS sent to it
    // fails too, so the sequential scan asks LUN 1 (011b) and stops.
    assert_eq!(dev.log, ["TUR@4", "INQ@4", "RL@4", "INQ@1"]);
    assert!(p.luns.is_empty());
    assert_eq!((p.end, p.peripheral_qualifier), (End::NoLogicalUnit, Some(3)));
    assert_eq!(p.reason(Field::CapacityBlocks), Some(Reason::NoLogicalUnit));
    check_unknowns(&p);
}

#[test]
fn discovery_off_sends_no_lun_commands() {
    let mut dev = SimDevice { luns: vec![0, 1], ..SimDevice::default() };
    let config = ProbeConfig { discover_luns: false, ..ProbeConfig::default() };
    let p = run(&mut dev, config).probe.into_profile();
    assert_eq!(dev.log, seq(&[&["TUR"], &IDENTIFY, &["RC10", "MS10"]]));
    assert_eq!(p.luns.iter().copied().collect::<Vec<_>>(), [0]);
}

#[test]
fn the_command_bound_ends_the_probe() {
    let mut dev = SimDevice::default();
    let config = ProbeConfig { max_commands: 3, ..ProbeConfig::default() };
    let p = run(&mut dev, config).probe.into_profile();
    assert_eq!(dev.log, ["TUR", "INQ", "INQ(96)"]);
    assert_eq!((p.end, p.commands), (End::BoundReached, 3));
    assert_eq!(p.reason(Field::CapacityBlocks), Some(Reason::BoundReached));
    check_unknowns(&p);
}

#[test]
fn busy_waits_then_retries() {
    let mut probe = Probe::new(ProbeConfig::default());
    assert!(matches!(probe.next(), Step::Send(r) if r.command.opcode().0 == 0x00));
    // next() again before complete(): the same command, not counted twice.
    assert!(matches!(probe.next(), Step::Send(r) if r.command.opcode().0 == 0x00));
    probe.complete(Status::BUSY, &[], &[]);
    assert_eq!(probe.next(), Step::Wait { millis: 100 });
    assert!(matches!(probe.next(), Step::Send(r) if r.command.opcode().0 == 0x00));
    probe.complete(Status::GOOD, &[], &[]);
    assert!(matches!(probe.next(), Step::Send(r) if r.command.opcode().0 == 0x12));
    assert_eq!(probe.profile().commands, 3);
}

#[test]
fn a_deferred_error_is_retried() {
    let mut out = [0u8; 252];
    let n =
        scsi_cdb::sense::SenseBuilder::new(SenseKey::MediumError, scsi_cdb::AdditionalSense::new(0x0C, 0))
            .deferred()
            .emit(&mut out)
            .expect("emits");
    let mut probe = Probe::new(ProbeConfig::default());
    assert!(matches!(probe.next(), Step::Send(r) if r.command.opcode().0 == 0x00));
    probe.complete(Status::CHECK_CONDITION, &out[..n], &[]);
    assert!(matches!(probe.next(), Step::Send(r) if r.command.opcode().0 == 0x00));
    probe.complete(Status::GOOD, &[], &[]);
    assert!(matches!(probe.next(), Step::Send(r) if r.command.opcode().0 == 0x12));
    assert_eq!((probe.profile().commands, probe.profile().ready), (3, Some(true)));
}

#[test]
fn a_completion_without_a_command_is_ignored() {
    let mut probe = Probe::new(ProbeConfig::default());
    probe.complete(Status::CHECK_CONDITION, &sense_of(SenseKey::NotReady, 0x3A, 0), &[]);
    assert!(matches!(probe.next(), Step::Send(r) if r.command.opcode().0 == 0x00));
    assert_eq!((probe.profile().commands, probe.profile().medium_present), (1, None));
}

#[test]
fn sense_of_other_not_ready_stops_polling() {
    // 04h/03h MANUAL INTERVENTION REQUIRED: no waiting.
    let mut probe = Probe::new(ProbeConfig::default());
    assert!(matches!(probe.next(), Step::Send(_)));
    probe.complete(Status::CHECK_CONDITION, &sense_of(SenseKey::NotReady, 4, 3), &[]);
    assert!(matches!(probe.next(), Step::Send(r) if r.command.opcode().0 == 0x12));
    assert_eq!(probe.profile().ready, Some(false));
}

#[cfg(feature = "serde")]
#[test]
fn json_keys() {
    let mut dev = SimDevice::default();
    let p = probe(&mut dev);
    let v = serde_json::to_value(p).expect("serializes");
    for key in [
        "vendor",
        "product",
        "revision",
        "serial",
        "designators",
        "device_type",
        "logical_block_size",
        "physical_block_size",
        "lowest_aligned_lba",
        "capacity_blocks",
        "protection_type",
        "write_cache",
        "read_cache",
        "fua",
        "thin_provisioned",
        "provisioning_mode",
        "max_transfer_blocks",
        "optimal_transfer_blocks",
        "max_unmap_blocks",
        "unmap_granularity",
        "max_write_same_blocks",
        "rotation_rate",
        "zoned",
        "luns",
        "unknown",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["vendor"], "SIMCO");
    assert_eq!(v["provisioning_mode"], "full");
    assert_eq!(v["zoned"], "none");
    assert_eq!(v["designators"][0]["value"], "6001405012345678");
    assert_eq!(v["luns"], serde_json::json!([0]));
    assert!(
        v["unknown"]
            .as_array()
            .expect("array")
            .iter()
            .any(|u| u["field"] == "physical_block_size" && u["reason"] == "not_reported")
    );
}

/// One random answer.
fn answer() -> impl Strategy<Value = (u8, Vec<u8>, Vec<u8>)> {
    let status = prop_oneof![Just(0x00u8), Just(0x02), Just(0x08), Just(0x28), Just(0x18), any::<u8>()];
    let sense = prop_oneof![
        Just(sense_of(SenseKey::UnitAttention, 0x29, 0)),
        Just(sense_of(SenseKey::NotReady, 4, 1)),
        Just(sense_of(SenseKey::NotReady, 4, 2)),
        Just(sense_of(SenseKey::NotReady, 0x3A, 0)),
        Just(sense_of(SenseKey::IllegalRequest, 0x20, 0)),
        Just(sense_of(SenseKey::IllegalRequest, 0x24, 0)),
        Just(sense_of(SenseKey::IllegalRequest, 0x25, 0)),
        proptest::collection::vec(any::<u8>(), 0..32),
    ];
    (status, sense, proptest::collection::vec(any::<u8>(), 0..300))
}

proptest! {
    #[test]
    fn random_answers_end_within_the_bound(answers in proptest::collection::vec(answer(), 1..64), max in 1u16..80) {
        let config = ProbeConfig { max_commands: max, ..ProbeConfig::default() };
        let mut probe = Probe::new(config);
        let bound = 2 * usize::from(max) + 1;
        let mut steps = 0;
        let mut i = 0;
        loop {
            steps += 1;
            prop_assert!(steps <= bound, "more than {} steps", bound);
            match probe.next() {
                Step::Send(req) => {
                    prop_assert!(req.data_len <= 0x10000);
                    let (status, sense, data) = &answers[i % answers.len()];
                    i += 1;
                    let data = &data[..data.len().min(req.data_len as usize)];
                    probe.complete(Status(*status), sense, data);
                }
                Step::Wait { millis } => prop_assert!(millis <= 1000),
                Step::Done => break,
            }
        }
        prop_assert!(probe.is_done());
        prop_assert_eq!(probe.next(), Step::Done);
        let p = probe.profile();
        prop_assert!(p.commands <= max);
        prop_assert!(p.end != End::Running);
        for f in Field::ALL {
            prop_assert!(p.has(f) || p.reason(f).is_some(), "{:?} without a reason", f);
        }
    }
}
