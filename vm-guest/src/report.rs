//! One line per check, and the closing `N passed, M failed`.

use std::io::Write;

/// Counts and prints checks.
pub struct Report {
    out: Box<dyn Write>,
    passed: usize,
    failed: usize,
}

impl Report {
    /// Writes to `out` (the guest's second serial port) and echoes failures to stdout.
    pub fn new(out: Box<dyn Write>) -> Self {
        Self { out, passed: 0, failed: 0 }
    }

    /// Records one check.
    pub fn check(&mut self, name: &str, ok: bool, detail: &str) -> bool {
        let line = if ok {
            self.passed += 1;
            if detail.is_empty() { format!("ok   {name}") } else { format!("ok   {name} ({detail})") }
        } else {
            self.failed += 1;
            let l = format!("FAIL {name}: {detail}");
            println!("{l}");
            l
        };
        let _ = writeln!(self.out, "{line}");
        let _ = self.out.flush();
        ok
    }

    /// Records an equality check, printing both sides on failure.
    pub fn eq<T: PartialEq + std::fmt::Debug>(&mut self, name: &str, ours: T, theirs: T) -> bool {
        let ok = ours == theirs;
        let d = if ok { format!("{ours:?}") } else { format!("ours {ours:?}, theirs {theirs:?}") };
        self.check(name, ok, &d)
    }

    /// A line that is not a check.
    pub fn note(&mut self, text: &str) {
        let _ = writeln!(self.out, "# {text}");
        let _ = self.out.flush();
    }

    /// The closing line.
    pub fn finish(&mut self) {
        let line = format!("{} passed, {} failed", self.passed, self.failed);
        println!("{line}");
        let _ = writeln!(self.out, "{line}");
        let _ = self.out.flush();
    }
}
