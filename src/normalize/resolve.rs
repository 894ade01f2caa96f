//! Entity resolution over a corpus.
//!
//! 1. Each mention becomes a node keyed by its kind and the fold key of its base form, so
//!    spellings the fold joins (Tikhanovskaya / Tikhanovskaia) share a node from the start;
//!    gazetteer entries share a node per entry (Kiev / Kyiv). A surname alone that names a
//!    person given in full in the same article joins that person's node (in-article
//!    coreference).
//! 2. Candidate pairs come from blocking: nodes sharing a word's cognate key or consonant
//!    skeleton (given names are too common to block on). Never all pairs.
//! 3. Candidates are compared with [`compare_prepared`]; matches are merged best first with a
//!    union-find, refusing any merge that would put a vetoed or forbidden pair in one entity.
//! 4. A surname alone that no article explains joins a person only when exactly one person of
//!    the corpus carries it.
//!
//! Every merge records its evidence; ids are hashes of the kind and the sorted variants, and
//! entities are sorted, so the output does not depend on thread timing or hash order.

use super::aliases::Aliases;
use super::compare::{
    CompareOptions, PreparedName, SimCache, Word, assemble, compare_cached, compare_prepared,
    name_words, prepare_word,
};
use super::gazetteer::{self, phrase_key};

use super::text::mixed_script;
use super::{Entity, EntityKind, Mention, ResolveOptions, Variant, fold};
use crate::model::Document;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// FxHash in place of SipHash: resolution looks every mention's form up (issue 7). No map
/// here is iterated where order could reach the output.
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

struct Node {
    kind: EntityKind,
    /// The first base form seen (the one compared).
    name: String,
    prepared: PreparedName,
    gazetteer: Option<gazetteer::Known>,
    alias: Option<usize>,
    /// A person named by one word (a surname alone).
    single: bool,
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let next = self.parent[y];
            self.parent[y] = r;
            y = next;
        }
        r
    }
    /// Joins the sets; the smaller index becomes the root (deterministic).
    fn union(&mut self, a: usize, b: usize) -> usize {
        let (ra, rb) = (self.find(a), self.find(b));
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[hi] = lo;
        lo
    }
}

fn node_key(kind: EntityKind, name: &PreparedName, known: Option<&gazetteer::Known>) -> String {
    match known {
        Some(k) => format!("{kind:?}\u{0}g:{}", k.display),
        None => {
            let keys: Vec<&str> = name.words.iter().map(|w| w.keys[0].as_str()).collect();
            format!("{kind:?}\u{0}{}", keys.join(" "))
        }
    }
}

/// Block keys of a node: per identity-bearing word, its cognate key and consonant skeleton.
fn block_keys(n: &Node) -> Vec<u64> {
    let words = &n.prepared.words;
    let has_other = words.iter().any(|w| !w.given && !w.particle && !w.initial);
    let mut out = Vec::new();
    for w in words {
        if w.particle || w.initial || (w.given && has_other) {
            continue;
        }
        // Hashed with the kind and the key's role; a collision only adds candidates.
        let hash = |role: u8, key: &str| {
            let mut bytes = vec![n.kind as u8, role];
            bytes.extend_from_slice(key.as_bytes());
            xxhash_rust::xxh3::xxh3_64(&bytes)
        };
        for c in w.cognate.iter().take(2) {
            out.push(hash(b'c', c));
        }
        let sk = fold::skeleton(&w.keys[0]);
        if sk.len() >= 3 {
            out.push(hash(b's', &sk));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Blocks larger than this are skipped: a key shared by that many different names carries
/// no identity (and comparing inside it would be quadratic).
const MAX_BLOCK: usize = 400;

/// Resolves the corpus (see the module documentation).
pub fn resolve(
    docs: &[Document],
    mentions: &mut [Vec<Mention>],
    opts: &ResolveOptions,
) -> Vec<Entity> {
    let aliases: &Aliases = &opts.aliases;
    // Distinct (kind, base) forms, prepared once and in parallel: a corpus repeats its names.
    let mut form_index: HashMap<(EntityKind, &str), usize> = HashMap::default();
    let mut forms: Vec<(EntityKind, &str)> = Vec::new();
    // (doc, mention) → form, kept so that each mention is hashed once.
    let mention_form: Vec<Vec<usize>> = mentions
        .iter()
        .map(|ms| {
            ms.iter()
                .map(|m| {
                    *form_index
                        .entry((m.kind, m.base.as_str()))
                        .or_insert_with(|| {
                            forms.push((m.kind, m.base.as_str()));
                            forms.len() - 1
                        })
                })
                .collect()
        })
        .collect();
    // Distinct words, prepared once each.
    let form_words: Vec<Vec<String>> = forms.par_iter().map(|(_, b)| name_words(b)).collect();
    let mut word_ids: HashMap<&str, usize> = HashMap::default();
    let mut distinct: Vec<&str> = Vec::new();
    for ws in &form_words {
        for w in ws {
            word_ids.entry(w.as_str()).or_insert_with(|| {
                distinct.push(w.as_str());
                distinct.len() - 1
            });
        }
    }
    let words: Vec<Arc<Word>> = distinct
        .par_iter()
        .map(|w| Arc::new(prepare_word(w)))
        .collect();
    let prepared: Vec<(
        EntityKind,
        Option<usize>,
        Option<gazetteer::Known>,
        PreparedName,
    )> = forms
        .par_iter()
        .zip(form_words.par_iter())
        .map(|(&(kind, base), ws)| {
            let alias = if aliases.is_empty() {
                None
            } else {
                aliases.entity_of(base)
            };
            let kind = alias.and_then(|a| aliases.entities[a].kind).unwrap_or(kind);
            // Persons were looked up by mention finding already; lists and aliases may bring
            // places and organisations that the gazetteer knows.
            let known = if kind == EntityKind::Person {
                None
            } else {
                gazetteer::lookup(base).filter(|k| k.kind == kind)
            };
            let ws = ws
                .iter()
                .map(|w| words[word_ids[w.as_str()]].clone())
                .collect();
            (kind, alias, known, assemble(base, ws))
        })
        .collect();
    let mut nodes: Vec<Node> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::default();
    let mut form_node: Vec<usize> = Vec::with_capacity(forms.len());
    let mut evidence: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (&(_, base), (kind, alias, known, name)) in forms.iter().zip(prepared) {
        let key = node_key(kind, &name, known.as_ref());
        let why = if known.is_some() {
            "gazetteer entry"
        } else {
            "same fold keys"
        };
        let idx = *by_key.entry(key).or_insert_with(|| {
            nodes.push(Node {
                kind,
                name: base.to_string(),
                single: kind == EntityKind::Person && name.words.len() == 1,
                prepared: name,
                gazetteer: known,
                alias,
            });
            nodes.len() - 1
        });
        if nodes[idx].name != base {
            evidence
                .entry(idx)
                .or_default()
                .insert(format!("\"{base}\" = \"{}\": {why}", nodes[idx].name));
        }
        form_node.push(idx);
    }
    // (doc, mention) → node
    let mut assign: Vec<Vec<usize>> = Vec::with_capacity(mentions.len());
    // In-article coreference, (full-name node, surname) → articles; one evidence line each.
    let mut coref: BTreeMap<(usize, &str), BTreeSet<&str>> = BTreeMap::new();
    for (di, ms) in mentions.iter().enumerate() {
        let source = docs.get(di).map(|d| d.source.as_str()).unwrap_or("?");
        let mut local: Vec<usize> = mention_form[di].iter().map(|&f| form_node[f]).collect();
        // In-article coreference: a surname alone → the one full name of the article.
        // (Sorted and deduplicated: a set's order, without a tree per article.)
        let mut full: Vec<usize> = local
            .iter()
            .copied()
            .filter(|&i| nodes[i].kind == EntityKind::Person && nodes[i].prepared.words.len() > 1)
            .collect();
        full.sort_unstable();
        full.dedup();
        for (mi, m) in ms.iter().enumerate() {
            let idx = local[mi];
            if !nodes[idx].single || nodes[idx].alias.is_some() {
                continue;
            }
            let keys = &nodes[idx].prepared.words[0].keys;
            let mut targets = full.iter().copied().filter(|&t| {
                nodes[t]
                    .prepared
                    .words
                    .last()
                    .is_some_and(|w| w.keys.iter().any(|k| keys.contains(k)))
            });
            // Exactly one full name carries the surname.
            if let (Some(t), None) = (targets.next(), targets.next()) {
                local[mi] = t;
                coref
                    .entry((t, m.base.as_str()))
                    .or_default()
                    .insert(source);
            }
        }
        assign.push(local);
    }
    for ((t, base), sources) in coref {
        let list: Vec<&str> = sources.into_iter().collect();
        evidence.entry(t).or_default().insert(format!(
            "\"{base}\": surname of \"{}\" named in the same article ({})",
            nodes[t].name,
            list.join(", ")
        ));
    }

    let n = nodes.len();
    let mut uf = UnionFind::new(n);

    // Forced merges from the alias file.
    let mut alias_first: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, node) in nodes.iter().enumerate() {
        if let Some(a) = node.alias {
            if let Some(&f) = alias_first.get(&a) {
                uf.union(f, i);
                evidence.entry(i).or_default().insert(format!(
                    "\"{}\" = \"{}\": alias file",
                    node.name, nodes[f].name
                ));
            } else {
                alias_first.insert(a, i);
            }
        }
    }

    // Blocking.
    // Iteration order does not matter: the candidates are sorted below.
    let mut blocks: HashMap<u64, Vec<usize>> = HashMap::default();
    for (i, node) in nodes.iter().enumerate() {
        if node.gazetteer.is_some() || node.kind == EntityKind::Demonym {
            continue;
        }
        for k in block_keys(node) {
            blocks.entry(k).or_default().push(i);
        }
    }
    // Names share several block keys: a pair is kept once, then sorted.
    let mut unique: rustc_hash::FxHashSet<(usize, usize)> = Default::default();
    for members in blocks.values() {
        if members.len() > MAX_BLOCK {
            continue;
        }
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                unique.insert((a.min(b), a.max(b)));
            }
        }
    }
    let mut candidates: Vec<(usize, usize)> = unique.into_iter().collect();
    candidates.sort_unstable();
    let results: Vec<(usize, usize, super::NameMatch)> = candidates
        .par_iter()
        .map_init(SimCache::default, |cache, &(a, b)| {
            let copts = CompareOptions {
                use_dictionary: opts.use_dictionary,
                kind: nodes[a].kind,
                ..CompareOptions::default()
            };
            (
                a,
                b,
                // The words live in `nodes` until the end of resolution: the cache's
                // addresses stay valid.
                compare_cached(&nodes[a].prepared, &nodes[b].prepared, &copts, cache),
            )
        })
        .collect();

    // Pairs that must never share an entity.
    let mut apart: Vec<(usize, usize)> = Vec::new();
    for (a, b, m) in &results {
        if m.vetoed {
            apart.push((*a, *b));
        }
    }
    // Pairs the alias file forbids (matched by phrase key, each node keyed once).
    if !aliases.forbid.is_empty() {
        let keys: Vec<String> = nodes.iter().map(|n| phrase_key(&n.name)).collect();
        for (x, y) in &aliases.forbid {
            let (kx, ky) = (phrase_key(x), phrase_key(y));
            for a in (0..n).filter(|&i| keys[i] == kx) {
                for b in (0..n).filter(|&i| keys[i] == ky) {
                    apart.push((a, b));
                }
            }
        }
    }
    let mut merges: Vec<&(usize, usize, super::NameMatch)> = results
        .iter()
        .filter(|(a, b, m)| m.same && nodes[*a].single == nodes[*b].single)
        .collect();
    merges.sort_by(|x, y| {
        y.2.score
            .total_cmp(&x.2.score)
            .then((x.0, x.1).cmp(&(y.0, y.1)))
    });
    let try_merge = |uf: &mut UnionFind, a: usize, b: usize| -> bool {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb {
            return false;
        }
        let blocked = apart.iter().any(|&(x, y)| {
            let (fx, fy) = (uf.find(x), uf.find(y));
            (fx == ra && fy == rb) || (fx == rb && fy == ra)
        });
        if blocked {
            return false;
        }
        uf.union(a, b);
        true
    };
    for (a, b, m) in merges {
        if try_merge(&mut uf, *a, *b) {
            // Explained only now: most candidate pairs are never merged.
            let copts = CompareOptions {
                use_dictionary: opts.use_dictionary,
                kind: nodes[*a].kind,
                ..CompareOptions::default()
            };
            let explained = compare_prepared(&nodes[*a].prepared, &nodes[*b].prepared, &copts);
            evidence.entry(*b).or_default().insert(format!(
                "\"{}\" = \"{}\" (score {:.2}): {}",
                nodes[*b].name,
                nodes[*a].name,
                m.score,
                explained.reasons.join("; ")
            ));
        }
    }
    // A surname alone joins the one person of the corpus who carries it.
    let mut single_targets: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (a, b, m) in &results {
        if m.same && nodes[*a].single != nodes[*b].single {
            let (s, f) = if nodes[*a].single { (*a, *b) } else { (*b, *a) };
            let (rs, rf) = (uf.find(s), uf.find(f));
            single_targets.entry(rs).or_default().insert(rf);
        }
    }
    for (s, targets) in single_targets {
        if targets.len() == 1 {
            let t = *targets.iter().next().unwrap_or(&s);
            if try_merge(&mut uf, s, t) {
                evidence.entry(s).or_default().insert(format!(
                    "\"{}\" = \"{}\": surname alone, and the only person of the corpus with it",
                    nodes[s].name, nodes[t].name
                ));
            }
        }
    }

    build_entities(docs, mentions, &assign, &nodes, &mut uf, &evidence, aliases)
}

fn build_entities(
    docs: &[Document],
    mentions: &mut [Vec<Mention>],
    assign: &[Vec<usize>],
    nodes: &[Node],
    uf: &mut UnionFind,
    evidence: &BTreeMap<usize, BTreeSet<String>>,
    aliases: &Aliases,
) -> Vec<Entity> {
    struct Acc<'m> {
        kind: EntityKind,
        /// Form → (count, document indices in increasing order, each once).
        forms: HashMap<&'m str, (usize, Vec<usize>)>,
        evidence: BTreeSet<String>,
        display: Option<String>,
        related: Option<String>,
        total: usize,
    }
    // Hash maps while every mention is counted, sorted below (roots, forms).
    let mut groups: HashMap<usize, Acc> = HashMap::default();
    for (di, ms) in mentions.iter().enumerate() {
        for (mi, m) in ms.iter().enumerate() {
            let node = assign[di][mi];
            let root = uf.find(node);
            let acc = groups.entry(root).or_insert_with(|| Acc {
                kind: nodes[root].kind,
                forms: HashMap::default(),
                evidence: BTreeSet::new(),
                display: None,
                related: None,
                total: 0,
            });
            let f = acc.forms.entry(m.base.as_str()).or_default();
            f.0 += 1;
            // Documents come in order: a repeat is the last one.
            if f.1.last() != Some(&di) {
                f.1.push(di);
            }
            acc.total += 1;
        }
    }
    for (i, node) in nodes.iter().enumerate() {
        let root = uf.find(i);
        let Some(acc) = groups.get_mut(&root) else {
            continue;
        };
        if let Some(ev) = evidence.get(&i) {
            acc.evidence.extend(ev.iter().cloned());
        }
        if let Some(d) = node.alias.and_then(|a| aliases.entities[a].display.clone()) {
            acc.display = Some(d);
        } else if let Some(k) = node.gazetteer
            && acc.display.is_none()
        {
            acc.display = Some(k.display.to_string());
            acc.related = k.related.map(str::to_string);
        }
    }
    let mut ids: BTreeMap<usize, Arc<str>> = BTreeMap::new();
    // Each document's source, shared by every variant found in it.
    let doc_sources: Vec<Arc<str>> = docs.iter().map(|d| Arc::from(d.source.as_str())).collect();
    let mut entities: Vec<Entity> = Vec::with_capacity(groups.len());
    let mut groups: Vec<(usize, Acc)> = groups.into_iter().collect();
    groups.sort_unstable_by_key(|(root, _)| *root);
    for (root, acc) in groups {
        let mut forms: Vec<(&str, (usize, Vec<usize>))> = acc.forms.into_iter().collect();
        forms.sort_unstable_by_key(|(form, _)| *form);
        let display = acc.display.clone().unwrap_or_else(|| {
            // The most frequent of the longest forms (a full name over a surname alone).
            forms
                .iter()
                .max_by(|(fa, (ca, _)), (fb, (cb, _))| {
                    let wa = fa.split_whitespace().count().min(2);
                    let wb = fb.split_whitespace().count().min(2);
                    // A look-alike spelling is never the display form when another exists.
                    let (ma, mb) = (mixed_script(fa), mixed_script(fb));
                    wa.cmp(&wb)
                        .then(mb.cmp(&ma))
                        .then(ca.cmp(cb))
                        .then(fb.cmp(fa))
                })
                .map(|(f, _)| f.to_string())
                .unwrap_or_default()
        });
        let variants: Vec<Variant> = forms
            .iter()
            .map(|(form, (count, in_docs))| {
                let mut sources: Vec<Arc<str>> = in_docs
                    .iter()
                    .map(|&d| doc_sources.get(d).cloned().unwrap_or_else(|| "".into()))
                    .collect();
                sources.sort();
                sources.dedup();
                Variant {
                    form: form.to_string(),
                    count: *count,
                    sources,
                    mixed_script: mixed_script(form),
                }
            })
            .collect();
        let mut h = format!("{:?}\u{0}", acc.kind);
        for v in &variants {
            h.push_str(&v.form);
            h.push('\u{0}');
        }
        let id = format!("n{:016x}", xxhash_rust::xxh3::xxh3_64(h.as_bytes()));
        ids.insert(root, Arc::<str>::from(id.as_str()));
        let mut evidence: Vec<String> = acc.evidence.into_iter().collect();
        if let Some(r) = &acc.related {
            evidence.push(format!("demonym related to {r}"));
        }
        entities.push(Entity {
            id,
            display,
            kind: acc.kind,
            variants,
            evidence,
            related: acc.related,
        });
    }
    for (di, ms) in mentions.iter_mut().enumerate() {
        for (mi, m) in ms.iter_mut().enumerate() {
            // The alias file may have changed the kind.
            m.kind = nodes[assign[di][mi]].kind;
            let root = uf.find(assign[di][mi]);
            m.entity = ids.get(&root).cloned();
        }
    }
    // Kind, then most mentioned first, then display and id (ids are unique: a total order).
    entities.sort_by_cached_key(|e| {
        let total: usize = e.variants.iter().map(|v| v.count).sum();
        (
            e.kind,
            std::cmp::Reverse(total),
            e.display.clone(),
            e.id.clone(),
        )
    });
    entities
}
