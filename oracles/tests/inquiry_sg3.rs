//! Differential tests of standard INQUIRY decoding against sg3_utils' `sg_inq --inhex`: every
//! field sg_inq prints as NAME=value on random 96-byte answers, the identification strings, and
//! the names of all version descriptors of the generated table.

#[test]
fn oracles_present_or_skipped() {
    scsi_cdb_oracles::skip_note("inquiry_sg3");
}

#[cfg(oracles)]
mod diff {
    use std::collections::BTreeMap;
    use std::process::Command;
    use std::sync::atomic::{AtomicU64, Ordering};

    use proptest::prelude::*;
    use scsi_cdb::VersionDescriptor;
    use scsi_cdb::data::StandardInquiry;

    fn sg_inq(data: &[u8], descriptors: bool) -> String {
        static N: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!("scsi-cdb-inq-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join(format!("{}.hex", N.fetch_add(1, Ordering::Relaxed)));
        let text: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
        std::fs::write(&f, text.join(" ")).unwrap();
        let mut cmd = Command::new("sg_inq");
        if descriptors {
            cmd.arg("-d");
        }
        let out = cmd.arg(format!("--inhex={}", f.display())).output().expect("sg_inq (sg3-utils)");
        let _ = std::fs::remove_file(&f);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn tokens(text: &str) -> BTreeMap<String, u64> {
        let mut m = BTreeMap::new();
        for tok in text.split_whitespace() {
            let tok = tok.trim_matches(['[', ']']);
            if let Some((k, v)) = tok.split_once('=') {
                let v = v.trim_end_matches(']');
                let n = match v.strip_prefix("0x") {
                    Some(h) => u64::from_str_radix(h, 16).ok(),
                    None => v.parse().ok(),
                };
                if let Some(n) = n {
                    m.insert(k.to_string(), n);
                }
            }
        }
        m
    }

    fn line<'a>(text: &'a str, label: &str) -> &'a str {
        text.lines().find_map(|l| l.trim_start().strip_prefix(label)).unwrap_or("").trim_end()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn fields_and_strings(head in proptest::collection::vec(any::<u8>(), 8), strings in proptest::collection::vec(0x21u8..0x7F, 28), tail in proptest::collection::vec(any::<u8>(), 60)) {
            let mut b = head;
            // sg_inq guesses from the first bytes whether --inhex holds a VPD page; make it
            // look standard: a version it knows and RESPONSE DATA FORMAT 2.
            b[2] = 3 + b[2] % 5;
            b[3] = (b[3] & 0xF0) | 2;
            b[4] = 91;
            b.extend_from_slice(&strings);
            b.extend_from_slice(&tail);
            let text = sg_inq(&b, false);
            let t = tokens(&text);
            let i = StandardInquiry::parse(&b).unwrap();
            let ours: [(&str, u64); 17] = [
                ("PQual", i.peripheral_qualifier().into()),
                ("PDT", i.device_type().0.into()),
                ("RMB", i.rmb().into()),
                ("LU_CONG", i.lu_cong().into()),
                ("version", i.version().into()),
                ("NormACA", i.norm_aca().into()),
                ("HiSUP", i.hisup().into()),
                ("Resp_data_format", i.response_data_format().into()),
                ("SCCS", i.sccs().unwrap().into()),
                ("ACC", i.acc().unwrap().into()),
                ("TPGS", i.tpgs().unwrap().into()),
                ("3PC", i.third_party_copy().unwrap().into()),
                ("Protect", i.protect().unwrap().into()),
                ("EncServ", i.enc_serv().unwrap().into()),
                ("MultiP", i.multi_p().unwrap().into()),
                ("CmdQue", i.cmd_que().unwrap().into()),
                ("length", i.total_len() as u64),
            ];
            for (k, v) in ours {
                prop_assert_eq!(t.get(k).copied(), Some(v), "{} in {}", k, text);
            }
            prop_assert_eq!(line(&text, "Vendor identification:").trim(), i.vendor().unwrap().to_string());
            prop_assert_eq!(line(&text, "Product identification:").trim(), i.product().unwrap().to_string());
            prop_assert_eq!(line(&text, "Product revision level:").trim(), i.revision().unwrap().to_string());
        }
    }

    /// The real standard INQUIRY samples (scsi_debug, EMC Symmetrix, and tgt's answers): every
    /// NAME=value sg_inq prints that we decode, the strings and the version descriptors.
    #[test]
    fn samples() {
        let mut compared = 0;
        for f in [
            "sg3_utils-inhex/data/inq_standard.hex",
            "sg3_utils-inhex/data/inq_emc_symm.hex",
            "tgt-1.0.85-captures/data/inquiry_std_96.hex",
            "tgt-1.0.85-captures/data/inquiry_std_36.hex",
        ] {
            let Some(b) = scsi_cdb_oracles::hex_file(f) else { continue };
            let out = sg_inq(&b, true);
            let t = tokens(&out);
            let i = StandardInquiry::parse(&b).unwrap();
            assert_eq!(t.get("PDT"), Some(&u64::from(i.device_type().0)), "{f}");
            assert_eq!(t.get("version"), Some(&u64::from(i.version())), "{f}");
            assert_eq!(t.get("CmdQue"), Some(&u64::from(i.cmd_que().unwrap())), "{f}");
            assert_eq!(t.get("TPGS"), Some(&u64::from(i.tpgs().unwrap())), "{f}");
            assert_eq!(line(&out, "Vendor identification:").trim(), i.vendor().unwrap().to_string(), "{f}");
            assert_eq!(line(&out, "Product identification:").trim(), i.product().unwrap().to_string(), "{f}");
            if let Some(section) = out.split("Version descriptors:").nth(1) {
                let theirs: Vec<&str> = section.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
                let ours: Vec<&str> = i.version_descriptors().map(|v| v.name().unwrap()).collect();
                assert_eq!(theirs.len(), ours.len(), "{f}");
                for (o, t) in ours.iter().zip(&theirs) {
                    assert_eq!(normalized(o), normalized(t), "{f}");
                }
            }
            compared += 1;
        }
        assert!(compared >= 2);
    }

    /// A name as compared: sg3_utils keeps "ANSI" before INCITS numbers; case and spacing aside.
    fn normalized(name: &str) -> String {
        name.split_whitespace().filter(|w| *w != "ANSI").collect::<Vec<_>>().join(" ").to_lowercase()
    }

    /// Codes whose sg3_utils 1.46 name is an older spelling of the same standard (newer T10 list
    /// entries: "T10/1071" for "T10/1071-D", "T10.1/" for SSA, ISO years dropped, "rev" for
    /// "revision", revised INCITS years, the ATA8 part names, iSCSIProtocolLevel added, ...)
    /// or, for 0x1765, the row T10 has since split into ACS-3 (no version claimed) and
    /// ACS-3 INCITS 522-2014 (0x1766). For these only the standard's acronym is compared.
    const OLDER_NAME_IN_SG3_1_46: &[u16] = &[
        0x01DD, 0x01DE, 0x01E0, 0x040B, 0x04E3, 0x0527, 0x083B, 0x085B, 0x087B, 0x089B, 0x08DB, 0x08FC,
        0x0961, 0x0962, 0x0A46, 0x0ABC, 0x0ADB, 0x0B3B, 0x0B7C, 0x0BFA, 0x0C07, 0x0C0F, 0x0D3C, 0x0D7D,
        0x0E88, 0x1301, 0x131B, 0x133B, 0x135B, 0x137B, 0x139B, 0x14BD, 0x1620, 0x1621, 0x1622, 0x1623,
        0x1628, 0x1749, 0x1765, 0x1EA7, 0x1EAB, 0x20AA, 0x2244,
    ];

    /// Every code of the table (eight to an answer) through `sg_inq -d`: where sg3_utils knows
    /// the code, both give the same name (after `normalized`), or at least the same standard
    /// for the codes in `OLDER_NAME_IN_SG3_1_46`. Newer codes than sg3_utils knows are counted.
    #[test]
    fn version_descriptor_names() {
        let codes: Vec<VersionDescriptor> = VersionDescriptor::all().filter(|c| c.0 != 0).collect();
        let (mut same_name, mut same_standard, mut unknown_to_sg3) = (0, 0, 0);
        for chunk in codes.chunks(8) {
            let mut b = vec![0u8; 96];
            b[2] = 6;
            b[3] = 2;
            b[4] = 91;
            for (k, c) in chunk.iter().enumerate() {
                b[58 + 2 * k..60 + 2 * k].copy_from_slice(&c.0.to_be_bytes());
            }
            let ours: Vec<VersionDescriptor> =
                StandardInquiry::parse(&b).unwrap().version_descriptors().collect();
            assert_eq!(ours, chunk);
            let text = sg_inq(&b, true);
            let theirs: Vec<&str> = text
                .split("Version descriptors:")
                .nth(1)
                .unwrap()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            assert_eq!(theirs.len(), ours.len(), "{text}");
            for (c, t) in ours.iter().zip(theirs) {
                if t.starts_with("[unrecognised") {
                    unknown_to_sg3 += 1;
                    continue;
                }
                let (o, t) = (normalized(c.name().unwrap()), normalized(t));
                if OLDER_NAME_IN_SG3_1_46.contains(&c.0) {
                    assert_eq!(o.split(' ').next(), t.split(' ').next(), "{c:?}: sg_inq {t:?}");
                    same_standard += 1;
                } else {
                    assert_eq!(o, t, "{c:?}");
                    same_name += 1;
                }
            }
        }
        assert!(same_name > 400, "{same_name}");
        assert!(same_name + same_standard + unknown_to_sg3 == codes.len());
        assert!(unknown_to_sg3 < 150, "{unknown_to_sg3}");
    }
}
