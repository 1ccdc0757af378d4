//! How the index travels to the browser.

/// Sorted article numbers travel as the gaps between them, which JSON writes in few digits.
pub mod gaps {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(ids: &[u32], s: S) -> Result<S::Ok, S::Error> {
        let mut prev = 0;
        let gaps: Vec<u32> = ids
            .iter()
            .map(|&id| std::mem::replace(&mut prev, id).abs_diff(id))
            .collect();
        gaps.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        let mut acc = 0u32;
        Ok(Vec::<u32>::deserialize(d)?
            .into_iter()
            .map(|g| {
                acc = acc.saturating_add(g);
                acc
            })
            .collect())
    }
}
