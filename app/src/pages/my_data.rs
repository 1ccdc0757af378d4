//! `/my-data`: what Wellspring keeps in this browser, with export, import and clear.

use crate::components::{
    display::apply_display, meta::PageMeta, offline_storage::OfflineStorage, reader::StorageNotice,
};
use crate::model::plural;
use crate::reader::{now, schema, use_reader};
use leptos::prelude::*;

#[component]
pub fn MyDataPage() -> impl IntoView {
    view! {
        <PageMeta
            title="Your data"
            description="What Wellspring keeps in your browser, and how to export, import or clear it. Nothing leaves your device."
            path="/my-data"
        />
        <MyData/>
    }
}

/// The whole page below its head: all of it shows or changes what this browser keeps.
// Lazy (split out) in the hydrating build only: the static build has no split WASM.
#[cfg_attr(feature = "hydrate", island(lazy))]
#[cfg_attr(not(feature = "hydrate"), island)]
fn MyData() -> impl IntoView {
    let reader = use_reader();
    // Outcome of the last action, for the live region: (is it an error?, text).
    let message = RwSignal::new(None::<(bool, String)>);
    let confirming = RwSignal::new(false);
    let bookmarks = move || plural(reader.counts().bookmarks, "article", "articles");
    let positions = move || plural(reader.counts().positions, "article", "articles");

    let export = move |_| {
        let json = schema::export(&reader.snapshot(), now());
        message.set(Some(match download(&json) {
            true => (false, "Your data was saved as wellspring-data.json.".into()),
            false => (
                true,
                "The file could not be created in this browser.".into(),
            ),
        }));
    };
    let import = move |ev: leptos::ev::Event| {
        #[cfg(feature = "browser")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            leptos::task::spawn_local(async move {
                let result = read_file(&input)
                    .await
                    .and_then(|text| schema::import(&text));
                input.set_value("");
                message.set(Some(match result {
                    Ok(data) => {
                        let text = format!(
                            "Imported {} bookmarks and {} reading positions.",
                            data.bookmarks.len(),
                            data.progress.len()
                        );
                        apply_display(&data.display.clone().unwrap_or_default());
                        reader.replace(data);
                        (false, text)
                    }
                    Err(e) => (true, format!("{e} Nothing was changed.")),
                }));
            });
        }
        #[cfg(not(feature = "browser"))]
        let _ = ev;
    };
    let clear = move |_| {
        reader.replace(schema::ReaderData::default());
        apply_display(&Default::default());
        confirming.set(false);
        message.set(Some((
            false,
            "Everything Wellspring kept in this browser has been cleared.".into(),
        )));
    };

    view! {
        <div class="wrap narrow page">
            <h1>"Your data"</h1>
            <p class="lede">
                "Everything Wellspring remembers for you stays in this browser. It is never sent "
                "to our server or anyone else: there are no accounts, no cookies and no tracking."
            </p>
            <StorageNotice/>
            <section aria-labelledby="stored">
                <h2 id="stored">"What is stored"</h2>
                <Show when=move || reader.ready.get() fallback=|| view! { <p class="loading">"Reading what is stored…"</p> }>
                    <ul class="stored">
                        <li><strong>"Bookmarks: "</strong>{bookmarks} " you saved, and when you saved each one."</li>
                        <li><strong>"Reading progress: "</strong>"how far you got in " {positions} ", and when you last read them."</li>
                        <li><strong>"Reading history: "</strong>"when you read which article and for how long, for "<a href="/history">"your private reading summary"</a>"."</li>
                        <li><strong>"Display settings: "</strong>"the theme, text size, spacing, font and motion you chose on "<a href="/settings">"Display settings"</a>"."</li>
                    </ul>
                </Show>
                <p>"Clearing your browser's site data removes all of it too."</p>
            </section>
            <section aria-labelledby="offline-data">
                <h2 id="offline-data">"Offline reading"</h2>
                <OfflineStorage/>
            </section>
            <section aria-labelledby="manage">
                <h2 id="manage">"Take it with you, or start afresh"</h2>
                <div class="data-actions">
                    <button type="button" class="button" on:click=export>"Export my data"</button>
                    <label class="button button-quiet file-button">
                        "Import from a file"
                        <input type="file" accept="application/json,.json" on:change=import/>
                    </label>
                    <button type="button" class="button-quiet danger" on:click=move |_| confirming.set(true)>
                        "Clear everything"
                    </button>
                </div>
                <Show when=move || confirming.get()>
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-text">
                        <p id="confirm-text">"Remove all bookmarks, reading progress, reading history and display settings from this browser? This cannot be undone."</p>
                        <button type="button" class="button danger" on:click=clear>"Yes, clear everything"</button>
                        <button type="button" class="button-quiet" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </div>
                </Show>
                <div class="message-slot" role="status" aria-live="polite">
                    {move || message.get().map(|(error, text)| view! {
                        <p class=if error { "message error" } else { "message" }>{text}</p>
                    })}
                </div>
            </section>
        </div>
    }
}

/// Offers `json` as a file download. False if the browser refused.
fn download(_json: &str) -> bool {
    #[cfg(feature = "browser")]
    {
        use wasm_bindgen::JsCast;
        let run = || -> Option<()> {
            let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(_json));
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("application/json");
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
            let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
            let a: web_sys::HtmlAnchorElement =
                document().create_element("a").ok()?.dyn_into().ok()?;
            a.set_href(&url);
            a.set_download("wellspring-data.json");
            a.click();
            web_sys::Url::revoke_object_url(&url).ok()
        };
        run().is_some()
    }
    #[cfg(not(feature = "browser"))]
    false
}

#[cfg(feature = "browser")]
async fn read_file(input: &web_sys::HtmlInputElement) -> Result<String, schema::ImportError> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or(schema::ImportError::NotOurs)?;
    // Refuse before reading a huge file into memory.
    if file.size() > schema::MAX_IMPORT_BYTES as f64 {
        return Err(schema::ImportError::TooLarge);
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    text.ok()
        .and_then(|t| t.as_string())
        .ok_or(schema::ImportError::NotOurs)
}
