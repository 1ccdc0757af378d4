//! `cargo run -p bench --bin search --release`: the search's quality on the real library
//! (recall of body words, the reviewed precision fixture), then time per filter change and
//! per search keystroke over generated libraries of 1,000 and 10,000 articles, natively,
//! and the size of the index and its chunks. Prints Markdown tables; not a timed test.

use app::content::Library;
use app::filters::Filters;
use std::time::Instant;

/// Median of `runs` timings of `f`, in microseconds.
fn median_us(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut child = std::process::Command::new("gzip")
        .arg("-9c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gzip");
    // Feed stdin from another thread: gzip's output pipe would fill while we still write.
    let mut stdin = child.stdin.take().unwrap();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap().stdout.len();
    writer.join().unwrap().unwrap();
    out
}

/// Recall and precision on the library in content/, as the app's tests measure them.
fn quality(content: &std::path::Path) {
    use app::content::search_quality::{precision, recall};
    let lib = Library::load(content).unwrap_or_else(|e| panic!("{e}"));
    let r = recall(&lib, 20, 2026);
    let fixture = std::fs::read_to_string(content.join("../app/tests/search-precision.toml"))
        .expect("the precision fixture");
    let ranked = precision(&lib, &fixture).expect("a valid fixture");
    let top3 = ranked
        .iter()
        .filter(|r| r.rank.is_some_and(|n| n <= 3))
        .count();
    let first = ranked.iter().filter(|r| r.rank == Some(1)).count();
    println!("| articles | recall: body words found | precision: expected article in the first 3 | … first |");
    println!("|---:|---:|---:|---:|");
    println!(
        "| {} | {} of {} ({:.1}%) | {top3} of {} | {first} of {} |",
        lib.articles().len(),
        r.found,
        r.asked,
        r.share() * 100.0,
        ranked.len(),
        ranked.len()
    );
    for miss in &r.misses {
        println!("\nmissed: {} in {}", miss.1, miss.0);
    }
    println!();
}

fn main() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    quality(&content);
    let topics = content.join("topics.toml");
    println!("| articles | load (ms) | filter change (µs) | keystroke (µs, median of s→sleep) | index JSON (KB) | index gzip (KB) | chunks | largest chunk gzip (KB) | cards JSON (KB) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in [1_000, 10_000] {
        let dir = std::env::temp_dir().join(format!("wellspring-bench-{n}-{}", std::process::id()));
        bench::generate(&dir, n, &topics).expect("generate");
        let start = Instant::now();
        let lib = Library::load(&dir).unwrap_or_else(|e| panic!("{e}"));
        let load_ms = start.elapsed().as_secs_f64() * 1e3;
        let data = lib.catalog();
        let index = lib.search_index();
        // What the library page computes on a topic click: every card against the topics.
        let filters = Filters {
            topics: vec!["mindfulness".into(), "goals-growth".into()],
            ..Default::default()
        };
        let filter = median_us(51, || {
            let kept = data
                .articles
                .iter()
                .filter(|a| filters.matches_topics(a))
                .count();
            std::hint::black_box(kept);
        });
        let keystroke = median_us(51, || {
            for q in ["s", "sl", "sle", "slee", "sleep"] {
                std::hint::black_box(index.search(q));
            }
        }) / 5.0;
        let index_json = serde_json::to_vec(index).unwrap();
        let cards_json = serde_json::to_vec(&data.articles).unwrap();
        let largest = index
            .chunks
            .iter()
            .map(|c| gzip_len(&serde_json::to_vec(c).unwrap()))
            .max()
            .unwrap_or(0);
        println!(
            "| {n} | {load_ms:.0} | {filter:.0} | {keystroke:.0} | {:.0} | {:.0} | {} | {:.0} | {:.0} |",
            index_json.len() as f64 / 1024.0,
            gzip_len(&index_json) as f64 / 1024.0,
            index.chunks.len(),
            largest as f64 / 1024.0,
            cards_json.len() as f64 / 1024.0
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
