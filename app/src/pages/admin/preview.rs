use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::admin::load_preview;
use crate::components::language::{Untranslated, language, locale};
use crate::components::staff::StaffGate;
use crate::error::AppError;
use crate::i18n::td_string;
use crate::pages::respond::flow::{FlowStart, RespondFlow};

/// The consultation as a young person will see it, before it opens, in the page's language
/// (translations included): the intro, and the questions at `?step=answer`. Nothing can be sent.
#[component]
pub fn PreviewPage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|id| id.parse::<i64>().ok());
    let start = FlowStart::asked();
    view! {
        <Title text=td_string!(locale(), admin.preview_title)/>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let page = match id {
                    Some(id) => load_preview(id, language(locale())).await.map(|page| (id, page)),
                    None => Err(AppError::NotFound),
                };
                view! {
                    <StaffGate result=page.and_then(|(id, page)| {
                        let (title_lang, original) = (page.title_lang(), page.original());
                        let form = page.form.ok_or(AppError::NotFound)?;
                        Ok(view! {
                            <p class="notice" role="status">
                                {td_string!(locale(), admin.preview_note)}" "
                                <a href=format!("/admin/consultations/{id}")>{td_string!(locale(), admin.back_to_editing)}</a>
                            </p>
                            <h1 lang=title_lang>{page.title}</h1>
                            <Untranslated original/>
                            <RespondFlow at=format!("/admin/consultations/{id}/preview")
                                slug=page.slug link=page.link description=page.description meeting=page.meeting
                                form start preview=true helplines=page.helplines fallback=page.fallback/>
                        })
                    })/>
                }
            })}
        </Suspense>
    }
}
