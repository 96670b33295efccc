//! Partner codes on a consultation's page: each partner's link, its QR code for posters, the
//! answers it brought, and retiring it. Plain forms: they work without JavaScript.

use leptos::prelude::*;

use crate::components::language::{isolate, locale};
use crate::domain::partner::PartnerForm;
use crate::domain::problem::FieldProblems;
use crate::domain::problem::Problem;
use crate::i18n::td_string;
use crate::pages::problems;
use crate::views::admin::PartnerListed;

/// A new partner posted without JavaScript that did not pass.
#[derive(Clone, Debug)]
pub struct PostedPartner {
    pub form: PartnerForm,
    pub errors: FieldProblems,
}

#[component]
pub fn Partners(
    consultation_id: i64,
    listed: Vec<PartnerListed>,
    posted: Option<PostedPartner>,
) -> impl IntoView {
    let l = locale();
    let base = format!("/admin/consultations/{consultation_id}/partners");
    let (form, errors) = posted.map(|p| (p.form, p.errors)).unwrap_or_default();
    let rows = listed
        .into_iter()
        .map(|listed| {
            let p = listed.partner;
            let link_label = td_string!(l, admin.link_for, name = isolate(&p.name)).to_string();
            let qr = format!("{base}/{}/qr", p.id);
            view! {
                <tr>
                    <th scope="row"><span dir="auto">{p.name}</span><br/><code>{p.code.as_str().to_owned()}</code>
                        {p.retired.then(|| view! { " " <span class="state state-closed">{td_string!(l, admin.retired)}</span> })}</th>
                    <td>{listed.answers}</td>
                    <td>
                        <input type="text" readonly value=listed.link.clone() dir="ltr"
                            aria-label=link_label/>
                        <a href=format!("{qr}.svg") download="qr.svg">"QR (SVG)"</a>
                        " · " <a href=format!("{qr}.png") download="qr.png">"QR (PNG)"</a>
                        {(!p.retired).then(|| view! {
                            <form method="post" action=format!("{base}/{}", p.id) class="inline">
                                <button type="submit" name="action" value="retire" class="button">{td_string!(l, admin.retire)}</button>
                            </form>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let error = |field: &str| errors.get(field).map(|&p| problems::say(p, l));
    let invalid = |field: &str| errors.contains_key(field);
    view! {
        <section aria-labelledby="partners-title">
            <h2 id="partners-title">{td_string!(l, admin.partners)}</h2>
            <p class="hint">{td_string!(l, admin.partners_hint)}</p>
            <table class="listing">
                <thead><tr>
                    <th scope="col">{td_string!(l, admin.partner)}</th>
                    <th scope="col">{td_string!(l, admin.answers)}</th>
                    <th scope="col">{td_string!(l, admin.link)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {(!errors.is_empty()).then(|| view! {
                <div class="error-summary" role="alert">
                    <p>{td_string!(l, admin.partner_needs_change)}</p>
                </div>
            })}
            <form method="post" action=base class="editor" novalidate>
                <div class="field" class:invalid=invalid("partner_name")>
                    <label for="partner_name">{td_string!(l, admin.partner_name)}</label>
                    <p class="field-error" id="partner_name-error">{error("partner_name")}</p>
                    <input id="partner_name" name="name" type="text" value=form.name dir="auto"
                        aria-invalid=invalid("partner_name").then_some("true")
                        aria-describedby="partner_name-error"/>
                </div>
                <div class="field" class:invalid=invalid("partner_code")>
                    <label for="partner_code">{td_string!(l, admin.partner_code)}</label>
                    <p class="hint" id="partner_code-hint">{problems::say(Problem::PartnerCode, l)}</p>
                    <p class="field-error" id="partner_code-error">{error("partner_code")}</p>
                    <input id="partner_code" name="code" type="text" value=form.code dir="ltr"
                        aria-invalid=invalid("partner_code").then_some("true")
                        aria-describedby="partner_code-hint partner_code-error"/>
                </div>
                <button type="submit" class="button primary">{td_string!(l, admin.add_partner)}</button>
            </form>
        </section>
    }
}
