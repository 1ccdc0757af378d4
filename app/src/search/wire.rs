//! How the index travels to the browser.

/// Id lists travel as the gaps between sorted ids, which JSON writes in few digits.
pub mod gaps {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    type Docs = Vec<(Vec<u32>, Vec<u32>)>;

    fn encode(ids: &[u32]) -> Vec<u32> {
        let mut prev = 0;
        ids.iter()
            .map(|&id| std::mem::replace(&mut prev, id).abs_diff(id))
            .collect()
    }

    fn decode(gaps: Vec<u32>) -> Vec<u32> {
        let mut acc = 0u32;
        gaps.into_iter()
            .map(|g| {
                acc = acc.saturating_add(g);
                acc
            })
            .collect()
    }

    pub fn serialize<S: Serializer>(docs: &Docs, s: S) -> Result<S::Ok, S::Error> {
        let encoded: Vec<(Vec<u32>, Vec<u32>)> =
            docs.iter().map(|(t, r)| (encode(t), encode(r))).collect();
        encoded.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Docs, D::Error> {
        let encoded = Docs::deserialize(d)?;
        Ok(encoded
            .into_iter()
            .map(|(t, r)| (decode(t), decode(r)))
            .collect())
    }
}
