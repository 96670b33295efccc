//! The load benchmark's young people (`scripts/bench-load.sh`): posts answer forms to a running
//! server exactly as a browser without JavaScript does, and modelling people, not one script:
//! each form was loaded minutes earlier (its token says so), each text is the writer's own, and
//! the posts come from many loopback addresses (127.x.y.z), at most a class's worth from each.
//! The defences stay on; this is what they see on a busy day.
//!
//! `people SLUG COUNT CONNECTIONS SECONDS`: COUNT forms, posted by CONNECTIONS at once for up to
//! SECONDS; prints posts/s, latency percentiles and statuses.
//! `flood SLUG`: the attack of the report, 300 identical forms sent straight back from one address.
//! `class SLUG`: 30 pupils behind one school address, forms loaded 90 s before, their own words.
//! Run: `DATABASE_URL=… cargo run --release -p server --example load_answers -- people demo 100000 64 10`

use anyhow::Context;
use app::domain::question::{Question, QuestionKind};
use app::domain::token::{FormToken, SigningKey};
use app::storage::{self, consultations, settings};
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// Posts from one address before the next takes over: a class, below the burst limit.
const PER_ADDRESS: usize = 25;

struct Forms {
    slug: String,
    key: SigningKey,
    consultation_id: i64,
    questions: Vec<Question>,
}

impl Forms {
    /// Form `i`, loaded at `started_at`, its text `text`.
    fn body(&self, i: usize, started_at: i64, text: &str) -> String {
        let token =
            FormToken { consultation_id: self.consultation_id, started_at, nonce: rand::random() };
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("token", &token.sign(&self.key))
            .append_pair("age_band", ["9-12", "13-15", "16-18", "19-24"][i % 4])
            .append_pair(
                "region",
                ["africa", "americas", "arab_states", "asia_pacific", "cis", "europe"][i % 6],
            )
            .append_pair("gender", ["girl", "boy", "other", "undisclosed"][i % 4]);
        for q in &self.questions {
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
                    form.append_pair(&field, text);
                }
            }
        }
        form.finish()
    }
}

/// Writer `i`'s own sentence: twelve words drawn for them alone, from a vocabulary as wide as
/// young people's (a few thousand words: syllables put together), so two writers share words now
/// and then, as people do, and never a sentence.
fn own_words(i: usize) -> String {
    const SYLLABLES: [&str; 24] = [
        "ba", "ko", "ri", "sa", "te", "mu", "lin", "do", "fe", "ga", "hu", "ji", "ne", "po", "qua",
        "ro", "si", "tu", "vi", "wa", "xe", "yo", "za", "ble",
    ];
    let mut state = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut pick = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        SYLLABLES[(state % SYLLABLES.len() as u64) as usize]
    };
    (0..12).map(|_| format!("{}{}{}", pick(), pick(), pick())).collect::<Vec<_>>().join(" ")
}

/// The `n`th loopback address, never 127.0.0.1 (where the operator's own browser would be): the
/// flood's is 0, the class's 1, people's from 2 on.
fn address(n: usize) -> IpAddr {
    let n = n as u32 + 2;
    IpAddr::V4(Ipv4Addr::new(127, (n >> 16) as u8, (n >> 8) as u8, n as u8))
}

/// Asks for the pages compressed, as browsers do (`post`), but leaves them so: decompressing is
/// the phone's work, not the server's, and here it would share the server's two cores.
fn client(from: IpAddr) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(from)
        .redirect(reqwest::redirect::Policy::none())
        .no_gzip()
        .no_brotli()
        .build()
        .expect("an HTTP client")
}

fn now() -> i64 {
    SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

async fn post(client: &reqwest::Client, url: &str, origin: &str, body: String) -> u16 {
    let sent = client
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .header("Accept-Encoding", "gzip, br")
        .header("Origin", origin)
        .body(body)
        .send()
        .await;
    match sent {
        Ok(response) => {
            let status = response.status().as_u16();
            let _ = response.bytes().await;
            status
        }
        Err(_) => 0,
    }
}

fn print_statuses(statuses: &BTreeMap<u16, usize>) {
    let shown: Vec<String> = statuses
        .iter()
        .map(|(s, n)| if *s == 0 { format!("failed {n}") } else { format!("{s}: {n}") })
        .collect();
    println!("statuses: {}", shown.join(", "));
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let usage =
        "usage: load_answers people SLUG COUNT CONNECTIONS SECONDS | flood SLUG | class SLUG";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, slug) = (args.first().context(usage)?, args.get(1).context(usage)?);
    let db = storage::connect(&std::env::var("DATABASE_URL").context("DATABASE_URL")?).await?;
    let c = consultations::by_slug(&db, slug).await?.context("no such consultation")?;
    let forms = Forms {
        slug: slug.clone(),
        key: settings::signing_key(&db).await?,
        consultation_id: c.id,
        questions: consultations::questions(&db, c.id).await?,
    };
    let listen = std::env::var("YC_LISTEN").context("YC_LISTEN")?;
    let origin = format!("http://{listen}");
    let url = format!("{origin}/c/{}", forms.slug);
    match mode.as_str() {
        "people" => {
            let number =
                |i: usize| -> anyhow::Result<u64> { Ok(args.get(i).context(usage)?.parse()?) };
            let (count, connections, seconds) =
                (number(2)? as usize, number(3)? as usize, number(4)?);
            people(forms, &url, &origin, count, connections, Duration::from_secs(seconds)).await
        }
        "flood" => {
            let one = client(address(0));
            let mut statuses = BTreeMap::new();
            let started = Instant::now();
            for i in 0..300 {
                // Fetched and sent straight back: loaded this very second.
                let body = forms.body(
                    i,
                    now(),
                    "Honestly some days I want to die because of the comments",
                );
                *statuses.entry(post(&one, &url, &origin, body).await).or_default() += 1;
            }
            println!(
                "flood: 300 sent from one address in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            print_statuses(&statuses);
            Ok(())
        }
        "class" => {
            let school = client(address(1));
            let mut statuses = BTreeMap::new();
            for i in 0..30 {
                let body =
                    forms.body(i, now() - 90, &format!("I think {}", own_words(1_000_000 + i)));
                *statuses.entry(post(&school, &url, &origin, body).await).or_default() += 1;
            }
            println!("class: 30 sent from one school address");
            print_statuses(&statuses);
            Ok(())
        }
        _ => anyhow::bail!(usage),
    }
}

async fn people(
    forms: Forms,
    url: &str,
    origin: &str,
    count: usize,
    connections: usize,
    seconds: Duration,
) -> anyhow::Result<()> {
    // Loaded minutes ago: people read before they answer.
    let started_at = now() - 5 * 60;
    eprintln!("preparing {count} forms");
    let bodies: Arc<Vec<String>> = Arc::new(
        (0..count)
            .map(|i| forms.body(i, started_at, &format!("I think {}", own_words(i))))
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let began = Instant::now();
    let deadline = began + seconds;
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            let (bodies, next, url, origin) =
                (bodies.clone(), next.clone(), url.to_owned(), origin.to_owned());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
                'people: loop {
                    // A new address every PER_ADDRESS forms: the next class, or the next phone.
                    let first = next.fetch_add(PER_ADDRESS, Ordering::Relaxed);
                    let from = client(address(2 + first / PER_ADDRESS));
                    for i in first..first + PER_ADDRESS {
                        if i >= bodies.len() || Instant::now() >= deadline {
                            break 'people;
                        }
                        let sent = Instant::now();
                        let status = post(&from, &url, &origin, bodies[i].clone()).await;
                        latencies.push(sent.elapsed());
                        *statuses.entry(status).or_default() += 1;
                    }
                }
                (latencies, statuses)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    for task in tasks {
        let (l, s) = task.await?;
        latencies.extend(l);
        for (status, n) in s {
            *statuses.entry(status).or_default() += n;
        }
    }
    let elapsed = began.elapsed().as_secs_f64();
    latencies.sort();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
    };
    let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    // Only answers thanked count: a refusal or an error is not a submission taken.
    let thanked = statuses.get(&200).copied().unwrap_or(0);
    println!(
        "{} posts in {elapsed:.1} s from {} addresses: {:.0} thanked/s, p50 {:.1} ms, p99 {:.1} ms",
        latencies.len(),
        latencies.len().div_ceil(PER_ADDRESS),
        thanked as f64 / elapsed,
        ms(at(0.5)),
        ms(at(0.99)),
    );
    print_statuses(&statuses);
    Ok(())
}
