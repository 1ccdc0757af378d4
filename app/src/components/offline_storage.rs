//! What offline copies take on /my-data, and a way to remove them all.

use crate::model::plural;
use crate::offline::use_offline;
use leptos::prelude::*;

/// What offline copies take, and a way to remove them all.
#[component]
pub fn OfflineStorage() -> impl IntoView {
    let offline = use_offline();
    let count = move || plural(offline.saved().len(), "article is", "articles are");
    // Asked again whenever what is saved changes.
    let usage = LocalResource::new(move || {
        offline.saved();
        async move { (offline.estimate().await, offline.persisted().await) }
    });
    let remove_all = move |_| {
        leptos::task::spawn_local(async move {
            for slug in offline.saved() {
                offline.remove(slug).await;
            }
        })
    };
    view! {
        <Show
            when=move || offline.supported.get()
            fallback=|| view! { <p>{UNSUPPORTED}</p> }
        >
            <p>{count} " saved for offline reading in this browser."</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let (estimate, persisted) = usage.await;
                    view! {
                        {estimate.map(|(used, quota)| view! {
                            <p>{format!(
                                "Wellspring's offline copies and settings use about {} of the {} this browser allows it.",
                                megabytes(used),
                                megabytes(quota)
                            )}</p>
                        })}
                        <p>{if persisted {
                            "Your browser has agreed to keep them even when space runs low."
                        } else {
                            "Your browser may clear them if space runs low; saving again brings them back."
                        }}</p>
                    }
                })}
            </Suspense>
            <Show when=move || !offline.saved().is_empty()>
                <p>
                    <button type="button" class="button-quiet" on:click=remove_all>"Remove all offline copies"</button>
                </p>
            </Show>
        </Show>
    }
}

const UNSUPPORTED: &str = if cfg!(feature = "csr") {
    "This edition of Wellspring keeps the whole library in your browser once it has opened, so every article reads without a connection."
} else {
    "This browser cannot keep articles for offline reading."
};

/// In whole tenths, so the WASM needs no float formatting (about 20 KB of it).
fn megabytes(bytes: f64) -> String {
    let tenths = |unit: f64| {
        let t = (bytes / unit * 10.0).round() as u64;
        format!("{}.{}", t / 10, t % 10)
    };
    match bytes / 1e6 {
        mb if mb < 0.1 => "less than 0.1 MB".to_string(),
        mb if mb < 100.0 => format!("{} MB", tenths(1e6)),
        mb if mb < 1000.0 => format!("{} MB", mb.round() as u64),
        _ => format!("{} GB", tenths(1e9)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_plainly() {
        assert_eq!(super::megabytes(20_000.0), "less than 0.1 MB");
        assert_eq!(super::megabytes(2_345_678.0), "2.3 MB");
        assert_eq!(super::megabytes(456e6), "456 MB");
        assert_eq!(super::megabytes(10_739e6), "10.7 GB");
    }
}
