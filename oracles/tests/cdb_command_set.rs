//! Differential tests of the SPC/SBC command builders against libiscsi's `scsi_cdb_*` builders:
//! for random arguments within both libraries' ranges, the CDB bytes, the direction and the
//! expected transfer length must agree.
//!
//! Known differences, each pinned by a test below rather than hidden: libiscsi's MODE SENSE (10)
//! takes an `unsigned char` allocation length (so only lengths up to 255 are compared), its
//! GROUP NUMBER is 5 bits, and its SANITIZE has no ZNR.

#[test]
fn oracles_present_or_skipped() {
    scsi_cdb_oracles::skip_note("cdb_command_set");
}

#[cfg(oracles)]
mod diff {
    use proptest::prelude::*;
    use scsi_cdb::cdb::sbc::*;
    use scsi_cdb::cdb::spc::*;
    use scsi_cdb::cdb::{U3, U4, U6};
    use scsi_cdb::{Cdb, Control, GroupNumber, Protect};
    use scsi_cdb_oracles::iscsi::{Builder as B, cmd, compare};

    fn check<C: Cdb + std::fmt::Debug>(
        ours: &C,
        which: B,
        args: &[i64],
        bs: u32,
    ) -> Result<(), TestCaseError> {
        let theirs = cmd(which, args).unwrap_or_else(|| panic!("libiscsi refused {which:?} {args:?}"));
        compare(ours, &theirs, bs)
            .map_err(|e| TestCaseError::fail(format!("{which:?} {args:?} {ours:?}: {e}")))
    }

    fn bs() -> impl Strategy<Value = u32> {
        prop_oneof![Just(512u32), Just(4096u32)]
    }
    fn grp() -> impl Strategy<Value = u8> {
        0u8..32
    }
    fn g(v: u8) -> GroupNumber {
        GroupNumber::new(v).unwrap()
    }
    fn p(v: u8) -> Protect {
        Protect::new(v).unwrap()
    }

    fn norm(s: &str) -> String {
        s.to_ascii_lowercase().replace(' ', "")
    }

    /// Every typed command (all listed commands, and IDENTIFY DEVICE in the three ATA
    /// PASS-THROUGH forms) has the
    /// CDB length `sg_get_command_size` gives its opcode and the name libsgutils2 gives its
    /// opcode and service action.
    #[test]
    fn names_and_sizes_match_sg3_utils() {
        use scsi_cdb::Command;
        use scsi_cdb::cdb::decode::with_commands;
        use scsi_cdb::cdb::sat::{AtaCdbSize, AtaPassThrough};
        use scsi_cdb::cdb::{basic, read_write, sat, sbc, spc, sync_cache, zbc};
        use scsi_cdb_oracles::sg;
        macro_rules! defaults {
            ($($module:ident :: $t:ident),* $(,)?) => {
                vec![$(Command::from($module::$t::default())),*]
            };
        }
        let mut cdbs: Vec<Vec<u8>> =
            with_commands!(defaults).iter().map(|c| c.to_buf().unwrap().as_bytes().to_vec()).collect();
        for size in [AtaCdbSize::Twelve, AtaCdbSize::Sixteen, AtaCdbSize::ThirtyTwo] {
            cdbs.push(AtaPassThrough::identify_device(size).to_buf().unwrap().as_bytes().to_vec());
        }
        let mut compared = 0;
        for cdb in &cdbs {
            let cmd = Command::parse(cdb).unwrap();
            let op = cdb[0];
            if op != 0x7F {
                assert_eq!(sg::command_size(op) as usize, cdb.len(), "{cmd:?}");
            }
            let sa = scsi_cdb::cdb::decode::service_action(cdb);
            let theirs = match sa {
                Some(sa) => sg::opcode_sa_name(op, i32::from(sa), 0),
                None => sg::opcode_name(op, 0),
            };
            let ours = cmd.name().unwrap();
            // sg3_utils writes "Write same(32)" where T10 writes "WRITE SAME(32)", and prefixes
            // PR and SANITIZE service actions with the command ("Persistent reserve in, read
            // keys") and names buffer modes after the command ("Read buffer(10), data");
            // compare without case and spaces, ours as a suffix or prefix.
            // 3Bh: SPC-6 calls it WRITE BUFFER(10) beside the new WRITE BUFFER(16); sg3_utils
            // 1.46 still says "Write buffer" (the same known difference as in cdb_foundation).
            let (t, o) = (norm(&theirs), norm(ours).replace("writebuffer(10)", "writebuffer"));
            assert!(
                t.ends_with(&o) || o.ends_with(&t) || t.starts_with(&o),
                "{op:02X}/{sa:?}: ours {ours:?}, sg3_utils {theirs:?}"
            );
            compared += 1;
        }
        assert!(compared >= 75, "{compared}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn verify(lba in any::<u32>(), lba64 in any::<u64>(), n in 0u32..0x1_0000, vp in 0u8..8, dpo: bool, bytchk: bool, bs in bs()) {
            let b = if bytchk { VerifyByteCheck::Compare } else { VerifyByteCheck::None };
            let args = |l: i64| [l, i64::from(n * bs), i64::from(vp), dpo.into(), bytchk.into(), bs.into()];
            let v10 = Verify10 { vrprotect: p(vp), dpo, bytchk: b, lba, verification_length: n as u16, ..Default::default() };
            check(&v10, B::Verify10, &args(lba.into()), bs)?;
            let v12 = Verify12 { vrprotect: p(vp), dpo, bytchk: b, lba, verification_length: n, ..Default::default() };
            check(&v12, B::Verify12, &args(lba.into()), bs)?;
            let v16 = Verify16 { vrprotect: p(vp), dpo, bytchk: b, lba: lba64, verification_length: n, ..Default::default() };
            check(&v16, B::Verify16, &args(lba64 as i64), bs)?;
        }

        #[test]
        fn write_and_verify(lba in any::<u32>(), lba64 in any::<u64>(), n in 0u32..0x1_0000, wp in 0u8..8, dpo: bool, bytchk: bool, gr in grp(), bs in bs()) {
            let b = if bytchk { WriteVerifyByteCheck::Compare } else { WriteVerifyByteCheck::None };
            let args = |l: i64| [l, i64::from(n * bs), bs.into(), i64::from(wp), dpo.into(), bytchk.into(), gr.into()];
            let w10 = WriteAndVerify10 { wrprotect: p(wp), dpo, bytchk: b, lba, transfer_length: n as u16, group_number: g(gr), control: Control::NONE };
            check(&w10, B::WriteVerify10, &args(lba.into()), bs)?;
            let w12 = WriteAndVerify12 { wrprotect: p(wp), dpo, bytchk: b, lba, transfer_length: n, group_number: g(gr), control: Control::NONE };
            check(&w12, B::WriteVerify12, &args(lba.into()), bs)?;
            let w16 = WriteAndVerify16 { wrprotect: p(wp), dpo, bytchk: b, lba: lba64, transfer_length: n, group_number: g(gr), control: Control::NONE };
            check(&w16, B::WriteVerify16, &args(lba64 as i64), bs)?;
        }

        #[test]
        fn write_same(lba in any::<u32>(), lba64 in any::<u64>(), n in any::<u16>(), n32 in any::<u32>(), wp in 0u8..8, anchor: bool, unmap: bool, gr in grp(), bs in bs()) {
            let ws10 = WriteSame10 { wrprotect: p(wp), anchor, unmap, lba, group_number: g(gr), number_of_logical_blocks: n, control: Control::NONE };
            check(&ws10, B::WriteSame10, &[wp.into(), anchor.into(), unmap.into(), lba.into(), gr.into(), n.into(), bs.into()], bs)?;
            let ws16 = WriteSame16 { wrprotect: p(wp), anchor, unmap, ndob: false, lba: lba64, number_of_logical_blocks: n32, group_number: g(gr), control: Control::NONE };
            check(&ws16, B::WriteSame16, &[wp.into(), anchor.into(), unmap.into(), lba64 as i64, gr.into(), n32.into(), bs.into()], bs)?;
        }

        #[test]
        fn prefetch_unmap_sync_family(lba in any::<u32>(), lba64 in any::<u64>(), n in any::<u16>(), n32 in 0u32..0x7FFF_FFFF, immed: bool, gr in grp(), len in any::<u16>(), anchor: bool) {
            check(&PreFetch10 { immed, lba, group_number: g(gr), prefetch_length: n, control: Control::NONE }, B::PreFetch10, &[lba.into(), n.into(), immed.into(), gr.into()], 512)?;
            check(&PreFetch16 { immed, lba: lba64, prefetch_length: n32, group_number: g(gr), control: Control::NONE }, B::PreFetch16, &[lba64 as i64, n32.into(), immed.into(), gr.into()], 512)?;
            check(&Unmap { anchor, group_number: g(gr), parameter_list_length: len, control: Control::NONE }, B::Unmap, &[anchor.into(), gr.into(), len.into()], 512)?;
        }

        #[test]
        fn compare_orwrite_atomic(lba in any::<u64>(), n in 1u8..=255, n32 in 0u32..0x1_0000, wp in 0u8..8, dpo: bool, fua: bool, gr in grp(), bs in bs()) {
            let caw = CompareAndWrite { wrprotect: p(wp), dpo, fua, lba, number_of_logical_blocks: n, group_number: g(gr), control: Control::NONE };
            check(&caw, B::CompareAndWrite, &[lba as i64, i64::from(2 * u32::from(n) * bs), bs.into(), wp.into(), dpo.into(), fua.into(), gr.into()], bs)?;
            let orw = OrWrite16 { orprotect: p(wp), dpo, fua, lba, transfer_length: n32, group_number: g(gr), control: Control::NONE };
            check(&orw, B::OrWrite, &[lba as i64, i64::from(n32 * bs), bs.into(), wp.into(), dpo.into(), fua.into(), gr.into()], bs)?;
            let wa = WriteAtomic16 { wrprotect: p(wp), dpo, fua, lba, atomic_boundary: 0, transfer_length: n32 as u16, group_number: g(gr), control: Control::NONE };
            check(&wa, B::WriteAtomic16, &[lba as i64, i64::from(n32 * bs), bs.into(), wp.into(), dpo.into(), fua.into(), gr.into()], bs)?;
        }

        #[test]
        fn lba_status_rsoc_defects(lba in any::<u64>(), alloc in 1u32..0x7FFF_FFFF, alloc16 in 1u16..=u16::MAX, rctd: bool, opt in 0u8..3, op in any::<u8>(), sa in any::<u16>(), pl: bool, gl: bool, fmt in 0u8..8, idx in any::<u32>()) {
            check(&GetLbaStatus16 { lba, allocation_length: alloc, ..Default::default() }, B::GetLbaStatus, &[lba as i64, alloc.into()], 512)?;
            let rsoc = ReportSupportedOperationCodes { rctd, reporting_options: U3::new(opt).unwrap(), requested_operation_code: op, requested_service_action: sa, allocation_length: alloc, control: Control::NONE };
            check(&rsoc, B::ReportSupportedOpcodes, &[rctd.into(), opt.into(), op.into(), sa.into(), alloc.into()], 512)?;
            let rdd10 = ReadDefectData10 { req_plist: pl, req_glist: gl, defect_list_format: U3::new(fmt).unwrap(), allocation_length: alloc16, control: Control::NONE };
            check(&rdd10, B::ReadDefectData10, &[pl.into(), gl.into(), fmt.into(), alloc16.into()], 512)?;
            // libiscsi writes REQ_PLIST, REQ_GLIST and the format into byte 2 and then overwrites
            // them with the ADDRESS DESCRIPTOR INDEX (SBC-5 puts them in byte 1): compare only
            // the form without flags, and pin the loss below.
            let rdd12 = ReadDefectData12 { req_plist: false, req_glist: false, defect_list_format: U3::new(0).unwrap(), address_descriptor_index: idx, allocation_length: alloc, control: Control::NONE };
            check(&rdd12, B::ReadDefectData12, &[0, 0, 0, idx.into(), alloc.into()], 512)?;
            let theirs = cmd(B::ReadDefectData12, &[pl.into(), gl.into(), fmt.into(), idx.into(), alloc.into()]).unwrap();
            prop_assert_eq!(theirs.cdb[1], 0, "libiscsi drops the READ DEFECT DATA (12) flags");
        }

        #[test]
        fn power_and_medium(immed: bool, pcm in 0u8..16, pc in 0u8..16, no_flush: bool, loej: bool, start: bool, prevent in 0u8..2) {
            let ssu = StartStopUnit { immed, power_condition_modifier: U4::new(pcm).unwrap(), power_condition: PowerCondition::new(pc).unwrap(), no_flush, loej, start, control: Control::NONE };
            check(&ssu, B::StartStopUnit, &[immed.into(), pcm.into(), pc.into(), no_flush.into(), loej.into(), start.into()], 512)?;
            let pa = PreventAllowMediumRemoval { prevent: if prevent == 1 { Prevent::Prevent } else { Prevent::Allow }, control: Control::NONE };
            check(&pa, B::PreventAllow, &[prevent.into()], 512)?;
        }

        #[test]
        fn sanitize(immed: bool, ause: bool, which in 0usize..4, len4 in 0u16..0x4000) {
            // libiscsi rounds the expected transfer up to a multiple of 4 (iSCSI padding); the
            // CDB's PARAMETER LIST LENGTH is what the device moves, so compare on multiples of 4.
            let len = len4 * 4;
            let (action, sa) = [
                (SanitizeAction::Overwrite, 1),
                (SanitizeAction::BlockErase, 2),
                (SanitizeAction::CryptographicErase, 3),
                (SanitizeAction::ExitFailureMode, 0x1F),
            ][which];
            let s = Sanitize { immed, znr: false, ause, service_action: action, parameter_list_length: len, control: Control::NONE };
            check(&s, B::Sanitize, &[immed.into(), ause.into(), sa, len.into()], 512)?;
        }

        #[test]
        fn mode_pages(dbd: bool, llbaa: bool, pc in 0u8..4, page in 0u8..64, sub in any::<u8>(), alloc in any::<u8>(), pf: bool, sp: bool, len in any::<u8>()) {
            let pcs = [PageControl::Current, PageControl::Changeable, PageControl::Default, PageControl::Saved];
            let ms6 = ModeSense6 { dbd, pc: pcs[usize::from(pc)], page_code: U6::new(page).unwrap(), subpage_code: sub, allocation_length: alloc, control: Control::NONE };
            check(&ms6, B::ModeSense6, &[dbd.into(), i64::from(pc), page.into(), sub.into(), alloc.into()], 512)?;
            let ms10 = ModeSense10 { llbaa, dbd, pc: pcs[usize::from(pc)], page_code: U6::new(page).unwrap(), subpage_code: sub, allocation_length: alloc.into(), control: Control::NONE };
            check(&ms10, B::ModeSense10, &[llbaa.into(), dbd.into(), i64::from(pc), page.into(), sub.into(), alloc.into()], 512)?;
            check(&ModeSelect6 { pf, rtd: false, sp, parameter_list_length: len, control: Control::NONE }, B::ModeSelect6, &[pf.into(), sp.into(), len.into()], 512)?;
            check(&ModeSelect10 { pf, rtd: false, sp, parameter_list_length: len.into(), control: Control::NONE }, B::ModeSelect10, &[pf.into(), sp.into(), len.into()], 512)?;
        }

        #[test]
        // REGISTER AND MOVE (7) has its own parameter list, which libiscsi does not build.
        fn reservations_luns_copy(sa_in in 0u8..4, sa_out in 0u8..7, ty in prop::sample::select(vec![1u8, 3, 5, 6, 7, 8]), alloc in any::<u16>(), key: u64, sakey: u64, all_tg_pt: bool, aptpl: bool, select in 0u8..3, alloc32 in 16u32..0x10_0000, list_id in 0u8..=255, alloc_rcr in 1u32..0x1_0000) {
            check(&PersistentReserveIn::new(PrInAction::new(sa_in).unwrap(), alloc), B::PersistentReserveIn, &[sa_in.into(), alloc.into()], 512)?;
            let out = PersistentReserveOut::new(PrOutAction::new(sa_out).unwrap(), PrType::new(ty).unwrap());
            check(&out, B::PersistentReserveOut, &[sa_out.into(), 0, ty.into(), key as i64, sakey as i64, all_tg_pt.into(), aptpl.into()], 512)?;
            let rl = ReportLuns { select_report: SelectReport::new(select).unwrap(), allocation_length: alloc32, control: Control::NONE };
            check(&rl, B::ReportLuns, &[select.into(), alloc32.into()], 512)?;
            for (action, sa) in [(CopyResultsLid1Action::CopyStatus, 0), (CopyResultsLid1Action::CopyData, 1), (CopyResultsLid1Action::FailureDetails, 4)] {
                let rcr = ReceiveCopyResultsLid1 { service_action: action, list_identifier: list_id, allocation_length: alloc_rcr, control: Control::NONE };
                check(&rcr, B::ReceiveCopyResults, &[sa, list_id.into(), alloc_rcr.into()], 512)?;
            }
        }
    }
}
