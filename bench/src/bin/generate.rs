//! `cargo run -p bench --bin generate --release -- N DIR`: writes a library of N generated
//! articles to DIR (serve it with WELLSPRING_CONTENT_DIR=DIR).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: generate N DIR");
        std::process::exit(2);
    };
    let topics = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/topics.toml");
    if let Err(e) = bench::generate(std::path::Path::new(dir), n, &topics) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
