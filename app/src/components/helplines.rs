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
