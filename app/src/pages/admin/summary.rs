use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::summary::load_draft;
use crate::components::language::{href, locale};
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
    let l = locale();
    view! {
        <Title text=td_string!(l, admin.summary_draft_title)/>
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
                                {td_string!(l, admin.version_published, version = v).to_string()}" "
                                <a href=href(&format!("/c/{}/summary", draft.slug), l)>{td_string!(l, admin.read_published)}</a>
                            </p>
                        });
                        let action = if draft.published_version.is_some() {
                            td_string!(l, admin.publish_again)
                        } else {
                            td_string!(l, admin.publish)
                        };
                        view! {
                            <div class="notice draft-actions" role="status">
                                <p>{td_string!(l, admin.draft_note)}</p>
                                {published}
                                {not_closed.then(|| view! {
                                    <p class="error-summary" role="alert">{td_string!(l, admin.not_closed)}</p>
                                })}
                                {(draft.held_undecided > 0).then(|| {
                                    let n = draft.held_undecided.to_string();
                                    view! {
                                        <p class="warning" id="held-undecided-warning">
                                            {td_string!(l, admin.held_undecided, n).to_string()}" "
                                            <a href=href("/moderate/held", l)>{td_string!(l, admin.held_lane)}</a>
                                        </p>
                                    }
                                })}
                                {match (draft.publishable, draft.organizer) {
                                    (Err(Unpublishable::Purged), _) => view! {
                                        <p role="status">{td_string!(l, admin.purged_note)}</p>
                                    }.into_any(),
                                    (Ok(()), true) => view! {
                                        <form method="post" action=format!("/admin/consultations/{}/publish", draft.id)>
                                            <button type="submit" class="button primary">{action}</button>
                                        </form>
                                    }.into_any(),
                                    (Err(Unpublishable::AnswersMayArrive), true) => view! {
                                        <p>{td_string!(l, admin.publish_when_closed)}</p>
                                    }.into_any(),
                                    (_, false) => ().into_any(),
                                }}
                                <p><a href=format!("/admin/consultations/{}", draft.id)>{td_string!(l, admin.back_to_consultation)}</a></p>
                            </div>
                            <SummaryDocument summary=draft.summary status=td_string!(l, summary.draft).to_owned() downloads=None follow_up=None/>
                        }
                    })/>
                }
            })}
        </Suspense>
    }
}
