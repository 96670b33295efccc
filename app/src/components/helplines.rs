use leptos::prelude::*;

/// Child Helpline International keeps the directory of free, confidential helplines by country.
const DIRECTORY: &str = "https://childhelplineinternational.org/helplines/";

#[component]
pub fn Helplines() -> impl IntoView {
    view! {
        <section class="helplines" aria-labelledby="helplines-title">
            <h2 id="helplines-title">"Need to talk to someone?"</h2>
            <p>
                "If something online has hurt, scared or worried you, it is not your fault and you "
                "are not alone. You can talk to an adult you trust, or call a child helpline: it is "
                "free and you do not have to give your name."
            </p>
            <p>
                <a href=DIRECTORY rel="noopener">"Find the child helpline in your country"</a>
            </p>
            <p>"If you are in danger right now, call your local emergency number."</p>
        </section>
    }
}

/// Shown first when an answer may tell us a child is being hurt or is in danger.
#[component]
pub fn UrgentHelp() -> impl IntoView {
    view! {
        <section class="helplines urgent" aria-labelledby="urgent-title">
            <h2 id="urgent-title">"You deserve to be safe"</h2>
            <p>
                "Something you wrote sounds like you may be going through something hard. It is "
                "not your fault, and you do not have to deal with it alone. Your answers are "
                "anonymous, so we cannot contact you: please reach out to someone who can help."
            </p>
            <ul>
                <li><strong>"In danger right now? "</strong>"Call your local emergency number."</li>
                <li>
                    <a href=DIRECTORY rel="noopener">"Talk to a child helpline in your country"</a>
                    ": it is free, you do not have to give your name, and they are there for you."
                </li>
                <li>"Tell an adult you trust: a parent or carer, a teacher, a school counsellor."</li>
                <li>"If someone is threatening to share pictures of you: do not pay and do not send more. Keep the messages and tell an adult or a helpline."</li>
            </ul>
        </section>
    }
}
