use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};
use std::sync::Arc;

use crate::components::language::{LanguageSwitcher, LocalTimes, PageLanguage, href, locale};
use crate::components::status::NotFound;
use crate::http::{Keep, set_cache, set_content_security_policy};
use crate::i18n::td_string;
use crate::pages::admin::AdminHome;
use crate::pages::admin::editor::{EditConsultationPage, NewConsultationPage};
use crate::pages::admin::helplines::HelplinesPage;
use crate::pages::admin::live::LivePage;
use crate::pages::admin::preview::PreviewPage;
use crate::pages::admin::staff::{AuditPage, StaffPage};
use crate::pages::admin::summary::DraftSummaryPage;
use crate::pages::admin::translate::TranslatePage;
use crate::pages::home::HomePage;
use crate::pages::moderate::held::HeldPage;
use crate::pages::moderate::history::HistoryPage;
use crate::pages::moderate::themes::{SimilarPage, SplitPage, ThemesPage};
use crate::pages::moderate::{ItemPage, QueuePage};
use crate::pages::respond::RespondPage;
use crate::pages::respond::withdraw::WithdrawPage;
use crate::pages::staff::login::LoginPage;
use crate::pages::staff::second_factor::{CodePage, SetupPage};
use crate::pages::summary::SummaryPage;
use crate::pages::summary::room::RoomPage;

/// The addresses of the built stylesheet and of `respond.js`, each with a digest of its file
/// (`server::startup`), so that browsers may keep them a year.
#[derive(Clone, Debug, Default)]
pub struct Assets {
    pub stylesheet: Arc<str>,
    pub respond_script: Arc<str>,
}

/// Every page's frame.
pub fn shell(options: LeptosOptions, assets: Assets) -> impl IntoView {
    set_content_security_policy();
    set_cache(Keep::Nothing);
    crate::plurals::install();
    provide_context(options);
    let stylesheet = assets.stylesheet.to_string();
    provide_context(assets);
    view! {
        <!DOCTYPE html>
        // `lang` and `dir` come from the page's language (`PageLanguage`).
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="data:,"/>
                <link rel="stylesheet" href=stylesheet/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <PageLanguage>
            <Site/>
        </PageLanguage>
    }
}

#[component]
fn Site() -> impl IntoView {
    let locale = locale();
    let site = td_string!(locale, site.name);
    view! {
        <Title formatter=move |page: String| format!("{page} · {site}")/>
        <a class="skip-link" href="#main">{td_string!(locale, site.skip)}</a>
        <Router>
            <header class="site-header">
                <a href=href("/", locale) class="brand">{site}</a>
                <LanguageSwitcher/>
            </header>
            // Async: pages are complete HTML when they arrive, so they read without JavaScript.
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("c/:slug") view=RespondPage ssr=SsrMode::Async/>
                    <Route path=path!("c/:slug/withdraw") view=WithdrawPage ssr=SsrMode::Async/>
                    <Route path=path!("c/:slug/summary") view=SummaryPage ssr=SsrMode::Async/>
                    <Route path=path!("c/:slug/room") view=RoomPage ssr=SsrMode::Async/>
                    <Route path=path!("login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("login/code") view=CodePage ssr=SsrMode::Async/>
                    <Route path=path!("login/setup") view=SetupPage ssr=SsrMode::Async/>
                    <Route path=path!("moderate") view=QueuePage ssr=SsrMode::Async/>
                    <Route path=path!("moderate/items/:id") view=ItemPage ssr=SsrMode::Async/>
                    <Route path=path!("moderate/history") view=HistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("moderate/held") view=HeldPage ssr=SsrMode::Async/>
                    <Route path=path!("moderate/themes") view=ThemesPage ssr=SsrMode::Async/>
                    <Route path=path!("moderate/themes/split") view=SplitPage ssr=SsrMode::Async/>
                    <Route path=path!("moderate/similar/:id") view=SimilarPage ssr=SsrMode::Async/>
                    <Route path=path!("admin") view=AdminHome ssr=SsrMode::Async/>
                    <Route path=path!("admin/consultations/new") view=NewConsultationPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/consultations/:id") view=EditConsultationPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/consultations/:id/preview") view=PreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/consultations/:id/summary") view=DraftSummaryPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/consultations/:id/live") view=LivePage ssr=SsrMode::Async/>
                    <Route path=path!("admin/consultations/:id/translations/:lang") view=TranslatePage ssr=SsrMode::Async/>
                    <Route path=path!("admin/staff") view=StaffPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("admin/helplines") view=HelplinesPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
        <footer class="site-footer">
            <p>{td_string!(locale, site.footer)}</p>
        </footer>
        <LocalTimes/>
    }
}
