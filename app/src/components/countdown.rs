use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsValue;

use crate::domain::lifecycle::UnixTime;
use crate::domain::time_fmt::duration;
use crate::i18n::{I18nLocaleTrait, Locale, td_string};

/// The opening time, rewritten in the reader's own language and time zone once the browser can,
/// and a countdown that reloads the page when the consultation opens. Without JavaScript it
/// shows the time in UTC and, in English, the countdown at the moment the page was made (the
/// server has no words for durations in the other languages; the browser has).
#[island]
pub fn Countdown(
    locale: Locale,
    opens_at: UnixTime,
    now: UnixTime,
    utc_label: String,
    iso: String,
) -> impl IntoView {
    let now = RwSignal::new(now);
    let label = RwSignal::new(utc_label);
    let in_browser = RwSignal::new(false);
    Effect::new(move |_| {
        in_browser.set(true);
        label.set(format!(
            "{} {}",
            local_time(opens_at, locale),
            td_string!(locale, before.your_time)
        ));
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
    let left = move || {
        let secs = (opens_at - now.get()).max(0);
        if in_browser.get() {
            Some(local_duration(secs, locale))
        } else {
            (locale == Locale::en).then(|| duration(secs))
        }
    };
    view! {
        <p class="opens">
            {td_string!(locale, before.opens)} " " <time datetime=iso>{label}</time>
        </p>
        <p class="countdown">{move || left().map(|left| format!("{} {left}", td_string!(locale, before.left)))}</p>
    }
}

fn local_time(t: UnixTime, locale: Locale) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(t as f64 * 1000.0));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"full".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string(locale.as_str(), &options).into()
}

/// "3 hours 12 minutes" in the reader's language, by the browser's own number formats.
fn local_duration(secs: i64, locale: Locale) -> String {
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
        let locales = js_sys::Array::of1(&locale.as_str().into());
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
