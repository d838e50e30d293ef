//! `StandardInquiry::version_descriptors` and `VersionDescriptor` on a real sample and on
//! hand-made answers: names, zero entries, short buffers and a short ADDITIONAL LENGTH.

mod common;

use common::{hex_file, require_testdata};
use scsi_cdb::VersionDescriptor;
use scsi_cdb::data::StandardInquiry;

/// A 96-byte standard INQUIRY answer (ADDITIONAL LENGTH 91) with `codes` in bytes 58-73.
fn inquiry(codes: &[u16]) -> Vec<u8> {
    let mut b = vec![0u8; 96];
    b[2] = 7;
    b[3] = 2;
    b[4] = 91;
    for (k, c) in codes.iter().enumerate() {
        b[58 + 2 * k..60 + 2 * k].copy_from_slice(&c.to_be_bytes());
    }
    b
}

fn codes(b: &[u8]) -> Vec<u16> {
    StandardInquiry::parse(b).unwrap().version_descriptors().map(|v| v.0).collect()
}

#[test]
fn scsi_debug_sample_names() {
    require_testdata();
    // sg_inq -d on this file lists SAM-6, SPC-5, SBC-4 and SPL-4, each "(no version claimed)".
    let b = hex_file("sg3_utils-inhex/data/inq_standard.hex");
    let i = StandardInquiry::parse(&b).unwrap();
    let got: Vec<String> = i.version_descriptors().map(|v| v.to_string()).collect();
    assert_eq!(
        got,
        [
            "0x00c0 (SAM-6 (no version claimed))",
            "0x05c0 (SPC-5 (no version claimed))",
            "0x0600 (SBC-4 (no version claimed))",
            "0x2100 (SPL-4 (no version claimed))",
        ]
    );
}

#[test]
fn all_eight_slots_in_order_and_zeros_skipped() {
    let all = [0x0020, 0x0460, 0x0600, 0x0960, 0x0C60, 0x1EA0, 0x1740, 0xFFC0];
    assert_eq!(codes(&inquiry(&all)), all);
    // A zero in the middle is "no standard identified": skipped, the rest still reported.
    assert_eq!(codes(&inquiry(&[0x0460, 0, 0x0600])), [0x0460, 0x0600]);
    assert!(codes(&inquiry(&[])).is_empty());
    // Unknown codes are kept, with no name.
    let b = inquiry(&[0x0001, 0xFFFF]);
    let v: Vec<VersionDescriptor> = StandardInquiry::parse(&b).unwrap().version_descriptors().collect();
    assert_eq!(v, [VersionDescriptor(0x0001), VersionDescriptor(0xFFFF)]);
    assert!(v.iter().all(|c| c.name().is_none()));
}

#[test]
fn truncated_buffer_yields_the_whole_descriptors_present() {
    let full = inquiry(&[0x0020, 0x0460, 0x0600, 0x0960, 0x0C60, 0x1EA0, 0x1740, 0xFFC0]);
    for len in 5..=full.len() {
        let Ok(i) = StandardInquiry::parse(&full[..len]) else { continue };
        let whole = len.saturating_sub(58).min(16) / 2;
        let got: Vec<u16> = i.version_descriptors().map(|v| v.0).collect();
        assert_eq!(got.len(), whole, "len {len}");
        assert_eq!(got, codes(&full)[..whole], "len {len}");
    }
}

#[test]
fn additional_length_limits_the_descriptors() {
    // ADDITIONAL LENGTH 56 (61 bytes in all): one whole descriptor inside, the rest ignored
    // although the buffer holds them.
    let mut b = inquiry(&[0x0460, 0x0600, 0x0960]);
    b[4] = 56;
    assert_eq!(codes(&b), [0x0460]);
    b[4] = 57; // 62 bytes: two
    assert_eq!(codes(&b), [0x0460, 0x0600]);
    b[4] = 31; // a 36-byte answer: no descriptors at all
    assert!(codes(&b).is_empty());
}
