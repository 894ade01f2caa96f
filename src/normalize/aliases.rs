//! User control over entity resolution: the alias file.
//!
//! A JSON object with two optional members:
//!
//! ```json
//! {
//!   "entities": [
//!     {
//!       "display": "Sviatlana Tsikhanouskaya",
//!       "kind": "person",
//!       "forms": ["Svetlana Tikhanovskaya", "Cichanouskaja", "Тихановская"]
//!     }
//!   ],
//!   "forbid": [
//!     ["Siarhei Tsikhanouski", "Sviatlana Tsikhanouskaya"]
//!   ]
//! }
//! ```
//!
//! * `entities`: each entry forces its `forms` (and its `display`) into one entity and, when
//!   `display` is given, makes it the entity's display form. `kind` (person, place,
//!   organisation, outlet, demonym, other) is optional and sets the kind of mentions of those
//!   forms.
//! * `forbid`: pairs of names that must never end up in one entity, whatever the scores say.
//!
//! Forms are matched by fold key, so `Tikhanovskaya` in the file also covers `Tikhanovskaia`.

use super::EntityKind;
use super::gazetteer::phrase_key;
use serde::Deserialize;

/// A parsed alias file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aliases {
    pub entities: Vec<AliasEntity>,
    pub forbid: Vec<(String, String)>,
}

/// One forced entity.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AliasEntity {
    #[serde(default)]
    pub display: Option<String>,
    #[serde(default)]
    pub kind: Option<EntityKind>,
    #[serde(default)]
    pub forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    entities: Vec<AliasEntity>,
    #[serde(default)]
    forbid: Vec<(String, String)>,
}

/// Why an alias file was refused.
#[derive(Debug, thiserror::Error)]
pub enum AliasError {
    #[error("alias file is not valid: {0} (see `concord names --help` for the format)")]
    Json(#[from] serde_json::Error),
    #[error("alias entity {0} has neither a display form nor forms")]
    Empty(usize),
}

impl Aliases {
    /// Parses the JSON text of an alias file.
    pub fn parse(json: &str) -> Result<Aliases, AliasError> {
        let f: File = serde_json::from_str(json)?;
        for (i, e) in f.entities.iter().enumerate() {
            if e.display.is_none() && e.forms.is_empty() {
                return Err(AliasError::Empty(i));
            }
        }
        Ok(Aliases {
            entities: f.entities,
            forbid: f.forbid,
        })
    }

    /// The alias entity a name belongs to (index into `entities`).
    pub fn entity_of(&self, name: &str) -> Option<usize> {
        let k = phrase_key(name);
        self.entities.iter().position(|e| {
            e.display
                .iter()
                .chain(e.forms.iter())
                .any(|f| phrase_key(f) == k)
        })
    }

    /// True when the two names must stay apart.
    pub fn forbidden(&self, a: &str, b: &str) -> bool {
        let (ka, kb) = (phrase_key(a), phrase_key(b));
        self.forbid.iter().any(|(x, y)| {
            let (kx, ky) = (phrase_key(x), phrase_key(y));
            (kx == ka && ky == kb) || (kx == kb && ky == ka)
        })
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty() && self.forbid.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_matches_by_fold_key() {
        let a = Aliases::parse(
            r#"{"entities": [{"display": "Sviatlana Tsikhanouskaya", "kind": "person",
                 "forms": ["Svetlana Tikhanovskaya"]}],
                "forbid": [["Siarhei Tsikhanouski", "Sviatlana Tsikhanouskaya"]]}"#,
        )
        .unwrap();
        assert_eq!(a.entity_of("Svetlana Tikhanovskaia"), Some(0));
        assert_eq!(a.entity_of("Vladimir Putin"), None);
        assert!(a.forbidden("Sviatlana Tsikhanouskaya", "Siarhei Tsikhanouski"));
        assert!(!a.forbidden("Sviatlana Tsikhanouskaya", "Vladimir Putin"));
    }

    #[test]
    fn rejects_bad_files() {
        assert!(Aliases::parse("{").is_err());
        assert!(Aliases::parse(r#"{"entities": [{}]}"#).is_err());
        assert!(Aliases::parse(r#"{"merge": []}"#).is_err());
    }
}
