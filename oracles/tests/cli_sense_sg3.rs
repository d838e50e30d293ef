//! `scsi-decode sense --json` in bulk mode against libsgutils2, field by field, on a seeded
//! random set of well-formed fixed and descriptor sense buffers.

#[test]
fn oracles_present_or_skipped() {
    scsi_cdb_oracles::skip_note("cli_sense_sg3");
}

#[cfg(oracles)]
mod diff {
    use std::io::Write;
    use std::path::PathBuf;
    use std::process::{Command, Stdio};

    use scsi_cdb_oracles::sg;

    fn binary() -> PathBuf {
        let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
        let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
        let bin = target.join("debug/scsi-decode");
        if !bin.is_file() {
            let ok = Command::new(env!("CARGO"))
                .args(["build", "-q", "-p", "scsi-decode"])
                .current_dir(&root)
                .status();
            assert!(ok.is_ok_and(|s| s.success()), "could not build scsi-decode");
        }
        bin
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn byte(&mut self) -> u8 {
            self.next() as u8
        }
    }

    /// Well-formed sense: 18-byte fixed, or descriptor with at most one of each descriptor.
    fn buffer(r: &mut Rng) -> Vec<u8> {
        if r.next() & 1 == 0 {
            let mut v: Vec<u8> = (0..18).map(|_| r.byte()).collect();
            v[0] = [0x70, 0x71, 0xF0, 0xF1][(r.next() % 4) as usize];
            v[7] = 10;
            v
        } else {
            let mut v = vec![
                [0x72u8, 0x73][(r.next() % 2) as usize],
                r.byte() & 0x0F,
                r.byte(),
                r.byte(),
                0,
                0,
                0,
                0,
            ];
            for (t, len) in [(0u8, 10u8), (1, 10), (2, 6), (3, 2), (4, 2), (0x0A, 6)] {
                if r.next() & 1 == 0 {
                    v.push(t);
                    v.push(len);
                    v.extend((0..len).map(|_| r.byte()));
                }
            }
            v[7] = (v.len() - 8) as u8;
            v
        }
    }

    #[test]
    fn bulk_json_matches_sg3_utils() {
        let mut r = Rng(0xC11_5E45E);
        let bufs: Vec<Vec<u8>> = (0..3000).map(|_| buffer(&mut r)).collect();
        let input: String = bufs
            .iter()
            .map(|b| b.iter().map(|x| format!("{x:02x}")).collect::<Vec<_>>().join(" ") + "\n")
            .collect();
        let mut child = Command::new(binary())
            .args(["sense", "--json"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let w = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let out = child.wait_with_output().unwrap();
        w.join().unwrap().unwrap();
        assert!(out.status.success());
        let lines: Vec<serde_json::Value> =
            String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), bufs.len());
        for (b, j) in bufs.iter().zip(&lines) {
            let h = sg::normalize_sense(b).unwrap();
            assert_eq!(j["response_code"], u64::from(h.response_code), "{b:02x?}");
            assert_eq!(j["sense_key"], u64::from(h.sense_key), "{b:02x?}");
            assert_eq!(j["asc"], u64::from(h.asc), "{b:02x?}");
            assert_eq!(j["ascq"], u64::from(h.ascq), "{b:02x?}");
            let (valid, info) = sg::info_fld(b);
            let fixed = b[0] & 0x7F < 0x72;
            let want_info = if valid {
                serde_json::json!(if fixed { info & 0xFFFF_FFFF } else { info })
            } else {
                serde_json::Value::Null
            };
            assert_eq!(j["information"], want_info, "{b:02x?}");
            let (found, cs) = sg::cmd_spec_fld(b);
            assert_eq!(
                j["command_specific"],
                if found { serde_json::json!(cs) } else { serde_json::Value::Null },
                "{b:02x?}"
            );
            let (_, fm, eom, ili) = sg::filemark_eom_ili(b);
            assert_eq!(
                (j["filemark"].as_bool(), j["eom"].as_bool(), j["ili"].as_bool()),
                (Some(fm), Some(eom), Some(ili)),
                "{b:02x?}"
            );
            let progress = sg::progress_fld(b).map_or(serde_json::Value::Null, |p| serde_json::json!(p));
            assert_eq!(j["progress"], progress, "{b:02x?}");
            let name = sg::sense_key_str(h.sense_key).to_ascii_uppercase();
            assert!(name.starts_with(j["sense_key_name"].as_str().unwrap()), "{name}");
        }
    }
}
