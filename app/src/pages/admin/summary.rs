use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::summary::load_draft;
use crate::components::language::locale;
use crate::components::staff::StaffGate;
use crate::domain::lifecycle::Unpublishable;
use crate::error::AppError;
use crate::i18n::td_string;
use crate::pages::summary::SummaryDocument;

/// The summary as the data stands now, for staff, with "Publish" for organizers once the
/// consultation has closed.
#[component]
pub fn DraftSummaryPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let not_closed = use_query_map().read_untracked().get("not_closed").is_some();
    view! {
        <Title text="Summary (draft)"/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let draft = match id {
                    Some(id) => load_draft(id).await,
                    None => Err(AppError::NotFound),
                };
                view! {
                    <StaffGate result=draft.map(|draft| {
                        let published = draft.published_version.map(|v| view! {
                            <p>
                                {format!("Version {v} is published. ")}
                                <a href=format!("/c/{}/summary", draft.slug)>"Read the published summary"</a>
                            </p>
                        });
                        let action = if draft.published_version.is_some() { "Publish a new version" } else { "Publish" };
                        view! {
                            <div class="notice draft-actions" role="status">
                                <p><strong>"Draft."</strong>" Numbers change as moderation goes on; delegates \
                                    read only what is published, frozen as it was."</p>
                                {published}
                                {not_closed.then(|| view! {
                                    <p class="error-summary" role="alert">"The summary can be published once the \
                                        consultation has closed and late answers can no longer arrive."</p>
                                })}
                                {match (draft.publishable, draft.organizer) {
                                    (Err(Unpublishable::Purged), _) => view! {
                                        <p role="status">"The answers were deleted after the retention \
                                            period; the published summary stays as it is and cannot be \
                                            published again."</p>
                                    }.into_any(),
                                    (Ok(()), true) => view! {
                                        <form method="post" action=format!("/admin/consultations/{}/publish", draft.id)>
                                            <button type="submit" class="button primary">{action}</button>
                                        </form>
                                    }.into_any(),
                                    (Err(Unpublishable::AnswersMayArrive), true) => view! {
                                        <p>"You can publish once the consultation has closed."</p>
                                    }.into_any(),
                                    (_, false) => ().into_any(),
                                }}
                                <p><a href=format!("/admin/consultations/{}", draft.id)>"Back to the consultation"</a></p>
                            </div>
                            <SummaryDocument summary=draft.summary status=td_string!(locale(), summary.draft).to_owned() downloads=None/>
                        }
                    })/>
                }
            })}
        </Suspense>
    }
}
