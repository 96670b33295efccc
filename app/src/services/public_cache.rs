//! What young people's pages read of a consultation, held in memory for a moment. A link shared
//! in a school's group chat brings thousands of page views and answers in a few minutes, and each
//! reads the same consultation, questions and helplines: this asks the database once a second
//! instead of every time. Changes made through this instance clear it at once; another instance
//! on the same database shows them within [`TTL`] (well inside the grace period after a close).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::api::respond::HelplineLink;
use crate::domain::consultation::Consultation;
use crate::domain::language::Language;
use crate::domain::partner::Partner;
use crate::domain::question::Question;
use crate::domain::translation::{self, Fallback, Translations};

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
    entries: Mutex<HashMap<String, (Instant, Arc<Public>)>>,
}

impl PublicCache {
    pub fn get(&self, slug: &str) -> Option<Arc<Public>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let (loaded, public) = entries.get(slug)?;
        (loaded.elapsed() < TTL).then(|| public.clone())
    }

    pub fn put(&self, slug: &str, public: Arc<Public>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (loaded, _)| loaded.elapsed() < TTL);
        }
        entries.insert(slug.to_owned(), (Instant::now(), public));
    }

    /// After staff changed anything a public page shows.
    pub fn clear(&self) {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}
