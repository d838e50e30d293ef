//! The one JSON shape of response data (feature `serde`): what `scsi-decode inquiry`, `vpd`,
//! `readcap`, `luns`, `zones`, `mode` and `logpage` print with `--json` is `serde_json::to_value(&view)`
//! of these views, so a library user gets the same object.
//!
//! Keys are the T10 field names in snake case (`last_lba` excepted: RETURNED LOGICAL BLOCK
//! ADDRESS is spelled out in full as `returned_logical_block_address`), byte strings are
//! lower-case space-separated hex, and every view with a declared length carries
//! `declared_length`, `available_length` and `truncated`. A field the buffer does not hold is
//! `null`.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::vpd::{
    self, AtaInformation, Designator, DeviceIdentification, ModePagePolicies, ModePagePolicy, ScsiPort,
    ScsiPorts, SupportedPages, ThirdPartyCopy, ThirdPartyCopyDescriptor, UnitSerialNumber, VpdPageView,
};
use super::{
    AsciiField, BlockDescriptor, LogPage, LogParameter, Lun, ModeData, ModePage, ReadCapacity10Data,
    ReadCapacity16Data, ReportLunsData, ReportZonesData, StandardInquiry, ZoneDescriptor,
};
use crate::sense::json::{Hex, Text};
use crate::{DecodeError, VersionDescriptor, VpdPage};

/// A sequence made on demand from a closure (the views iterate without allocating).
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// An ASCII field as its text (trailing spaces trimmed, as `Display` does).
fn ascii(f: Option<AsciiField<'_>>) -> Option<Text<AsciiField<'_>>> {
    f.map(Text)
}

/// One version descriptor: `code` and the T10 `name` (`null` when the table has none).
struct Version(VersionDescriptor);

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("VersionDescriptor", 2)?;
        m.serialize_field("code", &self.0.0)?;
        m.serialize_field("name", &self.0.name())?;
        m.end()
    }
}

/// Standard INQUIRY data (SPC-6 §6.7.2). `declared_length` is ADDITIONAL LENGTH + 5, what the
/// device returns with a large enough allocation length; `available_length` the bytes present.
impl Serialize for StandardInquiry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let i = *self;
        let mut m = s.serialize_struct("StandardInquiry", 29)?;
        m.serialize_field("peripheral_qualifier", &i.peripheral_qualifier())?;
        m.serialize_field("device_type", &i.device_type().0)?;
        m.serialize_field("device_type_name", i.device_type().name())?;
        m.serialize_field("rmb", &i.rmb())?;
        m.serialize_field("lu_cong", &i.lu_cong())?;
        m.serialize_field("version", &i.version())?;
        m.serialize_field("version_name", &i.version_name())?;
        m.serialize_field("normaca", &i.norm_aca())?;
        m.serialize_field("hisup", &i.hisup())?;
        m.serialize_field("response_data_format", &i.response_data_format())?;
        m.serialize_field("additional_length", &i.additional_len())?;
        m.serialize_field("sccs", &i.sccs())?;
        m.serialize_field("acc", &i.acc())?;
        m.serialize_field("tpgs", &i.tpgs())?;
        m.serialize_field("3pc", &i.third_party_copy())?;
        m.serialize_field("protect", &i.protect())?;
        m.serialize_field("encserv", &i.enc_serv())?;
        m.serialize_field("multip", &i.multi_p())?;
        m.serialize_field("cmdque", &i.cmd_que())?;
        m.serialize_field("vendor", &ascii(i.vendor()))?;
        m.serialize_field("product", &ascii(i.product()))?;
        m.serialize_field("revision", &ascii(i.revision()))?;
        m.serialize_field("vendor_specific", &Hex(i.vendor_specific()))?;
        m.serialize_field("version_descriptors", &Seq(|| i.version_descriptors().map(Version)))?;
        m.serialize_field("declared_length", &i.total_len())?;
        m.serialize_field("available_length", &i.available_len())?;
        m.serialize_field("truncated", &i.is_truncated())?;
        m.end()
    }
}

/// A VPD page (SPC-6 §7.7): the page header, then under `page` the typed decode of the pages
/// the library knows (the same object the typed view or value serializes to), `{"payload"}`
/// for another page, and `{"error", "payload"}` for a known page that does not decode.
/// `declared_length` is PAGE LENGTH; `available_length` the payload bytes present.
impl Serialize for VpdPageView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = *self;
        let page = v.page_code();
        let mut m = s.serialize_struct("VpdPage", 9)?;
        m.serialize_field("peripheral_qualifier", &v.peripheral_qualifier())?;
        m.serialize_field("device_type", &v.device_type().0)?;
        m.serialize_field("device_type_name", v.device_type().name())?;
        m.serialize_field("page_code", &page.0)?;
        m.serialize_field("page_name", &page.name())?;
        m.serialize_field("declared_length", &v.declared_len())?;
        m.serialize_field("available_length", &v.available_len())?;
        m.serialize_field("truncated", &v.is_truncated())?;
        m.serialize_field("page", &PageBody(v))?;
        m.end()
    }
}

/// The `page` member of a VPD page.
struct PageBody<'a>(VpdPageView<'a>);

/// The generic body: the payload bytes, and why the typed decode failed when it did.
struct Payload<'a>(&'a [u8], Option<DecodeError>);

impl Serialize for Payload<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Payload", 2)?;
        if let Some(e) = self.1 {
            m.serialize_field("error", &Text(e))?;
        } else {
            m.skip_field("error")?;
        }
        m.serialize_field("payload", &Hex(self.0))?;
        m.end()
    }
}

impl Serialize for PageBody<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        fn typed<S: Serializer, T: Serialize>(
            s: S,
            v: VpdPageView<'_>,
            r: Result<T, DecodeError>,
        ) -> Result<S::Ok, S::Error> {
            match r {
                Ok(t) => t.serialize(s),
                Err(e) => Payload(v.payload(), Some(e)).serialize(s),
            }
        }
        let v = self.0;
        let b = v.page_bytes();
        match v.page_code() {
            VpdPage::SUPPORTED_PAGES => typed(s, v, SupportedPages::parse(b)),
            VpdPage::UNIT_SERIAL_NUMBER => typed(s, v, UnitSerialNumber::parse(b)),
            VpdPage::DEVICE_IDENTIFICATION => typed(s, v, DeviceIdentification::parse(b)),
            VpdPage::EXTENDED_INQUIRY => typed(s, v, vpd::ExtendedInquiry::parse(b)),
            VpdPage::MODE_PAGE_POLICY => typed(s, v, ModePagePolicies::parse(b)),
            VpdPage::SCSI_PORTS => typed(s, v, ScsiPorts::parse(b)),
            VpdPage::ATA_INFORMATION => typed(s, v, AtaInformation::parse(b)),
            VpdPage::POWER_CONDITION => typed(s, v, vpd::PowerConditionVpd::parse(b)),
            VpdPage::THIRD_PARTY_COPY => typed(s, v, ThirdPartyCopy::parse(b)),
            VpdPage::BLOCK_LIMITS => typed(s, v, vpd::BlockLimits::parse(b)),
            VpdPage::BLOCK_DEVICE_CHARACTERISTICS => typed(s, v, vpd::BlockDeviceCharacteristics::parse(b)),
            VpdPage::LOGICAL_BLOCK_PROVISIONING => typed(s, v, vpd::LogicalBlockProvisioning::parse(b)),
            VpdPage::REFERRALS => typed(s, v, vpd::Referrals::parse(b)),
            VpdPage::BLOCK_DEVICE_CHARACTERISTICS_EXT => {
                typed(s, v, vpd::BlockDeviceCharacteristicsExt::parse(b))
            }
            VpdPage::ZONED_BLOCK_DEVICE_CHARACTERISTICS => {
                typed(s, v, vpd::ZonedBlockDeviceCharacteristics::parse(b))
            }
            VpdPage::BLOCK_LIMITS_EXTENSION => typed(s, v, vpd::BlockLimitsExtension::parse(b)),
            _ => Payload(v.payload(), None).serialize(s),
        }
    }
}

/// 00h: `pages`, the SUPPORTED VPD PAGE LIST.
impl Serialize for SupportedPages<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = *self;
        let mut m = s.serialize_struct("SupportedPages", 1)?;
        m.serialize_field("pages", &Seq(|| p.pages().map(|c| c.0)))?;
        m.end()
    }
}

/// 80h: `serial_number`, PRODUCT SERIAL NUMBER without its padding.
impl Serialize for UnitSerialNumber<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("UnitSerialNumber", 1)?;
        m.serialize_field("serial_number", &Text(self.serial()))?;
        m.end()
    }
}

/// A designation descriptor (83h, and the target port designators of 88h).
impl Serialize for Designator<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Designator", 9)?;
        m.serialize_field("designator_type", &self.designator_type)?;
        m.serialize_field("type_name", self.type_name())?;
        m.serialize_field("association", &self.association)?;
        m.serialize_field("association_name", self.association_name())?;
        m.serialize_field("code_set", &self.code_set)?;
        m.serialize_field("piv", &self.piv)?;
        m.serialize_field("protocol_identifier", &self.protocol)?;
        m.serialize_field("naa", &self.naa())?;
        m.serialize_field("designator", &Hex(self.designator))?;
        m.end()
    }
}

/// 83h: `designators`, the designation descriptors.
impl Serialize for DeviceIdentification<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = *self;
        let mut m = s.serialize_struct("DeviceIdentification", 1)?;
        m.serialize_field("designators", &Seq(|| p.designators()))?;
        m.end()
    }
}

/// One 87h mode page policy descriptor, with the policy's name.
impl Serialize for ModePagePolicy {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("ModePagePolicy", 5)?;
        m.serialize_field("policy_page_code", &self.page_code)?;
        m.serialize_field("policy_subpage_code", &self.subpage_code)?;
        m.serialize_field("mlus", &self.mlus)?;
        m.serialize_field("mode_page_policy", &self.policy)?;
        m.serialize_field("mode_page_policy_name", self.policy_name())?;
        m.end()
    }
}

/// 87h: `policies`, the mode page policy descriptors.
impl Serialize for ModePagePolicies<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = *self;
        let mut m = s.serialize_struct("ModePagePolicies", 1)?;
        m.serialize_field("policies", &Seq(|| p.policies()))?;
        m.end()
    }
}

/// One 88h SCSI port designation descriptor.
impl Serialize for ScsiPort<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = *self;
        let mut m = s.serialize_struct("ScsiPort", 3)?;
        m.serialize_field("relative_port_identifier", &p.relative_port)?;
        m.serialize_field("initiator_port_transportid", &Hex(p.initiator_transport_id))?;
        m.serialize_field("target_port_designators", &Seq(|| p.target_port_designators()))?;
        m.end()
    }
}

/// 88h: `ports`, the SCSI port designation descriptors.
impl Serialize for ScsiPorts<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = *self;
        let mut m = s.serialize_struct("ScsiPorts", 1)?;
        m.serialize_field("ports", &Seq(|| p.ports()))?;
        m.end()
    }
}

/// 89h: the translator's identification, the ATA signature and command code, and what the
/// IDENTIFY DEVICE data says (`null` when absent or not ASCII).
impl Serialize for AtaInformation<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = *self;
        let mut m = s.serialize_struct("AtaInformation", 10)?;
        m.serialize_field("sat_vendor_identification", &Text(a.sat_vendor()))?;
        m.serialize_field("sat_product_identification", &Text(a.sat_product()))?;
        m.serialize_field("sat_product_revision_level", &Text(a.sat_revision()))?;
        m.serialize_field("ata_device_signature", &a.device_signature().map(Hex))?;
        m.serialize_field("command_code", &a.command_code())?;
        m.serialize_field("model_number", &a.model_number().as_ref().and_then(|x| x.as_str()))?;
        m.serialize_field(
            "serial_number",
            &a.serial_number().as_ref().and_then(|x| x.as_str()).map(str::trim),
        )?;
        m.serialize_field("firmware_revision", &a.firmware_revision().as_ref().and_then(|x| x.as_str()))?;
        m.serialize_field("lba48_sectors", &a.lba48_sectors())?;
        m.serialize_field("logical_sector_size", &a.logical_sector_size())?;
        m.end()
    }
}

/// One 8Fh third-party copy descriptor.
impl Serialize for ThirdPartyCopyDescriptor<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("ThirdPartyCopyDescriptor", 3)?;
        m.serialize_field("descriptor_type", &self.descriptor_type)?;
        m.serialize_field("type_name", self.type_name())?;
        m.serialize_field("body", &Hex(self.body))?;
        m.end()
    }
}

/// 8Fh: `descriptors`, the third-party copy descriptors.
impl Serialize for ThirdPartyCopy<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = *self;
        let mut m = s.serialize_struct("ThirdPartyCopy", 1)?;
        m.serialize_field("descriptors", &Seq(|| p.descriptors()))?;
        m.end()
    }
}

/// B5h, with the names of the three code fields.
impl Serialize for vpd::BlockDeviceCharacteristicsExt {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("BlockDeviceCharacteristicsExt", 8)?;
        m.serialize_field("utilization_type", &self.utilization_type)?;
        m.serialize_field("utilization_units", &self.utilization_units)?;
        m.serialize_field("utilization_interval", &self.utilization_interval)?;
        m.serialize_field("utilization_b", &self.utilization_b)?;
        m.serialize_field("utilization_a", &self.utilization_a)?;
        m.serialize_field("utilization_type_name", &self.utilization_type_name())?;
        m.serialize_field("utilization_units_name", &self.utilization_units_name())?;
        m.serialize_field("utilization_interval_name", &self.utilization_interval_name())?;
        m.end()
    }
}

/// B6h, with the names of the two code fields.
impl Serialize for vpd::ZonedBlockDeviceCharacteristics {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("ZonedBlockDeviceCharacteristics", 10)?;
        m.serialize_field("zoned_block_device_extension", &self.extension)?;
        m.serialize_field("aaorb", &self.aaorb)?;
        m.serialize_field("urswrz", &self.urswrz)?;
        m.serialize_field(
            "optimal_number_of_open_sequential_write_preferred_zones",
            &self.optimal_open_swp_zones,
        )?;
        m.serialize_field(
            "optimal_number_of_non_sequentially_written_sequential_write_preferred_zones",
            &self.optimal_non_seq_swp_zones,
        )?;
        m.serialize_field(
            "maximum_number_of_open_sequential_write_required_zones",
            &self.max_open_swr_zones,
        )?;
        m.serialize_field("zone_alignment_method", &self.zone_alignment_method)?;
        m.serialize_field("zone_starting_lba_granularity", &self.zone_starting_lba_granularity)?;
        m.serialize_field("zoned_block_device_extension_name", &self.extension_name())?;
        m.serialize_field("zone_alignment_method_name", &self.zone_alignment_method_name())?;
        m.end()
    }
}

/// READ CAPACITY (10) data, with what follows from it: `blocks` and `capacity_bytes` (a
/// decimal string), both `null` when `use_read_capacity_16` (the LBA is FFFF_FFFFh).
impl Serialize for ReadCapacity10Data {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("ReadCapacity10Data", 5)?;
        m.serialize_field("returned_logical_block_address", &self.last_lba)?;
        m.serialize_field("logical_block_length", &self.block_len)?;
        m.serialize_field("blocks", &self.blocks())?;
        m.serialize_field("capacity_bytes", &self.capacity_bytes().map(Text))?;
        m.serialize_field("use_read_capacity_16", &self.needs_read_capacity_16())?;
        m.end()
    }
}

/// READ CAPACITY (16) data, the same keys as (10) for the same fields, plus `blocks` (`null`
/// only for the LBA FFFF_FFFF_FFFF_FFFFh, 2^64 blocks), `capacity_bytes` (a decimal string),
/// `protection_type` (0 without PROT_EN) and `physical_block_length`.
impl Serialize for ReadCapacity16Data {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("ReadCapacity16Data", 13)?;
        m.serialize_field("returned_logical_block_address", &self.last_lba)?;
        m.serialize_field("logical_block_length", &self.block_len)?;
        m.serialize_field("p_type", &self.p_type)?;
        m.serialize_field("prot_en", &self.prot_en)?;
        m.serialize_field("p_i_exponent", &self.p_i_exponent)?;
        m.serialize_field("logical_blocks_per_physical_block_exponent", &self.lbppbe)?;
        m.serialize_field("lbpme", &self.lbpme)?;
        m.serialize_field("lbprz", &self.lbprz)?;
        m.serialize_field("lowest_aligned_logical_block_address", &self.lowest_aligned_lba)?;
        m.serialize_field("blocks", &u64::try_from(self.blocks()).ok())?;
        m.serialize_field("capacity_bytes", &Text(self.capacity_bytes()))?;
        m.serialize_field("protection_type", &self.protection_type())?;
        m.serialize_field("physical_block_length", &self.physical_block_len())?;
        m.end()
    }
}

/// One LUN: its 8 bytes, its address in words, its Linux integer form and, for a well-known
/// LUN, its name.
impl Serialize for Lun {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Lun", 4)?;
        m.serialize_field("lun", &Hex(&self.0))?;
        m.serialize_field("address", &Text(*self))?;
        m.serialize_field("int", &self.to_int())?;
        m.serialize_field("well_known_name", &self.well_known_name())?;
        m.end()
    }
}

/// REPORT LUNS data. `declared_length` is LUN LIST LENGTH + 8, the allocation length that
/// gets every LUN; `available_length` the header and the whole LUN entries present.
impl Serialize for ReportLunsData<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = *self;
        let present = d.luns().count();
        let mut m = s.serialize_struct("ReportLunsData", 6)?;
        m.serialize_field("lun_list_length", &d.list_len())?;
        m.serialize_field("declared_count", &d.declared_count())?;
        m.serialize_field("luns", &Seq(|| d.luns()))?;
        m.serialize_field("declared_length", &(u64::from(d.list_len()) + 8))?;
        m.serialize_field("available_length", &(8 + 8 * present))?;
        m.serialize_field("truncated", &d.is_truncated())?;
        m.end()
    }
}

/// One REPORT ZONES zone descriptor (ZBC-2): the keys are its byte map's field names, the two
/// code fields with their names (`null` for a reserved code) after the fields.
impl Serialize for ZoneDescriptor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("ZoneDescriptor", 9)?;
        m.serialize_field("zone_type", &self.zone_type.0)?;
        m.serialize_field("zone_condition", &self.condition.0)?;
        m.serialize_field("non_seq", &self.non_seq)?;
        m.serialize_field("reset", &self.reset)?;
        m.serialize_field("zone_length", &self.length)?;
        m.serialize_field("zone_start_lba", &self.start)?;
        m.serialize_field("write_pointer_lba", &self.write_pointer)?;
        m.serialize_field("zone_type_name", &self.zone_type.name())?;
        m.serialize_field("zone_condition_name", &self.condition.name())?;
        m.end()
    }
}

/// REPORT ZONES data (ZBC-2): the header and the whole zone descriptors present.
/// `declared_length` is ZONE LIST LENGTH + 64, the allocation length that gets every zone;
/// `available_length` the bytes present within it. ZONE STARTING LBA GRANULARITY is `null`
/// when the buffer ends before it.
impl Serialize for ReportZonesData<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = *self;
        let mut m = s.serialize_struct("ReportZonesData", 9)?;
        m.serialize_field("zone_list_length", &d.zone_list_len)?;
        m.serialize_field("same", &d.same)?;
        m.serialize_field("maximum_lba", &d.max_lba)?;
        m.serialize_field("zone_starting_lba_granularity", &d.zone_starting_lba_granularity)?;
        m.serialize_field("zones", &Seq(|| d.zones()))?;
        m.serialize_field("declared_length", &d.declared_len())?;
        m.serialize_field("available_length", &d.available_len())?;
        m.serialize_field("truncated", &d.is_truncated())?;
        m.serialize_field("same_name", &ReportZonesData::same_name(d.same))?;
        m.end()
    }
}

/// One log parameter: PARAMETER CODE, the control byte (and its FORMAT AND LINKING),
/// PARAMETER LENGTH, the value bytes and, for a value of 1 to 8 bytes, the number it holds.
impl Serialize for LogParameter<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("LogParameter", 6)?;
        m.serialize_field("parameter_code", &self.code)?;
        m.serialize_field("control", &self.control)?;
        m.serialize_field("format_and_linking", &self.format_and_linking())?;
        m.serialize_field("parameter_length", &self.value.len())?;
        m.serialize_field("value", &Hex(self.value))?;
        m.serialize_field("number", &self.as_u64())?;
        m.end()
    }
}

/// One entry of the supported log pages list.
struct SupportedLogPage(u8, u8);

impl Serialize for SupportedLogPage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("SupportedLogPage", 2)?;
        m.serialize_field("page_code", &self.0)?;
        m.serialize_field("subpage_code", &self.1)?;
        m.end()
    }
}

/// The Temperature log page's two readings, in °C (`null`: not available).
struct Temperature(Option<u8>, Option<u8>);

impl Serialize for Temperature {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Temperature", 2)?;
        m.serialize_field("temperature", &self.0)?;
        m.serialize_field("reference_temperature", &self.1)?;
        m.end()
    }
}

/// The Informational Exceptions log page's general parameter.
struct InformationalException(crate::AdditionalSense, Option<u8>);

impl Serialize for InformationalException {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("InformationalException", 4)?;
        m.serialize_field("asc", &self.0.asc)?;
        m.serialize_field("ascq", &self.0.ascq)?;
        m.serialize_field("description", &Text(self.0))?;
        m.serialize_field("most_recent_temperature_reading", &self.1)?;
        m.end()
    }
}

/// A LOG SENSE page: the header, the parameters and, for pages 00h, 0Dh and 2Fh, their
/// decode (`null` on other pages). `declared_length` is PAGE LENGTH; `available_length` the
/// parameter bytes present.
impl Serialize for LogPage<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let l = *self;
        let mut m = s.serialize_struct("LogPage", 11)?;
        m.serialize_field("page_code", &l.page_code())?;
        m.serialize_field("subpage_code", &l.subpage_code())?;
        m.serialize_field("spf", &l.spf())?;
        m.serialize_field("ds", &l.ds())?;
        m.serialize_field("parameters", &Seq(|| l.parameters()))?;
        let supported = l.supported_pages().is_some().then_some(Seq(|| {
            l.supported_pages().into_iter().flatten().map(|(p, sub)| SupportedLogPage(p, sub))
        }));
        m.serialize_field("supported_pages", &supported)?;
        m.serialize_field("temperature", &l.temperature().map(|(c, r)| Temperature(c, r)))?;
        m.serialize_field(
            "informational_exception",
            &l.informational_exceptions().map(|(a, t)| InformationalException(a, t)),
        )?;
        m.serialize_field("declared_length", &l.declared_len())?;
        m.serialize_field("available_length", &l.payload().len())?;
        m.serialize_field("truncated", &l.is_truncated())?;
        m.end()
    }
}

/// The typed decode of a mode page the library knows.
enum Decoded {
    Caching(super::Caching),
    Control(super::ControlPage),
    RwErrorRecovery(super::RwErrorRecovery),
    InformationalExceptions(super::InformationalExceptions),
    PowerCondition(super::PowerCondition),
}

impl Decoded {
    fn of(p: &ModePage<'_>) -> Option<Self> {
        p.caching()
            .map(Self::Caching)
            .or_else(|| p.control().map(Self::Control))
            .or_else(|| p.rw_error_recovery().map(Self::RwErrorRecovery))
            .or_else(|| p.informational_exceptions().map(Self::InformationalExceptions))
            .or_else(|| p.power_condition().map(Self::PowerCondition))
    }
}

impl Serialize for Decoded {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Caching(c) => c.serialize(s),
            Self::Control(c) => c.serialize(s),
            Self::RwErrorRecovery(c) => c.serialize(s),
            Self::InformationalExceptions(c) => c.serialize(s),
            Self::PowerCondition(c) => c.serialize(s),
        }
    }
}

/// One mode page: its header, its parameter bytes and, for the pages the library knows, their
/// fields under `decoded` (`null` otherwise).
impl Serialize for ModePage<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("ModePage", 7)?;
        m.serialize_field("page_code", &self.code)?;
        m.serialize_field("subpage_code", &self.subpage)?;
        m.serialize_field("ps", &self.ps)?;
        m.serialize_field("spf", &self.spf)?;
        m.serialize_field("page_length", &self.data.len())?;
        m.serialize_field("data", &Hex(self.data))?;
        m.serialize_field("decoded", &Decoded::of(self))?;
        m.end()
    }
}

/// A mode parameter block descriptor: DENSITY CODE (`null` when the descriptor has none),
/// NUMBER OF LOGICAL BLOCKS and LOGICAL BLOCK LENGTH.
impl Serialize for BlockDescriptor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("BlockDescriptor", 3)?;
        m.serialize_field("density_code", &self.density)?;
        m.serialize_field("number_of_logical_blocks", &self.blocks)?;
        m.serialize_field("logical_block_length", &self.block_len)?;
        m.end()
    }
}

/// One entry of the mode page list: a page, or where the list ends early.
struct PageEntry<'a>(Result<ModePage<'a>, DecodeError>);

impl Serialize for PageEntry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Ok(p) => p.serialize(s),
            Err(e) => {
                let mut m = s.serialize_struct("ModePageError", 1)?;
                m.serialize_field("error", &Text(*e))?;
                m.end()
            }
        }
    }
}

/// MODE SENSE (6) or (10) data: the mode parameter header, the block descriptors and the mode
/// pages. `declared_length` is MODE DATA LENGTH + its own size; `available_length` the bytes
/// present.
impl Serialize for ModeData<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = *self;
        let mut m = s.serialize_struct("ModeData", 12)?;
        m.serialize_field("header_length", &d.header_len())?;
        m.serialize_field("medium_type", &d.medium_type())?;
        m.serialize_field("device_specific_parameter", &d.device_specific())?;
        m.serialize_field("wp", &d.write_protected())?;
        m.serialize_field("dpofua", &d.dpofua())?;
        m.serialize_field("longlba", &d.long_lba())?;
        m.serialize_field("block_descriptor_length", &d.block_descriptor_len())?;
        m.serialize_field("block_descriptors", &Seq(|| d.block_descriptors()))?;
        m.serialize_field("pages", &Seq(|| d.pages().map(PageEntry)))?;
        m.serialize_field("declared_length", &d.total_len())?;
        m.serialize_field("available_length", &d.available_len())?;
        m.serialize_field("truncated", &d.is_truncated())?;
        m.end()
    }
}
