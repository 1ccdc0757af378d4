//! `/help`: crisis and support resources, one tap away from every page.
//!
//! Only real services with their country. Keep this list checked against each service's
//! own site when editing; a wrong number here is the worst bug Wellspring can have.

use crate::components::meta::PageMeta;
use leptos::prelude::*;

struct Contact {
    label: &'static str,
    href: &'static str,
}

struct Service {
    name: &'static str,
    region: &'static str,
    about: &'static str,
    contacts: &'static [Contact],
}

const fn call(label: &'static str, href: &'static str) -> Contact {
    Contact { label, href }
}

const EMERGENCY: &[(&str, &[Contact])] = &[
    ("United States and Canada", &[call("Call 911", "tel:911")]),
    ("United Kingdom", &[call("Call 999", "tel:999")]),
    ("European Union", &[call("Call 112", "tel:112")]),
    ("Australia", &[call("Call 000", "tel:000")]),
];

const CRISIS_LINES: &[Service] = &[
    Service {
        name: "988 Suicide & Crisis Lifeline",
        region: "United States",
        about: "Free, confidential support for anyone in distress, any time of day or night, in English and Spanish.",
        contacts: &[call("Call 988", "tel:988"), call("Text 988", "sms:988")],
    },
    Service {
        name: "9-8-8 Suicide Crisis Helpline",
        region: "Canada",
        about: "Trained responders, any time of day or night, in English and French.",
        contacts: &[call("Call 988", "tel:988"), call("Text 988", "sms:988")],
    },
    Service {
        name: "Crisis Text Line",
        region: "United States",
        about: "A trained volunteer by text message, any time.",
        contacts: &[call("Text HOME to 741741", "sms:741741?body=HOME")],
    },
    Service {
        name: "Samaritans",
        region: "United Kingdom and Ireland",
        about: "Someone to listen, free, day or night, whatever you are going through.",
        contacts: &[call("Call 116 123", "tel:116123")],
    },
    Service {
        name: "Shout",
        region: "United Kingdom",
        about: "Free, confidential crisis support by text, any time.",
        contacts: &[call("Text SHOUT to 85258", "sms:85258?body=SHOUT")],
    },
    Service {
        name: "Lifeline",
        region: "Australia",
        about: "Crisis support and suicide prevention, any time of day or night.",
        contacts: &[call("Call 13 11 14", "tel:131114")],
    },
];

const SPECIFIC: &[Service] = &[
    Service {
        name: "The Trevor Project",
        region: "United States",
        about: "Crisis support for LGBTQ+ young people, any time.",
        contacts: &[
            call("Call 1-866-488-7386", "tel:+18664887386"),
            call("Text START to 678-678", "sms:678678?body=START"),
        ],
    },
    Service {
        name: "Trans Lifeline",
        region: "United States and Canada",
        about: "Peer support run by and for trans people.",
        contacts: &[
            call("US: 877-565-8860", "tel:+18775658860"),
            call("Canada: 877-330-6366", "tel:+18773306366"),
        ],
    },
    Service {
        name: "SAMHSA National Helpline",
        region: "United States",
        about: "Free, confidential information and treatment referral for substance use and mental health, every day of the year.",
        contacts: &[call("Call 1-800-662-4357", "tel:+18006624357")],
    },
];

fn contacts(list: &'static [Contact]) -> impl IntoView {
    list.iter()
        .map(|c| view! { <a class="call" href=c.href>{c.label}</a> })
        .collect_view()
}

fn services(list: &'static [Service]) -> impl IntoView {
    list.iter()
        .map(|s| {
            view! {
                <li class="service">
                    <h3>{s.name}</h3>
                    <p class="service-region">{s.region}</p>
                    <p>{s.about}</p>
                    <p class="calls">{contacts(s.contacts)}</p>
                </li>
            }
        })
        .collect_view()
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let emergency = EMERGENCY
        .iter()
        .map(|(region, list)| view! { <li><span>{*region}</span> {contacts(list)}</li> })
        .collect_view();
    view! {
        <PageMeta
            title="Get help now"
            description="Crisis lines and emergency numbers you can call or text right now, and other ways to find support."
            path="/help"
        />
        <div class="wrap narrow page help">
            <h1>"Get help now"</h1>
            <section class="urgent" aria-labelledby="danger">
                <h2 id="danger">"If you or someone else is in danger right now"</h2>
                <p>"Call your local emergency number. If you are not sure of it:"</p>
                <ul class="emergency">{emergency}</ul>
                <p>"Anywhere else, call your country's emergency number or go to the nearest emergency department."</p>
            </section>
            <section aria-labelledby="talk">
                <h2 id="talk">"Talk to someone now"</h2>
                <p>
                    "If you are thinking about suicide, or feel you can't cope, these free services "
                    "will listen. You don't need to be in crisis to reach out."
                </p>
                <ul class="services">{services(CRISIS_LINES)}</ul>
                <p>
                    "Outside these countries, "
                    <a href="https://findahelpline.com" rel="noopener noreferrer">"findahelpline.com"</a>
                    " lists free helplines around the world."
                </p>
            </section>
            <section aria-labelledby="specific">
                <h2 id="specific">"Support for specific needs"</h2>
                <ul class="services">{services(SPECIFIC)}</ul>
            </section>
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
