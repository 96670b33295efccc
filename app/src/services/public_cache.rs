//! What young people's pages read of a consultation, held in memory for a moment. A link shared
//! in a school's group chat brings thousands of page views and answers in a few minutes, and each
//! reads the same consultation, questions and helplines: this asks the database once a second
//! instead of every time, and only one request asks while the others go on with what is kept.
//! Changes made through this instance clear it at once; another instance on the same database
//! shows them within about [`TTL`] (well inside the grace period after a close).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::domain::consultation::Consultation;
use crate::domain::language::Language;
use crate::domain::partner::Partner;
use crate::domain::question::Question;
use crate::domain::translation::{self, Fallback, Translations};
use crate::views::respond::HelplineLink;

pub const TTL: Duration = Duration::from_secs(1);

/// Unknown slugs are never kept, so this bound is only reached by many real consultations.
const MAX_ENTRIES: usize = 1_000;

/// A consultation young people may see (a draft is never one), with what its pages show.
#[derive(Debug)]
pub struct Public {
    pub consultation: Consultation,
    pub questions: Vec<Question>,
    pub helplines: Vec<HelplineLink>,
    /// Partner codes still in use: a link carrying any other code records nothing.
    pub partners: Vec<Partner>,
    pub translations: HashMap<Language, Translations>,
}

impl Public {
    /// The partner in use whose code a link or form carried.
    pub fn partner(&self, code: Option<&str>) -> Option<&Partner> {
        let code = code?.trim();
        self.partners.iter().find(|p| p.code.as_str() == code)
    }

    /// The consultation and its questions in `reader`'s language wherever they are translated,
    /// with what is not.
    pub fn localized(&self, reader: Language) -> (Consultation, Vec<Question>, Option<Fallback>) {
        let (mut c, mut questions) = (self.consultation.clone(), self.questions.clone());
        let none = Translations::default();
        let translations = self.translations.get(&reader).unwrap_or(&none);
        let fallback = translation::localize(&mut c, &mut questions, translations, reader);
        (c, questions, fallback)
    }
}

#[derive(Debug, Default)]
pub struct PublicCache {
    entries: Mutex<HashMap<String, Entry>>,
}

#[derive(Debug)]
struct Entry {
    loaded: Instant,
    public: Arc<Public>,
    /// When a request that found it too old went to load it again.
    reloading: Option<Instant>,
}

impl PublicCache {
    /// The consultation kept for `slug`. Once it is older than [`TTL`], the first request to ask
    /// gets none and is to load it again (and `put` it); the others keep getting the one kept
    /// meanwhile, so hundreds arriving in that moment do not all load it. A load that never
    /// came back is given up after another `TTL`.
    pub fn get(&self, slug: &str) -> Option<Arc<Public>> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let entry = entries.get_mut(slug)?;
        let reloading = entry.reloading.is_some_and(|since| since.elapsed() < TTL);
        if entry.loaded.elapsed() < TTL || reloading {
            return Some(entry.public.clone());
        }
        entry.reloading = Some(Instant::now());
        None
    }

    pub fn put(&self, slug: &str, public: Arc<Public>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, entry| entry.loaded.elapsed() < TTL);
        }
        let entry = Entry { loaded: Instant::now(), public, reloading: None };
        entries.insert(slug.to_owned(), entry);
    }

    /// After staff changed anything a public page shows.
    pub fn clear(&self) {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consultation::Meeting;
    use crate::domain::lifecycle::Schedule;

    fn public() -> Arc<Public> {
        Arc::new(Public {
            consultation: Consultation {
                id: 1,
                slug: "screens".into(),
                title: "Screens and sleep".into(),
                description: String::new(),
                meeting: Meeting { name: "CWG-COP 26".into(), date: "2027-01-20".into() },
                language: Language::En,
                schedule: Schedule {
                    window: None,
                    grace_secs: 0,
                    published_at: None,
                    purged_at: None,
                },
                min_cell_size: 10,
                retention_days: 30,
                follow_up: None,
            },
            questions: Vec::new(),
            helplines: Vec::new(),
            partners: Vec::new(),
            translations: HashMap::new(),
        })
    }

    /// Makes what is kept for "screens" look `age` old.
    fn age(cache: &PublicCache, age: Duration) {
        let mut entries = cache.entries.lock().unwrap();
        entries.get_mut("screens").unwrap().loaded = Instant::now() - age;
    }

    #[test]
    fn one_request_reloads_what_is_too_old_while_the_others_keep_reading_it() {
        let cache = PublicCache::default();
        assert!(cache.get("screens").is_none(), "nothing kept yet");
        let kept = public();
        cache.put("screens", kept.clone());
        assert!(Arc::ptr_eq(&cache.get("screens").unwrap(), &kept), "fresh");

        age(&cache, TTL * 2);
        assert!(cache.get("screens").is_none(), "the first to find it old reloads it");
        assert!(Arc::ptr_eq(&cache.get("screens").unwrap(), &kept), "the others read it meanwhile");

        let reloaded = public();
        cache.put("screens", reloaded.clone());
        assert!(Arc::ptr_eq(&cache.get("screens").unwrap(), &reloaded));
    }

    #[test]
    fn a_reload_that_never_came_back_is_given_up() {
        let cache = PublicCache::default();
        cache.put("screens", public());
        age(&cache, TTL * 2);
        assert!(cache.get("screens").is_none());
        {
            let mut entries = cache.entries.lock().unwrap();
            let entry = entries.get_mut("screens").unwrap();
            entry.reloading = entry.reloading.map(|since| since - TTL * 2);
        }
        assert!(cache.get("screens").is_none(), "the next request loads it instead");
    }

    #[test]
    fn a_change_by_staff_is_read_at_once() {
        let cache = PublicCache::default();
        cache.put("screens", public());
        cache.clear();
        assert!(cache.get("screens").is_none());
    }
}
