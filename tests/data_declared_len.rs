//! Every VPD page view honours PAGE LENGTH: a page that declares fewer bytes than the buffer
//! holds decodes only the declared bytes. The bytes past the declared length are all ones, so
//! a view that reads them would show it.

use scsi_cdb::data::vpd::VpdPageView;
use scsi_cdb::data::vpd::{
    BlockDeviceCharacteristics, BlockDeviceCharacteristicsExt, BlockLimits, BlockLimitsExtension,
    DeviceIdentification, ExtendedInquiry, LogicalBlockProvisioning, ModePagePolicies, PowerConditionVpd,
    Referrals, ScsiPorts, SupportedPages, ThirdPartyCopy, UnitSerialNumber, ZonedBlockDeviceCharacteristics,
};

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
