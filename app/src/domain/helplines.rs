//! The helplines the thank-you page lists, as organizers type them: one per line,
//! `Name | https://address` or `Name | phone number`. Child Helpline International's directory is
//! always shown as well, so an empty list still leads every young person to help.

use super::problem::Problem;

pub const MAX_HELPLINES: usize = 20;
pub const NAME_MAX_CHARS: usize = 80;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Contact {
    /// An `https://` address.
    Web(String),
    /// Digits with optional `+`, spaces, dashes and brackets, as people write them.
    Phone(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Helpline {
    pub name: String,
    pub contact: Contact,
}

impl Helpline {
    /// Where the link goes: the address, or `tel:` with only the digits (and a leading `+`).
    pub fn href(&self) -> String {
        match &self.contact {
            Contact::Web(url) => url.clone(),
            Contact::Phone(number) => {
                let plus = if number.trim_start().starts_with('+') { "+" } else { "" };
                let digits: String = number.chars().filter(char::is_ascii_digit).collect();
                format!("tel:{plus}{digits}")
            }
        }
    }

    pub fn contact_text(&self) -> &str {
        match &self.contact {
            Contact::Web(url) => url.trim_start_matches("https://").trim_end_matches('/'),
            Contact::Phone(number) => number,
        }
    }

    /// The line an organizer would type for it.
    pub fn line(&self) -> String {
        match &self.contact {
            Contact::Web(contact) | Contact::Phone(contact) => format!("{} | {contact}", self.name),
        }
    }
}

/// Reads the typed list; the problem names the first line that cannot be a helpline.
pub fn parse(text: &str) -> Result<Vec<Helpline>, Problem> {
    let mut helplines = Vec::new();
    for (line, typed) in text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())) {
        if typed.is_empty() {
            continue;
        }
        let (name, contact) = typed.split_once('|').ok_or(Problem::HelplineFormat { line })?;
        let (name, contact) = (name.trim(), contact.trim());
        if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
            return Err(Problem::HelplineName { line });
        }
        let contact = if contact.starts_with("https://")
            && contact.len() > 10
            && !contact.contains(char::is_whitespace)
        {
            Contact::Web(contact.to_owned())
        } else if is_phone(contact) {
            Contact::Phone(contact.to_owned())
        } else {
            return Err(Problem::HelplineContact { line });
        };
        helplines.push(Helpline { name: name.to_owned(), contact });
    }
    if helplines.len() > MAX_HELPLINES {
        return Err(Problem::TooManyHelplines);
    }
    Ok(helplines)
}

fn is_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    (3..=20).contains(&digits)
        && text.trim_start_matches('+').chars().all(|c| c.is_ascii_digit() || " -()".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_phone_lines_are_read_and_written_back() {
        let text = "\n Childline (UK) | 0800 1111 \nKids Help Phone|https://kidshelpphone.ca/\n";
        let list = parse(text).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].href(), "tel:08001111");
        assert_eq!(list[0].contact_text(), "0800 1111");
        assert_eq!(list[1].href(), "https://kidshelpphone.ca/");
        assert_eq!(list[1].contact_text(), "kidshelpphone.ca");
        let written: Vec<String> = list.iter().map(Helpline::line).collect();
        assert_eq!(parse(&written.join("\n")).unwrap(), list);
        assert_eq!(parse("Helpline | +216 80 10 20 30").unwrap()[0].href(), "tel:+21680102030");
    }

    #[test]
    fn an_empty_list_is_allowed() {
        assert_eq!(parse("  \n\n"), Ok(vec![]));
    }

    #[test]
    fn bad_lines_are_named() {
        assert_eq!(parse("ok | 116111\nno bar here"), Err(Problem::HelplineFormat { line: 2 }));
        assert_eq!(parse("x | http://insecure.example"), Err(Problem::HelplineContact { line: 1 }));
        assert_eq!(parse("x | javascript:alert(1)"), Err(Problem::HelplineContact { line: 1 }));
        assert_eq!(parse("\n | 116111"), Err(Problem::HelplineName { line: 2 }));
        assert_eq!(parse("x | 12"), Err(Problem::HelplineContact { line: 1 }), "too few digits");
        let many = "x | 116111\n".repeat(MAX_HELPLINES + 1);
        assert_eq!(parse(&many), Err(Problem::TooManyHelplines));
    }
}
