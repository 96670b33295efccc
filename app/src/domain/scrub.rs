//! Free text is scrubbed before it is stored, so contact details a young person types by
//! mistake (or is pressured to share) never reach the database, a moderator or a delegate.
//!
//! Contact details are often hidden: "sam at gmail dot com", "my insta is sam_07", "微信号 lily",
//! digits in full width or spaced out, zero-width characters between the letters. The detectors
//! therefore read a normalised copy of the text ([`Normalised`]); each match is mapped back onto
//! the child's own characters, so only the contact detail is replaced and the rest is kept as
//! written.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::LazyLock;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

pub const EMAIL_REMOVED: &str = "[email removed]";
pub const LINK_REMOVED: &str = "[link removed]";
pub const PHONE_REMOVED: &str = "[phone removed]";
pub const NUMBER_REMOVED: &str = "[number removed]";
pub const HANDLE_REMOVED: &str = "[handle removed]";

// Word tables, as words separated by spaces. Each word is a regex fragment, normalised like the
// text before use, so it is written as children write it (accents and capitals are fine).
// Arabic words may carry the article and the 'my' suffix (الانستا, سنابي); Russian app names
// their case endings (в телеге).

/// "@" written as a word: "sam at gmail", arroba (es), arobase (fr), собака (ru slang, 'dog'),
/// 艾特 (zh, sounds like 'at'), آت (ar letters for 'at'). Alone, each is an ordinary word, so an
/// e-mail written with them must also end in a known domain ending or mail provider.
const AT_WORDS: &str = "at arroba arobase arrobase собака собачка 艾特 آت";
/// "." written as a word, in the same six languages.
const DOT_WORDS: &str = "dot point punto точка 点 點 دوت نقطة نقطه";
/// Endings that close a written-out address. Short words that are also ordinary words ("it",
/// "be", "ma", "ca" for ça) are left out, so "I was at school. it was fun" stays.
const SPELLED_TLDS: &str = concat!(
    "com net org edu gov info io uk fr es mx ar ru su ua kz by de cn au ae eg dz tn ",
    "ру ком كوم نت",
);
/// Mail providers children name without an ending ("sam@gmail", "sam at hotmail").
const MAIL_PROVIDERS: &str = concat!(
    "gmail googlemail hotmail outlook yahoo icloud yandex rambler protonmail gmx laposte ",
    "wanadoo qq foxmail هوتميل جيميل ياهو",
);
/// Apps whose handle children share, by the names and nicknames they use for them.
const APPS: &str = concat!(
    "instagram insta ig ins snapchat snap sc tik\\s?tok douyin discord telegram tg ",
    "whats\\s?app wechat weixin wx vx qq vk vkontakte kik twitter ",
    // ru: the stem takes any case ending
    "инст\\p{Cyrillic}* снап\\p{Cyrillic}* тикток\\p{Cyrillic}* дискорд\\p{Cyrillic}* ",
    "телег\\p{Cyrillic}* тг ватсап\\p{Cyrillic}* вотсап\\p{Cyrillic}* вк вконтакте ",
    "вичат\\p{Cyrillic}* ",
    // ar
    "انستا انستقرام انستغرام انستجرام سناب\\s?شات سناب تيك\\s?توك ديسكورد تيليجرام ",
    "تيليقرام تلقرام تلغرام تليجرام واتساب واتس\\s?اب واتس وي\\s?شات ",
    // zh: 抖音 is TikTok in China, 扣扣 and 威信 are nicknames for QQ and WeChat
    "微信号 微信 威信 抖音号 抖音 快手号 快手 小红书号 小红书 微博 推特 电报 扣扣",
);
/// 'my' before an app name: with a copula after it ("my insta is …"), a plain word is a handle.
const OWNERS: &str = "my mon ma mi мой моя мое мои 我的 我 加我";
/// Copulas between an app name and a handle ("c'est", "je suis", "это", "是").
const COPULAS: &str = "is its it's c'est cest est es soy suis это 是 هو";
/// Words that name the handle: after one of them, a plain word is a handle.
const NAME_WORDS: &str = concat!(
    "username user handle name id pseudo nom usuario nombre ник юзер логин айди ",
    "号 账号 帐号 يوزر اسمي",
);
/// Other small words found between an app name and a handle ("snap me at …", "в телеге я …").
const FILLER_WORDS: &str = concat!(
    "me at on here account moi sur compte en de al por cuenta я в на акк аккаунт ",
    "حقي حسابي على هنا 吧 叫",
);
/// Words that follow an app name in ordinary sentences ("my insta is private", "mi ig es para
/// mis amigos"), as the normalised text spells them (no accents); never taken for a handle.
const ORDINARY_WORDS: &str = concat!(
    // en
    "the and but not very too just only also really all for about with from your his her our ",
    "their this that now still private public closed locked banned hacked deleted blocked down ",
    "new old boring empty fun good bad cool great dead gone literally basically kinda like ",
    "mostly always never full better worse where what because when there how ",
    // fr
    "les une des mais que qui pour pas trop tres juste aussi prive privee publique ferme bloque ",
    "nul vide bien mort avec mes ton tes son ses plus tout ",
    // es
    "los las una pero para muy solo tambien privado privada publico publica cerrado bloqueado ",
    "aburrido del con mis mas todo nada",
);

// Detectors, run on normalised text (lower case, ASCII digits). Order matters: e-mails first
// (they hold dots and at-signs), links before handles, a Discord tag before the handle after
// "discord", phones and digit runs after handles (a handle may hold digits), a bare @handle last.

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    // No Chinese characters in the parts: "邮箱xiaoming@qq.com" keeps "邮箱".
    let part = r"[\p{L}\p{N}\-&&[^\p{Han}]]+";
    Regex::new(&format!(r"[\p{{L}}\p{{N}}._%+\-&&[^\p{{Han}}]]+@{part}(?:\.{part})+")).unwrap()
});
static SPELLED_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    // Brackets mark a word off by themselves: "(собака)", "[punto]".
    let bare = |list: &str| Normalised::of(list).text.replace(' ', "|");
    let at = format!(
        r"\s*(?:@|[(\[{{<]\s*(?:@|a|{b})\s*[)\]}}>]|{w})\s*",
        b = bare(AT_WORDS),
        w = words(AT_WORDS)
    );
    let dot = format!(
        r"\s*(?:\.|[(\[{{<]\s*(?:\.|{b})\s*[)\]}}>]|{w})\s*",
        b = bare(DOT_WORDS),
        w = words(DOT_WORDS)
    );
    let label = r"[\p{L}\p{N}\-&&[^\p{Han}]]+";
    Regex::new(&format!(
        r"[a-z0-9][a-z0-9._%+\-]*{at}(?:(?:{label}{dot})+(?:{tld})|{provider})",
        tld = words(SPELLED_TLDS),
        provider = words(MAIL_PROVIDERS),
    ))
    .unwrap()
});
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:\b[a-z][a-z0-9+.\-]*://|\bwww\.)[^\s<>]+",
        r"|\b(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+",
        r"(?:com|org|net|edu|gov|int|info|biz|io|me|ly|co|gg|tv|app|dev|xyz|site|online|link|",
        r"ru|cn|fr|es|uk|de|it|ar|sa|ae|eg|ma|dz|tn|jo|lb|qa|kw|in|pk|ng|ke|za|gh|br|mx|cl|pe|",
        r"ca|us|au|nz|jp|kr|tw|hk|sg|my|id|ph|th|vn|tr|ir|ua|kz|by|pl|nl|be|ch|at|se|no|fi|dk|",
        // link-in-bio and short-link hosts: linktr.ee, beacons.ai, goo.gl
        r"ee|ai|bio|gl|cc|su)",
        r"\b(?:/[^\s<>]*)?",
    ))
    .unwrap()
});
static DISCORD_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_.&&[^\p{Han}]]+#\d{4}\b").unwrap());
/// An app name, what introduces the handle, and the handle (handles are ASCII on every app).
static APP_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    let owner = format!(r"(?:(?P<owner>{})\s*)?", words(OWNERS));
    let app = format!(r"(?P<app>{})", words(APPS));
    let intro_word = words(&[COPULAS, NAME_WORDS, FILLER_WORDS].join(" "));
    let intro = format!(r"(?P<intro>(?:\s*(?:{intro_word}|[:=>|~\-–—→]+))*)\s*");
    let handle = r"(?P<handle>@?[a-z0-9_](?:[a-z0-9_.\-]*[a-z0-9_])?)";
    Regex::new(&format!("{owner}{app}{intro}{handle}")).unwrap()
});
/// An app name alone: "微信 WhatsApp" names two apps, not a handle.
static APP_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{})$", words(APPS))).unwrap());
// Seven or more digits, at most one separator (space, dash, dot, bracket) between two digits,
// an optional leading + or 00: international and local phone formats.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[+＋]\s?)?\(?\d(?:(?:[ \-.\u{00A0}]|\)\s?|\s?\()?\d){6,}\)?").unwrap()
});
static DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{6,}").unwrap());
static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"@[\p{L}\p{N}_][\p{L}\p{N}_.]*").unwrap());

/// Text with contact details replaced by placeholders. Only [`scrub`] makes one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScrubbedText(String);

impl ScrubbedText {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

pub fn scrub(text: &str) -> ScrubbedText {
    let mut text = text.to_owned();
    let mut view = Normalised::of(&text);
    for pass in PASSES {
        let found = pass(&view.text);
        if !found.is_empty() {
            text = view.replace(&text, &found);
            view = Normalised::of(&text);
        }
    }
    ScrubbedText(text)
}

/// A contact detail found in normalised text: its byte range and the placeholder for it.
type Found = (Range<usize>, &'static str);

const PASSES: [fn(&str) -> Vec<Found>; 8] =
    [emails, spelled_emails, links, discord_tags, app_handles, phones, digit_runs, at_handles];

fn every(re: &Regex, text: &str, placeholder: &'static str) -> Vec<Found> {
    re.find_iter(text).map(|m| (m.range(), placeholder)).collect()
}

fn emails(text: &str) -> Vec<Found> {
    every(&EMAIL, text, EMAIL_REMOVED)
}

fn spelled_emails(text: &str) -> Vec<Found> {
    every(&SPELLED_EMAIL, text, EMAIL_REMOVED)
}

fn links(text: &str) -> Vec<Found> {
    every(&LINK, text, LINK_REMOVED)
}

fn discord_tags(text: &str) -> Vec<Found> {
    every(&DISCORD_TAG, text, HANDLE_REMOVED)
}

fn phones(text: &str) -> Vec<Found> {
    // A bare run of digits may be an ID or a card as well as a phone.
    let kind =
        |s: &str| if s.chars().all(char::is_numeric) { NUMBER_REMOVED } else { PHONE_REMOVED };
    PHONE.find_iter(text).map(|m| (m.range(), kind(m.as_str()))).collect()
}

fn digit_runs(text: &str) -> Vec<Found> {
    every(&DIGIT_RUN, text, NUMBER_REMOVED)
}

fn at_handles(text: &str) -> Vec<Found> {
    every(&HANDLE, text, HANDLE_REMOVED)
}

/// The word after an app name, replaced only when it is a handle; the app name and the words
/// before the handle stay ("my insta is [handle removed]").
fn app_handles(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(c) = APP_HANDLE.captures_at(text, from) {
        let (app, handle) = (c.name("app").expect("app"), c.name("handle").expect("handle"));
        let owner = c.name("owner").map(|m| m.as_str());
        if is_handle(owner, app.as_str(), &c["intro"], handle.as_str()) {
            found.push((handle.range(), HANDLE_REMOVED));
            from = handle.end();
        } else {
            // Look again just after the app name: "WhatsApp and TikTok: …".
            from = app.end();
        }
    }
    found
}

/// Whether the word after an app name is a handle. A shape no ordinary word has (an @, letters
/// with a digit, an underscore or an inner dot) always is. A plain word is one only when
/// something says so: a colon or 'username' before it, 'my … is' around the app name ("my insta
/// is jessxo"), or a Latin word in a sentence in another script ("мой тг vovka", "微信 lanlan").
fn is_handle(owner: Option<&str>, app: &str, intro: &str, handle: &str) -> bool {
    if handle.starts_with('@') {
        return true;
    }
    if handle.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'.') {
        // A number ("whatsapp 0-612-345", "tiktok 4.5"): the phone and digit-run passes decide.
        return false;
    }
    if handle.bytes().any(|b| b.is_ascii_digit() || b == b'_' || b == b'.') {
        return true;
    }
    let listed = |table: &str, word: &str| table.split_whitespace().any(|t| t == word);
    let ordinary = |w: &str| {
        [ORDINARY_WORDS, OWNERS, COPULAS, NAME_WORDS, FILLER_WORDS].iter().any(|t| listed(t, w))
    };
    if handle.len() < 3 || ordinary(handle) || APP_NAME.is_match(handle) {
        return false;
    }
    let intro_words: Vec<&str> = intro.split(|c: char| !c.is_alphanumeric() && c != '\'').collect();
    let marked = intro.chars().any(|c| !c.is_alphanumeric() && !c.is_whitespace() && c != '\'')
        || intro_words.iter().any(|w| listed(NAME_WORDS, w));
    let other_script = [owner.unwrap_or(""), app, intro]
        .iter()
        .any(|s| s.chars().any(|c| c.is_alphabetic() && !c.is_ascii()));
    let owned = owner.is_some() && intro_words.iter().any(|w| listed(COPULAS, w));
    marked || other_script || owned
}

/// An alternation of words that stand alone: ASCII words between ASCII word boundaries (so "ig"
/// is found in "我的ig是" but not in "big"), Chinese words anywhere (Chinese writes no spaces),
/// Cyrillic and Arabic words after a non-letter; what must follow them in each pattern (a
/// space, an ASCII handle or domain) ends them. A Unicode `\b` would do, but it keeps the regex
/// engine off its fast path on non-ASCII text, making the scrubber ten times slower.
fn words(list: &str) -> String {
    let alone = |w: &str| {
        let w = Normalised::of(w).text;
        if w.is_ascii() {
            format!(r"(?-u:\b){w}(?-u:\b)")
        } else if w.chars().any(|c| c >= '\u{2E80}') {
            w
        } else if w.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
            format!(r"(?:^|[^\p{{L}}\p{{N}}_])(?:و?ال)?{w}ي?")
        } else {
            format!(r"(?:^|[^\p{{L}}\p{{N}}_]){w}")
        }
    };
    list.split_whitespace().map(alone).collect::<Vec<_>>().join("|")
}

/// The text as the detectors read it: compatibility-decomposed, without accents and in lower
/// case ("ｓａｍ", "Sam" and "sàm" read "sam"), Arabic-Indic digits as 0-9, "。" as ".", curly
/// apostrophes straight, white space runs as one space and invisible characters left out.
struct Normalised {
    text: String,
    /// For each byte of `text`, where the character that produced it starts in the original.
    origin: Vec<usize>,
}

impl Normalised {
    fn of(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            let mut push = |c: char| {
                let c = if c.is_whitespace() { ' ' } else { c };
                if c == ' ' && text.ends_with(' ') {
                    return;
                }
                text.push(c);
                origin.resize(text.len(), at);
            };
            if c.is_ascii() {
                push(c.to_ascii_lowercase());
            } else if !is_invisible(c) {
                decompose_compatible(c, |d| d.to_lowercase().filter_map(tidy).for_each(&mut push));
            }
        }
        Normalised { text, origin }
    }

    /// The original with each found range (in bytes of `text`) replaced by its placeholder.
    fn replace(&self, original: &str, found: &[Found]) -> String {
        let mut out = String::with_capacity(original.len());
        let mut kept = 0;
        for (range, placeholder) in found {
            // Every pattern matches at least one character, so a range is never empty.
            let (start, last) = (self.origin[range.start].max(kept), self.origin[range.end - 1]);
            let end = last + original[last..].chars().next().map_or(0, char::len_utf8);
            if start >= end {
                continue;
            }
            out.push_str(&original[kept..start]);
            out.push_str(placeholder);
            kept = end;
        }
        out.push_str(&original[kept..]);
        out
    }
}

/// A decomposed, lower-cased character as the detectors read it; `None` drops it.
fn tidy(c: char) -> Option<char> {
    match c {
        '٠'..='٩' => char::from_digit(c as u32 - '٠' as u32, 10),
        '۰'..='۹' => char::from_digit(c as u32 - '۰' as u32, 10),
        '。' => Some('.'),
        '‘' | '’' | 'ʼ' => Some('\''),
        _ if is_combining_mark(c) || is_invisible(c) => None,
        _ => Some(c),
    }
}

/// Characters that show nothing and can be slipped between the letters of a contact detail:
/// zero-width spaces and joiners, direction marks, the soft hyphen, variation selectors, the
/// Arabic tatweel (which only stretches a word), Hangul fillers and tag characters.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{0640}' | '\u{115F}' | '\u{1160}'
        | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Cases in several languages: (input, expected output).
    const CASES: &[(&str, &str)] = &[
        // English
        ("mail me at sam.lee+cop@example.org please", "mail me at [email removed] please"),
        ("call +44 20 7946 0958 now", "call [phone removed] now"),
        ("my number is (555) 123-4567", "my number is [phone removed]"),
        ("see https://example.com/a?b=1 and www.test.org", "see [link removed] and [link removed]"),
        ("DM me @cool_kid.99 on insta", "DM me [handle removed] on insta"),
        ("my student id is 20231234", "my student id is [number removed]"),
        ("pin 123456", "pin [number removed]"),
        ("I am 13 and I use my phone 4 hours a day", "I am 13 and I use my phone 4 hours a day"),
        ("In 2024 apps got better", "In 2024 apps got better"),
        ("Steps: 1. 2. 3. 4. 5. 6. 7.", "Steps: 1. 2. 3. 4. 5. 6. 7."),
        ("bit.ly/xyz is a scam", "[link removed] is a scam"),
        // French
        ("Appelle-moi au 06 12 34 56 78 ce soir", "Appelle-moi au [phone removed] ce soir"),
        ("écris à élève@école.fr", "écris à [email removed]"),
        // Spanish
        ("mi WhatsApp es +34 612 345 678", "mi WhatsApp es [phone removed]"),
        // Russian
        ("пиши мне в телеграм @ivan_petrov", "пиши мне в телеграм [handle removed]"),
        ("мой телефон 8 (912) 345-67-89", "мой телефон [phone removed]"),
        // Arabic, with Arabic-Indic digits and an Arabic e-mail local part
        ("اتصل بي على +٩٧١ ٥٠ ١٢٣ ٤٥٦٧ من فضلك", "اتصل بي على [phone removed] من فضلك"),
        ("رقمي ٠٥٠١٢٣٤٥٦٧", "رقمي [number removed]"),
        ("راسلني على سارة@مثال.كوم", "راسلني على [email removed]"),
        ("أستخدم الهاتف 3 ساعات يوميا", "أستخدم الهاتف 3 ساعات يوميا"),
        // Chinese, with full-width digits and a full-width at sign
        ("我的手机号是 +86 138-0013-8000", "我的手机号是 [phone removed]"),
        ("我的QQ号是１３８００１３８０", "我的QQ号是[number removed]"),
        ("邮箱是 xiaoming＠qq.com", "邮箱是 [email removed]"),
        ("我每天上网两个小时", "我每天上网两个小时"),
    ];

    /// Hidden contact details, each kind in each script: (input, expected output).
    const HIDDEN: &[(&str, &str)] = &[
        // 'at' and 'dot' written out or bracketed
        ("mail sam.lee at gmail dot com", "mail [email removed]"),
        ("it's maya99 (at) hotmail (dot) co (dot) uk", "it's [email removed]"),
        ("écris à hugo.b arobase gmail point com", "écris à [email removed]"),
        ("mi correo: lucia_g[arroba]yahoo[punto]es", "mi correo: [email removed]"),
        ("pablo (a) hotmail.es", "[email removed]"),
        ("почта artem2011 собака mail точка ru", "почта [email removed]"),
        ("пиши lena.s (собака) yandex (точка) ru", "пиши [email removed]"),
        ("ايميلي omar.k (آت) gmail (نقطة) com", "ايميلي [email removed]"),
        ("ايميلي omar.k آت gmail دوت com", "ايميلي [email removed]"),
        ("邮箱xiaomei艾特qq点com谢谢", "邮箱[email removed]谢谢"),
        ("lina.rose@gmail . com", "[email removed]"),
        ("write to zoe@gmail", "write to [email removed]"),
        // invisible characters, full-width letters and digits, spaced digits
        ("sam\u{200B}.lee@\u{200D}gmail.com", "[email removed]"),
        ("ｓａｍ＠ｅｘａｍｐｌｅ．ｃｏｍ", "[email removed]"),
        ("call 0 7 7 0 0 9 0 0 1 2 3", "call [phone removed]"),
        ("mon num 0\u{200B}6 12 34 5\u{200B}6 78", "mon num [phone removed]"),
        ("رقمي ٠ ٥ ٠ ١ ٢ ٣ ٤ ٥ ٦ ٧", "رقمي [phone removed]"),
        ("电话 １３８ ００１３ ８０００", "电话 [phone removed]"),
        // handles after an app name or the word for it
        ("my insta is sam.lee_07 follow me", "my insta is [handle removed] follow me"),
        ("my snap is jessiexo add me", "my snap is [handle removed] add me"),
        ("add me on snap: jessxo", "add me on snap: [handle removed]"),
        ("IG - noah.k.2009", "IG - [handle removed]"),
        ("snap me at harry_p2010", "snap me at [handle removed]"),
        ("mon insta c'est lea.dlr_09", "mon insta c'est [handle removed]"),
        ("mon snap c’est juliettexx", "mon snap c’est [handle removed]"),
        ("mi ig es vale.rmz_", "mi ig es [handle removed]"),
        ("mi snap es anitaa sígueme", "mi snap es [handle removed] sígueme"),
        ("мой тг vovka пиши", "мой тг [handle removed] пиши"),
        ("в телеге я ilya2010", "в телеге я [handle removed]"),
        ("تيك توك: noor.dance", "تيك توك: [handle removed]"),
        ("سنابي nooora ضيفوني", "سنابي [handle removed] ضيفوني"),
        ("微信号：zhang_san99", "微信号：[handle removed]"),
        ("我微信是xiaoqing加我", "我微信是[handle removed]加我"),
        ("加我qq lanlan", "加我qq [handle removed]"),
        ("insta: ｓｏｐｈｉｅ＿ａｒｔ", "insta: [handle removed]"),
        ("my snap is m\u{200B}i\u{200B}l\u{200B}o_2010", "my snap is [handle removed]"),
        // Discord tags and new-style usernames
        ("my discord is ghostboy#4521", "my discord is [handle removed]"),
        ("mon pseudo discord : kevin.exe", "mon pseudo discord : [handle removed]"),
        ("дискорд: кирилл#3344", "дискорд: [handle removed]"),
        // link-in-bio and profile addresses without a scheme
        ("link in bio linktr.ee/ellabeats", "link in bio [link removed]"),
        ("telegram t.me/noahplays", "telegram [link removed]"),
        ("مرحبا wa.me/971501234567", "مرحبا [link removed]"),
        ("мой вк vk.com/polina_2009", "мой вк [link removed]"),
        ("instagram.com/lucas.skate si tu veux", "[link removed] si tu veux"),
    ];

    /// Ordinary sentences close to contact details, which must come out as they went in.
    const ORDINARY: &[&str] = &[
        "I am 13",
        "top 10 apps",
        "WhatsApp and TikTok",
        "I use insta every day",
        "e-mail is important",
        "we met at school",
        "at 5 pm",
        "the dot on the i",
        "I was at school. it was fun",
        "my insta is private so only friends see it",
        "my instagram account got hacked",
        "I took a snapshot at the big game",
        "j'ai 13 ans et j'utilise insta tous les jours",
        "mon insta est privé",
        "on s'est vus à l'école à 17h",
        "mi ig es para mis amigos nada más",
        "nos vemos a las 5 en el cole",
        "собака у меня одна, а в тг у меня 150 друзей",
        "мой тг заблокировали на неделю",
        "WhatsApp и TikTok у всех в классе",
        "حسابي في الانستا خاص فقط لأصحابي",
        "أحب سناب عشان الستريك عندي ١٥٠ يوم",
        "我的微信是私密的，只加同学",
        "WhatsApp和TikTok我同学都在用",
        "我名字里的那个点老是写错",
    ];

    #[test]
    fn table_of_cases_in_several_languages() {
        for (input, expected) in CASES.iter().chain(HIDDEN) {
            assert_eq!(scrub(input).as_str(), *expected, "input: {input}");
        }
    }

    #[test]
    fn ordinary_sentences_that_look_close_are_kept() {
        for text in ORDINARY {
            assert_eq!(scrub(text).as_str(), *text);
        }
    }

    #[test]
    fn normalising_keeps_the_way_back_to_each_character() {
        let text = "Ｓａ\u{200B}m ٣  x";
        let view = Normalised::of(text);
        assert_eq!(view.text, "sam 3 x");
        let found = [(0..3, HANDLE_REMOVED)];
        assert_eq!(view.replace(text, &found), "[handle removed] ٣  x");
    }

    fn nothing_found(text: &str) -> bool {
        let view = Normalised::of(text);
        PASSES.iter().all(|pass| pass(&view.text).is_empty())
    }

    const APP_WORDS: &[&str] = &[
        "my insta is",
        "snap:",
        "mi ig es",
        "mon tiktok c'est",
        "мой тг",
        "微信号",
        "تيك توك:",
        "discord",
    ];
    const AT_FORMS: &[&str] =
        &[" at ", " (at) ", "[arroba]", " arobase ", " собака ", "艾特", " آت ", "＠"];
    const DOT_FORMS: &[&str] =
        &[" dot ", "(dot)", " point ", "[punto]", " точка ", "点", " دوت ", "．"];

    proptest! {
        #[test]
        fn nothing_a_detector_finds_survives(text in "\\PC{0,80}") {
            let out = scrub(&text);
            prop_assert!(nothing_found(out.as_str()), "{:?}", out);
        }

        #[test]
        fn scrubbing_twice_changes_nothing(text in "\\PC{0,80}") {
            let once = scrub(&text);
            prop_assert_eq!(scrub(once.as_str()), once);
        }

        #[test]
        fn text_without_digits_dots_at_signs_or_app_names_is_unchanged(
            text in "[^\\p{N}\\p{P}\\p{S}\\p{Cf}]{0,80}",
        ) {
            prop_assume!(!APP_HANDLE.is_match(&Normalised::of(&text).text));
            let out = scrub(&text);
            prop_assert_eq!(out.as_str(), text.as_str());
        }

        #[test]
        fn embedded_phone_numbers_are_removed(
            before in "[a-z ]{0,20}",
            digits in proptest::collection::vec(0u8..10, 7..15),
            sep in prop_oneof![Just(""), Just(" "), Just("-"), Just("."), Just("\u{200B}")],
            plus in any::<bool>(),
            after in "[a-z ]{0,20}",
        ) {
            let number: Vec<String> = digits.iter().map(u8::to_string).collect();
            let phone = format!("{}{}", if plus { "+" } else { "" }, number.join(sep));
            let out = scrub(&format!("{before} {phone} {after}"));
            prop_assert!(!out.as_str().contains(&phone), "{:?}", out);
            prop_assert!(out.as_str().contains(PHONE_REMOVED) || out.as_str().contains(NUMBER_REMOVED));
        }

        #[test]
        fn embedded_emails_are_removed(
            user in "[a-z][a-z0-9._]{0,10}",
            domain in "[a-z]{2,10}",
            tld in "[a-z]{2,4}",
        ) {
            let email = format!("{user}@{domain}.{tld}");
            let out = scrub(&format!("write to {email} today"));
            prop_assert_eq!(out.as_str(), "write to [email removed] today");
        }

        #[test]
        fn embedded_hidden_emails_are_removed(
            user in "[a-z][a-z0-9_]{2,10}",
            at in proptest::sample::select(AT_FORMS),
            domain in "[a-z]{3,10}",
            dot in proptest::sample::select(DOT_FORMS),
            tld in proptest::sample::select(&["com", "net", "org", "fr", "es", "ru"][..]),
        ) {
            let out = scrub(&format!("mail {user}{at}{domain}{dot}{tld} bye"));
            prop_assert_eq!(out.as_str(), "mail [email removed] bye");
        }

        #[test]
        fn embedded_handles_after_an_app_name_are_removed(
            intro in proptest::sample::select(APP_WORDS),
            handle in "[a-z]{2,8}[_.][a-z]{1,6}[0-9]{0,4}",
            invisible in any::<bool>(),
        ) {
            let hidden = handle.replace('_', "\u{200B}_").replace('.', ".\u{200C}");
            let written = if invisible { hidden } else { handle.clone() };
            let out = scrub(&format!("{intro} {written}"));
            // "aa.tn" is a domain as well as a handle: either placeholder says it went.
            let gone = [HANDLE_REMOVED, LINK_REMOVED].map(|p| format!("{intro} {p}"));
            prop_assert!(gone.contains(&out.as_str().to_owned()), "{:?}", out);
        }
    }
}

#[cfg(test)]
mod eval;
