//! Every VPD page view honours PAGE LENGTH, and REPORT ZONES data its ZONE LIST LENGTH: data
//! that declares fewer bytes than the buffer holds decodes only the declared bytes. The bytes
//! past the declared length are all ones, so a view that reads them would show it.

use scsi_cdb::data::vpd::VpdPageView;
use scsi_cdb::data::vpd::{
    BlockDeviceCharacteristics, BlockDeviceCharacteristicsExt, BlockLimits, BlockLimitsExtension,
    DeviceIdentification, ExtendedInquiry, LogicalBlockProvisioning, ModePagePolicies, PowerConditionVpd,
    Referrals, ScsiPorts, SupportedPages, ThirdPartyCopy, UnitSerialNumber, ZonedBlockDeviceCharacteristics,
};
use scsi_cdb::data::{ReportZonesData, ZoneCondition, ZoneType};

/// A 64-byte page `code` declaring `len` bytes, every byte after the header FFh.
fn page(code: u8, len: u8) -> [u8; 64] {
    let mut p = [0xFF; 64];
    p[..4].copy_from_slice(&[0x00, code, 0x00, len]);
    p
}

#[test]
fn struct_pages_declaring_zero_bytes_have_no_fields() {
    assert_eq!(BlockLimits::parse(&page(0xB0, 0)).unwrap(), BlockLimits::default());
    assert_eq!(
        BlockDeviceCharacteristics::parse(&page(0xB1, 0)).unwrap(),
        BlockDeviceCharacteristics::default()
    );
    // The user's report: B2h declaring 0 bytes decoded provisioning_type 2 (or 7 here).
    let lbp = LogicalBlockProvisioning::parse(&page(0xB2, 0)).unwrap();
    assert_eq!(lbp, LogicalBlockProvisioning::default());
    assert_eq!(lbp.provisioning_type, None);
    assert_eq!(ExtendedInquiry::parse(&page(0x86, 0)).unwrap(), ExtendedInquiry::default());
    assert_eq!(PowerConditionVpd::parse(&page(0x8A, 0)).unwrap(), PowerConditionVpd::default());
    assert_eq!(Referrals::parse(&page(0xB3, 0)).unwrap(), Referrals::default());
    assert_eq!(
        BlockDeviceCharacteristicsExt::parse(&page(0xB5, 0)).unwrap(),
        BlockDeviceCharacteristicsExt::default()
    );
    assert_eq!(
        ZonedBlockDeviceCharacteristics::parse(&page(0xB6, 0)).unwrap(),
        ZonedBlockDeviceCharacteristics::default()
    );
    assert_eq!(BlockLimitsExtension::parse(&page(0xB7, 0)).unwrap(), BlockLimitsExtension::default());
}

#[test]
fn struct_pages_cut_inside_a_field() {
    // B0h declaring 6 bytes: MAXIMUM COMPARE AND WRITE LENGTH (byte 5) is in, the 2-byte
    // OPTIMAL TRANSFER LENGTH GRANULARITY (bytes 6-7) is not.
    let b = BlockLimits::parse(&page(0xB0, 2)).unwrap();
    assert_eq!((b.max_compare_and_write, b.optimal_granularity), (Some(0xFF), None));
    // B2h declaring 2 bytes: the flags byte is in, PROVISIONING TYPE is not.
    let p = LogicalBlockProvisioning::parse(&page(0xB2, 2)).unwrap();
    assert_eq!((p.lbpu, p.dp, p.provisioning_type), (Some(true), Some(true), None));
    // B1h declaring 3 bytes: rotation rate and byte 6, not the form factor (byte 7).
    let c = BlockDeviceCharacteristics::parse(&page(0xB1, 3)).unwrap();
    assert_eq!((c.rotation_rate, c.form_factor), (Some(0xFFFF), None));
}

#[test]
fn list_pages_declaring_zero_bytes_are_empty() {
    assert_eq!(SupportedPages::parse(&page(0x00, 0)).unwrap().pages().count(), 0);
    assert!(UnitSerialNumber::parse(&page(0x80, 0)).unwrap().serial().as_bytes().is_empty());
    assert_eq!(DeviceIdentification::parse(&page(0x83, 0)).unwrap().designators().count(), 0);
    assert_eq!(ModePagePolicies::parse(&page(0x87, 0)).unwrap().policies().count(), 0);
    assert_eq!(ScsiPorts::parse(&page(0x88, 0)).unwrap().ports().count(), 0);
    assert_eq!(ThirdPartyCopy::parse(&page(0x8F, 0)).unwrap().descriptors().count(), 0);
    // Declared 3 of the 60 bytes present.
    let three = page(0x00, 3);
    let v = SupportedPages::parse(&three).unwrap();
    assert_eq!((v.pages().count(), v.view().declared_len(), v.view().available_len()), (3, 3, 3));
    assert!(!VpdPageView::parse(&page(0x00, 3)).unwrap().is_truncated());
    assert!(VpdPageView::parse(&page(0x00, 200)).unwrap().is_truncated());
}

/// REPORT ZONES data declaring `zones` descriptors in a buffer of a header and four, every
/// byte past the declared list FFh.
fn zone_report(zones: u32) -> Vec<u8> {
    let mut b = vec![0xFFu8; 64 + 4 * 64];
    b[..64].fill(0);
    b[..4].copy_from_slice(&(64 * zones).to_be_bytes());
    for z in 0..zones as usize {
        let d = &mut b[64 + 64 * z..128 + 64 * z];
        d.fill(0);
        (d[0], d[1]) = (0x02, 0x10);
        d[15] = 0x10;
        d[23] = 0x10 * z as u8;
    }
    b
}

#[test]
fn report_zones_returns_only_the_declared_zones() {
    for declared in 0..=4u32 {
        let b = zone_report(declared);
        let r = ReportZonesData::parse(&b).unwrap();
        let zones: Vec<_> = r.zones().collect();
        assert_eq!(zones.len(), declared as usize, "ZONE LIST LENGTH {}", 64 * declared);
        assert!(!r.is_truncated());
        for (i, z) in zones.iter().enumerate() {
            assert_eq!(
                (z.zone_type, z.condition),
                (ZoneType::SEQUENTIAL_WRITE_REQUIRED, ZoneCondition::EMPTY)
            );
            assert_eq!((z.length, z.start, z.write_pointer), (0x10, 0x10 * i as u64, 0));
        }
    }
    // A list length that ends inside a descriptor: only the whole descriptors it covers.
    let mut b = zone_report(2);
    b[..4].copy_from_slice(&100u32.to_be_bytes());
    let r = ReportZonesData::parse(&b).unwrap();
    assert_eq!((r.zones().count(), r.is_truncated()), (1, false));
    // Declaring more than the buffer holds: what is there, and truncated.
    b[..4].copy_from_slice(&(64 * 9u32).to_be_bytes());
    let r = ReportZonesData::parse(&b).unwrap();
    assert_eq!((r.zones().count(), r.is_truncated()), (4, true));
}
