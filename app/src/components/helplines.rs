use leptos::prelude::*;

use crate::api::respond::HelplineLink;

/// Child Helpline International keeps the directory of free, confidential helplines by country.
const DIRECTORY: &str = "https://childhelplineinternational.org/helplines/";

/// Helplines, always on the thank-you page: the directory, then those organizers `listed`. `urgent` when an answer may tell us a child is being
/// hurt or is in danger: then it is written for that child and shown first. One element
/// structure for both keeps the wasm small.
#[component]
pub fn Helplines(urgent: bool, listed: Vec<HelplineLink>) -> impl IntoView {
    let [title, intro, helpline, adult] = if urgent {
        [
            "You deserve to be safe",
            "Something you wrote sounds like you may be going through something hard. It is not \
             your fault, and you do not have to deal with it alone. Your answers are anonymous, so \
             we cannot contact you: please reach out to someone who can help.",
            "Talk to a child helpline in your country: it is free and you do not have to give your name",
            "Tell an adult you trust: a parent or carer, a teacher, a school counsellor. If someone \
             threatens to share pictures of you, do not pay and do not send more: keep the \
             messages and tell an adult or a helpline.",
        ]
    } else {
        [
            "Need to talk to someone?",
            "If something online has hurt, scared or worried you, it is not your fault and you are \
             not alone.",
            "Find the child helpline in your country: it is free and you do not have to give your name",
            "You can also talk to an adult you trust.",
        ]
    };
    view! {
        <section class="helplines" class:urgent=urgent aria-labelledby="helplines-title">
            <h2 id="helplines-title">{title}</h2>
            <p>{intro}</p>
            <p><strong>"In danger right now? "</strong>"Call your local emergency number."</p>
            <p><a href=DIRECTORY rel="noopener">{helpline}</a></p>
            {(!listed.is_empty()).then(|| view! {
                <ul class="listed-helplines">
                    {listed.into_iter().map(|h| view! {
                        <li><span dir="auto">{h.name}</span>": "<a href=h.href dir="ltr">{h.text}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <p>{adult}</p>
        </section>
    }
}
