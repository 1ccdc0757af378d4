//! The model's derived helpers: links, order, the region a page shows.

use super::*;

fn service(name: &str, regions: &[&str], audiences: &[Audience], hours: &str) -> Service {
    Service {
        name: name.into(),
        regions: regions.iter().map(|r| r.to_string()).collect(),
        audiences: audiences.to_vec(),
        description: format!("About {name}."),
        hours: hours.into(),
        languages: vec!["en".into()],
        verified: None,
        url: "https://example.org".into(),
        call: Some("116 123".into()),
        text: None,
        chat: None,
    }
}

fn directory() -> HelpDirectory {
    let region = |code: &str, emergency: &str| Region {
        code: code.into(),
        name: code.to_uppercase(),
        emergency: emergency.into(),
    };
    HelpDirectory {
        regions: vec![region("gb", "999"), region("au", "000")],
        services: vec![
            service(
                "Evening line",
                &["gb"],
                &[Audience::Everyone],
                "Every day, 6pm to 11pm",
            ),
            service("Night line", &["gb"], &[Audience::Everyone], ALWAYS_OPEN),
            service("Youth line", &["gb"], &[Audience::YoungPeople], "Weekdays"),
            service("Youth 24", &["gb"], &[Audience::YoungPeople], ALWAYS_OPEN),
            service(
                "World line",
                &[INTERNATIONAL],
                &[Audience::Lgbtq],
                ALWAYS_OPEN,
            ),
            service("Down under", &["au"], &[Audience::Everyone], ALWAYS_OPEN),
        ],
        default_code: "gb".into(),
        eap: None,
    }
}

fn names(list: &[&Service]) -> Vec<String> {
    list.iter().map(|s| s.name.clone()).collect()
}

#[test]
fn links_are_built_from_the_numbers_as_written() {
    assert_eq!(tel_href("116 123"), "tel:116123");
    assert_eq!(tel_href("1-800-662-4357"), "tel:18006624357");
    assert_eq!(tel_href("+44 116 123"), "tel:+44116123");
    assert_eq!(sms_href("85258", Some("SHOUT")), "sms:85258?body=SHOUT");
    assert_eq!(sms_href("678-678", Some("START")), "sms:678678?body=START");
    assert_eq!(sms_href("988", None), "sms:988");
    assert_eq!(sms_href("1", Some("A B&C")), "sms:1?body=A%20B%26C");
}

#[test]
fn channels_come_call_text_chat_with_labels() {
    let mut s = service("Line", &["gb"], &[Audience::Everyone], ALWAYS_OPEN);
    s.text = Some(TextLine {
        number: "85258".into(),
        keyword: Some("SHOUT".into()),
    });
    s.chat = Some("https://example.org/chat".into());
    let channels = s.channels();
    let kinds: Vec<_> = channels.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [ChannelKind::Call, ChannelKind::Text, ChannelKind::Chat]
    );
    assert_eq!(channels[0].label, "Call 116 123");
    assert_eq!(channels[1].label, "Text SHOUT to 85258");
    assert_eq!(channels[1].href, "sms:85258?body=SHOUT");
    assert_eq!(channels[2].href, "https://example.org/chat");
}

#[test]
fn services_for_a_region_and_audience_list_24_7_first_in_file_order() {
    let dir = directory();
    assert_eq!(
        names(&dir.services_for("gb", Audience::Everyone)),
        ["Night line", "Evening line"]
    );
    // International services are everyone's.
    assert_eq!(
        names(&dir.services_for("au", Audience::Lgbtq)),
        ["World line"]
    );
    assert!(dir.services_for("au", Audience::Parents).is_empty());
}

#[test]
fn a_box_adds_the_round_the_clock_crisis_lines_without_repeating() {
    let dir = directory();
    assert_eq!(
        names(&dir.box_services("gb", Audience::YoungPeople)),
        ["Youth 24", "Youth line", "Night line"]
    );
    assert_eq!(
        names(&dir.box_services("gb", Audience::Everyone)),
        ["Night line", "Evening line"]
    );
    assert_eq!(
        names(&dir.box_services("au", Audience::Parents)),
        ["Down under"]
    );
}

#[test]
fn emergency_and_audiences_of_a_region() {
    let dir = directory();
    assert_eq!(dir.emergency_for("au"), Some("000"));
    assert_eq!(dir.emergency_for("zz"), None);
    assert_eq!(dir.default_region().unwrap().code, "gb");
    assert_eq!(
        dir.audiences_in("gb"),
        [Audience::Everyone, Audience::YoungPeople, Audience::Lgbtq]
    );
}

#[test]
fn picking_a_region_from_the_query() {
    let dir = directory();
    let pick = dir.pick(None);
    assert_eq!(
        (pick.code.as_str(), pick.all, pick.unknown),
        ("gb", false, None)
    );
    let pick = dir.pick(Some("AU"));
    assert!(pick.shows("au") && !pick.shows("gb"));
    let pick = dir.pick(Some(ALL_REGIONS));
    assert!(pick.all && pick.shows("au") && pick.shows("gb"));
    let pick = dir.pick(Some("zz"));
    assert_eq!(pick.unknown.as_deref(), Some("zz"));
    assert!(pick.shows("gb") && !pick.shows("au"));
}

#[test]
fn audiences_round_trip_through_their_ids() {
    for a in Audience::ALL {
        assert_eq!(Audience::from_id(a.id()), Some(a));
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, format!("\"{}\"", a.id()));
    }
    assert_eq!(Audience::from_id("teens"), None);
}

#[test]
fn numbers_are_every_emergency_call_and_text_number_as_digits() {
    let mut dir = directory();
    dir.services[0].text = Some(TextLine {
        number: "678-678".into(),
        keyword: None,
    });
    let numbers = dir.numbers();
    for n in ["999", "000", "116123", "678678"] {
        assert!(numbers.iter().any(|x| x == n), "{n} in {numbers:?}");
    }
}
