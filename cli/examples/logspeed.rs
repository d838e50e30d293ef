#[path = "../benches/gen_log.rs"]
mod gen_log;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    if a.len() == 4 && a[1] == "write" {
        let (t, n) = gen_log::generate(a[3].parse().unwrap(), 200);
        std::fs::write(&a[2], t).unwrap();
        println!("{n} lines");
        return;
    }
    let (t, n) = gen_log::generate(200_000, 0);
    let st = std::time::Instant::now();
    let c = t.lines().filter(|l| scsi_decode::logscan::has_keyword(l.as_bytes())).count();
    println!("keyword lines {c} of {n}: {:?}", st.elapsed());
    for every in [0usize, 1, 200] {
        let (t, n) = gen_log::generate(200_000, every);
        let st = std::time::Instant::now();
        let mut s = scsi_decode::logscan::Scanner::new();
        let mut k = s.feed(t.as_bytes()).len();
        k += s.finish().len();
        let d = st.elapsed();
        println!("every={every} lines={n} events={k} {:?} {:.0} lines/s", d, n as f64 / d.as_secs_f64());
    }
}
