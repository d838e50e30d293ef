//! Known-answer CDBs for the foundation builders, written by hand from the field layouts in
//! SBC-5 and SPC-6 (opcode, flag byte, big-endian LBA, length, group, control), plus the
//! direction and transfer length each command states.

use scsi_cdb::{
    BestFit, Cdb, CdbSize, Command, Control, DataDirection, Dld, GroupNumber, Inquiry, OpCode, Protect,
    ProtectionTags, RawCdb, Read6, Read10, Read12, Read16, Read32, ReadAny, ReadCapacity10, ReadCapacity16,
    RequestSense, RwFlags, RwParams, SynchronizeCache10, SynchronizeCache16, TestUnitReady, Transfer,
    VpdPage, Write6, Write10, Write12, Write16, Write32, WriteAny,
};

fn check<C: Cdb>(c: &C, bytes: &[u8], dir: DataDirection, xfer_512: u64) {
    let buf = c.to_buf().unwrap();
    assert_eq!(buf.as_bytes(), bytes, "{:?}", c.opcode());
    assert_eq!(c.cdb_len(), bytes.len());
    assert_eq!(c.direction(), dir);
    assert_eq!(c.transfer_len(512), xfer_512);
    // The decoder reads the same bytes back to the same command name.
    let cmd = Command::parse(bytes).unwrap();
    assert_eq!(cmd.opcode(), c.opcode());
}

#[test]
fn read_write_6() {
    use DataDirection::*;
    check(&Read6::try_new(0x12_3456, 1).unwrap(), &[0x08, 0x12, 0x34, 0x56, 0x01, 0x00], FromDevice, 512);
    check(&Read6::try_new(0, 256).unwrap(), &[0x08, 0, 0, 0, 0x00, 0], FromDevice, 256 * 512);
    check(&Write6::try_new(0x1F_FFFF, 255).unwrap(), &[0x0A, 0x1F, 0xFF, 0xFF, 0xFF, 0], ToDevice, 255 * 512);
    let with_ctl = Read6 { control: Control::NONE.with_naca(), ..Read6::try_new(1, 1).unwrap() };
    check(&with_ctl, &[0x08, 0, 0, 1, 1, 0x04], FromDevice, 512);
}

#[test]
fn read_write_10() {
    use DataDirection::*;
    let r = Read10 {
        dpo: true,
        rarc: true,
        rdprotect: Protect::new(5).unwrap(),
        ..Read10::try_new(0xDEAD_BEEF, 0xFFFF).unwrap()
    };
    check(&r, &[0x28, 0xB4, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0xFF, 0xFF, 0x00], FromDevice, 0xFFFF * 512);
    let w = Write10 {
        fua: true,
        group_number: GroupNumber::new(0x3F).unwrap(),
        ..Write10::try_new(7, 2).unwrap()
    };
    check(&w, &[0x2A, 0x08, 0, 0, 0, 7, 0x3F, 0, 2, 0], ToDevice, 1024);
    // Zero blocks: a valid CDB with no data phase.
    check(&Write10::try_new(7, 0).unwrap(), &[0x2A, 0, 0, 0, 0, 7, 0, 0, 0, 0], None, 0);
}

#[test]
fn read_write_12() {
    use DataDirection::*;
    let r = Read12 {
        fua: true,
        group_number: GroupNumber::new(9).unwrap(),
        ..Read12::try_new(0x0102_0304, 0x0A0B_0C0D).unwrap()
    };
    check(&r, &[0xA8, 0x08, 1, 2, 3, 4, 0x0A, 0x0B, 0x0C, 0x0D, 0x09, 0], FromDevice, 0x0A0B_0C0D * 512);
    check(
        &Write12 { dpo: true, ..Write12::try_new(0, 1).unwrap() },
        &[0xAA, 0x10, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
        ToDevice,
        512,
    );
}

#[test]
fn read_write_16() {
    use DataDirection::*;
    let r = Read16 {
        rdprotect: Protect::new(7).unwrap(),
        dpo: true,
        fua: true,
        group_number: GroupNumber::new(0x21).unwrap(),
        ..Read16::new(0x0102_0304_0506_0708, 0x1122_3344)
    }
    .with_dld(Dld::new(5).unwrap());
    // DLD 5 = 0b101: DLD2 in byte 1 bit 0, DLD1:DLD0 = 01 in byte 14 bits 7:6.
    check(
        &r,
        &[0x88, 0xF9, 1, 2, 3, 4, 5, 6, 7, 8, 0x11, 0x22, 0x33, 0x44, 0x61, 0],
        FromDevice,
        0x1122_3344u64 * 512,
    );
    let w = Write16::new(u64::MAX, u32::MAX);
    check(
        &w,
        &[0x8A, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0],
        ToDevice,
        u64::from(u32::MAX) * 512,
    );
}

#[test]
fn read_write_32() {
    use DataDirection::*;
    let tags = ProtectionTags {
        expected_initial_logical_block_reference_tag: 0xA1A2_A3A4,
        expected_logical_block_application_tag: 0xB1B2,
        logical_block_application_tag_mask: 0xC1C2,
    };
    let r = Read32 {
        protection_tags: tags,
        rdprotect: Protect::new(1).unwrap(),
        group_number: GroupNumber::new(2).unwrap(),
        ..Read32::new(0x0102_0304_0506_0708, 0x10)
    };
    let mut expect = [0u8; 32];
    expect[0] = 0x7F;
    expect[6] = 0x02;
    expect[7] = 0x18;
    expect[8..10].copy_from_slice(&[0x00, 0x09]);
    expect[10] = 0x20;
    expect[12..20].copy_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8]);
    expect[20..24].copy_from_slice(&[0xA1, 0xA2, 0xA3, 0xA4]);
    expect[24..26].copy_from_slice(&[0xB1, 0xB2]);
    expect[26..28].copy_from_slice(&[0xC1, 0xC2]);
    expect[28..32].copy_from_slice(&[0, 0, 0, 0x10]);
    check(&r, &expect, FromDevice, 16 * 512);
    assert_eq!(r.service_action().unwrap().0, 9);
    let w = Write32 { control: Control::new(0x04).unwrap(), ..Write32::new(1, 1) };
    let b = w.to_bytes();
    assert_eq!((b[1], b[8], b[9]), (0x04, 0x00, 0x0B));
    assert_eq!(w.direction(), ToDevice);
}

#[test]
fn synchronize_cache() {
    use DataDirection::None;
    check(&SynchronizeCache10::whole_medium(), &[0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0], None, 0);
    let s = SynchronizeCache10 {
        immed: true,
        group_number: GroupNumber::new(1).unwrap(),
        ..SynchronizeCache10::new(0x0102_0304, 0x0506)
    };
    check(&s, &[0x35, 0x02, 1, 2, 3, 4, 0x01, 5, 6, 0], None, 0);
    let s = SynchronizeCache16 { immed: true, ..SynchronizeCache16::new(0x0102_0304_0506_0708, 0x090A_0B0C) };
    check(&s, &[0x91, 0x02, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x0A, 0x0B, 0x0C, 0, 0], None, 0);
    assert_eq!(SynchronizeCache16::whole_medium().transfer(), Transfer::None);
}

#[test]
fn inquiry_and_friends() {
    use DataDirection::*;
    check(&Inquiry::standard(36), &[0x12, 0, 0, 0, 36, 0], FromDevice, 36);
    check(&Inquiry::standard(0x0100), &[0x12, 0, 0, 0x01, 0x00, 0], FromDevice, 256);
    check(&Inquiry::vpd(VpdPage::BLOCK_LIMITS, 64), &[0x12, 1, 0xB0, 0, 64, 0], FromDevice, 64);
    check(&Inquiry::spc2(255), &[0x12, 0, 0, 0, 0xFF, 0], FromDevice, 255);
    check(
        &Inquiry::spc2_vpd(VpdPage::UNIT_SERIAL_NUMBER, 255),
        &[0x12, 1, 0x80, 0, 0xFF, 0],
        FromDevice,
        255,
    );
    check(&TestUnitReady::new(), &[0; 6], None, 0);
    check(&RequestSense::new(18), &[0x03, 0, 0, 0, 18, 0], FromDevice, 18);
    check(&RequestSense { desc: true, ..RequestSense::new(252) }, &[0x03, 1, 0, 0, 252, 0], FromDevice, 252);
    check(&ReadCapacity10::new(), &[0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0], FromDevice, 8);
    check(
        &ReadCapacity16 { allocation_length: 12, ..ReadCapacity16::new() },
        &[0x9E, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12, 0, 0],
        FromDevice,
        12,
    );
}

#[test]
fn best_fit_picks_like_sd_and_cam() {
    let p = |lba, blocks, flags| RwParams { lba, transfer_length: blocks, flags, ..RwParams::default() };
    let cam = BestFit { min: CdbSize::Six, use_12: true };
    let sd = BestFit::default();
    let len = |p: RwParams, f: BestFit| ReadAny::best_fit(&p, f).unwrap().cdb_len();
    assert_eq!(len(p(0x1000, 8, RwFlags::empty()), cam), 6);
    assert_eq!(len(p(0x1000, 8, RwFlags::FUA), cam), 10); // READ(6) has no FUA
    assert_eq!(len(p(0x1000, 8, RwFlags::empty()), sd), 10);
    assert_eq!(len(p(0x1000, 0x10000, RwFlags::empty()), cam), 12);
    assert_eq!(len(p(0x1000, 0x10000, RwFlags::empty()), sd), 16);
    assert_eq!(len(p(1 << 32, 1, RwFlags::empty()), sd), 16);
    let dld = RwParams { dld: Dld::new(1).unwrap(), ..p(0, 1, RwFlags::empty()) };
    assert_eq!(len(dld, sd), 16);
    let tags = RwParams { protection_tags: Some(ProtectionTags::default()), ..p(0, 1, RwFlags::empty()) };
    assert_eq!(len(tags, sd), 32);
    let force16 = BestFit { min: CdbSize::Sixteen, use_12: false };
    assert_eq!(len(p(0, 1, RwFlags::empty()), force16), 16);
    assert!(WriteAny::best_fit(&p(0, 1, RwFlags::RARC), sd).is_err());
    // The chosen CDB carries every field.
    let r = ReadAny::best_fit(&p(0x1234, 9, RwFlags::DPO | RwFlags::FUA), sd).unwrap();
    assert_eq!(r.to_buf().unwrap().as_bytes(), &[0x28, 0x18, 0, 0, 0x12, 0x34, 0, 0, 9, 0]);
}

#[test]
fn vendor_and_raw() {
    let v = RawCdb::vendor(OpCode(0xC0), 12, &[1, 2, 3], DataDirection::ToDevice, 4096).unwrap();
    check(&v, &[0xC0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0], DataDirection::ToDevice, 4096);
    assert!(matches!(
        Command::parse(&[0xC0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0]).unwrap(),
        Command::Other { opcode: OpCode(0xC0), .. }
    ));
}

/// Every out-of-range argument of the foundation builders is a typed error.
#[test]
fn out_of_range_rejected() {
    use scsi_cdb::BuildError::*;
    assert_eq!(Read6::new(0x20_0000, 1), Err(LbaTooLarge { lba: 0x20_0000, max: 0x1F_FFFF }));
    assert_eq!(Write6::new(0, 257), Err(LengthTooLarge { len: 257, max: 256 }));
    assert_eq!(Read6::new(0, 0), Err(LengthTooSmall { len: 0, min: 1 }));
    assert_eq!(Read10::try_new(1 << 32, 1), Err(LbaTooLarge { lba: 1 << 32, max: u64::from(u32::MAX) }));
    assert_eq!(Write10::try_new(0, 0x1_0000), Err(LengthTooLarge { len: 0x1_0000, max: 0xFFFF }));
    assert_eq!(Read12::try_new(1 << 32, 1), Err(LbaTooLarge { lba: 1 << 32, max: u64::from(u32::MAX) }));
    assert!(Write12::try_new(1 << 32, 0).is_err());
    assert!(GroupNumber::new(0x40).is_err());
    assert!(Protect::new(8).is_err());
    assert!(Dld::new(8).is_err());
    assert!(Control::new(0x20).is_err());
    let rarc = RwParams { transfer_length: 1, flags: RwFlags::RARC, ..RwParams::default() };
    assert!(scsi_cdb::WriteAny::best_fit(&rarc, scsi_cdb::BestFit::default()).is_err());
    assert!(RawCdb::new(&[0x28, 0, 0, 0, 0, 0], DataDirection::None, 0).is_err());
    assert!(RawCdb::new(&[], DataDirection::None, 0).is_err());
}

/// Regression tests for the defects a new user found (issue: field pointers, INQUIRY for SPC-2,
/// raw CDB messages and lengths, sense for a decode error).
mod defects {
    use scsi_cdb::sense::Sense;
    use scsi_cdb::{
        AdditionalSense, BuildError, Cdb, Command, DataDirection, DecodeError, FieldPointer, Inquiry, OpCode,
        RawCdb, SenseKey,
    };

    #[test]
    fn length_errors_point_at_the_byte_that_sets_the_length() {
        let short = Command::parse(&[0x28, 0, 0, 0]).unwrap_err();
        assert_eq!(short, DecodeError::truncated(10, 4));
        assert_eq!(short.field_pointer(), Some(FieldPointer::byte(0)));
        let long = Command::parse(&[0x00; 7]).unwrap_err();
        assert_eq!(long, DecodeError::BadCdbLength { expected: 6, actual: 7, length_at: 0 });
        assert_eq!(long.field_pointer(), Some(FieldPointer::byte(0)));
        let mut v = [0u8; 33];
        v[0] = 0x7F;
        v[7] = 0x18;
        v[9] = 0x09;
        let e = Command::parse(&v).unwrap_err();
        assert_eq!(e, DecodeError::BadCdbLength { expected: 32, actual: 33, length_at: 7 });
        assert_eq!(e.field_pointer(), Some(FieldPointer::byte(7)));
        let e = Command::parse(&v[..20]).unwrap_err();
        assert_eq!(e.field_pointer(), Some(FieldPointer::byte(7)));
        assert_eq!(Command::parse(&[0x7F, 0]).unwrap_err().field_pointer(), Some(FieldPointer::byte(0)));
        assert_eq!(Command::parse(&[]).unwrap_err().field_pointer(), Some(FieldPointer::byte(0)));
    }

    #[test]
    fn wrong_service_action_of_a_32_byte_cdb_points_at_bytes_8_and_9() {
        let mut v = [0u8; 32];
        v[0] = 0x7F;
        v[7] = 0x18;
        v[9] = 0x09; // READ(32)
        let e = scsi_cdb::Write32::decode(&v).unwrap_err();
        assert!(
            matches!(e, DecodeError::WrongServiceAction { expected: 0x000B, found: 0x0009, at: 8 }),
            "{e:?}"
        );
        assert_eq!(e.field_pointer(), Some(FieldPointer::byte(8)));
        let rc = [0x9E, 0x12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0];
        let e = scsi_cdb::ReadCapacity16::decode(&rc).unwrap_err();
        assert_eq!(e.field_pointer(), Some(FieldPointer::bit(1, 4)));
    }

    #[test]
    fn inquiry_spc2_round_trips() {
        for n in [0u8, 36, 96, 255] {
            let i = Inquiry::spc2(n);
            let bytes = i.to_bytes();
            assert_eq!(bytes, [0x12, 0, 0, 0, n, 0]);
            assert_eq!(Inquiry::decode(&bytes), Ok(i), "{n}");
            assert_eq!(Command::parse(&bytes), Ok(Command::Inquiry(i)));
        }
    }

    #[test]
    fn raw_cdb_errors_say_what_to_call() {
        let e = RawCdb::new(&[0xC1, 0, 0, 0, 0, 0], DataDirection::None, 0).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("vendor specific") && text.contains("RawCdb::vendor_specific"), "{text}");
        let e = RawCdb::new(&[0x28, 0, 0, 0, 0, 0], DataDirection::None, 0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a 6-byte CDB does not match operation code 0x28, whose group code requires 10 bytes"
        );
        let e = RawCdb::vendor(OpCode(0x28), 10, &[], DataDirection::None, 0).unwrap_err();
        assert_eq!(e, BuildError::NotVendorOpcode(0x28));
        let text = e.to_string();
        assert!(text.contains("not vendor specific") && text.contains("RawCdb::new"), "{text}");
    }

    #[test]
    fn raw_cdb_of_260_bytes_goes_through_to_buf() {
        let payload = [0xA5u8; 259];
        let r = RawCdb::vendor(OpCode(0xC1), 260, &payload, DataDirection::FromDevice, 512).unwrap();
        let buf = r.to_buf().unwrap();
        assert_eq!(buf.as_bytes().len(), 260);
        assert_eq!(buf.as_bytes()[0], 0xC1);
        assert!(buf.as_bytes()[1..].iter().all(|&b| b == 0xA5));
        assert_eq!(r.cdb_len(), 260);
        let mut small = [0u8; 100];
        assert_eq!(r.encode_into(&mut small), Err(BuildError::buffer_too_small(260, 100)));
    }

    #[test]
    fn decode_error_to_illegal_request_sense() {
        let mut out = [0u8; 64];
        // A reserved bit: INVALID FIELD IN CDB at byte 1 bit 2.
        let e = Command::parse(&[0x12, 0x04, 0, 0, 36, 0]).unwrap_err();
        let n = e.sense().emit(&mut out).unwrap();
        let s = Sense::parse(&out[..n]).unwrap();
        assert_eq!(s.sense_key(), Some(SenseKey::IllegalRequest));
        assert_eq!(s.additional_sense(), Some(AdditionalSense::INVALID_FIELD_IN_CDB));
        assert_eq!(&out[15..18], &[0xCA, 0x00, 0x01]);
        // A CDB that is too long for its operation code: byte 0, no bit.
        let e = Command::parse(&[0x00; 7]).unwrap_err();
        let n = e.sense().descriptor().emit(&mut out).unwrap();
        let s = Sense::parse(&out[..n]).unwrap();
        assert_eq!(s.additional_sense(), Some(AdditionalSense::INVALID_FIELD_IN_CDB));
        // A reserved group code: INVALID COMMAND OPERATION CODE.
        let e = Command::parse(&[0x60, 0, 0, 0, 0, 0]).unwrap_err();
        let n = scsi_cdb::sense::SenseBuilder::from(e).emit(&mut out).unwrap();
        let s = Sense::parse(&out[..n]).unwrap();
        assert_eq!(s.additional_sense(), Some(AdditionalSense::INVALID_COMMAND_OPERATION_CODE));
    }
}
