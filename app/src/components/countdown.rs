use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsValue;

use crate::domain::lifecycle::UnixTime;
use crate::domain::time_fmt::duration;

/// The opening time, rewritten in the reader's own language and time zone once the browser can,
/// and a countdown that reloads the page when the consultation opens. Without JavaScript it
/// shows the time in UTC and, in English, the countdown at the moment the page was made (the
/// server has no words for durations in the other languages; the browser has).
#[island]
pub fn Countdown(
    opens_at: UnixTime,
    now: UnixTime,
    utc_label: String,
    iso: String,
    /// The page's language and its words: an island gets them as props.
    lang: String,
    opens: String,
    left: String,
    your_time: String,
) -> impl IntoView {
    let now = RwSignal::new(now);
    let label = RwSignal::new(utc_label);
    let in_browser = RwSignal::new(false);
    let english = lang == "en";
    let lang_for_label = lang.clone();
    Effect::new(move |_| {
        in_browser.set(true);
        label.set(format!("{} {your_time}", local_time(opens_at, &lang_for_label)));
        let tick = move || {
            let t = (js_sys::Date::now() / 1000.0) as UnixTime;
            now.set(t);
            if t >= opens_at {
                let _ = window().location().reload();
            }
        };
        tick();
        let _ = set_interval_with_handle(tick, Duration::from_secs(15));
    });
    let remaining = move || {
        let secs = (opens_at - now.get()).max(0);
        if in_browser.get() {
            Some(local_duration(secs, &lang))
        } else {
            english.then(|| duration(secs))
        }
    };
    view! {
        <p class="opens">{opens} " " <time datetime=iso>{label}</time></p>
        <p class="countdown">{move || remaining().map(|r| format!("{left} {r}"))}</p>
    }
}

fn local_time(t: UnixTime, lang: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(t as f64 * 1000.0));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"full".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(lang, &options).into()
}

/// "3 hours 12 minutes" in the reader's language, by the browser's own number formats.
fn local_duration(secs: i64, lang: &str) -> String {
    let (days, hours, minutes) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    let parts = match (days, hours) {
        (0, 0) => vec![(minutes, "minute")],
        (0, h) => vec![(h, "hour"), (minutes, "minute")],
        (d, h) => vec![(d, "day"), (h, "hour")],
    };
    let unit = |n: i64, unit: &str| {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"style".into(), &"unit".into());
        let _ = js_sys::Reflect::set(&options, &"unit".into(), &unit.into());
        let _ = js_sys::Reflect::set(&options, &"unitDisplay".into(), &"long".into());
        let locales = js_sys::Array::of1(&lang.into());
        let format = js_sys::Intl::NumberFormat::new(&locales, &options);
        format
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(n as f64))
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    };
    parts.into_iter().map(|(n, u)| unit(n, u)).collect::<Vec<_>>().join(" ")
}
