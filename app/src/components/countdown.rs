use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsValue;

use crate::domain::lifecycle::UnixTime;
use crate::domain::time_fmt::duration;

/// The opening time, rewritten in the reader's own time zone once the browser can, and a
/// countdown that reloads the page when the consultation opens. Without JavaScript it shows the
/// time in UTC and the countdown at the moment the page was made.
#[island]
pub fn Countdown(
    opens_at: UnixTime,
    now: UnixTime,
    utc_label: String,
    iso: String,
) -> impl IntoView {
    let now = RwSignal::new(now);
    let label = RwSignal::new(utc_label);
    Effect::new(move |_| {
        label.set(local_time(opens_at));
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
    view! {
        <p class="opens">
            "Opens " <time datetime=iso>{label}</time>
        </p>
        <p class="countdown">{move || format!("That is in {}.", duration((opens_at - now.get()).max(0)))}</p>
    }
}

fn local_time(t: UnixTime) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(t as f64 * 1000.0));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"full".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    let lang = document().document_element().and_then(|e| e.get_attribute("lang"));
    let text: String = date.to_locale_string(lang.as_deref().unwrap_or("en"), &options).into();
    format!("{text} (your time)")
}
