//! Sense data known answers: the sg3_utils sample files (expected values from sg3_utils' own
//! decode in the shared test data), real tgt answers, buffers found in public logs, vectors
//! written from the SPC-6 tables; then truncation loops and property tests.

mod common;

use common::{hex_file, require_testdata};
use proptest::prelude::*;
use scsi_cdb::sense::{
    AtaStatusReturn, Descriptor, Disposition, Sense, SenseBuilder, SenseFormat, SenseFormatChoice,
    SenseKeySpecific, errno,
};
use scsi_cdb::{AdditionalSense, FieldPointer, SenseKey};

#[test]
fn sg3_fixed_sense_sample() {
    require_testdata();
    // sg3_utils: "Fixed format, current; Sense key: Medium Error / Unrecovered read error /
    // Info fld=0x1234 / Field replaceable unit code: 119 / Actual retry count: 0x0198".
    let b = hex_file("sg3_utils-inhex/data/fixed_sense.hex");
    let s = Sense::parse(&b).unwrap();
    assert_eq!(s.format(), SenseFormat::Fixed);
    assert!(!s.is_deferred());
    assert_eq!(s.sense_key(), Some(SenseKey::MediumError));
    assert_eq!(s.additional_sense(), Some(AdditionalSense::UNRECOVERED_READ_ERROR));
    assert_eq!(s.information(), Some(0x1234));
    assert_eq!(s.fru(), Some(0x77));
    assert_eq!(s.sks(), Some(SenseKeySpecific::ActualRetryCount(0x198)));
    assert_eq!(s.disposition(), Disposition::MediumError);
}

#[test]
fn sg3_descriptor_sense_sample() {
    require_testdata();
    let b = hex_file("sg3_utils-inhex/data/descriptor_sense.hex");
    let s = Sense::parse(&b).unwrap();
    assert_eq!(s.format(), SenseFormat::Descriptor);
    assert_eq!(s.sense_key(), Some(SenseKey::RecoveredError));
    assert_eq!(s.additional_sense(), Some(AdditionalSense::new(0x03, 0x02)));
    assert_eq!(s.additional_sense().unwrap().text(), Some("EXCESSIVE WRITE ERRORS"));
    assert!(s.sdat_ovfl());
    assert_eq!(s.information(), Some(0x1122_3344_5566_77bb));
    assert_eq!(s.command_specific(), Some(0x3344_5566_77bb_ccff));
    assert_eq!(s.sks(), Some(SenseKeySpecific::ActualRetryCount(257)));
    assert_eq!(s.fru(), Some(0x45));
    assert_eq!(s.filemark_eom_ili(), (false, false, true));
    let types: Vec<u8> = s.descriptors().map(|d| d.unwrap().1.code()).collect();
    assert_eq!(types, [0x00, 0x01, 0x02, 0x03, 0x0A, 0x05, 0x0B]);
    match s.find_descriptor(0x0A).unwrap() {
        Descriptor::AnotherProgress { sense_key, additional_sense, progress } => {
            assert_eq!(sense_key, SenseKey::NotReady);
            assert_eq!(additional_sense, AdditionalSense::new(1, 2));
            assert_eq!(progress, 0x3201);
        }
        d => panic!("{d:?}"),
    }
    match s.find_descriptor(0x0B).unwrap() {
        Descriptor::UserDataSegmentReferral { not_all_r, referrals } => {
            assert!(not_all_r);
            assert_eq!(referrals.len(), 0x1A - 2);
        }
        d => panic!("{d:?}"),
    }
    // RECOVERED ERROR: the command worked.
    assert_eq!(s.disposition(), Disposition::Success);
}

#[test]
fn sg3_forwarded_sense_sample_decodes_recursively() {
    require_testdata();
    // sg3_utils: "Unit Attention / Recovered data with ECC - data rewritten", forwarded from
    // "Extended copy command destination device 0" with status Check Condition.
    let b = hex_file("sg3_utils-inhex/data/forwarded_sense.hex");
    let s = Sense::parse(&b).unwrap();
    assert_eq!(s.sense_key(), Some(SenseKey::UnitAttention));
    assert_eq!(s.additional_sense(), Some(AdditionalSense::new(0x18, 0x07)));
    let fwd = s.find_descriptor(0x0C).unwrap();
    let Descriptor::ForwardedSense { truncated, source, status, sense: Some(inner), .. } = fwd else {
        panic!("{fwd:?}")
    };
    assert_eq!((truncated, source, status), (false, 1, 2));
    assert_eq!(inner.sense_key(), Some(SenseKey::UnitAttention));
    assert_eq!(inner.additional_sense(), Some(AdditionalSense::new(0x18, 0x07)));
    assert_eq!(AdditionalSense::new(0x18, 0x07).text(), Some("RECOVERED DATA WITH ECC - DATA REWRITTEN"));
    assert_eq!(s.information(), Some(0x1122_3344_5566_7788));
    assert_eq!(s.fru(), Some(0x99));
}

#[test]
fn sg3_referral_sample() {
    require_testdata();
    let b = hex_file("sg3_utils-inhex/data/ref_sense.hex");
    let s = Sense::parse(&b).unwrap();
    assert_eq!(s.sense_key(), Some(SenseKey::NoSense));
    let d: Vec<_> = s.descriptors().collect();
    assert_eq!(d.len(), 1);
    assert!(matches!(d[0], Ok((8, Descriptor::UserDataSegmentReferral { not_all_r: true, .. }))));
}

#[test]
fn tgt_sense_captures() {
    require_testdata();
    let cases = [
        ("sense_invalid_opcode.hex", 0x20, 0x00, Disposition::InvalidOpcode),
        ("sense_read10_lba_oor.hex", 0x21, 0x00, Disposition::InvalidRequest),
        ("sense_read16_lba_oor.hex", 0x21, 0x00, Disposition::InvalidRequest),
        ("sense_inquiry_bad_vpd_page.hex", 0x24, 0x00, Disposition::InvalidRequest),
        ("sense_mode_sense_bad_page.hex", 0x24, 0x00, Disposition::InvalidRequest),
    ];
    for (file, asc, ascq, disp) in cases {
        let b = hex_file(&format!("tgt-1.0.85-captures/data/{file}"));
        let s = Sense::parse(&b).unwrap();
        assert_eq!(s.sense_key(), Some(SenseKey::IllegalRequest), "{file}");
        assert_eq!(s.additional_sense(), Some(AdditionalSense::new(asc, ascq)), "{file}");
        assert_eq!(s.disposition(), disp, "{file}");
    }
    let b = hex_file("tgt-1.0.85-captures/data/request_sense_no_error.hex");
    let s = Sense::parse(&b).unwrap();
    assert_eq!((s.sense_key(), s.disposition()), (Some(SenseKey::NoSense), Disposition::Success));
}

#[test]
fn buffers_from_public_logs() {
    require_testdata();
    let text = std::fs::read_to_string(common::testdata("real-world-logs/sense_vectors.tsv")).unwrap();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let b = common::parse_hex(cols[1]);
        let s = Sense::parse(&b).unwrap();
        match cols[0] {
            // Linux printed "end_request ... sector 326677146" = INFORMATION.
            "linux_sata_unc_1" => {
                assert_eq!(s.sense_key(), Some(SenseKey::MediumError));
                assert_eq!(s.additional_sense(), Some(AdditionalSense::new(0x11, 0x04)));
                assert_eq!(s.information(), Some(326_677_146));
            }
            // 32-byte buffer, ADDITIONAL SENSE LENGTH 11: 19 bytes count.
            "windows_scsiscan_becoming_ready" => {
                assert_eq!(s.declared_len(), Some(19));
                assert_eq!(s.additional_sense(), Some(AdditionalSense::BECOMING_READY));
                assert_eq!(s.disposition(), Disposition::RetryAfterDelay);
                assert_eq!(s.fixed_additional_bytes(), &[0]);
            }
            other => panic!("new vector {other}: add its known answer"),
        }
        n += 1;
    }
    assert_eq!(n, 2);
}

/// Vectors written from the SPC-6 / SAT-5 tables and the sg3_utils examples in the oracle notes.
#[test]
fn spc_vectors() {
    // NOT READY, FORMAT IN PROGRESS, progress 4000h = 25%.
    let s = Sense::parse(&[0x70, 0, 2, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 4, 4, 0, 0x80, 0x40, 0]).unwrap();
    assert_eq!(s.progress(), Some(0x4000));
    assert!(s.to_string().ends_with("progress 25.00%"), "{s}");
    // Descriptor: information + SKS field pointer C/D, BPV, bit 3, byte 2.
    let s = Sense::parse(&[
        0x72, 5, 0x24, 0, 0, 0, 0, 0x14, 0, 0x0A, 0x80, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 2, 6, 0, 0, 0xCB,
        0, 2, 0,
    ])
    .unwrap();
    assert_eq!(s.information(), Some(0x12_3456));
    assert_eq!(
        s.sks(),
        Some(SenseKeySpecific::FieldPointer { command: true, bpv: true, bit_pointer: 3, field_pointer: 2 })
    );
    assert_eq!(
        s.to_string(),
        "ILLEGAL REQUEST: INVALID FIELD IN CDB (24h/00h), information 0x123456, field pointer byte 2 bit 3"
    );
    // ATA status return descriptor (SAT): count 1, LBA C24F00h, status 50h.
    let s = Sense::parse(&[
        0x72, 1, 0, 0x1D, 0, 0, 0, 0x0E, 9, 0x0C, 0, 0, 0, 1, 0, 0, 0, 0x4F, 0, 0xC2, 0, 0x50,
    ])
    .unwrap();
    assert_eq!(
        s.ata_status(),
        Some(AtaStatusReturn { extend: false, error: 0, count: 1, lba: 0xC2_4F00, device: 0, status: 0x50 })
    );
    // The same registers in the SAT fixed-format form.
    let s =
        Sense::parse(&[0x70, 0, 1, 0, 0x50, 0, 1, 0x0A, 0, 0x00, 0x4F, 0xC2, 0, 0x1D, 0, 0, 0, 0]).unwrap();
    assert_eq!(
        s.ata_status(),
        Some(AtaStatusReturn { extend: false, error: 0, count: 1, lba: 0xC2_4F00, device: 0, status: 0x50 })
    );
    // Deferred fixed (F1h) with VALID: FILEMARK, EOM, ILI.
    let s = Sense::parse(&[0xF1, 0, 0xE3, 0, 0, 0, 0x10, 0x0A, 0, 0, 0, 0, 0x11, 0, 0, 0, 0, 0]).unwrap();
    assert!(s.is_deferred());
    assert_eq!(s.filemark_eom_ili(), (true, true, true));
    assert_eq!(s.information(), Some(0x10));
    assert_eq!(s.disposition(), Disposition::Retry);
    // UNIT ATTENTION after a reset, as the first TEST UNIT READY returns it.
    let s = Sense::parse(&[0x70, 0, 6, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x29, 0x00, 0, 0, 0, 0]).unwrap();
    assert_eq!(s.disposition(), Disposition::ResetOccurred);
    assert!(s.disposition().is_retryable());
    // ABORTED COMMAND, guard check failed (10h/01h): a protection error.
    let s = Sense::parse(&[0x72, 0x0B, 0x10, 0x01, 0, 0, 0, 0]).unwrap();
    assert_eq!(s.disposition(), Disposition::ProtectionError);
    // DATA PROTECT, space allocation failed: ENOSPC.
    let s = Sense::parse(&[0x72, 0x07, 0x27, 0x07, 0, 0, 0, 0]).unwrap();
    assert_eq!((s.disposition(), errno::from_sense(&s.summary())), (Disposition::DataProtect, errno::ENOSPC));
    // Vendor format and a bad response code.
    assert_eq!(Sense::parse(&[0x7F, 1, 2, 3]).unwrap().format(), SenseFormat::Vendor);
    assert_eq!(Sense::parse(&[0x00; 18]), Err(scsi_cdb::DecodeError::BadResponseCode(0)));
    // Fixed sense with a short ADDITIONAL SENSE LENGTH: ASC is outside the declared data.
    let s = Sense::parse(&[0x70, 0, 5, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0x24, 0]).unwrap();
    assert_eq!((s.sense_key(), s.asc()), (Some(SenseKey::IllegalRequest), None));
}

#[test]
fn errno_mapping() {
    let e = |b: SenseBuilder| {
        let mut out = [0u8; 64];
        let n = b.emit(&mut out).unwrap();
        errno::from_sense(&Sense::parse(&out[..n]).unwrap().summary())
    };
    assert_eq!(e(SenseBuilder::invalid_opcode()), errno::EINVAL);
    assert_eq!(e(SenseBuilder::lba_out_of_range(9)), errno::ENOSPC);
    assert_eq!(e(SenseBuilder::lun_not_supported()), errno::ENOTSUP);
    assert_eq!(e(SenseBuilder::write_protected()), errno::EACCES);
    assert_eq!(e(SenseBuilder::becoming_ready(0)), errno::EINPROGRESS);
    assert_eq!(e(SenseBuilder::needs_start_unit()), errno::ENOTCONN);
    assert_eq!(e(SenseBuilder::medium_not_present()), errno::ENOMEDIUM);
    assert_eq!(e(SenseBuilder::power_on_reset()), errno::EAGAIN);
    assert_eq!(e(SenseBuilder::unrecovered_read_error(1)), errno::EIO);
    assert_eq!(e(SenseBuilder::new(SenseKey::RecoveredError, AdditionalSense::NO_ADDITIONAL_SENSE)), 0);
}

#[test]
fn predefined_answers_decode_to_themselves() {
    let all = [
        SenseBuilder::invalid_opcode(),
        SenseBuilder::invalid_field_in_cdb(FieldPointer::bit(1, 5)),
        SenseBuilder::invalid_field_in_parameter_list(9, None),
        SenseBuilder::parameter_list_length_error(),
        SenseBuilder::lba_out_of_range(0xFFFF_FFFF),
        SenseBuilder::lun_not_supported(),
        SenseBuilder::medium_not_present(),
        SenseBuilder::becoming_ready(0x8000),
        SenseBuilder::needs_start_unit(),
        SenseBuilder::power_on_reset(),
        SenseBuilder::medium_may_have_changed(),
        SenseBuilder::unrecovered_read_error(5),
        SenseBuilder::write_protected(),
        SenseBuilder::internal_target_failure(),
        SenseBuilder::miscompare(17),
    ];
    let mut out = [0u8; 252];
    for b in all {
        for b in [b.fixed(), b.descriptor()] {
            let n = b.emit(&mut out).unwrap();
            let s = Sense::parse(&out[..n]).unwrap();
            assert!(!s.is_truncated());
            assert_eq!(SenseBuilder::from_sense(&s), Some(b), "{s}");
        }
    }
    // LUN NOT SUPPORTED is 25h/00h (vhost-device-scsi once sent 21h/00h).
    assert_eq!(SenseBuilder::lun_not_supported().additional_sense, AdditionalSense::new(0x25, 0));
}

fn all_vectors() -> Vec<Vec<u8>> {
    let mut v = vec![
        vec![0x70, 0, 2, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 4, 4, 0, 0x80, 0x40, 0],
        vec![0x72, 1, 0, 0x1D, 0, 0, 0, 0x0E, 9, 0x0C, 0, 0, 0, 1, 0, 0, 0, 0x4F, 0, 0xC2, 0, 0x50],
    ];
    require_testdata();
    for f in ["fixed_sense", "descriptor_sense", "forwarded_sense", "ref_sense"] {
        v.push(hex_file(&format!("sg3_utils-inhex/data/{f}.hex")));
    }
    v
}

/// Cut every vector at every length: decoding never panics, and a field present in a shorter
/// cut has the same value in the whole buffer (nothing is read past the end).
#[test]
fn truncation_at_every_length() {
    for v in all_vectors() {
        let whole = Sense::parse(&v).unwrap().summary();
        for n in 0..=v.len() {
            let Ok(s) = Sense::parse(&v[..n]) else {
                assert_eq!(n, 0);
                continue;
            };
            let sum = s.summary();
            let _ = s.to_string();
            for d in s.descriptors() {
                let _ = d;
            }
            if n < v.len() {
                assert!(sum.truncated || s.declared_len().is_some_and(|d| d <= n), "len {n}");
            }
            if let Some(k) = sum.sense_key {
                assert_eq!(Some(k), whole.sense_key);
            }
            if let Some(a) = sum.additional_sense {
                assert_eq!(Some(a), whole.additional_sense);
            }
            if let Some(i) = sum.information {
                assert_eq!(Some(i), whole.information);
            }
        }
    }
}

fn builder() -> impl Strategy<Value = SenseBuilder> {
    (
        any::<bool>(),
        any::<bool>(),
        0u8..16,
        any::<(u8, u8)>(),
        proptest::option::of(any::<u64>()),
        proptest::option::of(1u64..),
        proptest::option::of(any::<[u8; 3]>()),
        any::<u8>(),
        any::<(bool, bool, bool)>(),
    )
        .prop_map(|(desc, deferred, key, (asc, ascq), info, cs, sks, fru, (fm, eom, ili))| {
            let key = SenseKey::from_nibble(key);
            let mut b = SenseBuilder::new(key, AdditionalSense::new(asc, ascq));
            b.format = if desc { SenseFormatChoice::Descriptor } else { SenseFormatChoice::Fixed };
            b.deferred = deferred;
            let fixed = !desc;
            b.information = info.map(|v| if fixed { v & 0xFFFF_FFFF } else { v });
            b.command_specific = cs.map(|v| if fixed { (v & 0xFFFF_FFFF).max(1) } else { v });
            b.sks = sks.and_then(|raw| SenseKeySpecific::decode(key, [raw[0] | 0x80, raw[1], raw[2]]));
            b.fru = fru;
            b.filemark = fm;
            b.eom = eom;
            b.ili = ili;
            b
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(s) = Sense::parse(&bytes) {
            let sum = s.summary();
            let _ = s.to_string();
            let _ = s.ata_status();
            let _ = sum.disposition();
            let _ = errno::from_sense(&sum);
            for d in s.descriptors().flatten() {
                if let (_, Descriptor::ForwardedSense { sense: Some(inner), .. }) = d {
                    let _ = inner.summary();
                }
            }
            let _ = SenseBuilder::from_sense(&s);
        }
    }

    #[test]
    fn descriptor_sense_of_any_body_never_panics(key: u8, body in proptest::collection::vec(any::<u8>(), 0..260)) {
        let mut b = vec![0x72, key, 0, 0, 0, 0, 0, body.len().min(255) as u8];
        b.extend_from_slice(&body);
        let s = Sense::parse(&b).unwrap();
        let mut walked = 8;
        for d in s.descriptors() {
            match d {
                Ok((off, _)) => { prop_assert_eq!(off, walked); walked = off + 2 + usize::from(b[off + 1]); }
                Err(e) => { prop_assert_eq!(e.offset, walked); prop_assert!(e.declared > e.available); }
            }
        }
        let _ = s.summary();
    }

    #[test]
    fn built_sense_decodes_back(b in builder()) {
        let mut out = [0u8; 252];
        let n = b.emit(&mut out).unwrap();
        prop_assert_eq!(n, b.len());
        let s = Sense::parse(&out[..n]).unwrap();
        prop_assert!(!s.is_truncated());
        prop_assert_eq!(SenseBuilder::from_sense(&s), Some(b));
        // And converted to the other format, the same values again.
        let other = if b.format == SenseFormatChoice::Fixed { b.descriptor() } else { b };
        let m = other.emit(&mut out).unwrap();
        let s2 = Sense::parse(&out[..m]).unwrap();
        prop_assert_eq!(s2.summary().additional_sense, Some(b.additional_sense));
        prop_assert_eq!(s2.information(), b.information);
    }
}
