//! Differential tests of the foundation builders against libiscsi's `scsi_cdb_*` builders and
//! of the opcode tables against libsgutils2 (`sg_get_command_size`, `sg_get_opcode_name`,
//! `sg_get_opcode_sa_name`).

#[test]
fn oracles_present_or_skipped() {
    scsi_cdb_oracles::skip_note("cdb_foundation");
}

#[cfg(oracles)]
mod diff {
    use proptest::prelude::*;
    use scsi_cdb::code::CdbLength;
    use scsi_cdb::{
        Cdb, GroupNumber, Inquiry, OpCode, PeripheralDeviceType, Protect, Read6, Read10, Read12, Read16,
        ReadCapacity10, ReadCapacity16, SynchronizeCache10, SynchronizeCache16, TestUnitReady, VpdPage,
        Write10, Write12, Write16,
    };
    use scsi_cdb_oracles::iscsi::{self, Built, RwArgs};
    use scsi_cdb_oracles::sg;

    /// Compares bytes, direction and expected transfer length with libiscsi's answer.
    fn same<C: Cdb>(ours: &C, theirs: Option<Built>, block_size: u32) -> Result<(), TestCaseError> {
        let theirs = theirs.expect("libiscsi refused valid arguments");
        iscsi::compare(ours, &theirs, block_size).map_err(TestCaseError::fail)
    }

    fn bs() -> impl Strategy<Value = u32> {
        prop_oneof![Just(512u32), Just(4096u32)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn read_write_10_12_16(lba: u64, blocks in 1u32..=0xFFFF, bs in bs(), p in 0u8..8, dpo: bool, fua: bool, g in 0u8..0x20) {
            // libiscsi takes the transfer length in bytes and masks GROUP NUMBER to 5 bits
            // (SBC-3), so compare within those ranges.
            let a = RwArgs { protect: p, dpo, fua, group: g };
            let xfer = blocks * bs;
            let (pr, gr) = (Protect::new(p).unwrap(), GroupNumber::new(g).unwrap());
            let l32 = lba as u32;
            same(&Read10 { rdprotect: pr, dpo, fua, group_number: gr, ..Read10::try_new(l32.into(), blocks).unwrap() }, iscsi::read10(l32, xfer, bs as i32, a), bs)?;
            same(&Write10 { wrprotect: pr, dpo, fua, group_number: gr, ..Write10::try_new(l32.into(), blocks).unwrap() }, iscsi::write10(l32, xfer, bs as i32, a), bs)?;
            same(&Read12 { rdprotect: pr, dpo, fua, group_number: gr, ..Read12::try_new(l32.into(), blocks).unwrap() }, iscsi::read12(l32, xfer, bs as i32, a), bs)?;
            same(&Write12 { wrprotect: pr, dpo, fua, group_number: gr, ..Write12::try_new(l32.into(), blocks).unwrap() }, iscsi::write12(l32, xfer, bs as i32, a), bs)?;
            same(&Read16 { rdprotect: pr, dpo, fua, group_number: gr, ..Read16::new(lba, blocks) }, iscsi::read16(lba, xfer, bs as i32, a), bs)?;
            same(&Write16 { wrprotect: pr, dpo, fua, group_number: gr, ..Write16::new(lba, blocks) }, iscsi::write16(lba, xfer, bs as i32, a), bs)?;
        }

        #[test]
        fn read6(lba in 0u32..=0x1F_FFFF, blocks in 1u32..=256, bs in bs()) {
            same(&Read6::try_new(lba.into(), blocks).unwrap(), iscsi::read6(lba, blocks * bs, bs as i32), bs)?;
        }

        #[test]
        fn sync_cache(lba: u64, blocks: u32, immed: bool) {
            let l = (lba as u32 & 0x7FFF_FFFF) as i32;
            let n = i32::from(blocks as u16);
            same(&SynchronizeCache10 { immed, ..SynchronizeCache10::new(l as u32, n as u16) }, iscsi::sync10(l, n, immed), 512)?;
            same(&SynchronizeCache16 { immed, ..SynchronizeCache16::new(lba, blocks) }, iscsi::sync16(lba, blocks, immed), 512)?;
        }

        #[test]
        fn inquiry(page: u8, alloc in 1u16..) {
            same(&Inquiry::standard(alloc), iscsi::inquiry(false, 0, alloc), 512)?;
            same(&Inquiry::vpd(VpdPage(page), alloc), iscsi::inquiry(true, page, alloc), 512)?;
        }
    }

    #[test]
    fn fixed_commands() {
        same(&TestUnitReady::new(), iscsi::test_unit_ready(), 512).unwrap();
        same(&ReadCapacity10::new(), iscsi::read_capacity10(), 512).unwrap();
        same(&ReadCapacity16::new(), iscsi::read_capacity16(), 512).unwrap();
    }

    /// sg3_utils' CDB size agrees with the group code for every opcode of groups 0, 1, 2, 4
    /// and 5. (It is documented as wrong for 7Fh and the vendor groups, which we handle.)
    #[test]
    fn command_sizes() {
        for op in 0..=255u8 {
            if let CdbLength::Fixed(n) = OpCode(op).cdb_length() {
                assert_eq!(sg::command_size(op), i32::from(n), "opcode {op:#04x}");
            }
        }
    }

    /// Where our names (T10 lists of 2024-2026) deliberately differ from sg3_utils 1.46 (2021).
    /// 38h: SBC-5 names it FORMAT WITH PRESET (sg3_utils 1.46: "Format with preset scan");
    /// 3Bh: WRITE BUFFER(10), to tell it from WRITE BUFFER(16); 7Eh: the obsolete EXTENDED CDB;
    /// 96h: WRITE BUFFER(16) (SPC-6), both unknown to sg3_utils 1.46.
    const OPCODE_NAME_DIFFS: &[u8] = &[0x38, 0x3B, 0x7E, 0x96];
    /// Likewise for service actions.
    const SA_NAME_DIFFS: &[&str] = &[];

    fn norm(s: &str) -> String {
        s.to_ascii_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Every opcode name we have matches sg3_utils' name for the same device type, and every
    /// name sg3_utils has for a disk we have too.
    #[test]
    fn opcode_names() {
        let mut compared = 0;
        let mut diffs = Vec::new();
        for pdt in [0u8, 1, 5, 8] {
            for op in 0..=255u8 {
                let ours = OpCode(op).name_for(PeripheralDeviceType(pdt));
                let theirs = sg::opcode_name(op, i32::from(pdt));
                let unknown = theirs.starts_with("Vendor specific")
                    || theirs.starts_with("Reserved")
                    || theirs.contains("Opcode=")
                    || theirs.is_empty();
                match ours {
                    // 7Fh is a repo addition (sg3 1.46 names it by its service actions only).
                    Some(n) if op == 0x7F => assert!(!n.is_empty()),
                    Some(n) if !unknown => {
                        if norm(n) != norm(&theirs) {
                            diffs.push(op);
                        }
                        compared += 1;
                    }
                    Some(_) => diffs.push(op),
                    None if pdt == 0 && !unknown => {
                        panic!("opcode {op:#04x}: missing name, sg3_utils has {theirs:?}")
                    }
                    None => {}
                }
            }
        }
        assert!(compared > 400, "only {compared} names compared");
        diffs.sort_unstable();
        diffs.dedup();
        assert_eq!(diffs, OPCODE_NAME_DIFFS, "differences from sg3_utils 1.46 changed");
    }

    /// Service-action names agree with `sg_get_opcode_sa_name` for every service-action opcode
    /// of every device type.
    #[test]
    fn service_action_names() {
        let mut compared = 0;
        let mut newer = Vec::new();
        let mut diffs = Vec::new();
        for op in [
            0x3Bu8, 0x3C, 0x48, 0x5E, 0x5F, 0x7F, 0x83, 0x84, 0x8C, 0x94, 0x95, 0x9B, 0x9E, 0x9F, 0xA3, 0xA4,
            0xA9, 0xAB,
        ] {
            let max: u16 = if op == 0x7F { 0x1FFF } else { 0x1F };
            for sa in 0..=max {
                let Some(ours) = OpCode(op).service_action_name_for(sa, PeripheralDeviceType(0)) else {
                    continue;
                };
                let theirs = sg::opcode_sa_name(op, i32::from(sa), 0);
                if theirs.contains("service action=") || theirs.contains("[sa=") || theirs.contains("sa=0x") {
                    // Known to the newer T10 list our table comes from, not to sg3_utils 1.46.
                    newer.push((op, sa, ours));
                    continue;
                }
                // sg3_utils prefixes buffer modes with the command ("Read buffer(10), data").
                let t = norm(&theirs);
                let o = norm(ours);
                if !(t == o || t.ends_with(&o)) {
                    diffs.push(format!("{op:02X}/{sa:X}: ours {ours:?}, sg3_utils {theirs:?}"));
                }
                compared += 1;
            }
        }
        assert!(compared > 100, "only {compared} compared");
        assert_eq!(diffs, SA_NAME_DIFFS, "differences from sg3_utils 1.46 changed");
        assert!(newer.len() < 40, "too many names unknown to sg3_utils 1.46: {newer:?}");
    }
}
