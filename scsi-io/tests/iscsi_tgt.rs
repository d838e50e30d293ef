//! The libiscsi backend against a real target: tgtd on 127.0.0.1 (the oracles' live-target
//! setup), through `Device::open("iscsi://...")` and `Device::execute`.
//!
//! Prints `SKIPPED:` and passes when the feature is off, tgtd is missing or the test is not
//! root; fails instead when `CI=true`.

fn skip(reason: &str) {
    let _ = std::io::Write::write_fmt(
        &mut std::io::stderr(),
        format_args!("SKIPPED: scsi-io iscsi_tgt: {reason}\n"),
    ); // past the test harness capture
    assert!(std::env::var("CI").map_or(true, |v| v != "true"), "CI=true: {reason}");
}

#[cfg(not(feature = "libiscsi"))]
#[test]
fn live_target() {
    skip("built without the libiscsi feature (cargo test -p scsi-io --features libiscsi)");
}

#[cfg(feature = "libiscsi")]
#[test]
fn live_target() {
    live::run(skip);
}

#[cfg(feature = "libiscsi")]
mod live {
    use std::time::Duration;

    use scsi_cdb::data::{ReadCapacity10Data, StandardInquiry};
    use scsi_cdb::{
        AdditionalSense, DataDirection, Inquiry, OpCode, RawCdb, Read10, ReadCapacity10, SenseKey, Status,
        SynchronizeCache10, TestUnitReady, Write10,
    };
    use scsi_cdb_oracles::tgt::{DISK_BYTES, IQN, Target};
    use scsi_io::iscsi::IscsiQueue;
    use scsi_io::{DataBuffer, Device, Error, Options, QueuedData};

    pub fn run(skip: fn(&str)) {
        if !scsi_cdb_oracles::AVAILABLE {
            return skip("libiscsi-dev / libsgutils2-dev not installed");
        }
        let root =
            std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
        if !root {
            return skip("tgtd needs root");
        }
        let target = match Target::start(Duration::from_secs(90)) {
            Ok(t) => t,
            Err(e) => return skip(&format!("tgtd could not start: {e:?}")),
        };
        let url = format!("iscsi://{}/{IQN}/1", target.portal);
        let dev = Device::open(&url).expect("login");
        assert_eq!(dev.name(), url);

        // The first command may report the power-on unit attention; then GOOD.
        let c = dev.execute(&TestUnitReady::new(), DataBuffer::None).unwrap();
        if c.is_check_condition() {
            let s = c.sense_data().expect("sense with CHECK CONDITION");
            assert_eq!(s.sense_key(), Some(SenseKey::UnitAttention), "{s}");
        }
        let c = dev.execute(&TestUnitReady::new(), DataBuffer::None).unwrap();
        assert!(c.is_good(), "{c:?}");
        assert!(c.sense().is_empty());

        // INQUIRY: 36 bytes, all transferred.
        let mut b = [0u8; 36];
        let c = dev.execute(&Inquiry::standard(36), DataBuffer::In(&mut b)).unwrap();
        assert!(c.is_good(), "{c:?}");
        assert_eq!(c.resid, 0);
        let inq = StandardInquiry::parse(c.data_in(&b)).unwrap();
        assert_eq!(inq.vendor().unwrap().as_str(), Some("IET"));
        let total = inq.total_len();
        // A larger allocation length: the target sends what it has, the residual says the rest.
        let mut big = [0u8; 255];
        let c = dev.execute(&Inquiry::standard(255), DataBuffer::In(&mut big)).unwrap();
        assert!(c.is_good(), "{c:?}");
        assert_eq!(c.data_in(&big).len(), total, "resid {}", c.resid);
        assert_eq!(c.resid as usize, 255 - total);

        // READ CAPACITY (10) agrees with the backing file.
        let mut b = [0u8; 8];
        let c = dev.execute(&ReadCapacity10::new(), DataBuffer::In(&mut b)).unwrap();
        assert!(c.is_good(), "{c:?}");
        let cap = ReadCapacity10Data::parse(&b).unwrap();
        assert_eq!((cap.block_len, u64::from(cap.last_lba) + 1), (512, DISK_BYTES / 512));

        // WRITE (10) 8 blocks, READ (10) them back.
        let pattern: Vec<u8> = (0..4096u32).map(|i| (i * 7 + 3) as u8).collect();
        let c = dev.execute(&Write10::try_new(100, 8).unwrap(), DataBuffer::Out(&pattern)).unwrap();
        assert!(c.is_good(), "{c:?}");
        let mut back = vec![0u8; 4096];
        let c = dev.execute(&Read10::try_new(100, 8).unwrap(), DataBuffer::In(&mut back)).unwrap();
        assert!(c.is_good(), "{c:?}");
        assert_eq!(back, pattern);
        // The same READ counted in 4096-byte blocks needs a 32 KiB buffer: refused, not sent.
        let four_k = Options { block_size: 4096, ..Options::default() };
        let e = dev
            .execute_with(&Read10::try_new(100, 8).unwrap(), DataBuffer::In(&mut back), &four_k)
            .unwrap_err();
        assert!(matches!(e, Error::LengthMismatch { expected: 32768, .. }), "{e}");
        assert!(e.to_string().contains(&url) && e.to_string().contains("READ(10)"), "{e}");

        // SYNCHRONIZE CACHE with a data phase is refused; without one it succeeds.
        let sync = SynchronizeCache10::new(0, 0);
        let e = dev.execute(&sync, DataBuffer::Out(&pattern)).unwrap_err();
        assert!(matches!(e, Error::DirectionMismatch { .. }), "{e}");
        let c = dev.execute(&sync, DataBuffer::None).unwrap();
        assert!(c.is_good(), "{c:?}");

        // A READ past the end: LOGICAL BLOCK ADDRESS OUT OF RANGE, decoded from the borrowed sense.
        let mut one = [0u8; 512];
        let c =
            dev.execute(&Read10::try_new(DISK_BYTES / 512, 1).unwrap(), DataBuffer::In(&mut one)).unwrap();
        assert_eq!(c.status, Status::CHECK_CONDITION, "{c:?}");
        let s = c.sense_data().expect("sense");
        assert_eq!(s.sense_key(), Some(SenseKey::IllegalRequest), "{s}");
        assert_eq!(s.additional_sense(), Some(AdditionalSense::new(0x21, 0x00)), "{s}");

        // A vendor opcode tgt does not know: INVALID COMMAND OPERATION CODE.
        let v = RawCdb::vendor(OpCode(0xC5), 6, &[], DataDirection::None, 0).unwrap();
        let c = dev.execute(&v, DataBuffer::None).unwrap();
        assert_eq!(c.status, Status::CHECK_CONDITION, "{c:?}");
        assert_eq!(c.sense_data().unwrap().additional_sense(), Some(AdditionalSense::new(0x20, 0x00)));

        // The login survives all of that.
        assert!(dev.execute(&TestUnitReady::new(), DataBuffer::None).unwrap().is_good());
        drop(dev);

        // Queued: 32 WRITE (10)s of distinct blocks at depth 8, then 32 READ (10)s at depth 8,
        // each read compared with what its LBA was written with.
        let mut q = IscsiQueue::open(&url, 8, 4096).expect("queue login");
        let block = |lba: u64| -> Vec<u8> {
            (0..4096u32).map(|i| (i as u64 ^ lba.wrapping_mul(131)) as u8).collect()
        };
        let mut tags = std::collections::HashMap::new();
        let mut done_writes = 0;
        for lba in (0..32u64).map(|i| 1000 + i * 8) {
            while q.in_flight() == 8 {
                let d = q.wait(Duration::from_secs(20)).unwrap().expect("completion");
                assert!(d.completion.is_good(), "{d:?}");
                done_writes += 1;
            }
            q.submit(&Write10::try_new(lba, 8).unwrap(), QueuedData::Out(&block(lba)), 512).unwrap();
        }
        while q.in_flight() > 0 {
            assert!(q.wait(Duration::from_secs(20)).unwrap().expect("completion").completion.is_good());
            done_writes += 1;
        }
        assert_eq!(done_writes, 32);
        let mut checked = 0;
        let mut next = (0..32u64).map(|i| 1000 + i * 8);
        loop {
            while q.in_flight() < 8 {
                let Some(lba) = next.next() else { break };
                let tag = q.submit(&Read10::try_new(lba, 8).unwrap(), QueuedData::In(4096), 512).unwrap();
                tags.insert(tag, lba);
            }
            if q.in_flight() == 0 {
                break;
            }
            let d = q.wait(Duration::from_secs(20)).unwrap().expect("completion");
            assert!(d.completion.is_good(), "{d:?}");
            assert_eq!(d.data, &block(tags[&d.tag])[..], "LBA {}", tags[&d.tag]);
            checked += 1;
        }
        assert_eq!(checked, 32);
        // The queue checks like execute does: a wrong length is refused, nothing queued.
        let e = q.submit(&Read10::try_new(0, 8).unwrap(), QueuedData::In(512), 512).unwrap_err();
        assert!(matches!(e, Error::LengthMismatch { .. }), "{e}");
        assert_eq!(q.in_flight(), 0);
        drop(q);

        // A wrong IQN does not log in; a malformed URL is refused before connecting.
        let e = Device::open(&format!("iscsi://{}/iqn.2026-01.test:nope/1", target.portal)).unwrap_err();
        assert!(matches!(e, Error::Open { .. }), "{e}");
        let e = Device::open("iscsi://127.0.0.1/no-lun").unwrap_err();
        assert!(matches!(e, Error::BadDevice { .. }), "{e}");

        // The probe over iSCSI, on both of tgtd's LUNs: LUN 1 is the 16 MiB file-backed disk,
        // LUN 0 the target's controller LUN (storage array controller, no capacity).
        let dev = Device::open(&url).expect("login again for the probe");
        let p = scsi_io::probe(&dev).expect("probe LUN 1");
        assert_eq!(p.vendor.as_ref().map(|v| v.as_str().trim()), Some("IET"), "{p:?}");
        assert_eq!(p.device_type, Some(0x00), "{p:?}");
        assert_eq!(p.logical_block_size, Some(512), "{p:?}");
        assert_eq!(p.capacity_blocks, Some(DISK_BYTES / 512), "{p:?}");
        assert_eq!(p.ready, Some(true), "{p:?}");
        let luns: Vec<u64> = p.luns.iter().copied().collect();
        // The probed LUN first, then what REPORT LUNS named and INQUIRY at that LUN confirmed.
        assert_eq!(luns, [1, 0], "REPORT LUNS through the probe: {p:?}");
        // One session reaches the target's other LUN; a flat-space LUN is refused before sending.
        let mut inq = [0u8; 36];
        let c = dev
            .execute_at(
                scsi_cdb::data::Lun::from_int(0),
                &scsi_cdb::Inquiry::standard(36),
                DataBuffer::In(&mut inq),
            )
            .expect("INQUIRY at LUN 0 through LUN 1's session");
        assert!(c.is_good(), "{c:?}");
        assert_eq!(inq[0] & 0x1F, 0x0C, "LUN 0 is tgtd's controller LUN");
        let e = dev
            .execute_at(
                scsi_cdb::data::Lun::from_int(0x4123),
                &scsi_cdb::TestUnitReady::new(),
                DataBuffer::None,
            )
            .unwrap_err();
        assert!(matches!(e, Error::Unsupported { .. }), "{e}");
        let lun0 = Device::open(&format!("iscsi://{}/{IQN}/0", target.portal)).expect("login LUN 0");
        let p0 = scsi_io::probe(&lun0).expect("probe LUN 0");
        assert_eq!(p0.device_type, Some(0x0C), "{p0:?}");
        assert_eq!(p0.capacity_blocks, None, "a controller LUN has no capacity: {p0:?}");
        assert!(p0.reason(scsi_cdb::probe::Field::CapacityBlocks).is_some(), "{p0:?}");
    }
}
