//! sg3_utils run on the same device: the oracle for the decoders.

use std::process::Command;

/// The output of one sg3_utils run.
pub struct Out {
    /// stdout bytes.
    pub stdout: Vec<u8>,
    /// Exit status.
    pub status: i32,
}

impl Out {
    /// stdout as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// The value of the first `key: value` or `key=value` entry whose key is `key`
    /// (case-insensitive, brackets stripped), as text.
    pub fn get(&self, key: &str) -> Option<String> {
        pairs(&self.text()).into_iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
    }

    /// The 8-byte LUNs sg_luns prints, one per line as 16 hex digits.
    pub fn luns(&self) -> Vec<String> {
        self.text()
            .lines()
            .map(str::trim)
            .filter(|t| t.len() == 16 && t.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(str::to_string)
            .collect()
    }

    /// As [`Out::get`], the first word of the value as an integer (decimal or 0x-hex).
    pub fn num(&self, key: &str) -> Option<u64> {
        parse_num(self.get(key)?.split_whitespace().next()?)
    }
}

/// Runs an sg3_utils program; `None` when it is not in the guest.
pub fn run(tool: &str, args: &[&str]) -> Option<Out> {
    let path = format!("/usr/bin/{tool}");
    if !std::path::Path::new(&path).exists() {
        return None;
    }
    let o = Command::new(path).args(args).output().ok()?;
    Some(Out { stdout: o.stdout, status: o.status.code().unwrap_or(-1) })
}

/// Parses a decimal or 0x-hex number.
pub fn parse_num(s: &str) -> Option<u64> {
    let s = s.trim_end_matches([',', ';']);
    match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => u64::from_str_radix(h, 16).ok(),
        None => s.parse().ok(),
    }
}

/// Every `key: value` (one per line, first colon) and `key=value` (separated by commas or
/// runs of two spaces) pair in sg3_utils' text output.
pub fn pairs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.contains('=') {
            for part in line.split(", ").flat_map(|p| p.split("  ")) {
                let part = part.trim().trim_start_matches('[').trim_end_matches(']');
                if let Some((k, v)) = part.split_once('=') {
                    let k = k.rsplit(": ").next().unwrap_or(k);
                    out.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
        }
        if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}
