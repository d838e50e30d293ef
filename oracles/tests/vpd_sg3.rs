//! Differential tests of the VPD page views against sg3_utils' `sg_vpd --inhex`: random pages
//! (86h, 8Ah, B3h, B5h, B6h, B7h) and the real samples (87h, 88h, 89h, 8Fh from scsi_debug and
//! the sg3_utils test data) are decoded by both, and every numeric field sg_vpd prints is
//! compared with ours.

#[test]
fn oracles_present_or_skipped() {
    scsi_cdb_oracles::skip_note("vpd_sg3");
}

#[cfg(oracles)]
mod diff {
    use std::collections::BTreeMap;
    use std::process::Command;

    use proptest::prelude::*;
    use scsi_cdb::data::vpd;

    fn hex_file(rel: &str) -> Vec<u8> {
        scsi_cdb_oracles::hex_file(rel).unwrap_or_else(|| panic!("{rel} missing"))
    }

    /// Runs `sg_vpd --inhex` on `page` and returns its text.
    fn sg_vpd(page: &[u8]) -> String {
        let dir = std::env::temp_dir().join(format!("scsi-cdb-vpd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Tests run in parallel: every call gets its own file.
        static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let f = dir.join(format!("{:02x}-{n}.hex", page[1]));
        let text: Vec<String> = page.iter().map(|b| format!("{b:02x}")).collect();
        std::fs::write(&f, text.join(" ")).unwrap();
        let out = Command::new("sg_vpd")
            .arg(format!("--inhex={}", f.display()))
            .output()
            .expect("sg_vpd (sg3-utils)");
        let _ = std::fs::remove_file(&f);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn number(s: &str) -> Option<u64> {
        if let Some(i) = s.find("[0x") {
            let h: String = s[i + 3..].chars().take_while(char::is_ascii_hexdigit).collect();
            return u64::from_str_radix(&h, 16).ok();
        }
        s.split_whitespace().find_map(|t| {
            let t = t.trim_end_matches([',', ';']);
            match t.strip_prefix("0x") {
                Some(h) => u64::from_str_radix(h, 16).ok(),
                None => t.parse().ok(),
            }
        })
    }

    /// Every "LABEL=value", "Label: value" and "Label (unit) value" that sg_vpd prints.
    fn fields(text: &str) -> BTreeMap<String, u64> {
        let mut m = BTreeMap::new();
        for line in text.lines().skip(1) {
            let line = line.trim().replace(['[', ']'], "");
            if line.matches('=').count() > 1 || (line.contains('=') && !line.contains(' ')) {
                for tok in line.split_whitespace() {
                    if let Some((k, v)) = tok.split_once('=')
                        && let Some(v) = number(v)
                    {
                        m.insert(k.to_string(), v);
                    }
                }
            } else if let Some((k, v)) = line.split_once('=') {
                if let Some(v) = number(v) {
                    m.insert(k.trim().to_string(), v);
                }
            } else if let Some((k, v)) = line.split_once(": ") {
                if let Some(v) = number(v) {
                    m.insert(k.trim().to_string(), v);
                }
            } else if let Some((k, v)) = line.rsplit_once(' ')
                && let Ok(v) = v.parse()
            {
                m.insert(k.trim().to_string(), v);
            }
        }
        m
    }

    fn page(code: u8, payload: &[u8]) -> Vec<u8> {
        let mut p = vec![0, code];
        p.extend_from_slice(&(payload.len() as u16).to_be_bytes());
        p.extend_from_slice(payload);
        p
    }

    /// Compares `ours` with the sg_vpd field `label`, which must be present.
    fn same(theirs: &BTreeMap<String, u64>, label: &str, ours: Option<u64>) -> Result<(), TestCaseError> {
        let t = theirs.get(label).copied();
        prop_assert!(t.is_some(), "sg_vpd printed no {label:?}: {theirs:?}");
        prop_assert_eq!(t, ours, "{}", label);
        Ok(())
    }

    fn b(v: Option<bool>) -> Option<u64> {
        v.map(u64::from)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn extended_inquiry(payload in proptest::collection::vec(any::<u8>(), 60)) {
            let p = page(0x86, &payload);
            let t = fields(&sg_vpd(&p));
            let e = vpd::ExtendedInquiry::parse(&p).unwrap();
            same(&t, "ACTIVATE_MICROCODE", e.activate_microcode.map(u64::from))?;
            same(&t, "SPT", e.spt.map(u64::from))?;
            for (label, v) in [
                ("GRD_CHK", e.grd_chk), ("APP_CHK", e.app_chk), ("REF_CHK", e.ref_chk),
                ("UASK_SUP", e.uask_sup), ("GROUP_SUP", e.group_sup), ("PRIOR_SUP", e.prior_sup),
                ("HEADSUP", e.headsup), ("ORDSUP", e.ordsup), ("SIMPSUP", e.simpsup),
                ("WU_SUP", e.wu_sup), ("CRD_SUP", e.crd_sup), ("NV_SUP", e.nv_sup), ("V_SUP", e.v_sup),
                ("NO_PI_CHK", e.no_pi_chk), ("P_I_I_SUP", e.p_i_i_sup), ("LUICLR", e.luiclr),
                ("R_SUP", e.r_sup), ("RTD_SUP", e.rtd_sup), ("HSSRELEF", e.hssrelef), ("CBCS", e.cbcs),
                ("POA_SUP", e.poa_sup), ("HRA_SUP", e.hra_sup), ("VSA_SUP", e.vsa_sup), ("DMS_VALID", e.dms_valid),
                ("IBS", e.ibs), ("IAS", e.ias), ("SAC", e.sac), ("NRD1", e.nrd1), ("NRD0", e.nrd0),
            ] {
                same(&t, label, b(v))?;
            }
            same(&t, "LU_COLL_TYPE", e.lu_coll_type.map(u64::from))?;
            same(&t, "Multi I_T nexus microcode download", e.multi_it_nexus_microcode_download.map(u64::from))?;
            same(&t, "Extended self-test completion minutes", e.extended_self_test_minutes.map(u64::from))?;
            same(&t, "Maximum supported sense data length", e.max_sense_len.map(u64::from))?;
            same(&t, "Maximum inquiry change logs", e.max_inquiry_change_logs.map(u64::from))?;
            same(&t, "Maximum mode page change logs", e.max_mode_page_change_logs.map(u64::from))?;
        }

        #[test]
        fn power_condition(payload in proptest::collection::vec(any::<u8>(), 14)) {
            let p = page(0x8A, &payload);
            let t = fields(&sg_vpd(&p));
            let c = vpd::PowerConditionVpd::parse(&p).unwrap();
            same(&t, "Standby_y", b(c.standby_y))?;
            same(&t, "Standby_z", b(c.standby_z))?;
            same(&t, "Idle_c", b(c.idle_c))?;
            same(&t, "Idle_b", b(c.idle_b))?;
            same(&t, "Idle_a", b(c.idle_a))?;
            same(&t, "Stopped condition recovery time (ms)", c.stopped_recovery_ms.map(u64::from))?;
            same(&t, "Standby_z condition recovery time (ms)", c.standby_z_recovery_ms.map(u64::from))?;
            same(&t, "Standby_y condition recovery time (ms)", c.standby_y_recovery_ms.map(u64::from))?;
            same(&t, "Idle_a condition recovery time (ms)", c.idle_a_recovery_ms.map(u64::from))?;
            same(&t, "Idle_b condition recovery time (ms)", c.idle_b_recovery_ms.map(u64::from))?;
            same(&t, "Idle_c condition recovery time (ms)", c.idle_c_recovery_ms.map(u64::from))?;
        }

        #[test]
        fn block_pages(r in proptest::collection::vec(any::<u8>(), 12), x in proptest::collection::vec(any::<u8>(), 12), z in proptest::collection::vec(any::<u8>(), 60), l in proptest::collection::vec(any::<u8>(), 60)) {
            let p = page(0xB3, &r);
            let t = fields(&sg_vpd(&p));
            let v = vpd::Referrals::parse(&p).unwrap();
            same(&t, "User data segment size", v.user_data_segment_size.map(u64::from))?;
            same(&t, "User data segment multiplier", v.user_data_segment_multiplier.map(u64::from))?;

            let p = page(0xB5, &x);
            let t = fields(&sg_vpd(&p));
            let v = vpd::BlockDeviceCharacteristicsExt::parse(&p).unwrap();
            same(&t, "Utilization B", v.utilization_b.map(u64::from))?;
            same(&t, "Utilization A", v.utilization_a.map(u64::from))?;
            // The code fields print as a name for known values and "[0x..]" otherwise.
            if let Some(&ty) = t.get("Utilization type") {
                prop_assert_eq!(Some(ty), v.utilization_type.map(u64::from));
            }

            let p = page(0xB6, &z);
            let t = fields(&sg_vpd(&p));
            let v = vpd::ZonedBlockDeviceCharacteristics::parse(&p).unwrap();
            same(&t, "AAORB", b(v.aaorb))?;
            same(&t, "URSWRZ", b(v.urswrz))?;
            same(&t, "Optimal number of open sequential write preferred zones", v.optimal_open_swp_zones.map(u64::from))?;
            same(&t, "Optimal number of non-sequentially written sequential write preferred zones", v.optimal_non_seq_swp_zones.map(u64::from))?;
            same(&t, "Maximum number of open sequential write required zones", v.max_open_swr_zones.map(u64::from))?;

            let p = page(0xB7, &l);
            let t = fields(&sg_vpd(&p));
            let v = vpd::BlockLimitsExtension::parse(&p).unwrap();
            same(&t, "Maximum number of streams", v.max_streams.map(u64::from))?;
            same(&t, "Optimal stream write size", v.optimal_stream_write_size.map(u64::from))?;
            same(&t, "Stream granularity size", v.stream_granularity_size.map(u64::from))?;
            same(&t, "Maximum scattered LBA range transfer length", v.max_scattered_lba_range_transfer.map(u64::from))?;
            same(&t, "Maximum scattered LBA range descriptor count", v.max_scattered_lba_range_descriptors.map(u64::from))?;
            same(&t, "Maximum scattered transfer length", v.max_scattered_transfer.map(u64::from))?;
        }
    }

    /// The scsi_debug sample holds every VPD page of one logical unit back to back.
    fn sdeb_pages() -> Vec<Vec<u8>> {
        let all = hex_file("sg3_utils-inhex/data/vpd_sdeb.hex");
        let mut out = Vec::new();
        let mut rest = &all[..];
        while rest.len() >= 4 {
            let n = 4 + usize::from(u16::from_be_bytes([rest[2], rest[3]]));
            let (p, r) = rest.split_at(n.min(rest.len()));
            out.push(p.to_vec());
            rest = r;
        }
        out
    }

    #[test]
    fn scsi_debug_pages() {
        let pages = sdeb_pages();
        let get = |c: u8| pages.iter().find(|p| p[1] == c).unwrap_or_else(|| panic!("page {c:#x}"));

        let p = get(0x86);
        let t = fields(&sg_vpd(p));
        let e = vpd::ExtendedInquiry::parse(p).unwrap();
        assert_eq!((e.headsup, e.ordsup, e.simpsup), (Some(true), Some(true), Some(true)));
        assert_eq!(t.get("HEADSUP"), Some(&1));

        let p = get(0x87);
        let text = sg_vpd(p);
        let ours: Vec<_> = vpd::ModePagePolicies::parse(p).map(|p| p.policies()).unwrap().collect();
        let theirs: Vec<u64> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("Policy page code: "))
            .filter_map(number)
            .collect();
        assert_eq!(ours.iter().map(|x| u64::from(x.page_code)).collect::<Vec<_>>(), theirs);
        assert!(ours.iter().all(|x| x.mlus) && text.matches("MLUS=1").count() == ours.len());
        assert_eq!(ours[0].policy_name(), "shared");

        let p = get(0x88);
        let text = sg_vpd(p);
        let ports: Vec<_> = vpd::ScsiPorts::parse(p).map(|p| p.ports()).unwrap().collect();
        let theirs: Vec<u64> =
            text.lines().filter_map(|l| l.trim().strip_prefix("Relative port=")).filter_map(number).collect();
        assert_eq!(ports.iter().map(|x| u64::from(x.relative_port)).collect::<Vec<_>>(), theirs);
        for port in &ports {
            let d: Vec<_> = port.target_port_designators().collect();
            assert_eq!(d.len(), 1);
            let naa = u64::from_be_bytes(d[0].designator.try_into().unwrap());
            assert!(text.contains(&format!("0x{naa:016x}")), "{text}");
        }

        let p = get(0x89);
        check_ata(p);
    }

    fn check_ata(p: &[u8]) {
        let text = sg_vpd(p);
        let a = vpd::AtaInformation::parse(p).unwrap();
        let line = |label: &str| -> String {
            text.lines()
                .find_map(|l| l.trim_start().strip_prefix(label))
                .unwrap_or_else(|| panic!("{label}: {text}"))
                .trim()
                .to_string()
        };
        assert_eq!(a.sat_vendor().to_string(), line("SAT Vendor identification:"));
        assert_eq!(a.sat_product().to_string(), line("SAT Product identification:"));
        assert_eq!(a.sat_revision().to_string(), line("SAT Product revision level:"));
        assert_eq!(a.model_number().unwrap().as_str().unwrap(), line("model:"));
        assert_eq!(a.serial_number().unwrap().as_str().unwrap().trim(), line("serial number:"));
        assert_eq!(a.firmware_revision().unwrap().as_str().unwrap(), line("firmware revision:"));
        assert_eq!(a.command_code(), number(&line("Command code:")).map(|v| v as u8));
    }

    #[test]
    fn sg3_samples() {
        check_ata(&hex_file("sg3_utils-inhex/data/vpd_atai.hex"));

        let p = hex_file("sg3_utils-inhex/data/vpd_ref.hex");
        let t = fields(&sg_vpd(&p));
        let r = vpd::Referrals::parse(&p).unwrap();
        assert_eq!(t.get("User data segment size").copied(), r.user_data_segment_size.map(u64::from));
        assert_eq!(
            t.get("User data segment multiplier").copied(),
            r.user_data_segment_multiplier.map(u64::from)
        );

        let p = hex_file("sg3_utils-inhex/data/vpd_bdce.hex");
        let t = fields(&sg_vpd(&p));
        let x = vpd::BlockDeviceCharacteristicsExt::parse(&p).unwrap();
        assert_eq!(t.get("Utilization A").copied(), x.utilization_a.map(u64::from));
        assert_eq!(t.get("Utilization B").copied(), x.utilization_b.map(u64::from));

        let p = hex_file("sg3_utils-inhex/data/vpd_zbdc.hex");
        let t = fields(&sg_vpd(&p));
        let z = vpd::ZonedBlockDeviceCharacteristics::parse(&p).unwrap();
        assert_eq!(
            t.get("Maximum number of open sequential write required zones").copied(),
            z.max_open_swr_zones.map(u64::from)
        );
        assert_eq!(z.zone_starting_lba_granularity, Some(0x2_0000_0000));
        assert_eq!(z.zone_alignment_method, Some(1));

        // 8Fh: the descriptor names sg_vpd prints, in order.
        let p = hex_file("sg3_utils-inhex/data/vpd_tpc.hex");
        let text = sg_vpd(&p);
        let ours: Vec<_> = vpd::ThirdPartyCopy::parse(&p).map(|p| p.descriptors()).unwrap().collect();
        assert!(ours.len() >= 5, "{ours:?}");
        for d in &ours {
            let short = d.type_name().split_whitespace().next().unwrap().to_ascii_lowercase();
            assert!(text.to_ascii_lowercase().contains(&short), "{}: {text}", d.type_name());
        }
    }
}
