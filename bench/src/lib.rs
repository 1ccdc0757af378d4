//! A generator of large, valid libraries (real topics, Markdown bodies) for benchmarks.

use std::path::Path;

/// A small deterministic generator (an LCG), so every run measures the same library.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(
            seed.wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407),
        )
    }
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

const WORDS: &str =
    "calm sleep stress breath walk friend support anxious mood habit goal step rest \
    kind gentle body mind worry change season winter light routine family teen school parent \
    listen talk help doctor therapy recovery craving pain healthy food gut water move slow notice \
    feel thought pause plan small daily week morning evening quiet nature garden music journal \
    gratitude boundary balance energy focus patience courage hope trust safe care team work home";

/// Writes `n` articles and `topics.toml` (copied from `topics_from`) into `dir`.
pub fn generate(dir: &Path, n: usize, topics_from: &Path) -> std::io::Result<()> {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles)?;
    let topics_toml = std::fs::read_to_string(topics_from)?;
    std::fs::write(dir.join("topics.toml"), &topics_toml)?;
    // Every library needs its help services: the real ones, beside topics.toml.
    if let Some(content) = topics_from.parent() {
        std::fs::copy(content.join("help.toml"), dir.join("help.toml"))?;
    }
    let topics: Vec<&str> = topics_toml
        .lines()
        .filter_map(|l| l.strip_prefix("slug = \"")?.strip_suffix('"'))
        .collect();
    // A vocabulary of real words and made-up ones, so the index has a realistic spread.
    let base: Vec<&str> = WORDS.split_whitespace().collect();
    let mut rng = Rng::new(n as u64);
    let vocab: Vec<String> = (0..4000)
        .map(|i| {
            if i < base.len() {
                base[i].to_string()
            } else {
                format!(
                    "{}{}",
                    base[rng.below(base.len())],
                    base[rng.below(base.len())]
                )
            }
        })
        .collect();
    for i in 0..n {
        let words = |k: usize, rng: &mut Rng| -> String {
            (0..k)
                .map(|_| vocab[rng.below(vocab.len())].as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let title = format!("Generated {} {i}", words(4, &mut rng));
        let summary = words(18, &mut rng);
        let k = 1 + rng.below(3);
        let mut chosen: Vec<&str> = Vec::new();
        while chosen.len() < k {
            let t = topics[rng.below(topics.len())];
            if !chosen.contains(&t) {
                chosen.push(t);
            }
        }
        let topic_list = chosen
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let (y, m, d) = (2020 + rng.below(6), 1 + rng.below(12), 1 + rng.below(28));
        let mut body = String::new();
        for s in 0..5 {
            body.push_str(&format!(
                "## Section {s} {}\n\n{}.\n\n{}.\n\n",
                words(2, &mut rng),
                words(60, &mut rng),
                words(60, &mut rng)
            ));
        }
        let text = format!(
            "+++\ntitle = \"{title}\"\nsummary = \"{summary}\"\ntopics = [{topic_list}]\npublished = {y:04}-{m:02}-{d:02}\nreviewed = 2026-12-06\nsources = [{{ title = \"NHS\", url = \"https://www.nhs.uk/\" }}]\n+++\n\n{body}"
        );
        std::fs::write(articles.join(format!("generated-{i:05}.md")), text)?;
    }
    Ok(())
}
