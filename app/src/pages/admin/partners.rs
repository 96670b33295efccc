//! Partner codes on a consultation's page: each partner's link, its QR code for posters, the
//! answers it brought, and retiring it. Plain forms: they work without JavaScript.

use leptos::prelude::*;

use crate::api::admin::PartnerListed;
use crate::domain::authoring::FieldMessages;
use crate::domain::partner::{CODE_RULE, PartnerForm};

/// A new partner posted without JavaScript that did not pass.
#[derive(Clone, Debug)]
pub struct PostedPartner {
    pub form: PartnerForm,
    pub errors: FieldMessages,
}

#[component]
pub fn Partners(
    consultation_id: i64,
    listed: Vec<PartnerListed>,
    posted: Option<PostedPartner>,
) -> impl IntoView {
    let base = format!("/admin/consultations/{consultation_id}/partners");
    let (form, errors) = posted.map(|p| (p.form, p.errors)).unwrap_or_default();
    let rows = listed
        .into_iter()
        .map(|l| {
            let p = l.partner;
            let link_label = format!("Link for {}", p.name);
            let qr = format!("{base}/{}/qr", p.id);
            view! {
                <tr>
                    <th scope="row">{p.name}<br/><code>{p.code.as_str().to_owned()}</code>
                        {p.retired.then(|| view! { " " <span class="state state-closed">"retired"</span> })}</th>
                    <td>{l.answers}</td>
                    <td>
                        <input type="text" readonly value=l.link.clone() dir="ltr"
                            aria-label=link_label/>
                        <a href=format!("{qr}.svg") download="qr.svg">"QR (SVG)"</a>
                        " · " <a href=format!("{qr}.png") download="qr.png">"QR (PNG)"</a>
                        {(!p.retired).then(|| view! {
                            <form method="post" action=format!("{base}/{}", p.id) class="inline">
                                <button type="submit" name="action" value="retire" class="button">"Retire"</button>
                            </form>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let error = |field: &str| errors.get(field).cloned();
    let invalid = |field: &str| errors.contains_key(field);
    view! {
        <section aria-labelledby="partners-title">
            <h2 id="partners-title">"Partner links"</h2>
            <p class="hint">
                "Give each partner organisation its own link and QR code. Answers that arrive "
                "through it record the code and nothing else, so you see which channels work. A "
                "retired code stops counting; its link still lets young people answer."
            </p>
            <table class="listing">
                <thead><tr><th scope="col">"Partner"</th><th scope="col">"Answers"</th><th scope="col">"Link"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {(!errors.is_empty()).then(|| view! {
                <div class="error-summary" role="alert">
                    <p>"The partner needs a change (see the marked fields). Nothing was saved yet."</p>
                </div>
            })}
            <form method="post" action=base class="editor" novalidate>
                <div class="field" class:invalid=invalid("partner_name")>
                    <label for="partner_name">"Partner's name"</label>
                    <p class="field-error" id="partner_name-error">{error("partner_name")}</p>
                    <input id="partner_name" name="name" type="text" value=form.name dir="auto"
                        aria-invalid=invalid("partner_name").then_some("true")
                        aria-describedby="partner_name-error"/>
                </div>
                <div class="field" class:invalid=invalid("partner_code")>
                    <label for="partner_code">"Code in the link"</label>
                    <p class="hint" id="partner_code-hint">{CODE_RULE}</p>
                    <p class="field-error" id="partner_code-error">{error("partner_code")}</p>
                    <input id="partner_code" name="code" type="text" value=form.code dir="ltr"
                        aria-invalid=invalid("partner_code").then_some("true")
                        aria-describedby="partner_code-hint partner_code-error"/>
                </div>
                <button type="submit" class="button primary">"Add partner"</button>
            </form>
        </section>
    }
}
