//! Answer forms for the load benchmark (`scripts/bench-load.sh`): prints N URL-encoded bodies,
//! one per line, each exactly what a browser without JavaScript posts to `/c/{slug}` after
//! loading the form, with a form token of its own (signed with the database's key, as the server
//! would sign it), so every post is a new, durable response.
//! Run: `DATABASE_URL=… cargo run --release -p server --example load_forms -- demo 50000`

use anyhow::Context;
use app::domain::question::QuestionKind;
use app::domain::token::FormToken;
use app::storage::{self, consultations, settings};
use std::io::Write;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let slug = args.next().context("usage: load_forms SLUG COUNT")?;
    let count: usize = args.next().context("usage: load_forms SLUG COUNT")?.parse()?;
    let db = storage::connect(&std::env::var("DATABASE_URL").context("DATABASE_URL")?).await?;
    let key = settings::signing_key(&db).await?;
    let c = consultations::by_slug(&db, &slug).await?.context("no such consultation")?;
    let questions = consultations::questions(&db, c.id).await?;
    let opens = c.schedule.window.context("the consultation has no window")?.opens_at;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for i in 0..count {
        let token =
            FormToken { consultation_id: c.id, started_at: opens + 1, nonce: rand::random() };
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("token", &token.sign(&key))
            .append_pair("age_band", ["9-12", "13-15", "16-18", "19-24"][i % 4])
            .append_pair(
                "region",
                ["africa", "americas", "arab_states", "asia_pacific", "cis", "europe"][i % 6],
            )
            .append_pair("gender", ["girl", "boy", "other", "undisclosed"][i % 4]);
        for q in &questions {
            let field = q.field();
            match &q.kind {
                QuestionKind::SingleChoice { options }
                | QuestionKind::MultipleChoice { options } => {
                    form.append_pair(&field, &options[i % options.len()].id.to_string());
                }
                QuestionKind::Scale { .. } => {
                    form.append_pair(&field, &(1 + i % 5).to_string());
                }
                QuestionKind::FreeText { .. } => {
                    form.append_pair(&field, "Apps should ask before they share photos of us.");
                }
            }
        }
        writeln!(out, "{}", form.finish())?;
    }
    Ok(())
}
