//! Stage 2: text forms, transliteration, matching keys, mentions and entity resolution.
//!
//! `text` (the matching form of cleaned text) belongs to the foundation; the rest is the name
//! normalizer (issue 3).

pub mod aliases;
pub mod compare;
pub mod dictionary;
pub mod fold;
pub mod gazetteer;
pub mod given_names;
pub mod mentions;
mod resolve;
pub mod similarity;
pub mod text;
pub mod translit;

pub use aliases::{AliasError, Aliases};
pub use compare::{CompareOptions, NameMatch, compare_names};
pub use resolve::{FormInput, Resolution, resolve_forms};

use crate::model::{Document, Span};
use crate::shared::SharedStr;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organisation,
    Outlet,
    /// Demonyms and adjectives ("Belarusian"): related to a place, never the place itself.
    Demonym,
    Other,
}

/// A name found in a document's cleaned text.
///
/// A corpus holds some 47 mentions an article and few distinct names, so `text` and `base`
/// are [`SharedStr`]s interned per thread ([`mentions::interned`]): one allocation per
/// distinct form, and `text` is `base` itself when the two are equal, where two owned
/// strings per mention were half of its memory (issue 7). They serialise as plain strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte span of the surface form in `Document::text`.
    pub span: Span,
    /// The surface form as written ("Lukashenko's").
    pub text: SharedStr,
    /// The base form (possessive and case endings removed: "Lukashenko").
    pub base: SharedStr,
    pub kind: EntityKind,
    /// The rule or dictionary that found it.
    pub rule: MentionRule,
    /// The canonical entity id, filled in by [`resolve`]; shared by all its mentions.
    pub entity: Option<Arc<str>>,
}

/// The rule or dictionary that found a mention. One byte beside `kind`, where the rule's
/// name as a `Cow<'static, str>` took 24 and made a mention 96 bytes instead of 72 (some 47
/// mentions an article live to the report: 1.1 KB an article, issue 7). Serialised as the
/// rule's name, as before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MentionRule {
    #[serde(rename = "gazetteer")]
    Gazetteer,
    #[serde(rename = "organisation word")]
    OrganisationWord,
    #[serde(rename = "place word")]
    PlaceWord,
    #[serde(rename = "title or role")]
    TitleOrRole,
    #[serde(rename = "given name")]
    GivenName,
    #[serde(rename = "surname of a person named in the article")]
    Surname,
    /// A name given in a list to [`group_names`], not found in a text.
    #[serde(rename = "list")]
    List,
    /// Any other name (hand-built mentions in tests and benchmarks).
    #[serde(rename = "other")]
    Other,
}

/// The rule of that name; a name no rule has is [`MentionRule::Other`].
impl From<&str> for MentionRule {
    fn from(name: &str) -> Self {
        [
            MentionRule::Gazetteer,
            MentionRule::OrganisationWord,
            MentionRule::PlaceWord,
            MentionRule::TitleOrRole,
            MentionRule::GivenName,
            MentionRule::Surname,
            MentionRule::List,
        ]
        .into_iter()
        .find(|r| r.as_str() == name)
        .unwrap_or(MentionRule::Other)
    }
}

impl MentionRule {
    /// The rule's name as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionRule::Gazetteer => "gazetteer",
            MentionRule::OrganisationWord => "organisation word",
            MentionRule::PlaceWord => "place word",
            MentionRule::TitleOrRole => "title or role",
            MentionRule::GivenName => "given name",
            MentionRule::Surname => "surname of a person named in the article",
            MentionRule::List => "list",
            MentionRule::Other => "other",
        }
    }
}

/// One spelling of an entity and where it occurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub form: String,
    pub count: usize,
    /// The documents it occurs in (each document's one shared string).
    pub sources: Vec<Arc<str>>,
    /// A word of the form mixes Latin, Cyrillic or Greek letters (`text::mixed_script`): a
    /// look-alike letter, matched to the entity but worth a reader's look. Written only when
    /// true, so the output of ordinary names is unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mixed_script: bool,
}

/// One real-world person, place or organisation with all its spellings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub display: String,
    pub kind: EntityKind,
    pub variants: Vec<Variant>,
    /// Why the variants were merged (one line per merge).
    pub evidence: Vec<String>,
    /// For a demonym, the place it relates to ("Belarusian" → "Belarus").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<String>,
}

/// Options for entity resolution.
#[derive(Debug, Clone)]
pub struct ResolveOptions {
    /// Use the built-in Wikidata name dictionary (`--no-dictionary` turns it off).
    pub use_dictionary: bool,
    /// Forced and forbidden merges and display forms from an alias file.
    pub aliases: Aliases,
}

impl Default for ResolveOptions {
    fn default() -> Self {
        ResolveOptions {
            use_dictionary: true,
            aliases: Aliases::default(),
        }
    }
}

/// Finds person, place, organisation, outlet and demonym mentions in a document.
pub fn find_mentions(doc: &Document) -> Vec<Mention> {
    mentions::find_mentions(doc)
}

/// Merges the mentions of a corpus into entities, setting `Mention::entity`.
pub fn resolve(
    docs: &[Document],
    mentions: &mut [Vec<Mention>],
    opts: &ResolveOptions,
) -> Vec<Entity> {
    resolve::resolve(docs, mentions, opts)
}

/// Groups a list of names (one entity per group), as `concord names --list` does: each name
/// is a mention of the given kind in a document of its own.
pub fn group_names(names: &[String], kind: EntityKind, opts: &ResolveOptions) -> Vec<Entity> {
    let docs: Vec<Document> = names
        .iter()
        .enumerate()
        .map(|(i, _)| Document {
            source: format!("line {}", i + 1),
            ..Document::default()
        })
        .collect();
    let mut mentions: Vec<Vec<Mention>> = names
        .iter()
        .map(|n| {
            vec![Mention {
                span: Span::new(0, n.len()),
                text: n.as_str().into(),
                base: n.as_str().into(),
                kind,
                rule: MentionRule::List,
                entity: None,
            }]
        })
        .collect();
    resolve(&docs, &mut mentions, opts)
}
