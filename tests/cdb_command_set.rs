//! Known-answer CDBs for the SPC, SBC, ZBC and SAT builders, written by hand from the CDB
//! tables of SPC-6, SBC-5, ZBC-2 and SAT-5 with a distinct value in every field, so that a
//! field in the wrong byte, the wrong bits or the wrong order fails. Each vector also states
//! the direction and the transfer length (512-byte blocks), and decodes back to the same
//! command.

use scsi_cdb::cdb::sat::{AtaCdbSize, AtaPassThrough, AtaProtocol, AtaRegisters, TLength};
use scsi_cdb::cdb::sbc::*;
use scsi_cdb::cdb::spc::*;
use scsi_cdb::cdb::zbc::*;
use scsi_cdb::cdb::{U2, U3, U4, U6, U7, U24, U48};
use scsi_cdb::{
    BuildError, Cdb, Command, Control, DataDirection, DecodeError, FieldPointer, GroupNumber, Protect,
    ProtectionTags, Transfer,
};

use DataDirection::{FromDevice, None as NoData, ToDevice};

fn hex(s: &str) -> Vec<u8> {
    s.split_whitespace().map(|t| u8::from_str_radix(t, 16).unwrap()).collect()
}

fn check<C: Cdb + std::fmt::Debug>(c: &C, bytes: &str, dir: DataDirection, xfer_512: u64) {
    let want = hex(bytes);
    let buf = c.to_buf().unwrap();
    assert_eq!(buf.as_bytes(), &want[..], "{c:?}");
    assert_eq!(c.cdb_len(), want.len());
    assert_eq!(c.direction(), dir, "{c:?}");
    assert_eq!(c.transfer_len(512), xfer_512, "{c:?}");
    let back = Command::parse(&want).unwrap_or_else(|e| panic!("{c:?}: {e}"));
    assert_eq!(back.opcode(), c.opcode());
    assert!(back.name().is_some());
    assert!(!matches!(back, Command::Other { .. }), "{c:?} decodes to a typed command");
    let typed = back.as_cdb().unwrap();
    assert_eq!((typed.direction(), typed.transfer()), (c.direction(), c.transfer()), "{c:?} after decode");
}

fn u6(v: u8) -> U6 {
    U6::new(v).unwrap()
}
fn grp(v: u8) -> GroupNumber {
    GroupNumber::new(v).unwrap()
}
fn prot(v: u8) -> Protect {
    Protect::new(v).unwrap()
}
fn naca() -> Control {
    Control::NONE.with_naca()
}

#[test]
fn mode_and_log() {
    let ms6 = ModeSense6 {
        dbd: true,
        pc: PageControl::Changeable,
        page_code: u6(0x08),
        subpage_code: 0x00,
        allocation_length: 0xFC,
        control: naca(),
    };
    check(&ms6, "1a 08 48 00 fc 04", FromDevice, 0xFC);
    let ms10 = ModeSense10 {
        llbaa: true,
        dbd: true,
        pc: PageControl::Saved,
        page_code: u6(0x1C),
        subpage_code: 0x01,
        allocation_length: 0x1234,
        control: Control::NONE,
    };
    check(&ms10, "5a 18 dc 01 00 00 00 12 34 00", FromDevice, 0x1234);
    check(&ModeSense10 { allocation_length: 0, ..ms10 }, "5a 18 dc 01 00 00 00 00 00 00", NoData, 0);
    let sel6 =
        ModeSelect6 { pf: true, rtd: false, sp: true, parameter_list_length: 0x18, control: Control::NONE };
    check(&sel6, "15 11 00 00 18 00", ToDevice, 0x18);
    let sel10 = ModeSelect10 {
        pf: true,
        rtd: true,
        sp: false,
        parameter_list_length: 0x0102,
        control: Control::NONE,
    };
    check(&sel10, "55 12 00 00 00 00 00 01 02 00", ToDevice, 0x102);
    let ls = LogSense {
        sp: true,
        pc: LogPageControl::CurrentCumulative,
        page_code: u6(0x2F),
        subpage_code: 0xFF,
        parameter_pointer: 0xABCD,
        allocation_length: 0x0400,
        control: Control::NONE,
    };
    check(&ls, "4d 01 6f ff 00 ab cd 04 00 00", FromDevice, 0x400);
    let lsel = LogSelect {
        pcr: true,
        sp: false,
        pc: LogPageControl::DefaultCumulative,
        page_code: u6(0x0D),
        subpage_code: 0,
        parameter_list_length: 0,
        control: Control::NONE,
    };
    check(&lsel, "4c 02 cd 00 00 00 00 00 00 00", NoData, 0);
}

#[test]
fn reports() {
    let rl = ReportLuns {
        select_report: SelectReport::ALL,
        allocation_length: 0x0001_0000,
        control: Control::NONE,
    };
    check(&rl, "a0 00 02 00 00 00 00 01 00 00 00 00", FromDevice, 0x10000);
    let rsoc = ReportSupportedOperationCodes {
        rctd: true,
        reporting_options: U3::new(2).unwrap(),
        requested_operation_code: 0x9E,
        requested_service_action: 0x0010,
        allocation_length: 0x200,
        control: Control::NONE,
    };
    check(&rsoc, "a3 0c 82 9e 00 10 00 00 02 00 00 00", FromDevice, 0x200);
    // Asking about a built command fills opcode, service action and options from it.
    let about = ReportSupportedOperationCodes::about(&scsi_cdb::ReadCapacity16::new(), 0x200);
    assert_eq!(about, rsoc);
    let about_inq = ReportSupportedOperationCodes::about(&scsi_cdb::Inquiry::standard(36), 20);
    check(&about_inq, "a3 0c 81 12 00 00 00 00 00 14 00 00", FromDevice, 20);
    check(
        &ReportSupportedTaskManagementFunctions { repd: true, allocation_length: 16, control: Control::NONE },
        "a3 0d 80 00 00 00 00 00 00 10 00 00",
        FromDevice,
        16,
    );
    check(
        &ReportTargetPortGroups {
            parameter_data_format: U3::new(1).unwrap(),
            allocation_length: 0x0102_0304,
            control: Control::NONE,
        },
        "a3 2a 00 00 00 00 01 02 03 04 00 00",
        FromDevice,
        0x0102_0304,
    );
    check(
        &ReportIdentifyingInformation {
            allocation_length: 0x100,
            identifying_information_type: U7::new(0x7F).unwrap(),
            control: Control::NONE,
        },
        "a3 05 00 00 00 00 00 00 01 00 fe 00",
        FromDevice,
        0x100,
    );
    check(
        &SetIdentifyingInformation {
            parameter_list_length: 8,
            identifying_information_type: U7::new(2).unwrap(),
            control: Control::NONE,
        },
        "a4 06 00 00 00 00 00 00 00 08 04 00",
        ToDevice,
        8,
    );
    check(
        &SetTargetPortGroups { parameter_list_length: 12, control: Control::NONE },
        "a4 0a 00 00 00 00 00 00 00 0c 00 00",
        ToDevice,
        12,
    );
    check(
        &ReportTimestamp { allocation_length: 12, control: Control::NONE },
        "a3 0f 00 00 00 00 00 00 00 0c 00 00",
        FromDevice,
        12,
    );
    check(
        &SetTimestamp { parameter_list_length: 12, control: Control::NONE },
        "a4 0f 00 00 00 00 00 00 00 0c 00 00",
        ToDevice,
        12,
    );
    assert_eq!(
        timestamp_parameters(0x0123_4567_89AB).unwrap(),
        [0, 0, 0, 0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0, 0]
    );
    assert!(timestamp_parameters(1 << 48).is_err());
    check(
        &ReportProvisioningInitializationPattern { allocation_length: 0x40, control: Control::NONE },
        "a3 1d 00 00 00 00 00 00 00 40 00 00",
        FromDevice,
        0x40,
    );
}

#[test]
fn persistent_reservations() {
    check(
        &PersistentReserveIn::new(PrInAction::READ_FULL_STATUS, 0x2000),
        "5e 03 00 00 00 00 00 20 00 00",
        FromDevice,
        0x2000,
    );
    let out = PersistentReserveOut {
        scope: U4::new(0).unwrap(),
        ..PersistentReserveOut::new(PrOutAction::PREEMPT_AND_ABORT, PrType::EXCLUSIVE_ACCESS_REGISTRANTS_ONLY)
    };
    check(&out, "5f 05 06 00 00 00 00 00 18 00", ToDevice, 24);
    assert_eq!(out.service_action().map(|s| s.0), Some(5));
    let params = PrOutParameters {
        reservation_key: 0x0102_0304_0506_0708,
        service_action_key: 0x1112_1314_1516_1718,
        spec_i_pt: false,
        all_tg_pt: true,
        aptpl: true,
    };
    let b = params.to_bytes();
    assert_eq!(b.to_vec(), hex("01 02 03 04 05 06 07 08 11 12 13 14 15 16 17 18 00 00 00 00 05 00 00 00"));
    assert_eq!(PrOutParameters::parse(&b), Ok(params));
    assert!(PrOutParameters::parse(&b[..20]).is_err());
    assert_eq!(PrType::WRITE_EXCLUSIVE.name(), Some("Write Exclusive"));
    assert!(PrInAction::new(0x20).is_err());
}

#[test]
fn diagnostics_and_buffers() {
    check(
        &ReceiveDiagnosticResults {
            pcv: true,
            page_code: 0x02,
            allocation_length: 0x1000,
            control: Control::NONE,
        },
        "1c 01 02 10 00 00",
        FromDevice,
        0x1000,
    );
    check(&SendDiagnostic::self_test(SelfTestCode::BackgroundExtended), "1d 40 00 00 00 00", NoData, 0);
    check(&SendDiagnostic::default_self_test(), "1d 04 00 00 00 00", NoData, 0);
    let page = SendDiagnostic { pf: true, parameter_list_length: 8, ..SendDiagnostic::default() };
    check(&page, "1d 10 00 00 08 00", ToDevice, 8);
    // Self-test code 011b is reserved: the decoder points at the field.
    assert_eq!(
        SendDiagnostic::decode(&hex("1d 60 00 00 00 00")),
        Err(DecodeError::InvalidField(FieldPointer::bit(1, 7)))
    );
    check(
        &ReadBuffer10 {
            mode: BufferMode::DATA,
            buffer_id: 0x01,
            buffer_offset: U24::new(0x02_0304).unwrap(),
            allocation_length: U24::new(0x00_1000).unwrap(),
            mode_specific: U3::new(0).unwrap(),
            control: Control::NONE,
        },
        "3c 02 01 02 03 04 00 10 00 00",
        FromDevice,
        0x1000,
    );
    check(
        &ReadBuffer16 {
            mode: BufferMode::ERROR_HISTORY,
            buffer_offset: 0x0102_0304_0506_0708,
            allocation_length: 0x2000,
            buffer_id: 0xFE,
            mode_specific: U3::new(1).unwrap(),
            control: Control::NONE,
        },
        "9b 3c 01 02 03 04 05 06 07 08 00 00 20 00 fe 00",
        FromDevice,
        0x2000,
    );
    let wb = WriteBuffer {
        mode_specific: U3::new(0).unwrap(),
        mode: BufferMode::DOWNLOAD_MICROCODE_OFFSETS_SAVE_ACTIVATE,
        buffer_id: 0,
        buffer_offset: U24::new(0x01_0000).unwrap(),
        parameter_list_length: U24::new(0x00_8000).unwrap(),
        control: Control::NONE,
    };
    check(&wb, "3b 07 00 01 00 00 00 80 00 00", ToDevice, 0x8000);
    check(
        &WriteBuffer { mode: BufferMode::ACTIVATE_DEFERRED_MICROCODE, ..WriteBuffer::default() },
        "3b 0f 00 00 00 00 00 00 00 00",
        NoData,
        0,
    );
    let chunks: Vec<_> = WriteBuffer::microcode_chunks(
        BufferMode::DOWNLOAD_MICROCODE_OFFSETS_SAVE_ACTIVATE,
        0,
        0x8001,
        0x4000,
    )
    .unwrap()
    .collect();
    assert_eq!(chunks.len(), 3);
    check(&chunks[2], "3b 07 00 00 80 00 00 00 01 00", ToDevice, 1);
    assert!(WriteBuffer::microcode_chunks(BufferMode::DATA, 0, 10, 5).is_err());
    assert!(
        WriteBuffer::microcode_chunks(BufferMode::DOWNLOAD_MICROCODE_OFFSETS_ACTIVATE, 0, 10, 0).is_err()
    );
    assert!(
        WriteBuffer::microcode_chunks(BufferMode::DOWNLOAD_MICROCODE_OFFSETS_ACTIVATE, 0, 0x0200_0000, 512)
            .is_err()
    );
    assert!(U24::new(0x0100_0000).is_err());
}

#[test]
fn security_and_copy() {
    check(
        &SecurityProtocolIn {
            security_protocol: 0x01,
            security_protocol_specific: 0x0001,
            inc_512: false,
            allocation_length: 0x800,
            control: Control::NONE,
        },
        "a2 01 00 01 00 00 00 00 08 00 00 00",
        FromDevice,
        0x800,
    );
    check(
        &SecurityProtocolOut {
            security_protocol: 0xEF,
            security_protocol_specific: 0x1234,
            inc_512: true,
            transfer_length: 2,
            control: Control::NONE,
        },
        "b5 ef 12 34 80 00 00 00 00 02 00 00",
        ToDevice,
        1024,
    );
    check(
        &ExtendedCopy { parameter_list_length: 0x60, control: Control::NONE },
        "83 01 00 00 00 00 00 00 00 00 00 00 00 60 00 00",
        ToDevice,
        0x60,
    );
    check(
        &ExtendedCopyLid1 { parameter_list_length: 0x40, control: Control::NONE },
        "83 00 00 00 00 00 00 00 00 00 00 00 00 40 00 00",
        ToDevice,
        0x40,
    );
    check(
        &PopulateToken {
            list_identifier: 0x0A0B_0C0D,
            parameter_list_length: 0x30,
            group_number: grp(3),
            control: Control::NONE,
        },
        "83 10 00 00 00 00 0a 0b 0c 0d 00 00 00 30 03 00",
        ToDevice,
        0x30,
    );
    check(
        &WriteUsingToken {
            list_identifier: 1,
            parameter_list_length: 0x228,
            group_number: grp(0),
            control: Control::NONE,
        },
        "83 11 00 00 00 00 00 00 00 01 00 00 02 28 00 00",
        ToDevice,
        0x228,
    );
    let rcr = ReceiveCopyResults {
        service_action: CopyResultsAction::RodTokenInformation,
        list_identifier: 0x0102_0304,
        allocation_length: 0x400,
        control: Control::NONE,
    };
    check(&rcr, "84 07 01 02 03 04 00 00 00 00 00 00 04 00 00 00", FromDevice, 0x400);
    assert_eq!(rcr.service_action().map(|s| s.0), Some(7));
    let lid1 = ReceiveCopyResultsLid1 {
        service_action: CopyResultsLid1Action::CopyData,
        list_identifier: 0x42,
        allocation_length: 0x20,
        control: Control::NONE,
    };
    check(&lid1, "84 01 42 00 00 00 00 00 00 00 00 00 00 20 00 00", FromDevice, 0x20);
    // A service action neither type knows stays a named Other.
    let unknown = hex("84 16 00 00 00 00 00 00 00 00 00 00 00 20 00 00");
    assert!(matches!(Command::parse(&unknown), Ok(Command::Other { .. })));
}

#[test]
fn verify_and_write_verify() {
    let v10 = Verify10 {
        vrprotect: prot(1),
        dpo: true,
        bytchk: VerifyByteCheck::Compare,
        lba: 0x0102_0304,
        verification_length: 0x0010,
        group_number: grp(5),
        control: Control::NONE,
    };
    check(&v10, "2f 32 01 02 03 04 05 00 10 00", ToDevice, 16 * 512);
    check(&Verify10 { bytchk: VerifyByteCheck::None, ..v10 }, "2f 30 01 02 03 04 05 00 10 00", NoData, 0);
    check(
        &Verify10 { bytchk: VerifyByteCheck::CompareOneBlock, ..v10 },
        "2f 36 01 02 03 04 05 00 10 00",
        ToDevice,
        512,
    );
    // BYTCHK 10b is reserved.
    assert_eq!(
        Verify10::decode(&hex("2f 04 00 00 00 00 00 00 01 00")),
        Err(DecodeError::InvalidField(FieldPointer::bit(1, 2)))
    );
    check(
        &Verify12 {
            lba: 0xFFFF_FFFF,
            verification_length: 0x0001_0000,
            group_number: grp(0x3F),
            ..Verify12::default()
        },
        "af 00 ff ff ff ff 00 01 00 00 3f 00",
        NoData,
        0,
    );
    check(
        &Verify16 {
            lba: 0x0102_0304_0506_0708,
            verification_length: 1,
            bytchk: VerifyByteCheck::Compare,
            ..Verify16::default()
        },
        "8f 02 01 02 03 04 05 06 07 08 00 00 00 01 00 00",
        ToDevice,
        512,
    );
    check(
        &Verify32 {
            group_number: grp(1),
            vrprotect: prot(7),
            dpo: false,
            bytchk: VerifyByteCheck::Compare,
            lba: 0x1122_3344_5566_7788,
            protection_tags: ProtectionTags {
                expected_initial_logical_block_reference_tag: 0xA1A2_A3A4,
                expected_logical_block_application_tag: 0xB1B2,
                logical_block_application_tag_mask: 0xFFFF,
            },
            verification_length: 8,
            control: Control::NONE,
        },
        "7f 00 00 00 00 00 01 18 00 0a e2 00 11 22 33 44 55 66 77 88 a1 a2 a3 a4 b1 b2 ff ff 00 00 00 08",
        ToDevice,
        8 * 512,
    );
    check(
        &WriteAndVerify10 {
            wrprotect: prot(2),
            bytchk: WriteVerifyByteCheck::Compare,
            lba: 9,
            transfer_length: 3,
            ..WriteAndVerify10::default()
        },
        "2e 42 00 00 00 09 00 00 03 00",
        ToDevice,
        3 * 512,
    );
    check(
        &WriteAndVerify12 {
            dpo: true,
            lba: 0x10,
            transfer_length: 0x0002_0000,
            ..WriteAndVerify12::default()
        },
        "ae 10 00 00 00 10 00 02 00 00 00 00",
        ToDevice,
        0x0002_0000 * 512,
    );
    check(
        &WriteAndVerify16 {
            lba: 1 << 40,
            transfer_length: 4,
            group_number: grp(2),
            ..WriteAndVerify16::default()
        },
        "8e 00 00 00 01 00 00 00 00 00 00 00 00 04 02 00",
        ToDevice,
        4 * 512,
    );
    check(
        &WriteAndVerify32 {
            lba: 5,
            transfer_length: 1,
            protection_tags: ProtectionTags {
                expected_initial_logical_block_reference_tag: 5,
                ..ProtectionTags::default()
            },
            ..WriteAndVerify32::default()
        },
        "7f 00 00 00 00 00 00 18 00 0c 00 00 00 00 00 00 00 00 00 05 00 00 00 05 00 00 00 00 00 00 00 01",
        ToDevice,
        512,
    );
    // BYTCHK 10b and 11b are reserved for WRITE AND VERIFY.
    assert!(WriteAndVerify10::decode(&hex("2e 06 00 00 00 00 00 00 01 00")).is_err());
}

#[test]
fn write_same_unmap_compare() {
    check(
        &WriteSame10 {
            wrprotect: prot(0),
            anchor: true,
            unmap: true,
            lba: 0x100,
            group_number: grp(0),
            number_of_logical_blocks: 0x80,
            control: Control::NONE,
        },
        "41 18 00 00 01 00 00 00 80 00",
        ToDevice,
        512,
    );
    let ws16 = WriteSame16 {
        unmap: true,
        ndob: true,
        lba: 0x0000_0001_0000_0000,
        number_of_logical_blocks: 0x10_0000,
        ..WriteSame16::default()
    };
    check(&ws16, "93 09 00 00 00 01 00 00 00 00 00 10 00 00 00 00", NoData, 0);
    check(
        &WriteSame16 { ndob: false, ..ws16 },
        "93 08 00 00 00 01 00 00 00 00 00 10 00 00 00 00",
        ToDevice,
        512,
    );
    check(
        &WriteSame32 {
            wrprotect: prot(3),
            ndob: false,
            lba: 7,
            number_of_logical_blocks: 9,
            protection_tags: ProtectionTags {
                expected_logical_block_application_tag: 0x0102,
                ..ProtectionTags::default()
            },
            ..WriteSame32::default()
        },
        "7f 00 00 00 00 00 00 18 00 0d 60 00 00 00 00 00 00 00 00 07 00 00 00 00 01 02 00 00 00 00 00 09",
        ToDevice,
        512,
    );
    check(
        &Unmap { anchor: false, group_number: grp(0), parameter_list_length: 24, control: Control::NONE },
        "42 00 00 00 00 00 00 00 18 00",
        ToDevice,
        24,
    );
    check(
        &CompareAndWrite {
            wrprotect: prot(0),
            dpo: false,
            fua: true,
            lba: 0x1234,
            number_of_logical_blocks: 1,
            group_number: grp(0),
            control: Control::NONE,
        },
        "89 08 00 00 00 00 00 00 12 34 00 00 00 01 00 00",
        ToDevice,
        1024,
    );
    check(
        &OrWrite16 { orprotect: prot(1), fua: true, lba: 2, transfer_length: 3, ..OrWrite16::default() },
        "8b 28 00 00 00 00 00 00 00 02 00 00 00 03 00 00",
        ToDevice,
        3 * 512,
    );
    check(
        &OrWrite32 {
            bmop: U3::new(2).unwrap(),
            previous_generation_processing: U4::new(1).unwrap(),
            lba: 4,
            expected_orwgeneration: 0x0A,
            new_orwgeneration: 0x0B,
            transfer_length: 1,
            ..OrWrite32::default()
        },
        "7f 00 02 01 00 00 00 18 00 0e 00 00 00 00 00 00 00 00 00 04 00 00 00 0a 00 00 00 0b 00 00 00 01",
        ToDevice,
        512,
    );
}

#[test]
fn atomic_stream_prefetch_status() {
    check(
        &WriteAtomic16 {
            fua: true,
            lba: 0x40,
            atomic_boundary: 0x0010,
            transfer_length: 8,
            ..WriteAtomic16::default()
        },
        "9c 08 00 00 00 00 00 00 00 40 00 10 00 08 00 00",
        ToDevice,
        8 * 512,
    );
    check(
        &WriteAtomic32 { atomic_boundary: 0x0102, lba: 1, transfer_length: 2, ..WriteAtomic32::default() },
        "7f 00 00 00 01 02 00 18 00 0f 00 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 02",
        ToDevice,
        1024,
    );
    check(
        &WriteStream16 {
            dpo: true,
            lba: 0x10,
            str_id: 0x0003,
            transfer_length: 0x20,
            ..WriteStream16::default()
        },
        "9a 10 00 00 00 00 00 00 00 10 00 03 00 20 00 00",
        ToDevice,
        0x20 * 512,
    );
    check(
        &WriteStream32 {
            str_id: 0x0304,
            lba: 2,
            transfer_length: 1,
            group_number: grp(4),
            ..WriteStream32::default()
        },
        "7f 00 00 00 03 04 04 18 00 10 00 00 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00 01",
        ToDevice,
        512,
    );
    check(
        &PreFetch10 {
            immed: true,
            lba: 0x0A0B_0C0D,
            group_number: grp(0),
            prefetch_length: 0x100,
            control: Control::NONE,
        },
        "34 02 0a 0b 0c 0d 00 01 00 00",
        NoData,
        0,
    );
    check(
        &PreFetch16 {
            immed: false,
            lba: 0x0102_0304_0506_0708,
            prefetch_length: 0x0000_1000,
            group_number: grp(1),
            control: Control::NONE,
        },
        "90 00 01 02 03 04 05 06 07 08 00 00 10 00 01 00",
        NoData,
        0,
    );
    check(
        &GetLbaStatus16 {
            lba: 0x1_0000,
            allocation_length: 0x1000,
            report_type: U3::new(2).unwrap(),
            control: Control::NONE,
        },
        "9e 12 00 00 00 00 00 01 00 00 00 00 10 00 02 00",
        FromDevice,
        0x1000,
    );
    check(
        &GetLbaStatus32 {
            report_type: U3::new(1).unwrap(),
            lba: 0x20,
            scan_length: 0x100,
            element_identifier: 2,
            allocation_length: 0x40,
            control: Control::NONE,
        },
        "7f 00 00 00 00 00 00 18 00 12 01 00 00 00 00 00 00 00 00 20 00 00 01 00 00 00 00 02 00 00 00 40",
        FromDevice,
        0x40,
    );
}

#[test]
fn format_sanitize_power() {
    let fu = FormatUnit {
        fmtpinfo: U2::new(2).unwrap(),
        longlist: true,
        fmtdata: true,
        cmplst: false,
        defect_list_format: U3::new(0).unwrap(),
        vendor_specific: 0,
        ffmt: U2::new(1).unwrap(),
        control: Control::NONE,
    };
    check(&fu, "04 b0 00 00 01 00", ToDevice, 0);
    assert_eq!(fu.transfer(), Transfer::ParameterList);
    check(&FormatUnit::default(), "04 00 00 00 00 00", NoData, 0);
    let header = FormatHeader {
        protection_field_usage: U3::new(1).unwrap(),
        fov: true,
        dcrt: true,
        immed: true,
        p_i_information: U4::new(0).unwrap(),
        protection_interval_exponent: U4::new(3).unwrap(),
        defect_list_len: 0,
        ..FormatHeader::default()
    };
    assert_eq!(header.short().unwrap(), [0x01, 0xA2, 0x00, 0x00]);
    assert_eq!(header.long(), [0x01, 0xA2, 0x00, 0x03, 0, 0, 0, 0]);
    assert!(FormatHeader { defect_list_len: 0x1_0000, ..header }.short().is_err());
    check(
        &Sanitize {
            immed: true,
            znr: false,
            ause: true,
            service_action: SanitizeAction::CryptographicErase,
            parameter_list_length: 0,
            control: Control::NONE,
        },
        "48 a3 00 00 00 00 00 00 00 00",
        NoData,
        0,
    );
    check(
        &Sanitize {
            service_action: SanitizeAction::Overwrite,
            parameter_list_length: 8,
            ..Sanitize::default()
        },
        "48 01 00 00 00 00 00 00 08 00",
        ToDevice,
        8,
    );
    assert!(Sanitize::decode(&hex("48 04 00 00 00 00 00 00 00 00")).is_err());
    check(&StartStopUnit::start(), "1b 00 00 00 01 00", NoData, 0);
    check(&StartStopUnit::eject(), "1b 00 00 00 02 00", NoData, 0);
    check(
        &StartStopUnit {
            immed: true,
            power_condition_modifier: U4::new(1).unwrap(),
            power_condition: PowerCondition::STANDBY,
            no_flush: true,
            ..StartStopUnit::default()
        },
        "1b 01 00 01 34 00",
        NoData,
        0,
    );
    check(
        &PreventAllowMediumRemoval { prevent: Prevent::Prevent, control: Control::NONE },
        "1e 00 00 00 01 00",
        NoData,
        0,
    );
    assert!(PreventAllowMediumRemoval::decode(&hex("1e 00 00 00 02 00")).is_err());
}

#[test]
fn defects_long_reassign_streams() {
    check(
        &ReadDefectData10 {
            req_plist: true,
            req_glist: true,
            defect_list_format: U3::new(5).unwrap(),
            allocation_length: 4,
            control: Control::NONE,
        },
        "37 00 1d 00 00 00 00 00 04 00",
        FromDevice,
        4,
    );
    check(
        &ReadDefectData12 {
            req_plist: false,
            req_glist: true,
            defect_list_format: U3::new(4).unwrap(),
            address_descriptor_index: 0x10,
            allocation_length: 0x1_0000,
            control: Control::NONE,
        },
        "b7 0c 00 00 00 10 00 01 00 00 00 00",
        FromDevice,
        0x1_0000,
    );
    check(
        &ReadLong10 {
            pblock: false,
            corrct: true,
            lba: 0x55,
            byte_transfer_length: 520,
            control: Control::NONE,
        },
        "3e 02 00 00 00 55 00 02 08 00",
        FromDevice,
        520,
    );
    check(
        &ReadLong16 {
            lba: 0x55,
            byte_transfer_length: 4160,
            pblock: true,
            corrct: false,
            control: Control::NONE,
        },
        "9e 11 00 00 00 00 00 00 00 55 00 00 10 40 02 00",
        FromDevice,
        4160,
    );
    check(
        &WriteLong10 {
            cor_dis: true,
            wr_uncor: true,
            pblock: false,
            lba: 0x66,
            byte_transfer_length: 0,
            control: Control::NONE,
        },
        "3f c0 00 00 00 66 00 00 00 00",
        NoData,
        0,
    );
    check(
        &WriteLong16 {
            cor_dis: false,
            wr_uncor: false,
            pblock: true,
            lba: 1,
            byte_transfer_length: 528,
            control: Control::NONE,
        },
        "9f 31 00 00 00 00 00 00 00 01 00 00 02 10 00 00",
        ToDevice,
        528,
    );
    check(
        &ReassignBlocks { longlba: true, longlist: false, control: Control::NONE },
        "07 02 00 00 00 00",
        ToDevice,
        0,
    );
    check(
        &BackgroundControl { bo_ctl: BackgroundOperation::Start, bo_time: 0x0A, control: Control::NONE },
        "9e 15 40 0a 00 00 00 00 00 00 00 00 00 00 00 00",
        NoData,
        0,
    );
    check(
        &StreamControl {
            str_ctl: StreamControlAction::Close,
            str_id: 7,
            allocation_length: 0,
            control: Control::NONE,
        },
        "9e 54 00 00 00 07 00 00 00 00 00 00 00 00 00 00",
        NoData,
        0,
    );
    check(
        &StreamControl {
            str_ctl: StreamControlAction::Open,
            str_id: 0,
            allocation_length: 8,
            control: Control::NONE,
        },
        "9e 34 00 00 00 00 00 00 00 00 00 00 00 08 00 00",
        FromDevice,
        8,
    );
    check(
        &GetStreamStatus { starting_stream_identifier: 1, allocation_length: 0x100, control: Control::NONE },
        "9e 16 00 00 00 01 00 00 00 00 00 00 01 00 00 00",
        FromDevice,
        0x100,
    );
    check(
        &ReportReferrals { lba: 0x1000, allocation_length: 0x200, one_seg: true, control: Control::NONE },
        "9e 13 00 00 00 00 00 00 10 00 00 00 02 00 01 00",
        FromDevice,
        0x200,
    );
}

#[test]
fn zbc() {
    check(
        &ReportZones {
            zone_start_lba: 0x8_0000,
            allocation_length: 0x1_0000,
            partial: true,
            reporting_options: U6::new(0x3F).unwrap(),
            control: Control::NONE,
        },
        "95 00 00 00 00 00 00 08 00 00 00 01 00 00 bf 00",
        FromDevice,
        0x1_0000,
    );
    for (action, sa) in [
        (ZoneAction::CloseZone, 1),
        (ZoneAction::FinishZone, 2),
        (ZoneAction::OpenZone, 3),
        (ZoneAction::ResetWritePointer, 4),
        (ZoneAction::SequentializeZone, 0x10),
    ] {
        let z = ZoneManagement {
            service_action: action,
            zone_id: 0x8_0000,
            zone_count: 2,
            all: false,
            control: Control::NONE,
        };
        check(&z, &format!("94 {sa:02x} 00 00 00 00 00 08 00 00 00 00 00 02 00 00"), NoData, 0);
        assert!(
            Command::parse(&z.to_bytes()).unwrap().name().unwrap().to_ascii_lowercase().contains("zone")
                || action == ZoneAction::ResetWritePointer
        );
    }
    check(
        &ZoneManagement { all: true, ..ZoneManagement::default() },
        "94 04 00 00 00 00 00 00 00 00 00 00 00 00 01 00",
        NoData,
        0,
    );
    assert!(ZoneManagement::decode(&hex("94 05 00 00 00 00 00 00 00 00 00 00 00 00 00 00")).is_err());
    check(
        &ReportRealms {
            realm_locator: 0,
            allocation_length: 0x40,
            reporting_options: U6::new(1).unwrap(),
            control: Control::NONE,
        },
        "95 06 00 00 00 00 00 00 00 00 00 00 00 40 01 00",
        FromDevice,
        0x40,
    );
    check(
        &ReportZoneDomains {
            zone_domain_locator: 0x10,
            allocation_length: 0x40,
            reporting_options: U6::new(0).unwrap(),
            control: Control::NONE,
        },
        "95 07 00 00 00 00 00 00 00 10 00 00 00 40 00 00",
        FromDevice,
        0x40,
    );
    check(
        &ZoneActivate {
            all: true,
            zone_id: 0x100,
            number_of_zones: 4,
            allocation_length: 0x200,
            other_zone_domain_id: 1,
            control: Control::NONE,
        },
        "95 88 00 00 00 00 00 00 01 00 00 04 02 00 01 00",
        FromDevice,
        0x200,
    );
    check(
        &ZoneQuery {
            all: false,
            zone_id: 0x100,
            number_of_zones: 1,
            allocation_length: 0x40,
            other_zone_domain_id: 0,
            control: Control::NONE,
        },
        "95 09 00 00 00 00 00 00 01 00 00 01 00 40 00 00",
        FromDevice,
        0x40,
    );
}

#[test]
fn ata_pass_through() {
    check(
        &AtaPassThrough::identify_device(AtaCdbSize::Twelve),
        "a1 08 0e 00 01 00 00 00 00 ec 00 00",
        FromDevice,
        512,
    );
    check(
        &AtaPassThrough::identify_device(AtaCdbSize::ThirtyTwo),
        "7f 00 00 00 00 00 00 18 1f f0 08 0e 00 00 00 00 00 00 00 00 00 00 00 01 00 ec 00 00 00 00 00 00",
        FromDevice,
        512,
    );
    check(
        &AtaPassThrough::smart_read_data(AtaCdbSize::Sixteen),
        "85 08 0e 00 d0 00 01 00 00 00 4f 00 c2 00 b0 00",
        FromDevice,
        512,
    );
    check(
        &AtaPassThrough::smart_return_status(AtaCdbSize::Sixteen),
        "85 06 20 00 da 00 00 00 00 00 4f 00 c2 00 b0 00",
        NoData,
        0,
    );
    check(
        &AtaPassThrough::check_power_mode(AtaCdbSize::Twelve),
        "a1 06 20 00 00 00 00 00 00 e5 00 00",
        NoData,
        0,
    );
    check(
        &AtaPassThrough::flush_cache_ext(AtaCdbSize::Sixteen).unwrap(),
        "85 07 00 00 00 00 00 00 00 00 00 00 00 00 ea 00",
        NoData,
        0,
    );
    assert!(AtaPassThrough::flush_cache_ext(AtaCdbSize::Twelve).is_err());
    // A 48-bit READ DMA EXT of 8 sectors at LBA 0x0102_0304_0506 through the 16-byte form.
    let mut rd = AtaPassThrough::new(AtaCdbSize::Sixteen, AtaRegisters::default()).unwrap();
    rd.extend = true;
    rd.protocol = AtaProtocol::Dma;
    rd.t_dir = true;
    rd.byt_blok = true;
    rd.t_length = TLength::Count;
    rd.set_registers(AtaRegisters {
        features: 0,
        count: 8,
        lba: U48::new(0x0102_0304_0506).unwrap(),
        device: 0x40,
        command: 0x25,
    })
    .unwrap();
    check(&rd, "85 0d 0e 00 00 00 08 03 06 02 05 01 04 40 25 00", FromDevice, 8 * 512);
    // The 12-byte form holds only 8-bit COUNT and a 24-bit LBA.
    let regs = AtaRegisters { count: 0x100, ..AtaRegisters::default() };
    assert!(matches!(
        AtaPassThrough::new(AtaCdbSize::Twelve, regs),
        Err(BuildError::ValueOutOfRange { field: "COUNT", .. })
    ));
    let regs = AtaRegisters { lba: U48::new(0x100_0000).unwrap(), ..AtaRegisters::default() };
    assert!(AtaPassThrough::new(AtaCdbSize::Twelve, regs).is_err());
    assert!(AtaPassThrough::new(AtaCdbSize::ThirtyTwo, regs).is_ok());
    // Reserved protocol 2 and a reserved byte are rejected with their field pointers.
    assert_eq!(
        AtaPassThrough::decode(&hex("a1 04 00 00 00 00 00 00 00 ec 00 00")),
        Err(DecodeError::InvalidField(FieldPointer::bit(1, 4)))
    );
    assert_eq!(
        AtaPassThrough::decode(&hex("a1 08 0e 00 01 00 00 00 00 ec 01 00")),
        Err(DecodeError::InvalidField(FieldPointer::bit(10, 0)))
    );
    assert_eq!(AtaPassThrough::decode(&hex("a1 08 0e")), Err(DecodeError::truncated(12, 3)));
}

/// The three ATA PASS-THROUGH forms are ordinary described commands: SMART READ DATA as
/// smartctl sends it in the 16-byte form decodes to its fields, the registers come from them,
/// and the 32-byte form's service action and reserved bytes are checked by the generic header
/// rule.
#[test]
fn ata_pass_through_forms_are_described_commands() {
    use scsi_cdb::cdb::sat::{AtaCdb, AtaPassThrough16, AtaPassThrough32};
    let smart = hex("85 08 0e 00 d0 00 01 00 00 00 4f 00 c2 00 b0 00");
    let Command::AtaPassThrough16(c) = Command::parse(&smart).unwrap() else { panic!("not ATA(16)") };
    let want = AtaPassThrough16 {
        protocol: AtaProtocol::PioDataIn,
        t_dir: true,
        byt_blok: true,
        t_length: TLength::Count,
        features: 0xD0,
        count: 1,
        lba_15_8: 0x4F,
        lba_23_16: 0xC2,
        command: 0xB0,
        ..AtaPassThrough16::default()
    };
    assert_eq!(c, want);
    assert_eq!(c.lba().get(), 0xC2_4F00);
    assert_eq!((c.direction(), c.transfer(), c.transfer_len(512)), (FromDevice, Transfer::Bytes(512), 512));
    assert_eq!(
        Command::parse(&smart).unwrap().ata(),
        Some(AtaPassThrough::smart_read_data(AtaCdbSize::Sixteen))
    );
    assert_eq!(AtaPassThrough::smart_read_data(AtaCdbSize::Sixteen).cdb(), AtaCdb::Sixteen(want));
    // IDENTIFY DEVICE in the 32-byte form: the LBA is contiguous, ICC and AUXILIARY follow.
    let mut id32 = AtaPassThrough::identify_device(AtaCdbSize::ThirtyTwo);
    id32.icc = 0x12;
    id32.auxiliary = 0x3456_789A;
    let AtaCdb::ThirtyTwo(c32) = id32.cdb() else { panic!("not ATA(32)") };
    let b = c32.to_bytes();
    assert_eq!(b[7..12], [0x18, 0x1F, 0xF0, 0x08, 0x0E]);
    assert_eq!(b[22..32], [0, 1, 0, 0xEC, 0, 0x12, 0x34, 0x56, 0x78, 0x9A]);
    assert_eq!(AtaPassThrough32::decode(&b), Ok(c32));
    let mut wrong_sa = b;
    wrong_sa[9] = 0xF1;
    assert_eq!(
        AtaPassThrough32::decode(&wrong_sa),
        Err(DecodeError::WrongServiceAction { expected: 0x1FF0, found: 0x1FF1, at: 8 })
    );
    let mut reserved = b;
    reserved[26] = 1;
    assert_eq!(AtaPassThrough32::decode(&reserved), Err(DecodeError::InvalidField(FieldPointer::bit(26, 0))));
}

/// T_LENGTH = 3 (TPSIU): the CDB says the transport carries the length, so a decoded command
/// reports its T_DIR direction and "length given by the transport", not "no data"; the
/// register view states a length the caller sets.
#[test]
fn ata_tpsiu_length_is_given_by_the_transport() {
    // IDENTIFY DEVICE, PIO data-in, T_DIR, BYT_BLOK, T_LENGTH 3.
    let cdb = hex("85 08 0f 00 00 00 01 00 00 00 00 00 00 00 ec 00");
    let cmd = Command::parse(&cdb).unwrap();
    assert_eq!((cmd.direction(), cmd.transfer()), (FromDevice, Transfer::Transport));
    assert_eq!(Transfer::Transport.known_bytes(512), None);
    assert_eq!(Transfer::Transport.to_string(), "length given by the transport");
    let mut a = cmd.ata().unwrap();
    assert_eq!(a.transfer(), Transfer::Transport);
    a.tpsiu_len = 512;
    assert_eq!((a.direction(), a.transfer()), (FromDevice, Transfer::Bytes(512)));
    assert_eq!(a.to_bytes16().as_ref().map(|b| &b[..]), Some(&cdb[..]));
}

/// Every builder's sub-byte field type rejects a value one past its width.
#[test]
fn narrow_field_types_reject_out_of_range() {
    assert!(U2::new(4).is_err() && U2::new(3).is_ok());
    assert!(U3::new(8).is_err() && U3::new(7).is_ok());
    assert!(U4::new(16).is_err() && U4::new(15).is_ok());
    assert!(U6::new(64).is_err() && U6::new(63).is_ok());
    assert!(U7::new(128).is_err() && U7::new(127).is_ok());
    assert!(U24::new(1 << 24).is_err() && U24::new((1 << 24) - 1).is_ok());
    assert!(U48::new(1 << 48).is_err() && U48::new((1 << 48) - 1).is_ok());
    assert!(BufferMode::new(0x20).is_err());
    assert!(PrType::new(0x10).is_err());
    assert!(PowerCondition::new(0x10).is_err());
    assert!(SelectReport::new(0xFF).is_ok());
    assert!(matches!(U24::new(1 << 24), Err(BuildError::ValueOutOfRange { max: 0xFF_FFFF, .. })));
}

/// A decoded FORMAT UNIT with FMTDATA and any decoded REASSIGN BLOCKS send a parameter list
/// whose length is in its header: to the device, and never "none, 0 bytes".
#[test]
fn parameter_list_commands_after_decode() {
    for (bytes, want) in [
        ("04 10 00 00 00 00", (ToDevice, Transfer::ParameterList)),
        ("04 00 00 00 00 00", (NoData, Transfer::None)),
        ("07 00 00 00 00 00", (ToDevice, Transfer::ParameterList)),
        ("07 03 00 00 00 00", (ToDevice, Transfer::ParameterList)),
    ] {
        let b = hex(bytes);
        let cmd = Command::parse(&b).unwrap();
        let c = cmd.as_cdb().unwrap();
        assert_eq!((c.direction(), c.transfer()), want, "{bytes}");
        assert_eq!(c.transfer().known_bytes(512), if want.1 == Transfer::None { Some(0) } else { None });
    }
}
