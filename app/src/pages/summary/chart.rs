//! Bar charts drawn on the server as SVG: no script, prints as it shows. The table beside each
//! chart carries the same numbers for screen readers, so the chart itself is hidden from them.
//! Right to left, the chart is mirrored: labels on the right, bars growing leftwards.

use leptos::prelude::*;

use super::words;
use crate::components::language::language;
use crate::domain::summary::share;
use crate::domain::suppression::Shown;
use crate::i18n::Locale;

const WIDTH: f64 = 320.0;
const LABEL_END: f64 = 140.0;
const BAR_START: f64 = 146.0;
const BAR_SPACE: f64 = 130.0;
const ROW: f64 = 24.0;
/// What fits beside the bars at this font size.
const LABEL_CHARS: usize = 20;

/// One bar per row, its length the row's share of `base`.
#[component]
pub fn BarChart(rows: Vec<(String, Shown)>, base: u64, k: u64, locale: Locale) -> impl IntoView {
    let rtl = language(locale).right_to_left();
    // Distances from the start edge: the left one, or the right one right to left.
    let at = move |x: f64| if rtl { WIDTH - x } else { x };
    let height = ROW * rows.len() as f64;
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, count))| {
            let y = ROW * i as f64;
            let middle = y + ROW / 2.0 + 4.0;
            let bar = match share(count, base) {
                Some(percent) => {
                    let width = (BAR_SPACE * percent / 100.0).max(1.0);
                    let left = if rtl { at(BAR_START) - width } else { BAR_START };
                    view! {
                        <rect class="bar" x=left y=y + 4.0 width=width height=ROW - 8.0/>
                        <text class="value" x=at(BAR_START + width + 4.0) y=middle>
                            {words::percent(percent, locale)}
                        </text>
                    }
                    .into_any()
                }
                None => view! {
                    <text class="value muted" x=at(BAR_START) y=middle>{words::count(count, k, locale)}</text>
                }
                .into_any(),
            };
            view! {
                <text class="label" x=at(LABEL_END) y=middle text-anchor="end">{shorten(&label)}</text>
                {bar}
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true"
            direction=if rtl { "rtl" } else { "ltr" }
            preserveAspectRatio=if rtl { "xMaxYMin meet" } else { "xMinYMin meet" } role="presentation">
            {bars}
        </svg>
    }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_owned()
    } else {
        let short: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", short.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_shortened_in_the_chart_only() {
        assert_eq!(shorten("Yes"), "Yes");
        let short = shorten("A very long answer option label indeed");
        assert!(short.chars().count() <= LABEL_CHARS && short.ends_with('…'), "{short}");
    }
}
