//! The one JSON shape of sense data (feature `serde`): what `scsi-decode sense --json` prints
//! is `serde_json::to_value(&sense)`, so a library user gets the same object.

use core::fmt;

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use super::{Descriptor, DescriptorOverrun, Sense, SenseFormat, errno};

pub(crate) use crate::wire::Hex;

/// Serialized as a string, its `Display`.
impl Serialize for Hex<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A value serialized through its `Display`.
pub(crate) struct Text<T>(pub(crate) T);

impl<T: fmt::Display> Serialize for Text<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// One descriptor with its offset: `type`, `type_name`, `offset`, then the variant's fields.
struct At<'a>(usize, Descriptor<'a>);

impl Serialize for At<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let At(offset, d) = self;
        let code = d.code();
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", &code)?;
        m.serialize_entry("type_name", Descriptor::type_name(code))?;
        m.serialize_entry("offset", offset)?;
        match *d {
            Descriptor::Information { valid, information } => {
                m.serialize_entry("valid", &valid)?;
                m.serialize_entry("information", &information)?;
            }
            Descriptor::CommandSpecific(v) => m.serialize_entry("command_specific", &v)?,
            Descriptor::SenseKeySpecific(raw) => {
                m.serialize_entry("sksv", &(raw[0] & 0x80 != 0))?;
                m.serialize_entry("raw", &Hex(&raw))?;
            }
            Descriptor::Fru(f) => m.serialize_entry("fru", &f)?,
            Descriptor::Stream { filemark, eom, ili } => {
                m.serialize_entry("filemark", &filemark)?;
                m.serialize_entry("eom", &eom)?;
                m.serialize_entry("ili", &ili)?;
            }
            Descriptor::Block { ili } => m.serialize_entry("ili", &ili)?,
            Descriptor::AtaStatusReturn(a) => {
                m.serialize_entry("extend", &a.extend)?;
                m.serialize_entry("error", &a.error)?;
                m.serialize_entry("count", &a.count)?;
                m.serialize_entry("lba", &a.lba)?;
                m.serialize_entry("device", &a.device)?;
                m.serialize_entry("status", &a.status)?;
            }
            Descriptor::AnotherProgress { sense_key, additional_sense, progress } => {
                m.serialize_entry("sense_key", &(sense_key as u8))?;
                m.serialize_entry("sense_key_name", sense_key.name())?;
                m.serialize_entry("asc", &additional_sense.asc)?;
                m.serialize_entry("ascq", &additional_sense.ascq)?;
                m.serialize_entry("description", &Text(additional_sense))?;
                m.serialize_entry("progress", &progress)?;
            }
            Descriptor::UserDataSegmentReferral { not_all_r, referrals } => {
                m.serialize_entry("not_all_r", &not_all_r)?;
                m.serialize_entry("referrals", &Hex(referrals))?;
            }
            Descriptor::ForwardedSense { truncated, source, status, sense, raw } => {
                m.serialize_entry("fsdt", &truncated)?;
                m.serialize_entry("sense_data_source", &source)?;
                m.serialize_entry("forwarded_status", &status)?;
                m.serialize_entry("sense", &sense)?;
                m.serialize_entry("raw", &Hex(raw))?;
            }
            Descriptor::DirectAccessBlockDevice { valid, ili, sks, fru, information, command_specific } => {
                m.serialize_entry("valid", &valid)?;
                m.serialize_entry("ili", &ili)?;
                m.serialize_entry("sks_raw", &Hex(&sks))?;
                m.serialize_entry("fru", &fru)?;
                m.serialize_entry("information", &information)?;
                m.serialize_entry("command_specific", &command_specific)?;
            }
            Descriptor::MicrocodeActivation(t) => m.serialize_entry("activation_time", &t)?,
            Descriptor::OsdObjectIdentification(b)
            | Descriptor::OsdResponseIntegrity(b)
            | Descriptor::OsdAttributeIdentification(b)
            | Descriptor::DeviceDesignation(b)
            | Descriptor::Vendor { data: b, .. }
            | Descriptor::Unknown { data: b, .. } => m.serialize_entry("data", &Hex(b))?,
        }
        m.end()
    }
}

/// The descriptors that decode, in order.
struct Descriptors<'a>(Sense<'a>);

impl Serialize for Descriptors<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.descriptors().flatten().map(|(off, d)| At(off, d)))
    }
}

impl Serialize for DescriptorOverrun {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("DescriptorOverrun", 4)?;
        m.serialize_field("offset", &self.offset)?;
        m.serialize_field("type", &self.code)?;
        m.serialize_field("declared", &self.declared)?;
        m.serialize_field("available", &self.available)?;
        m.end()
    }
}

/// The documented sense JSON object (see the README): the normalized fields, the descriptors,
/// the disposition and errno, and the declared and available lengths. `asc` is present
/// whenever its byte is (also when ASCQ is cut off); `description` needs both.
impl Serialize for Sense<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let sum = self.summary();
        let format = match sum.format {
            SenseFormat::Fixed => "fixed",
            SenseFormat::Descriptor => "descriptor",
            SenseFormat::Vendor => "vendor",
        };
        let overrun = self.descriptors().find_map(Result::err);
        let mut m = s.serialize_struct("Sense", 27)?;
        m.serialize_field("response_code", &sum.response_code)?;
        m.serialize_field("format", format)?;
        m.serialize_field("deferred", &sum.deferred)?;
        m.serialize_field("sense_key", &sum.sense_key.map(|k| k as u8))?;
        m.serialize_field("sense_key_name", &sum.sense_key.map(|k| k.name()))?;
        m.serialize_field("asc", &sum.asc)?;
        m.serialize_field("ascq", &sum.ascq)?;
        m.serialize_field("description", &sum.additional_sense.map(Text))?;
        m.serialize_field("information", &sum.information)?;
        m.serialize_field("command_specific", &sum.command_specific)?;
        m.serialize_field("progress", &sum.progress)?;
        m.serialize_field(
            "progress_percent",
            &sum.progress.map(|p| f64::from(u32::from(p) * 10000 / 65536) / 100.0),
        )?;
        m.serialize_field("filemark", &sum.filemark)?;
        m.serialize_field("eom", &sum.eom)?;
        m.serialize_field("ili", &sum.ili)?;
        m.serialize_field("fru", &sum.fru)?;
        m.serialize_field("sdat_ovfl", &self.sdat_ovfl())?;
        m.serialize_field("sks", &sum.sks)?;
        m.serialize_field("ata_status", &self.ata_status())?;
        m.serialize_field("descriptors", &Descriptors(*self))?;
        m.serialize_field("descriptor_overrun", &overrun)?;
        m.serialize_field("disposition", sum.disposition().name())?;
        m.serialize_field("errno", &errno::from_sense(&sum))?;
        m.serialize_field("declared_length", &self.declared_len())?;
        m.serialize_field("available_length", &self.available_len())?;
        m.serialize_field("truncated", &sum.truncated)?;
        m.end()
    }
}
