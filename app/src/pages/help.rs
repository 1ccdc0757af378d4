//! `/help`: crisis and support services, one tap away from every page, for the reader's
//! region. Every number comes from content/help.toml; none is written here.
//!
//! The page renders one `help-region` block per region, all but the shown one `hidden`, so
//! it works without JavaScript (the region picker is a GET form: `/help?region=gb`) and the
//! browser can show the reader's stored choice by toggling `hidden`.

use crate::api::get_help;
use crate::components::meta::PageMeta;
use crate::components::region_picker::{RegionOption, RegionPicker};
use crate::help::{tel_href, ChannelKind, HelpDirectory, Region, RegionPick, Service, ALL_REGIONS};
use crate::site::{Eap, EAP_HEADING};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HelpPage() -> impl IntoView {
    let query = use_query_map();
    let help = Resource::new(|| (), |_| get_help());
    view! {
        <PageMeta
            title="Get help now"
            description="Crisis lines and emergency numbers you can call or text right now, for where you are, and other ways to find support."
            path="/help"
        />
        <div class="wrap narrow page help">
            <h1>"Get help now"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading the help lines…"</p> }>
                {move || {
                    let asked = query.read().get("region");
                    Suspend::new(async move {
                        match help.await {
                            Ok(dir) => {
                                let pick = dir.pick(asked.as_deref());
                                view! { <Directory dir pick/> }.into_any()
                            }
                            Err(_) => view! { <NotLoaded/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
            <section aria-labelledby="more">
                <h2 id="more">"Other ways to get support"</h2>
                <ul>
                    <li>"Your doctor or GP can talk things through and tell you about treatment and local services."</li>
                    <li>"Your workplace Employee Assistance Programme (EAP), if you have one, usually offers free, confidential counselling. Your HR team or intranet can tell you how to reach it."</li>
                    <li>"Someone you trust: a friend, a family member, a colleague. Saying it out loud to one person can make the next step easier."</li>
                </ul>
            </section>
        </div>
    }
}

/// Without the help data (offline, before it was ever loaded), still say what to do.
#[component]
fn NotLoaded() -> impl IntoView {
    view! {
        <section class="urgent" aria-labelledby="danger">
            <h2 id="danger">"If you or someone else is in danger right now"</h2>
            <p>"Call your local emergency number or go to the nearest emergency department."</p>
            <p>"The list of help lines could not be loaded. Please try again in a moment."</p>
        </section>
    }
}

#[component]
fn Directory(dir: HelpDirectory, pick: RegionPick) -> impl IntoView {
    let notice = pick.unknown.as_ref().map(|asked| {
        let shown = dir.region(&pick.code).map(|r| r.name.clone());
        view! {
            <p class="notice" role="status">
                "There is no region called “" {asked.clone()} "” here, so this page shows "
                {shown} "."
            </p>
        }
    });
    // A GET form without JavaScript; hydrated, the reader's choice applies at once and is kept.
    let options: Vec<RegionOption> = dir
        .regions
        .iter()
        .map(|r| RegionOption {
            code: r.code.clone(),
            name: r.name.clone(),
        })
        .collect();
    let shown = if pick.all {
        ALL_REGIONS.to_string()
    } else {
        pick.code.clone()
    };
    let eap = dir.eap.clone().map(|eap| view! { <EapSection eap/> });
    let blocks = dir
        .regions
        .iter()
        .map(|r| region_block(&dir, r, pick.shows(&r.code)))
        .collect_view();
    view! {
        <RegionPicker options shown/>
        {notice}
        {blocks}
        <p>
            "Somewhere else? "
            <a href="https://findahelpline.com" rel="noopener noreferrer">"findahelpline.com"</a>
            " lists free helplines around the world."
        </p>
        {eap}
    }
}

/// The organisation's employee assistance programme (site.toml), above the other ways to
/// get support, which mention EAPs in general.
#[component]
fn EapSection(eap: Eap) -> impl IntoView {
    let call = eap.phone.clone().map(|phone| {
        let href = tel_href(&phone);
        view! { <a class="call" href=href>"Call " {phone}</a> " " }
    });
    let site = eap.url.clone().map(|url| {
        view! { <a href=url rel="noopener noreferrer">"Visit their website"</a> }
    });
    view! {
        <section class="eap" aria-labelledby="eap">
            <h2 id="eap">{EAP_HEADING}</h2>
            <p>
                <strong>{eap.name.clone()}</strong>
            </p>
            {eap.hours.clone().map(|hours| view! { <p class="service-hours">{hours}</p> })}
            <p class="calls">{call} {site}</p>
        </section>
    }
}

/// One region: its emergency number first, then its services by audience, round-the-clock
/// ones first in each.
fn region_block(dir: &HelpDirectory, region: &Region, shown: bool) -> impl IntoView {
    let code = region.code.clone();
    let danger = format!("danger-{code}");
    let danger_label = danger.clone();
    let groups = dir
        .audiences_in(&code)
        .into_iter()
        .map(|audience| {
            let id = format!("{}-{code}", audience.id());
            let labelled_by = id.clone();
            let services = dir
                .services_for(&code, audience)
                .into_iter()
                .map(service)
                .collect_view();
            view! {
                <section aria-labelledby=labelled_by>
                    <h3 id=id>{audience.heading()}</h3>
                    <ul class="services">{services}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <div class="help-region" data-region=code.clone() hidden=!shown>
            <h2>{region.name.clone()}</h2>
            <section class="urgent" aria-labelledby=danger_label>
                <h3 id=danger>"If you or someone else is in danger right now"</h3>
                <p>
                    <a class="call" href=region.emergency_href()>"Call " {region.emergency.clone()}</a>
                    " for police, ambulance or fire, or go to the nearest emergency department."
                </p>
            </section>
            {groups}
        </div>
    }
}

fn service(s: &Service) -> impl IntoView {
    let hours = if s.is_always_open() {
        "Open 24 hours a day, every day".to_string()
    } else {
        s.hours.clone()
    };
    let links = s
        .channels()
        .into_iter()
        .map(|c| {
            // A chat page is another site: as for external links in articles.
            let rel = (c.kind == ChannelKind::Chat).then_some("noopener noreferrer");
            view! { <a class="call" href=c.href rel=rel>{c.label}</a> " " }
        })
        .collect_view();
    view! {
        <li class="service">
            <h4>{s.name.clone()}</h4>
            <p class="service-hours">{hours}</p>
            <p>{s.description.clone()}</p>
            <p class="calls">{links}</p>
        </li>
    }
}
