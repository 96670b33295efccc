//! Bar charts drawn on the server as SVG: no script, prints as it shows. The table beside each
//! chart carries the same numbers for screen readers, so the chart itself is hidden from them.

use leptos::prelude::*;

use crate::domain::summary::share;
use crate::domain::suppression::Shown;

const WIDTH: f64 = 320.0;
const LABEL_END: f64 = 140.0;
const BAR_START: f64 = 146.0;
const BAR_SPACE: f64 = 130.0;
const ROW: f64 = 24.0;
/// What fits left of the bars at this font size.
const LABEL_CHARS: usize = 20;

/// One bar per row, its length the row's share of `base`.
#[component]
pub fn BarChart(rows: Vec<(String, Shown)>, base: u64, k: u64) -> impl IntoView {
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
                    view! {
                        <rect class="bar" x=BAR_START y=y + 4.0 width=width height=ROW - 8.0/>
                        <text class="value" x=BAR_START + width + 4.0 y=middle>{format!("{percent}%")}</text>
                    }
                    .into_any()
                }
                None => view! {
                    <text class="value muted" x=BAR_START y=middle>{count_text(count, k)}</text>
                }
                .into_any(),
            };
            view! {
                <text class="label" x=LABEL_END y=middle text-anchor="end">{shorten(&label)}</text>
                {bar}
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true"
            preserveAspectRatio="xMinYMin meet" role="presentation">
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

/// How a count reads in a chart or a table.
pub fn count_text(count: Shown, k: u64) -> String {
    match count.count() {
        Some(n) => thousands(n),
        None => count.withheld_text(k).unwrap_or_default(),
    }
}

/// "12,345".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn long_labels_are_shortened_in_the_chart_only() {
        assert_eq!(shorten("Yes"), "Yes");
        let short = shorten("A very long answer option label indeed");
        assert!(short.chars().count() <= LABEL_CHARS && short.ends_with('…'), "{short}");
    }
}
