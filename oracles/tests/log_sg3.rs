//! Differential test of the LOG SENSE page readers against sg3_utils' `sg_logs --in`: random
//! temperature (0Dh) and informational exceptions (2Fh) pages.

#[test]
fn oracles_present_or_skipped() {
    scsi_cdb_oracles::skip_note("log_sg3");
}

#[cfg(oracles)]
mod diff {
    use std::process::Command;
    use std::sync::atomic::{AtomicU64, Ordering};

    use proptest::prelude::*;
    use scsi_cdb::data::LogPage;

    fn sg_logs(page: &[u8]) -> String {
        static N: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!("scsi-cdb-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join(format!("{}.hex", N.fetch_add(1, Ordering::Relaxed)));
        let text: Vec<String> = page.iter().map(|b| format!("{b:02x}")).collect();
        std::fs::write(&f, text.join(" ")).unwrap();
        let out = Command::new("sg_logs")
            .arg(format!("--in={}", f.display()))
            .output()
            .expect("sg_logs (sg3-utils)");
        let _ = std::fs::remove_file(&f);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// "N C" (also "0 C (or less)") as Some(N), "<not available>" as None.
    fn celsius(text: &str, label: &str) -> Option<Option<u8>> {
        let v = text.lines().find_map(|l| l.trim().strip_prefix(label))?.trim();
        let mut words = v.split_whitespace();
        Some(match (words.next(), words.next()) {
            (Some(n), Some("C")) => n.parse().ok(),
            _ => None,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        #[test]
        fn temperature(cur: u8, reference: u8) {
            let page = [0x0D, 0, 0, 0x0C, 0, 0, 3, 2, 0, cur, 0, 1, 3, 2, 0, reference];
            let text = sg_logs(&page);
            let (c, r) = LogPage::parse(&page).unwrap().temperature().unwrap();
            prop_assert_eq!(celsius(&text, "Current temperature ="), Some(c), "{}", text);
            prop_assert_eq!(celsius(&text, "Reference temperature ="), Some(r), "{}", text);
        }

        #[test]
        fn informational_exceptions(asc: u8, ascq: u8, temp: u8) {
            let page = [0x2F, 0, 0, 8, 0, 0, 3, 4, asc, ascq, temp, 0];
            let text = sg_logs(&page);
            let (a, t) = LogPage::parse(&page).unwrap().informational_exceptions().unwrap();
            let want = format!("IE asc = 0x{:x}, ascq = 0x{:x}", a.asc, a.ascq);
            prop_assert!(text.contains(&want), "{}", text);
            prop_assert_eq!(celsius(&text, "Current temperature ="), Some(t), "{}", text);
        }
    }
}
