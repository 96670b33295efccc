//! Theme suggestions for a question's free-text answers, across the six languages: answers close
//! in meaning are grouped ([`cluster`]), each group shown with its size, its languages, its key
//! words per language ([`words`]) and the answers nearest its centre, verbatim. A moderator
//! decides what becomes a theme; nothing here writes a word no child wrote.

pub mod cluster;
pub mod vector;
pub mod words;

use std::collections::BTreeMap;

use super::language::Language;
use words::Words;

/// Fewer words than this, and an answer counts towards no theme ("ok", "privacy!").
pub const MIN_WORDS: usize = 2;

/// One answer as suggestions read it: its text, its language (as answered, or guessed), and its
/// sentence embedding (a unit vector).
#[derive(Clone, Copy, Debug)]
pub struct Text<'a> {
    pub text: &'a str,
    pub language: Language,
    pub vector: &'a [f32],
}

/// Answers that may be one theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Its answers (indices into the texts given), the nearest to its centre first.
    pub members: Vec<usize>,
    /// The languages they were written in.
    pub languages: Vec<Language>,
    /// Its key words in each language that has some.
    pub words: BTreeMap<Language, Vec<String>>,
}

/// A question's answers, grouped as far as they can be.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggestions {
    /// The largest first.
    pub themes: Vec<Suggestion>,
    /// Answers that fit no group: "can't tell".
    pub ungrouped: Vec<usize>,
    /// Answers with fewer than [`MIN_WORDS`] words, left out.
    pub too_short: Vec<usize>,
}

/// Groups `texts` into suggested themes.
pub fn suggest(texts: &[Text]) -> Suggestions {
    let words: Vec<Words> = texts.iter().map(|t| Words::of(t.text, t.language)).collect();
    let (long, too_short): (Vec<usize>, Vec<usize>) =
        (0..texts.len()).partition(|&i| words[i].len() >= MIN_WORDS);
    let vectors: Vec<&[f32]> = long.iter().map(|&i| texts[i].vector).collect();
    let labels = cluster::group(&vectors);
    let groups = labels.iter().flatten().max().map_or(0, |g| g + 1);
    let mut members = vec![Vec::new(); groups];
    let mut ungrouped = Vec::new();
    for (&i, label) in long.iter().zip(&labels) {
        match label {
            Some(g) => members[*g].push(i),
            None => ungrouped.push(i),
        }
    }
    let mut themes: Vec<Suggestion> = members
        .into_iter()
        .map(|members| {
            let members = nearest_centre_first(texts, members);
            let mut languages: Vec<Language> = members.iter().map(|&i| texts[i].language).collect();
            languages.sort();
            languages.dedup();
            let words = words::key_words(&words, &members);
            Suggestion { members, languages, words }
        })
        .collect();
    themes.sort_by(|a, b| b.members.len().cmp(&a.members.len()).then(a.members.cmp(&b.members)));
    Suggestions { themes, ungrouped, too_short }
}

/// The theme whose answers `vector` is on average most alike, and how alike, if alike enough to
/// be one of them (as a suggestion groups: [`cluster::THRESHOLD`]). `tagged`: each tagged answer's
/// theme and embedding.
pub fn nearest_theme<'a>(vector: &[f32], tagged: &[(&'a str, Vec<f32>)]) -> Option<(&'a str, f32)> {
    let mut sums: BTreeMap<&str, (Vec<f32>, usize)> = BTreeMap::new();
    for (name, v) in tagged {
        let (sum, n) = sums.entry(name).or_insert_with(|| (vec![0.0; v.len()], 0));
        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
        *n += 1;
    }
    sums.into_iter()
        .map(|(name, (sum, n))| (name, cluster::dot(vector, &sum) / n as f32))
        .filter(|&(_, similarity)| similarity >= cluster::THRESHOLD)
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// Answers offered to decide together with one, at most.
pub const TOGETHER: usize = 20;

/// How many decisions `vectors` take when each decision also takes the pending answers most
/// alike the one in front ([`most_alike`], at most [`TOGETHER`]), in the order they came.
pub fn decisions_together(vectors: &[&[f32]]) -> usize {
    let mut pending: Vec<usize> = (0..vectors.len()).collect();
    let mut decisions = 0;
    while let Some(&first) = pending.first() {
        let others: Vec<&[f32]> = pending[1..].iter().map(|&i| vectors[i]).collect();
        let taken: Vec<usize> = most_alike(vectors[first], &others, TOGETHER)
            .iter()
            .map(|&(k, _)| pending[k + 1])
            .collect();
        pending.retain(|i| *i != first && !taken.contains(i));
        decisions += 1;
    }
    decisions
}

/// Of `others`, those alike enough to `vector` to be one theme with it, the most alike first, at
/// most `limit`: (index, similarity).
pub fn most_alike(vector: &[f32], others: &[&[f32]], limit: usize) -> Vec<(usize, f32)> {
    let mut alike: Vec<(usize, f32)> = others
        .iter()
        .enumerate()
        .map(|(i, other)| (i, cluster::dot(vector, other)))
        .filter(|&(_, similarity)| similarity >= cluster::THRESHOLD)
        .collect();
    alike.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    alike.truncate(limit);
    alike
}

fn nearest_centre_first(texts: &[Text], mut members: Vec<usize>) -> Vec<usize> {
    let dim = texts[members[0]].vector.len();
    let mut centre = vec![0f32; dim];
    for &i in &members {
        centre.iter_mut().zip(texts[i].vector).for_each(|(c, x)| *c += x);
    }
    let closeness = |i: usize| cluster::dot(texts[i].vector, &centre);
    members.sort_by(|&a, &b| closeness(b).total_cmp(&closeness(a)).then(a.cmp(&b)));
    members
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_alike_come_first_and_unlike_ones_not_at_all() {
        let others = [unit(0, 0.4), unit(4, 0.0), unit(0, 0.1), unit(0, 0.2)];
        let others: Vec<&[f32]> = others.iter().map(Vec::as_slice).collect();
        let alike: Vec<usize> = most_alike(&unit(0, 0.0), &others, 2).iter().map(|a| a.0).collect();
        assert_eq!(alike, [2, 3], "nearest first, at most two, the unlike one never");
    }

    #[test]
    fn alike_answers_taken_together_take_fewer_decisions() {
        let vectors = [unit(0, 0.0), unit(4, 0.0), unit(0, 0.1), unit(0, 0.2), unit(4, 0.1)];
        let vectors: Vec<&[f32]> = vectors.iter().map(Vec::as_slice).collect();
        assert_eq!(decisions_together(&vectors), 2, "two ideas, two decisions");
        assert_eq!(decisions_together(&[]), 0);
    }

    #[test]
    fn a_new_answer_is_offered_the_theme_it_is_most_alike_if_alike_enough() {
        let tagged =
            [("Privacy", unit(0, 0.1)), ("Privacy", unit(0, 0.3)), ("Lessons", unit(4, 0.0))];
        let (name, similarity) = nearest_theme(&unit(0, 0.2), &tagged).unwrap();
        assert_eq!(name, "Privacy");
        assert!(similarity > 0.9);
        assert_eq!(nearest_theme(&unit(2, 0.0), &tagged), None, "like none of them");
    }

    fn unit(axis: usize, tilt: f32) -> Vec<f32> {
        let mut v = vec![0.0; 8];
        v[axis] = (1.0 - tilt * tilt).sqrt();
        v[axis + 1] = tilt;
        v
    }

    #[test]
    fn groups_across_languages_with_key_words_and_nearest_answers_first() {
        let texts = [
            ("Apps must protect our privacy", Language::En, unit(0, 0.2)),
            ("Les applis doivent protéger notre vie privée", Language::Fr, unit(0, 0.0)),
            ("Privacy settings should be private by default", Language::En, unit(0, 0.4)),
            ("隐私 应该 受到 保护", Language::Zh, unit(0, 0.15)),
            ("We need more football after school", Language::En, unit(4, 0.0)),
            ("ok", Language::En, unit(0, 0.0)),
        ];
        let vectors: Vec<Text> = texts
            .iter()
            .map(|(text, language, v)| Text { text, language: *language, vector: v })
            .collect();
        let s = suggest(&vectors);
        assert_eq!(s.themes.len(), 1);
        let theme = &s.themes[0];
        assert_eq!(theme.members.len(), 4);
        assert_eq!(theme.members[0], 0, "nearest the centre first: {:?}", theme.members);
        assert_eq!(theme.languages, [Language::Zh, Language::En, Language::Fr]);
        assert_eq!(theme.words[&Language::En][0], "privacy");
        assert_eq!(s.ungrouped, [4], "can't tell: alone");
        assert_eq!(s.too_short, [5], "one word counts towards no theme");
    }
}
