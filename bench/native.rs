//! The same validator compiled natively: ops/s per operation on a valid and an invalid payload
//! (median of several rounds after warm-up). Run by bench/run.sh as
//! `cargo bench --bench native -- [--json] [--smoke] cases.json`; the cases file is written by
//! the JS bench so every column times the same payloads (`{ "<op>": { "valid": …, "invalid": … } }`).
//! `--cpu`: rates per second of this thread's CPU time (Linux's /proc/thread-self/schedstat)
//! instead of wall time, to set beside a wasm figure of CPU time (`process.cpuUsage`) on a loaded
//! machine, where wall time counts the time the thread waits for a core.

use customer_update::{clock, operation, validate};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this binary without it: then
    // it only checks that it works (the spec examples as valid payloads, `{}` as invalid ones).
    let bench_mode = all.iter().any(|a| a == "--bench");
    let args: Vec<String> = all.into_iter().filter(|a| a != "--bench").collect();
    let json = args.iter().any(|a| a == "--json");
    let cpu = args.iter().any(|a| a == "--cpu");
    if cpu && cpu_ns().is_none() {
        eprintln!("native bench: --cpu needs /proc/thread-self/schedstat (Linux)");
        std::process::exit(2);
    }
    let smoke = !bench_mode || args.iter().any(|a| a == "--smoke");
    let path = args.iter().find(|a| !a.starts_with("--")).cloned();
    let cases: serde_json::Value = match &path {
        Some(path) => {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
                eprintln!(
                    "native bench: cannot read {path}: {e} (run bench/run.sh, which writes it)"
                );
                std::process::exit(2);
            });
            serde_json::from_str(&text).expect("cases file is JSON")
        }
        None => customer_update::OPERATIONS
            .iter()
            .map(|op| {
                let valid: serde_json::Value =
                    serde_json::from_str(op.example).expect("example is JSON");
                (
                    op.id.to_owned(),
                    serde_json::json!({ "valid": valid, "invalid": {} }),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into(),
    };
    let today = clock::today();
    let (rounds, round_ms) = if smoke { (1, 20u128) } else { (7, 300u128) };
    let mut out = Vec::new();
    for (op_id, kinds) in cases.as_object().expect("an object of operations") {
        let op = operation(op_id).expect("a known operation id");
        for kind in ["valid", "invalid"] {
            let Some(input) = kinds.get(kind) else {
                continue;
            };
            // What the wasm package does with the caller's JSON text, natively: the same reader
            // and validator (`validate::issues_text`), and the issues as the JSON text JS parses.
            let text = input.to_string();
            let run = || {
                let issues = validate::issues_text(op, black_box(&text), today);
                if !issues.is_empty() {
                    black_box(validate::issues_to_json(&issues));
                }
                black_box(issues.len())
            };
            let expect_valid = kind == "valid";
            assert_eq!(
                run() == 0,
                expect_valid,
                "{op_id} {kind}: unexpected verdict"
            );
            let warm = Instant::now();
            while warm.elapsed().as_millis() < round_ms / 2 {
                run();
            }
            let mut rates = Vec::new();
            for _ in 0..rounds {
                let start = Instant::now();
                let cpu0 = if cpu { cpu_ns() } else { None };
                let mut n = 0u64;
                while start.elapsed().as_millis() < round_ms {
                    for _ in 0..64 {
                        run();
                    }
                    n += 64;
                }
                let secs = match (cpu0, if cpu { cpu_ns() } else { None }) {
                    (Some(a), Some(b)) => (b - a) as f64 / 1e9,
                    _ => start.elapsed().as_secs_f64(),
                };
                rates.push(n as f64 / secs);
            }
            rates.sort_by(|a, b| a.total_cmp(b));
            let median = rates[rates.len() / 2];
            out.push((op_id.clone(), kind, median));
        }
    }
    if json {
        let rows: Vec<serde_json::Value> = out
            .iter()
            .map(|(op, kind, r)| serde_json::json!({ "op": op, "case": kind, "opsPerSec": r.round() }))
            .collect();
        println!("{}", serde_json::Value::Array(rows));
    } else {
        println!("| operation | case | native ops/s |\n|---|---|---:|");
        for (op, kind, r) in out {
            println!("| {op} | {kind} | {:.0} |", r);
        }
    }
}

/// This thread's CPU time in ns (the first field of /proc/thread-self/schedstat), if readable.
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}
