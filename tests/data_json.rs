//! The JSON shape of response data (feature `serde`): known answers on real bytes (tgt and
//! scsi_debug captures from the shared test data, and hand-built pages where no capture
//! exists), each compared as a whole `serde_json::Value`.

#![cfg(feature = "serde")]

mod common;

use common::{hex_file, require_testdata};
use scsi_cdb::VpdPage;
use scsi_cdb::data::{
    ControlPage, LogPage, ModeData, ModePageFields, PowerCondition, ReadCapacity10Data, ReadCapacity16Data,
    ReportLunsData, ReportZonesData, RwErrorRecovery, StandardInquiry, VpdPageView, layout, vpd,
};
use serde_json::{Value, json};

fn tgt(name: &str) -> Vec<u8> {
    require_testdata();
    hex_file(&format!("tgt-1.0.85-captures/data/{name}"))
}

fn sg3(name: &str) -> Vec<u8> {
    require_testdata();
    hex_file(&format!("sg3_utils-inhex/data/{name}"))
}

fn to_json<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).expect("serializes")
}

fn vpd_json(b: &[u8]) -> Value {
    to_json(VpdPageView::parse(b).expect("a VPD page"))
}

/// The VPD header every page carries, around its `page` member.
fn vpd_page(code: u8, name: &str, len: usize, page: Value) -> Value {
    json!({
        "peripheral_qualifier": 0, "device_type": 0, "device_type_name": "direct access block device",
        "page_code": code, "page_name": name,
        "declared_length": len, "available_length": len, "truncated": false,
        "page": page,
    })
}

#[test]
fn standard_inquiry_tgt() {
    let b = tgt("inquiry_std_96.hex");
    let want = json!({
        "peripheral_qualifier": 0, "device_type": 0, "device_type_name": "direct access block device",
        "rmb": false, "lu_cong": false, "version": 5, "version_name": "SPC-3",
        "normaca": false, "hisup": true, "response_data_format": 2, "additional_length": 61,
        "sccs": false, "acc": false, "tpgs": 0, "3pc": false, "protect": false,
        "encserv": false, "multip": false, "cmdque": true,
        "vendor": "IET", "product": "VIRTUAL-DISK", "revision": "0001",
        "vendor_specific": "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
        "version_descriptors": [
            { "code": 0x04C0, "name": "SBC-3 (no version claimed)" },
            { "code": 0x0960, "name": "iSCSI (no version claimed)" },
            { "code": 0x0300, "name": "SPC-3 (no version claimed)" },
        ],
        "declared_length": 66, "available_length": 66, "truncated": false,
    });
    assert_eq!(to_json(StandardInquiry::parse(&b).unwrap()), want);
}

#[test]
fn standard_inquiry_scsi_debug_and_truncated() {
    let b = sg3("inq_standard.hex");
    let want = json!({
        "peripheral_qualifier": 0, "device_type": 0, "device_type_name": "direct access block device",
        "rmb": false, "lu_cong": false, "version": 7, "version_name": "SPC-5",
        "normaca": false, "hisup": false, "response_data_format": 2, "additional_length": 91,
        "sccs": false, "acc": false, "tpgs": 0, "3pc": false, "protect": false,
        "encserv": false, "multip": true, "cmdque": true,
        "vendor": "Linux", "product": "scsi_debug", "revision": "0191",
        "vendor_specific": "32 30 32 31 30 35 32 30 00 00 00 00 00 00 00 00 00 00 00 00",
        "version_descriptors": [
            { "code": 0x00C0, "name": "SAM-6 (no version claimed)" },
            { "code": 0x05C0, "name": "SPC-5 (no version claimed)" },
            { "code": 0x0600, "name": "SBC-4 (no version claimed)" },
            { "code": 0x2100, "name": "SPL-4 (no version claimed)" },
        ],
        "declared_length": 96, "available_length": 96, "truncated": false,
    });
    assert_eq!(to_json(StandardInquiry::parse(&b).unwrap()), want);
    // tgt answering a 36-byte allocation: the declared length says to ask for 66.
    let v = to_json(StandardInquiry::parse(&tgt("inquiry_std_36.hex")).unwrap());
    assert_eq!(
        (&v["declared_length"], &v["available_length"], &v["truncated"]),
        (&json!(66), &json!(36), &json!(true))
    );
    assert_eq!((&v["vendor_specific"], &v["version_descriptors"]), (&json!(""), &json!([])));
}

#[test]
fn vpd_supported_serial_identification_tgt() {
    let want =
        vpd_page(0x00, "Supported VPD Pages", 6, json!({ "pages": [0x00, 0x80, 0x83, 0xB0, 0xB1, 0xB2] }));
    assert_eq!(vpd_json(&tgt("vpd_00_supported.hex")), want);
    let want = vpd_page(0x80, "Unit Serial Number", 36, json!({ "serial_number": "beaf11" }));
    assert_eq!(vpd_json(&tgt("vpd_80_serial.hex")), want);
    let lu = |code_set, designator_type, naa: Value, type_name, designator| {
        json!({
            "designator_type": designator_type, "type_name": type_name, "association": 0,
            "association_name": "logical unit", "code_set": code_set, "piv": false,
            "protocol_identifier": 0, "naa": naa, "designator": designator,
        })
    };
    let want = vpd_page(
        0x83,
        "Device Identification",
        72,
        json!({ "designators": [
            lu(2, 1, Value::Null, "T10 vendor ID",
               "49 45 54 20 20 20 20 20 30 30 30 31 30 30 30 31 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"),
            lu(1, 3, json!(3), "NAA", "30 00 00 01 00 00 00 01"),
            lu(1, 3, json!(6), "NAA", "60 00 00 00 00 00 00 00 0e 00 00 00 00 01 00 01"),
        ]}),
    );
    assert_eq!(vpd_json(&tgt("vpd_83_devid.hex")), want);
}

#[test]
fn vpd_mode_page_policy_scsi_ports_third_party_copy() {
    // 87h: page 08h shared by logical units; every other page per target port.
    let p87 = [0x00, 0x87, 0x00, 0x08, 0x08, 0x00, 0x80, 0x00, 0x3F, 0xFF, 0x01, 0x00];
    let want = vpd_page(
        0x87,
        "Mode Page Policy",
        8,
        json!({ "policies": [
            { "policy_page_code": 8, "policy_subpage_code": 0, "mlus": true,
              "mode_page_policy": 0, "mode_page_policy_name": "shared" },
            { "policy_page_code": 0x3F, "policy_subpage_code": 0xFF, "mlus": false,
              "mode_page_policy": 1, "mode_page_policy_name": "per target port" },
        ]}),
    );
    assert_eq!(vpd_json(&p87), want);
    // 88h: relative port 1, no initiator TransportID, one SAS NAA target port designator.
    let p88 = [
        0x00, 0x88, 0x00, 0x18, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x0C, 0x61, 0x93, 0x00, 0x08, 0x50, 0, 0, 0,
        0, 0, 0, 1,
    ];
    let want = vpd_page(
        0x88,
        "SCSI Ports",
        24,
        json!({ "ports": [{
            "relative_port_identifier": 1, "initiator_port_transportid": "",
            "target_port_designators": [{
                "designator_type": 3, "type_name": "NAA", "association": 1,
                "association_name": "target port", "code_set": 1, "piv": true,
                "protocol_identifier": 6, "naa": 5, "designator": "50 00 00 00 00 00 00 01",
            }],
        }]}),
    );
    assert_eq!(vpd_json(&p88), want);
    let p8f =
        [0x00, 0x8F, 0x00, 0x0E, 0, 0, 0, 4, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x0D, 0x00, 0x02, 0xAA, 0xBB];
    let want = vpd_page(
        0x8F,
        "Third-party Copy",
        14,
        json!({ "descriptors": [
            { "descriptor_type": 0, "type_name": "Block Device ROD Token Limits", "body": "de ad be ef" },
            { "descriptor_type": 0x0D, "type_name": "Copy Group Identifier", "body": "aa bb" },
        ]}),
    );
    assert_eq!(vpd_json(&p8f), want);
}

#[test]
fn vpd_ata_information_scsi_debug() {
    let want = vpd_page(
        0x89,
        "ATA Information",
        568,
        json!({
            "sat_vendor_identification": "linux", "sat_product_identification": "SAT scsi_debug",
            "sat_product_revision_level": "1234",
            "ata_device_signature": "34 00 00 00 01 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00",
            "command_code": 0xEC, "model_number": "ST380013AS", "serial_number": "XXXXXXXX",
            "firmware_revision": "3.18", "lba48_sectors": 156_301_488u64, "logical_sector_size": 512,
        }),
    );
    assert_eq!(vpd_json(&sg3("vpd_atai.hex")), want);
}

#[test]
fn vpd_code_field_names_and_generic_payload() {
    let want = vpd_page(
        0xB5,
        "Block Device Characteristics Extension",
        124,
        json!({
            "utilization_type": 3, "utilization_units": 5, "utilization_interval": 0x0E,
            "utilization_b": 6, "utilization_a": 3,
            "utilization_type_name": "separate writes (A) and reads (B)",
            "utilization_units_name": "petabytes", "utilization_interval_name": "per year",
        }),
    );
    assert_eq!(vpd_json(&sg3("vpd_bdce.hex")), want);
    // B4h has no typed view: its payload.
    let want = vpd_page(
        0xB4,
        "Supported Block Lengths and Protection Types",
        16,
        json!({ "payload": "00 00 02 00 47 07 00 00 00 00 10 00 47 07 00 00" }),
    );
    assert_eq!(vpd_json(&sg3("vpd_sbl.hex")), want);
    // A truncated answer says so in the header.
    let b = sg3("vpd_tpc.hex");
    let v = vpd_json(&b);
    assert_eq!((&v["declared_length"], &v["truncated"]), (&json!(140), &json!(true)));
}

/// A typed page serializes to the `page` member of its VPD page object.
#[test]
fn typed_pages_are_the_page_member() {
    let page = |b: &[u8]| vpd_json(b)["page"].clone();
    let b = tgt("vpd_00_supported.hex");
    assert_eq!(to_json(vpd::SupportedPages::parse(&b).unwrap()), page(&b));
    let b = tgt("vpd_80_serial.hex");
    assert_eq!(to_json(vpd::UnitSerialNumber::parse(&b).unwrap()), page(&b));
    let b = sg3("vpd_di_all.hex");
    assert_eq!(to_json(vpd::DeviceIdentification::parse(&b).unwrap()), page(&b));
    let b = sg3("vpd_atai.hex");
    assert_eq!(to_json(vpd::AtaInformation::parse(&b).unwrap()), page(&b));
    let b = sg3("vpd_tpc.hex");
    assert_eq!(to_json(vpd::ThirdPartyCopy::parse(&b).unwrap()), page(&b));
    let b = tgt("vpd_b0_block_limits.hex");
    assert_eq!(to_json(vpd::BlockLimits::parse(&b).unwrap()), page(&b));
    let b = sg3("vpd_zbdc.hex");
    assert_eq!(to_json(vpd::ZonedBlockDeviceCharacteristics::parse(&b).unwrap()), page(&b));
}

#[test]
fn read_capacity_10_and_16_share_keys() {
    let want10 = json!({
        "returned_logical_block_address": 0x1FFFF, "logical_block_length": 512,
        "blocks": 0x20000, "capacity_bytes": "67108864", "use_read_capacity_16": false,
    });
    assert_eq!(to_json(ReadCapacity10Data::parse(&tgt("readcap10.hex")).unwrap()), want10);
    let want16 = json!({
        "returned_logical_block_address": 0x1FFFF, "logical_block_length": 512,
        "p_type": 0, "prot_en": false, "p_i_exponent": 0,
        "logical_blocks_per_physical_block_exponent": 3, "lbpme": false, "lbprz": false,
        "lowest_aligned_logical_block_address": 0,
        "blocks": 0x20000, "capacity_bytes": "67108864", "protection_type": 0, "physical_block_length": 4096,
    });
    let v16 = to_json(ReadCapacity16Data::parse(&tgt("readcap16.hex")).unwrap());
    assert_eq!(v16, want16);
    for k in ["returned_logical_block_address", "logical_block_length", "blocks", "capacity_bytes"] {
        assert_eq!(want10[k], v16[k], "{k}");
    }
    // The (10) sentinel, and (16) at the top of the range.
    let v = to_json(ReadCapacity10Data::parse(&[0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 2, 0]).unwrap());
    assert_eq!(
        v,
        json!({ "returned_logical_block_address": u32::MAX, "logical_block_length": 512,
                "blocks": null, "capacity_bytes": null, "use_read_capacity_16": true })
    );
    let v = to_json(
        ReadCapacity16Data::parse(&[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0x10, 0]).unwrap(),
    );
    assert_eq!((&v["blocks"], &v["capacity_bytes"]), (&Value::Null, &json!("75557863725914323419136")));
    assert_eq!((&v["protection_type"], &v["physical_block_length"]), (&Value::Null, &Value::Null));
}

#[test]
fn report_luns_tgt_and_well_known() {
    let lun = |bytes: &str, address: &str, int: u64| json!({ "lun": bytes, "address": address, "int": int, "well_known_name": null });
    let want = json!({
        "lun_list_length": 16, "declared_count": 2,
        "luns": [
            lun("00 00 00 00 00 00 00 00", "peripheral bus 0 lun 0", 0),
            lun("00 01 00 00 00 00 00 00", "peripheral bus 0 lun 1", 1),
        ],
        "declared_length": 24, "available_length": 24, "truncated": false,
    });
    assert_eq!(to_json(ReportLunsData::parse(&tgt("report_luns.hex")).unwrap()), want);
    let v = to_json(ReportLunsData::parse(&sg3("luns_wlun.hex")).unwrap());
    assert_eq!(v["luns"].as_array().map(Vec::len), Some(8));
    assert_eq!(
        v["luns"][2],
        json!({ "lun": "c1 01 00 00 00 00 00 00", "address": "well-known LUN REPORT LUNS",
                "int": 0xC101, "well_known_name": "REPORT LUNS" })
    );
    assert_eq!(v["luns"][3], lun("52 34 00 00 00 00 00 00", "flat 4660", 0x5234));
    assert_eq!(v["luns"][4], lun("81 44 00 00 00 00 00 00", "logical unit target 1 bus 2 lun 4", 0x8144));
    // Cut after the first LUN: declared 24, present 16.
    let b = tgt("report_luns.hex");
    let v = to_json(ReportLunsData::parse(&b[..20]).unwrap());
    assert_eq!(
        (&v["declared_length"], &v["available_length"], &v["truncated"]),
        (&json!(24), &json!(16), &json!(true))
    );
}

#[test]
fn mode_sense_6_tgt() {
    let page = |code: u8, sub: u8, spf: bool, data: &str, len: usize, decoded: Value| {
        json!({ "page_code": code, "subpage_code": sub, "ps": false, "spf": spf,
                "page_length": len, "data": data, "decoded": decoded })
    };
    let want = json!({
        "header_length": 4, "medium_type": 0, "device_specific_parameter": 0x10,
        "wp": false, "dpofua": true, "longlba": false, "block_descriptor_length": 8,
        "block_descriptors": [{ "density_code": 0, "number_of_logical_blocks": 0, "logical_block_length": 512 }],
        "pages": [
            page(0x00, 0, false, "", 0, Value::Null),
            page(0x02, 0, false, "80 80 00 0a 00 00 00 00 00 00 00 00 00 00", 14, Value::Null),
            page(0x08, 0, false, "14 00 ff ff 00 00 ff ff ff ff 80 14 00 00 00 00 00 00", 18,
                 json!({ "wce": true, "rcd": false, "mf": false, "disc": true })),
            page(0x0A, 0, false, "02 10 00 00 00 00 00 00 02 00", 10,
                 json!({ "d_sense": false, "tst": 0, "queue_algorithm_modifier": 1, "qerr": 0,
                         "gltsd": true, "extended_self_test_completion_time": 512 })),
            page(0x0A, 1, true, "04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                 28, Value::Null),
            page(0x1C, 0, false, "08 00 00 00 00 00 00 00 00 00", 10,
                 json!({ "dexcpt": true, "test": false, "ewasc": false, "mrie": 0, "interval_timer": 0,
                         "report_count": 0 })),
        ],
        "declared_length": 106, "available_length": 106, "truncated": false,
    });
    assert_eq!(to_json(ModeData::parse(&tgt("mode_sense6_all.hex"), false).unwrap()), want);
    // MODE SENSE (10) data from the same target: the same block descriptor and pages.
    let v = to_json(ModeData::parse(&tgt("mode_sense10_all.hex"), true).unwrap());
    assert_eq!(v["header_length"], 8);
    assert_eq!((&v["block_descriptors"], &v["pages"]), (&want["block_descriptors"], &want["pages"]));
}

#[test]
fn log_pages_scsi_debug() {
    // scsi_debug's answers (sg3_utils' logs_last_n.hex): supported pages, temperature.
    let param = |code: u16, value: &str, number: u64| {
        json!({ "parameter_code": code, "control": 3, "format_and_linking": 3,
                "parameter_length": 2, "value": value, "number": number })
    };
    let base = |code: u8, len: usize| {
        json!({ "page_code": code, "subpage_code": 0, "spf": false, "ds": false, "parameters": [],
                "supported_pages": null, "temperature": null, "informational_exception": null,
                "declared_length": len, "available_length": len, "truncated": false })
    };
    let mut want = base(0x00, 3);
    want["supported_pages"] = json!([
        { "page_code": 0x00, "subpage_code": 0 },
        { "page_code": 0x0D, "subpage_code": 0 },
        { "page_code": 0x2F, "subpage_code": 0 },
    ]);
    assert_eq!(to_json(LogPage::parse(&[0x00, 0x00, 0x00, 0x03, 0x00, 0x0D, 0x2F]).unwrap()), want);
    let t = [0x0D, 0, 0, 0x0C, 0, 0, 3, 2, 0, 0x26, 0, 1, 3, 2, 0, 0x41];
    let mut want = base(0x0D, 12);
    want["parameters"] = json!([param(0, "00 26", 0x26), param(1, "00 41", 0x41)]);
    want["temperature"] = json!({ "temperature": 38, "reference_temperature": 65 });
    assert_eq!(to_json(LogPage::parse(&t).unwrap()), want);
    // Informational exceptions: HARDWARE IMPENDING FAILURE GENERAL HARD DRIVE FAILURE at 38 C.
    let ie = [0x2F, 0, 0, 7, 0, 0, 3, 3, 0x5D, 0x10, 0x26];
    let mut want = base(0x2F, 7);
    want["parameters"] = json!([{ "parameter_code": 0, "control": 3, "format_and_linking": 3,
                                  "parameter_length": 3, "value": "5d 10 26", "number": 0x5D1026 }]);
    want["informational_exception"] = json!({
        "asc": 0x5D, "ascq": 0x10, "description": "HARDWARE IMPENDING FAILURE GENERAL HARD DRIVE FAILURE",
        "most_recent_temperature_reading": 38,
    });
    assert_eq!(to_json(LogPage::parse(&ie).unwrap()), want);
    // Cut inside the second parameter.
    let v = to_json(LogPage::parse(&t[..13]).unwrap());
    assert_eq!(
        (&v["declared_length"], &v["available_length"], &v["truncated"]),
        (&json!(12), &json!(9), &json!(true))
    );
}

/// scsi_debug's pages, back to back in one file (sg3_utils' `vpd_sdeb.hex`), by page code.
fn scsi_debug_pages() -> std::collections::BTreeMap<u8, Vec<u8>> {
    let all = sg3("vpd_sdeb.hex");
    let mut pages = std::collections::BTreeMap::new();
    let mut rest = &all[..];
    while rest.len() >= 4 {
        let n = (4 + usize::from(u16::from_be_bytes([rest[2], rest[3]]))).min(rest.len());
        pages.insert(rest[1], rest[..n].to_vec());
        rest = &rest[n..];
    }
    pages
}

/// A 64-byte VPD page (PAGE LENGTH 3Ch) with `fields` written at their byte offsets.
fn page64(code: u8, fields: &[(usize, &[u8])]) -> Vec<u8> {
    let mut p = vec![0u8; 64];
    p[..4].copy_from_slice(&[0x00, code, 0x00, 0x3C]);
    for (at, bytes) in fields {
        p[*at..*at + bytes.len()].copy_from_slice(bytes);
    }
    p
}

/// B0h: the T10 names of SBC-5's Block Limits page (sg3_utils' sample, the values `sg_vpd -j`
/// prints under the same keys).
#[test]
fn vpd_block_limits_t10_keys() {
    let want = json!({
        "maximum_compare_and_write_length": 0, "optimal_transfer_length_granularity": 8,
        "maximum_transfer_length": 65535, "optimal_transfer_length": 0, "maximum_prefetch_length": 0,
        "maximum_unmap_lba_count": 393216, "maximum_unmap_block_descriptor_count": 512,
        "optimal_unmap_granularity": 8, "unmap_granularity_alignment": null,
        "maximum_write_same_length": 0, "maximum_atomic_transfer_length": 0,
    });
    assert_eq!(vpd_json(&sg3("vpd_bl.hex"))["page"], want);
    // UGAVALID set: the alignment is the low 31 bits.
    let b = page64(0xB0, &[(32, &[0x80, 0, 0, 0x08])]);
    assert_eq!(to_json(vpd::BlockLimits::parse(&b).unwrap())["unmap_granularity_alignment"], 8);
}

/// B1h: MEDIUM ROTATION RATE and NOMINAL FORM FACTOR (scsi_debug: non-rotating, below 1.8").
#[test]
fn vpd_block_device_characteristics_t10_keys() {
    let want = json!({ "medium_rotation_rate": 1, "nominal_form_factor": 5, "zoned": 0 });
    assert_eq!(vpd_json(&scsi_debug_pages()[&0xB1])["page"], want);
    let want = json!({ "medium_rotation_rate": 0, "nominal_form_factor": 0, "zoned": 0 });
    assert_eq!(vpd_json(&tgt("vpd_b1_bdc.hex"))["page"], want);
}

/// 86h: every key, scsi_debug's page, then the renamed fields with distinct values (NRD1 and
/// NRD0 are two keys, as SPC-6 names two bits).
#[test]
fn vpd_extended_inquiry_t10_keys() {
    let want = json!({
        "activate_microcode": 0, "spt": 0, "grd_chk": false, "app_chk": false, "ref_chk": false,
        "uask_sup": false, "group_sup": false, "prior_sup": false, "headsup": true, "ordsup": true,
        "simpsup": true, "wu_sup": false, "crd_sup": false, "nv_sup": false, "v_sup": false,
        "no_pi_chk": false, "p_i_i_sup": false, "luiclr": false, "lu_coll_type": 0, "r_sup": false,
        "rtd_sup": false, "hssrelef": false, "cbcs": false, "multi_i_t_nexus_microcode_download": 0,
        "extended_self_test_completion_minutes": 0, "poa_sup": false, "hra_sup": false,
        "vsa_sup": false, "dms_valid": false, "maximum_supported_sense_data_length": 0, "ibs": false,
        "ias": false, "sac": false, "nrd1": false, "nrd0": false, "maximum_inquiry_change_logs": 0,
        "maximum_mode_page_change_logs": 0,
    });
    assert_eq!(vpd_json(&scsi_debug_pages()[&0x86])["page"], want);
    let b = page64(0x86, &[(9, &[0x05, 0x01, 0x02, 0x00, 0xFC, 0x02, 0x00, 0x03, 0x00, 0x04])]);
    let v = to_json(vpd::ExtendedInquiry::parse(&b).unwrap());
    for (k, want) in [
        ("multi_i_t_nexus_microcode_download", json!(5)),
        ("extended_self_test_completion_minutes", json!(0x0102)),
        ("maximum_supported_sense_data_length", json!(0xFC)),
        ("nrd1", json!(true)),
        ("nrd0", json!(false)),
        ("maximum_inquiry_change_logs", json!(3)),
        ("maximum_mode_page_change_logs", json!(4)),
    ] {
        assert_eq!(v[k], want, "{k}");
    }
}

/// 8Ah: the six CONDITION RECOVERY TIMEs, each a distinct value.
#[test]
fn vpd_power_condition_t10_keys() {
    let b = [
        0x00, 0x8A, 0x00, 0x0E, 0x02, 0x05, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B,
        0x0C,
    ];
    let want = vpd_page(
        0x8A,
        "Power Condition",
        14,
        json!({
            "standby_y": true, "standby_z": false, "idle_c": true, "idle_b": false, "idle_a": true,
            "stopped_condition_recovery_time": 0x0102, "standby_z_condition_recovery_time": 0x0304,
            "standby_y_condition_recovery_time": 0x0506, "idle_a_condition_recovery_time": 0x0708,
            "idle_b_condition_recovery_time": 0x090A, "idle_c_condition_recovery_time": 0x0B0C,
        }),
    );
    assert_eq!(vpd_json(&b), want);
}

/// B6h: ZBC-2's names for the zone counts and the extension (the sg3_utils sample).
#[test]
fn vpd_zoned_characteristics_t10_keys() {
    let want = json!({
        "zoned_block_device_extension": 0, "aaorb": false, "urswrz": false,
        "optimal_number_of_open_sequential_write_preferred_zones": 0,
        "optimal_number_of_non_sequentially_written_sequential_write_preferred_zones": 0,
        "maximum_number_of_open_sequential_write_required_zones": 8,
        "zone_alignment_method": 1, "zone_starting_lba_granularity": 0x2_0000_0000u64,
        "zoned_block_device_extension_name": "not reported",
        "zone_alignment_method_name": "constant zone lengths",
    });
    assert_eq!(vpd_json(&sg3("vpd_zbdc.hex"))["page"], want);
}

/// B7h: the stream and scattered-write limits, each a distinct value.
#[test]
fn vpd_block_limits_extension_t10_keys() {
    let b = page64(
        0xB7,
        &[
            (5, &[0x01, 0x00, 0x10, 0x00, 0x20, 0x00, 0x00, 0x00, 0x40]),
            (16, &[0x00, 0x00, 0x08, 0x00]),
            (22, &[0x01, 0x00, 0x00, 0x00, 0x10, 0x00]),
        ],
    );
    let want = json!({
        "rscs": true, "maximum_number_of_streams": 0x10, "optimal_stream_write_size": 0x20,
        "stream_granularity_size": 0x40, "maximum_scattered_lba_range_transfer_length": 0x800,
        "maximum_scattered_lba_range_descriptor_count": 0x100, "maximum_scattered_transfer_length": 0x1000,
    });
    assert_eq!(vpd_json(&b)["page"], want);
}

/// The typed mode pages whose Rust names shorten the T10 ones: Control (0Ah), Read-Write Error
/// Recovery (01h), Power Condition (1Ah).
#[test]
fn mode_pages_t10_keys() {
    // TST 001b, D_SENSE, GLTSD; QUEUE ALGORITHM MODIFIER 1, QERR 01b; 600 s self-test.
    let control = [0x0A, 0x0A, 0x26, 0x12, 0, 0, 0, 0, 0, 0, 0x02, 0x58];
    let want = json!({
        "d_sense": true, "tst": 1, "queue_algorithm_modifier": 1, "qerr": 1, "gltsd": true,
        "extended_self_test_completion_time": 600,
    });
    assert_eq!(to_json(ControlPage::read(&control).unwrap()), want);
    // AWRE, ARRE, PER; 11 read retries, 8 write retries, 100 ms.
    let rw = [0x01, 0x0A, 0xC4, 11, 0, 0, 0, 0, 8, 0, 0x00, 0x64];
    let want = json!({
        "awre": true, "arre": true, "per": true, "read_retry_count": 11, "write_retry_count": 8,
        "recovery_time_limit": 100,
    });
    assert_eq!(to_json(RwErrorRecovery::read(&rw).unwrap()), want);
    // IDLE_A after 2 s, STANDBY_Z after an hour (100 ms units).
    let mut power = [0u8; 0x28];
    (power[0], power[1], power[3]) = (0x1A, 0x26, 0x03);
    power[4..8].copy_from_slice(&20u32.to_be_bytes());
    power[8..12].copy_from_slice(&36_000u32.to_be_bytes());
    let want = json!({
        "idle_a": true, "standby_z": true, "idle_a_condition_timer": 20, "standby_z_condition_timer": 36_000,
    });
    assert_eq!(to_json(PowerCondition::read(&power).unwrap()), want);
}

/// One zone of the JSON, its keys in the order of the byte map.
fn zone(zone_type: u8, condition: u8, length: u64, start: u64, write_pointer: u64) -> Value {
    let names = |t: u8, c: u8| (scsi_cdb::data::ZoneType(t).name(), scsi_cdb::data::ZoneCondition(c).name());
    let (type_name, condition_name) = names(zone_type, condition);
    json!({
        "zone_type": zone_type, "zone_condition": condition, "non_seq": false, "reset": false,
        "zone_length": length, "zone_start_lba": start, "write_pointer_lba": write_pointer,
        "zone_type_name": type_name, "zone_condition_name": condition_name,
    })
}

/// REPORT ZONES from scsi_debug (sg3_utils' `rep_zones.hex`: 512 MB in 128 MB zones, the first
/// conventional): the values its comments and `sg_rep_zones --inhex` give, as one object.
#[test]
fn report_zones_scsi_debug() {
    let b = sg3("rep_zones.hex");
    let seq = |i: u64| zone(2, 1, 0x4_0000, 0x4_0000 * i, 0x4_0000 * i);
    let want = json!({
        "zone_list_length": 256, "same": 0, "maximum_lba": 0xF_FFFF, "zone_starting_lba_granularity": 0,
        "zones": [zone(1, 0, 0x4_0000, 0, u64::MAX), seq(1), seq(2), seq(3)],
        "declared_length": 320, "available_length": 320, "truncated": false,
        "same_name": "zone type and length may differ",
    });
    assert_eq!(to_json(ReportZonesData::parse(&b).unwrap()), want);
    assert_eq!(want["zones"][0]["zone_type_name"], "conventional");
    assert_eq!(want["zones"][1]["zone_condition_name"], "empty");
}

/// ZONE LIST LENGTH shorter than the buffer: only the declared zones, and the lengths say so;
/// longer: the zones present, `truncated`; a cut header: no granularity, `truncated`; a
/// reserved code: a `null` name.
#[test]
fn report_zones_declared_and_available_lengths() {
    let mut b = sg3("rep_zones.hex");
    b[..4].copy_from_slice(&128u32.to_be_bytes());
    let v = to_json(ReportZonesData::parse(&b).unwrap());
    assert_eq!(v["zones"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        (&v["zone_list_length"], &v["declared_length"], &v["available_length"], &v["truncated"]),
        (&json!(128), &json!(192), &json!(192), &json!(false))
    );
    b[..4].copy_from_slice(&512u32.to_be_bytes()); // eight zones declared, four present
    let v = to_json(ReportZonesData::parse(&b).unwrap());
    assert_eq!(v["zones"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        (&v["declared_length"], &v["available_length"], &v["truncated"]),
        (&json!(576), &json!(320), &json!(true))
    );
    let v = to_json(ReportZonesData::parse(&b[..20]).unwrap());
    assert_eq!(
        (&v["zone_starting_lba_granularity"], &v["zones"], &v["available_length"], &v["truncated"]),
        (&Value::Null, &json!([]), &json!(20), &json!(true))
    );
    let mut b = sg3("rep_zones.hex");
    (b[64], b[65]) = (0x09, 0x63); // ZONE TYPE 9h, ZONE CONDITION 6h, NON_SEQ, RESET
    let v = to_json(ReportZonesData::parse(&b).unwrap());
    assert_eq!(
        v["zones"][0],
        json!({
            "zone_type": 9, "zone_condition": 6, "non_seq": true, "reset": true,
            "zone_length": 0x4_0000, "zone_start_lba": 0, "write_pointer_lba": u64::MAX,
            "zone_type_name": null, "zone_condition_name": null,
        })
    );
}

/// The REPORT ZONES keys are the names its two byte maps give the fields (the `*_name` keys
/// and the length keys excepted).
#[test]
fn report_zones_keys_are_their_byte_map_names() {
    let names = |map: &[layout::Span]| -> Vec<String> {
        map.iter().filter(|s| s.name != "reserved").map(|s| s.name.to_lowercase().replace(' ', "_")).collect()
    };
    let v = to_json(ReportZonesData::parse(&sg3("rep_zones.hex")).unwrap());
    let Value::Object(top) = &v else { panic!("{v}") };
    let header = names(layout::report_zones());
    let lengths = ["declared_length", "available_length", "truncated", "zones", "same_name"];
    for k in top.keys().filter(|k| !lengths.contains(&k.as_str())) {
        assert!(header.contains(k), "key {k} is not a header byte map name ({header:?})");
    }
    assert_eq!(header.len(), top.len() - lengths.len(), "a header field without a key: {header:?}");
    let Value::Object(zone) = &v["zones"][0] else { panic!("{v}") };
    let descriptor = names(layout::zone_descriptor());
    let keys: Vec<&String> = zone.keys().filter(|k| !k.ends_with("_name")).collect();
    for k in &keys {
        assert!(descriptor.contains(k), "key {k} is not a descriptor byte map name ({descriptor:?})");
    }
    assert_eq!(keys.len(), descriptor.len(), "a descriptor field without a key: {descriptor:?}");
}

/// The fields of a VPD page's byte map as JSON keys: the T10 names in snake case (a span
/// naming two fields, `UGAVALID (31), UNMAP GRANULARITY ALIGNMENT`, gives both).
fn byte_map_keys(page: VpdPage) -> Vec<String> {
    layout::vpd_page(page)
        .iter()
        .flat_map(|s| {
            let mut name = String::new();
            let mut depth = 0;
            for c in s.name.chars() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ if depth == 0 => name.push(c),
                    _ => {}
                }
            }
            name.split(',')
                .map(|n| n.trim().to_lowercase().replace([' ', '-'], "_"))
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every key of every typed fixed-layout VPD page is the name its byte map gives the field
/// (the `*_name` keys excepted): the JSON and `--explain` speak one vocabulary.
#[test]
fn typed_vpd_keys_are_their_byte_map_names() {
    let sdeb = scsi_debug_pages();
    let samples = [
        sdeb[&0x86].clone(),
        vec![0x00, 0x8A, 0x00, 0x0E, 0x02, 0x05, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6],
        sg3("vpd_bl.hex"),
        sdeb[&0xB1].clone(),
        sg3("vpd_lbpv.hex"),
        sg3("vpd_ref.hex"),
        sg3("vpd_bdce.hex"),
        sg3("vpd_zbdc.hex"),
        page64(0xB7, &[]),
    ];
    for b in samples {
        let code = VpdPage(b[1]);
        let v = vpd_json(&b);
        let Value::Object(page) = &v["page"] else { panic!("{code}: no typed page in {v}") };
        assert!(!page.contains_key("payload"), "{code}: {v}");
        let names = byte_map_keys(code);
        for k in page.keys().filter(|k| !k.ends_with("_name")) {
            assert!(names.contains(k), "{code}: key {k} is not a byte map name ({names:?})");
        }
    }
}

/// The keys sg3_utils 1.48 prints (`sg_vpd -j`, which snake-cases the T10 names too) for the
/// same samples: every key both print has the same value, and ours that it lacks are listed.
#[test]
fn typed_vpd_keys_agree_with_sg3_utils_json() {
    require_testdata();
    for (file, object, ours_only) in [
        // sg3_utils prints UNMAP GRANULARITY ALIGNMENT only when UGAVALID is set.
        ("vpd_bl", "block_limits_vpd_page", &["unmap_granularity_alignment"][..]),
        ("vpd_lbpv", "logical_block_provisioning_vpd_page", &[][..]),
        ("vpd_ref", "referrals_vpd_page", &[][..]),
        ("vpd_bdce", "block_device_characteristics_extension_vpd_page", &[][..]),
        // sg3_utils 1.48 spells ZONE ALIGNMENT METHOD "zoned_alignment_method".
        ("vpd_zbdc", "zoned_block_device_characteristics_vpd_page", &["zone_alignment_method"][..]),
    ] {
        let path = common::testdata(&format!("sg3_utils-inhex/expected/sg3_utils-1.48-json/{file}.txt"));
        let theirs: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let theirs = &theirs[object];
        let v = vpd_json(&sg3(&format!("{file}.hex")));
        let Value::Object(page) = &v["page"] else { panic!("{file}: {v}") };
        for (k, ours) in page.iter().filter(|(k, _)| !k.ends_with("_name")) {
            let Some(t) = theirs.get(k) else {
                assert!(ours_only.contains(&k.as_str()), "{file}: sg3_utils has no key {k}");
                continue;
            };
            let t = t.get("i").unwrap_or(t);
            let ours = match ours {
                Value::Bool(b) => json!(u8::from(*b)),
                o => o.clone(),
            };
            assert_eq!(&ours, t, "{file}: {k}");
        }
    }
}
