//! Property tests: every builder's output decodes back to an equal value over the full range of
//! each argument; arguments just past a field's width are rejected; any bytes given to the
//! decoder never panic.

use proptest::prelude::*;
use scsi_cdb::{
    BestFit, Cdb, CdbSize, Command, Control, Dld, GroupNumber, Inquiry, Protect, ProtectionTags, Read6,
    Read10, Read12, Read16, Read32, ReadAny, RequestSense, RwFlags, RwParams, SynchronizeCache10,
    SynchronizeCache16, VpdPage, Write6, Write10, Write12, Write16, Write32, WriteAny,
};

fn group() -> impl Strategy<Value = GroupNumber> {
    (0u8..=0x3F).prop_map(|g| GroupNumber::new(g).unwrap())
}
fn protect() -> impl Strategy<Value = Protect> {
    (0u8..=7).prop_map(|p| Protect::new(p).unwrap())
}
fn control() -> impl Strategy<Value = Control> {
    any::<u8>().prop_map(|c| Control::new(c & !Control::RESERVED_MASK).unwrap())
}
fn tags() -> impl Strategy<Value = ProtectionTags> {
    (any::<u32>(), any::<u16>(), any::<u16>()).prop_map(|(r, a, m)| ProtectionTags {
        expected_initial_logical_block_reference_tag: r,
        expected_logical_block_application_tag: a,
        logical_block_application_tag_mask: m,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn rw6(lba in 0u64..=0x1F_FFFF, blocks in 1u32..=256, c in control()) {
        let r = Read6 { control: c, ..Read6::try_new(lba, blocks).unwrap() };
        prop_assert_eq!(Read6::decode(&r.to_bytes()), Ok(r));
        let w = Write6 { control: c, ..Write6::try_new(lba, blocks).unwrap() };
        prop_assert_eq!(Write6::decode(&w.to_bytes()), Ok(w));
        prop_assert_eq!(r.transfer_len(512), u64::from(blocks) * 512);
    }

    #[test]
    fn rw10(lba in any::<u32>(), blocks in any::<u16>(), dpo: bool, fua: bool, rarc: bool, p in protect(), g in group(), c in control()) {
        let r = Read10 { dpo, fua, rarc, rdprotect: p, group_number: g, control: c, ..Read10::new(lba, blocks) };
        prop_assert_eq!(Read10::decode(&r.to_bytes()), Ok(r));
        let w = Write10 { dpo, fua, wrprotect: p, group_number: g, control: c, ..Write10::new(lba, blocks) };
        prop_assert_eq!(Write10::decode(&w.to_bytes()), Ok(w));
        let rb = r.to_bytes();
        prop_assert_eq!(Command::parse(&rb), Ok(Command::Read10(r)));
    }

    #[test]
    fn rw12(lba in any::<u32>(), blocks in any::<u32>(), dpo: bool, fua: bool, p in protect(), g in group(), c in control()) {
        let r = Read12 { dpo, fua, rdprotect: p, group_number: g, control: c, ..Read12::new(lba, blocks) };
        prop_assert_eq!(Read12::decode(&r.to_bytes()), Ok(r));
        let w = Write12 { dpo, fua, wrprotect: p, group_number: g, control: c, ..Write12::new(lba, blocks) };
        prop_assert_eq!(Write12::decode(&w.to_bytes()), Ok(w));
    }

    #[test]
    fn rw16(lba: u64, blocks: u32, dpo: bool, fua: bool, p in protect(), g in group(), d in 0u8..=7, c in control()) {
        let d = Dld::new(d).unwrap();
        let r = Read16 { dpo, fua, rdprotect: p, group_number: g, control: c, ..Read16::new(lba, blocks) }.with_dld(d);
        prop_assert_eq!(Read16::decode(&r.to_bytes()), Ok(r));
        let w = Write16 { dpo, fua, wrprotect: p, group_number: g, control: c, ..Write16::new(lba, blocks) }.with_dld(d);
        prop_assert_eq!(Write16::decode(&w.to_bytes()), Ok(w));
        let wb = w.to_bytes();
        prop_assert_eq!(Command::parse(&wb), Ok(Command::Write16(w)));
    }

    #[test]
    fn rw32(lba: u64, blocks: u32, dpo: bool, fua: bool, p in protect(), g in group(), t in tags(), c in control()) {
        let r = Read32 { dpo, fua, rdprotect: p, group_number: g, protection_tags: t, control: c, ..Read32::new(lba, blocks) };
        prop_assert_eq!(Read32::decode(&r.to_bytes()), Ok(r));
        let w = Write32 { dpo, fua, wrprotect: p, group_number: g, protection_tags: t, control: c, ..Write32::new(lba, blocks) };
        prop_assert_eq!(Write32::decode(&w.to_bytes()), Ok(w));
        let wb = w.to_bytes();
        prop_assert_eq!(Command::parse(&wb), Ok(Command::Write32(w)));
    }

    #[test]
    fn sync_cache(lba: u64, blocks: u32, immed: bool, g in group(), c in control()) {
        let s = SynchronizeCache16 { immed, group_number: g, control: c, ..SynchronizeCache16::new(lba, blocks) };
        prop_assert_eq!(SynchronizeCache16::decode(&s.to_bytes()), Ok(s));
        let s10 = SynchronizeCache10 { immed, group_number: g, control: c, ..SynchronizeCache10::new(lba as u32, blocks as u16) };
        prop_assert_eq!(SynchronizeCache10::decode(&s10.to_bytes()), Ok(s10));
    }

    #[test]
    fn inquiry(page in proptest::option::of(any::<u8>()), len: u16, c in control()) {
        let i = Inquiry { control: c, ..match page {
            Some(p) => Inquiry::vpd(VpdPage(p), len),
            None => Inquiry::standard(len),
        } };
        prop_assert_eq!(Inquiry::decode(&i.to_bytes()), Ok(i));
        prop_assert_eq!(i.transfer_len(512), u64::from(len));
        let r = RequestSense { desc: len & 1 == 1, control: c, ..RequestSense::new(len as u8) };
        prop_assert_eq!(RequestSense::decode(&r.to_bytes()), Ok(r));
    }

    #[test]
    fn best_fit_round_trips_and_is_minimal(lba: u64, blocks: u32, dpo: bool, fua: bool, g in group(), min in 0u8..3, use_12: bool) {
        let mut flags = RwFlags::empty();
        flags.set(RwFlags::DPO, dpo);
        flags.set(RwFlags::FUA, fua);
        let p = RwParams { lba, transfer_length: blocks, flags, group_number: g, ..RwParams::default() };
        let min = [CdbSize::Six, CdbSize::Ten, CdbSize::Sixteen][min as usize];
        let policy = BestFit { min, use_12 };
        let r = ReadAny::best_fit(&p, policy).unwrap();
        let bytes = r.to_buf().unwrap();
        prop_assert_eq!(ReadAny::decode(bytes.as_bytes()), Ok(r));
        prop_assert_eq!((r.lba(), r.transfer_length()), (lba, blocks));
        // Minimal: the next smaller allowed size could not have held the request.
        let fits10 = lba <= u64::from(u32::MAX) && blocks <= 0xFFFF;
        match r.cdb_len() {
            6 => prop_assert!(min == CdbSize::Six),
            10 => prop_assert!(fits10 && min <= CdbSize::Ten),
            12 => prop_assert!(use_12 && !fits10),
            16 => prop_assert!(min == CdbSize::Sixteen || !fits10),
            n => prop_assert!(false, "unexpected size {}", n),
        }
        let mut direct = [0u8; 32];
        let n = ReadAny::encode_best_fit(&p, policy, &mut direct).unwrap();
        prop_assert_eq!(&direct[..n], bytes.as_bytes());
        let w = WriteAny::best_fit(&p, policy).unwrap();
        prop_assert_eq!(w.cdb_len(), r.cdb_len());
    }

    #[test]
    fn past_the_field_is_an_error(extra in 1u64..1_000_000) {
        prop_assert!(Read6::try_new(0x1F_FFFF + extra, 1).is_err());
        prop_assert!(Read10::try_new(u64::from(u32::MAX) + extra, 1).is_err());
        prop_assert!(Write10::try_new(0, 0xFFFF + extra as u32).is_err());
        prop_assert!(Read12::try_new(u64::from(u32::MAX) + extra, 1).is_err());
        prop_assert!(Write6::try_new(0, 256 + extra as u32).is_err());
        prop_assert!(GroupNumber::new((0x3F + extra).min(255) as u8).is_err());
    }

    #[test]
    fn decoder_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = Command::parse(&bytes);
        if let Ok((cmd, n)) = Command::parse_prefix(&bytes) {
            prop_assert!(n <= bytes.len());
            let _ = cmd.name();
        }
    }

    #[test]
    fn near_valid_read10_reports_the_field(lba: u32, blocks: u16, byte in 1usize..10, bit in 0u8..8) {
        // Set one bit of a valid READ(10); the decoder either accepts it (a defined field) or
        // points at exactly that bit.
        let mut b = Read10::new(lba, blocks).to_bytes();
        let was = b[byte];
        b[byte] |= 1 << bit;
        if b[byte] != was {
            if let Err(e) = Read10::decode(&b) {
                let fp = e.field_pointer().unwrap();
                prop_assert_eq!(usize::from(fp.byte), byte);
                prop_assert_eq!(fp.bit, Some(bit));
            }
        }
    }
}
