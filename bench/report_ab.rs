//! The invalid path's reporter, natively: the generated reporting validator
//! (`validate::report::report`) against the table interpreter over a tree
//! (`validate::tree::report_text`, the oracle), interleaved rounds, on the bench's invalid
//! payloads. Not run by any test (an example: `cargo test` only builds it). Usage:
//! `node -e '…write bench/cases.mjs bench as JSON…' > /tmp/cases.json` then
//! `cargo run --release --example report_ab -- /tmp/cases.json [rounds] [only]`; under `perf record`
//! with `new` (or `old`) as the 4th argument to time only the generated reporter (or the tree).

use customer_update::{clock, operation, validate};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: report_ab <cases.json> [rounds] [only] [new]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(7);
    let only = args.get(2).cloned().unwrap_or_default();
    let new_only = args.get(3).is_some_and(|a| a == "new");
    let old_only = args.get(3).is_some_and(|a| a == "old");
    let text = std::fs::read_to_string(path).expect("a cases file");
    let cases: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let today = clock::today();
    println!(
        "| operation | tree (ops/s) | generated (ops/s) | generated / tree |\n|---|---:|---:|---:|"
    );
    for (op_id, kinds) in cases.as_object().expect("an object") {
        if !op_id.contains(&only) {
            continue;
        }
        let op = operation(op_id).expect("a known operation");
        let text = kinds["invalid"].to_string();
        let new = validate::report::report(op, &text, today);
        assert_eq!(
            new,
            validate::tree::report_text(op, &text, today),
            "{op_id}"
        );
        assert!(!new.is_empty());
        let time = |f: &dyn Fn() -> usize| {
            let start = Instant::now();
            let mut n = 0u64;
            while start.elapsed().as_millis() < 100 {
                for _ in 0..256 {
                    black_box(f());
                }
                n += 256;
            }
            n as f64 / start.elapsed().as_secs_f64()
        };
        let old_f = || validate::tree::report_text(op, black_box(&text), today).len();
        let new_f = || validate::report::report(op, black_box(&text), today).len();
        let (mut old, mut new) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            if !new_only {
                old.push(time(&old_f));
            }
            if !old_only {
                new.push(time(&new_f));
            }
        }
        let med = |v: &mut Vec<f64>| {
            v.sort_by(|a, b| a.total_cmp(b));
            v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
        };
        let (o, n) = (med(&mut old), med(&mut new));
        println!("| {op_id} | {o:.0} | {n:.0} | {:.2} |", n / o);
    }
}
