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
//!
//! Resolution reads a mention's kind and base form and its document's source, nothing else:
//! [`resolve_forms`] works from a [`FormInput`] (each distinct form once, and a `u32` form id
//! per mention), so the mentions themselves need not stay in memory meanwhile (issue 7);
//! [`Resolution::apply`] then sets each document's mentions. [`resolve`] does both over
//! mentions held in memory.

use super::aliases::Aliases;
use super::compare::{
    CompareOptions, PreparedName, SimCache, Word, assemble, compare_cached, compare_prepared,
    name_words, prepare_word,
};
use super::gazetteer::{self, phrase_key};

use super::text::mixed_script;
use super::{Entity, EntityKind, Mention, ResolveOptions, Variant, fold};
use crate::model::Document;
use crate::shared::SharedStr;
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

/// The number of [`EntityKind`]s (the form index keeps one map per kind).
const KINDS: usize = EntityKind::Other as usize + 1;

/// The compact input of resolution: the corpus's distinct (kind, base) forms, each once,
/// and per document its source and its mentions as form ids in mention order, in one flat
/// vector. Resolution reads nothing else of a mention (not its span, surface form or rule),
/// so a caller can push a document's mentions ([`FormInput::push_document`]) and drop or
/// spill them at once: 4 bytes a mention stay, where the mentions took 72 (issue 7).
#[derive(Debug, Clone)]
pub struct FormInput {
    /// Distinct forms in order of first mention (a base is the mention's interned string).
    forms: Vec<(EntityKind, SharedStr)>,
    /// Base → form id, one map per kind (looked up by `&str`, nothing cloned per mention).
    index: [HashMap<SharedStr, u32>; KINDS],
    /// Form id of every mention, document after document.
    mention_forms: Vec<u32>,
    /// Where each document's mentions start in `mention_forms`, then one past the last.
    starts: Vec<usize>,
    /// Each document's source (`None`: no document was given for the mentions).
    sources: Vec<Option<Arc<str>>>,
}

impl Default for FormInput {
    fn default() -> Self {
        FormInput::new()
    }
}

impl FormInput {
    pub fn new() -> Self {
        FormInput::with_capacity(0, 0)
    }

    /// Room for so many documents and mentions, so that the flat vectors are not grown
    /// (and left with spare capacity) by pushing.
    pub fn with_capacity(documents: usize, mentions: usize) -> Self {
        let mut starts = Vec::with_capacity(documents + 1);
        starts.push(0);
        FormInput {
            forms: Vec::new(),
            index: Default::default(),
            mention_forms: Vec::with_capacity(mentions),
            starts,
            sources: Vec::with_capacity(documents),
        }
    }

    /// Adds the next document: its source and its mentions (only their kind and base are
    /// read). Documents are numbered in the order pushed, from 0.
    pub fn push_document(&mut self, source: &str, mentions: &[Mention]) {
        self.push(Some(source), mentions);
    }

    fn push(&mut self, source: Option<&str>, mentions: &[Mention]) {
        for m in mentions {
            let map = &mut self.index[m.kind as usize];
            let id = match map.get(m.base.as_str()) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(self.forms.len()).expect("fewer than 2^32 forms");
                    map.insert(m.base.clone(), id);
                    self.forms.push((m.kind, m.base.clone()));
                    id
                }
            };
            self.mention_forms.push(id);
        }
        self.starts.push(self.mention_forms.len());
        self.sources.push(source.map(Arc::from));
    }

    /// The documents pushed.
    pub fn documents(&self) -> usize {
        self.sources.len()
    }

    /// The mentions pushed, in all documents.
    pub fn mentions(&self) -> usize {
        self.mention_forms.len()
    }

    /// The distinct (kind, base) forms of the mentions pushed.
    pub fn forms(&self) -> usize {
        self.forms.len()
    }
}

/// What resolution found: the entities, and the entity (and kind) of every mention pushed,
/// set on the mentions by [`Resolution::apply`].
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The entities, sorted (kind, most mentioned first, display, id).
    pub entities: Vec<Entity>,
    /// Node of every mention, document after document (`FormInput::mention_forms`, reused).
    mention_node: Vec<u32>,
    starts: Vec<usize>,
    /// Per node: the kind its mentions take (an alias file may change it) and the entity id.
    nodes: Vec<(EntityKind, Option<Arc<str>>)>,
}

impl Resolution {
    /// Sets `kind` and `entity` of document `doc`'s mentions, as pushed to the input.
    ///
    /// # Panics
    /// When `doc` was not pushed or had another number of mentions.
    pub fn apply(&self, doc: usize, mentions: &mut [Mention]) {
        let nodes = &self.mention_node[self.starts[doc]..self.starts[doc + 1]];
        assert_eq!(
            nodes.len(),
            mentions.len(),
            "document {doc} was pushed with another number of mentions"
        );
        for (m, &n) in mentions.iter_mut().zip(nodes) {
            let (kind, id) = &self.nodes[n as usize];
            m.kind = *kind;
            m.entity = id.clone();
        }
    }

    /// The documents resolved.
    pub fn documents(&self) -> usize {
        self.starts.len() - 1
    }
}

/// Resolves the corpus (see the module documentation), setting `Mention::entity` (and the
/// kind, where an alias file changes it): [`resolve_forms`] over the mentions' forms.
pub fn resolve(
    docs: &[Document],
    mentions: &mut [Vec<Mention>],
    opts: &ResolveOptions,
) -> Vec<Entity> {
    let total = mentions.iter().map(Vec::len).sum();
    let mut input = FormInput::with_capacity(mentions.len(), total);
    for (di, ms) in mentions.iter().enumerate() {
        input.push(docs.get(di).map(|d| d.source.as_str()), ms);
    }
    let mut resolution = resolve_forms(input, opts);
    for (di, ms) in mentions.iter_mut().enumerate() {
        resolution.apply(di, ms);
    }
    std::mem::take(&mut resolution.entities)
}

/// Resolves the forms of a corpus (see the module documentation).
pub fn resolve_forms(input: FormInput, opts: &ResolveOptions) -> Resolution {
    let aliases: &Aliases = &opts.aliases;
    let FormInput {
        forms,
        index,
        mut mention_forms,
        mut starts,
        sources,
    } = input;
    drop(index);
    // The node ids replace the form ids in place and live as long as the resolution.
    mention_forms.shrink_to_fit();
    starts.shrink_to_fit();
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
        .map(|(&(kind, ref base), ws)| {
            let base = base.as_str();
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
    let mut form_node: Vec<u32> = Vec::with_capacity(forms.len());
    let mut evidence: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for ((_, base), (kind, alias, known, name)) in forms.iter().zip(prepared) {
        let base = base.as_str();
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
        // Fewer nodes than forms, and forms have u32 ids.
        form_node.push(idx as u32);
    }
    // (node, form) → mentions, and the documents they are in (increasing, each once): what
    // the entities count once the nodes are merged.
    let mut occurrences: HashMap<(u32, u32), (usize, Vec<u32>)> = HashMap::default();
    // In-article coreference, (full-name node, surname) → articles; one evidence line each.
    let mut coref: BTreeMap<(usize, &str), Vec<u32>> = BTreeMap::new();
    // Full names of the article (sorted and deduplicated: a set's order, without a tree).
    let mut full: Vec<u32> = Vec::new();
    for (di, range) in starts.windows(2).enumerate() {
        let doc = di as u32;
        let mention_forms = &mut mention_forms[range[0]..range[1]];
        full.clear();
        full.extend(
            mention_forms
                .iter()
                .map(|&f| form_node[f as usize])
                .filter(|&i| {
                    let node = &nodes[i as usize];
                    node.kind == EntityKind::Person && node.prepared.words.len() > 1
                }),
        );
        full.sort_unstable();
        full.dedup();
        for slot in mention_forms.iter_mut() {
            let form = *slot;
            let mut idx = form_node[form as usize];
            let node = &nodes[idx as usize];
            // In-article coreference: a surname alone → the one full name of the article.
            if node.single && node.alias.is_none() {
                let keys = &node.prepared.words[0].keys;
                let mut targets = full.iter().copied().filter(|&t| {
                    nodes[t as usize]
                        .prepared
                        .words
                        .last()
                        .is_some_and(|w| w.keys.iter().any(|k| keys.contains(k)))
                });
                // Exactly one full name carries the surname.
                if let (Some(t), None) = (targets.next(), targets.next()) {
                    idx = t;
                    let docs = coref
                        .entry((t as usize, forms[form as usize].1.as_str()))
                        .or_default();
                    if docs.last() != Some(&doc) {
                        docs.push(doc);
                    }
                }
            }
            let o = occurrences.entry((idx, form)).or_default();
            o.0 += 1;
            // Documents come in order: a repeat is the last one.
            if o.1.last() != Some(&doc) {
                o.1.push(doc);
            }
            *slot = idx;
        }
    }
    let source_of = |d: u32| sources.get(d as usize).and_then(Option::as_deref);
    for ((t, base), docs) in coref {
        let mut list: Vec<&str> = docs
            .into_iter()
            .map(|d| source_of(d).unwrap_or("?"))
            .collect();
        list.sort_unstable();
        list.dedup();
        evidence.entry(t).or_default().insert(format!(
            "\"{base}\": surname of \"{}\" named in the same article ({})",
            nodes[t].name,
            list.join(", ")
        ));
    }
    // From here on `mention_forms` holds each mention's node.
    let mention_node = mention_forms;

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

    let (entities, ids) = build_entities(
        &forms,
        occurrences,
        &sources,
        &nodes,
        &mut uf,
        &evidence,
        aliases,
    );
    let nodes = nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.kind, ids.get(&uf.find(i)).cloned()))
        .collect();
    Resolution {
        entities,
        mention_node,
        starts,
        nodes,
    }
}

/// The entities of the merged nodes (sorted), and each root node's entity id.
fn build_entities(
    forms: &[(EntityKind, SharedStr)],
    occurrences: HashMap<(u32, u32), (usize, Vec<u32>)>,
    doc_sources: &[Option<Arc<str>>],
    nodes: &[Node],
    uf: &mut UnionFind,
    evidence: &BTreeMap<usize, BTreeSet<String>>,
    aliases: &Aliases,
) -> (Vec<Entity>, BTreeMap<usize, Arc<str>>) {
    struct Acc<'m> {
        kind: EntityKind,
        /// Form → (count, document indices, each document once per node of the form).
        forms: HashMap<&'m str, (usize, Vec<u32>)>,
        evidence: BTreeSet<String>,
        display: Option<String>,
        related: Option<String>,
    }
    // Hash maps while the occurrences are summed, sorted below (roots, forms; the documents
    // become sorted sources, so the order they are added in does not matter).
    let mut groups: HashMap<usize, Acc> = HashMap::default();
    for ((node, form), (count, in_docs)) in occurrences {
        let root = uf.find(node as usize);
        let acc = groups.entry(root).or_insert_with(|| Acc {
            kind: nodes[root].kind,
            forms: HashMap::default(),
            evidence: BTreeSet::new(),
            display: None,
            related: None,
        });
        // Forms of several kinds may share a base (an alias file changes kinds).
        match acc.forms.entry(forms[form as usize].1.as_str()) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((count, in_docs));
            }
            std::collections::hash_map::Entry::Occupied(mut o) => {
                let f = o.get_mut();
                f.0 += count;
                f.1.extend(in_docs);
            }
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
    let mut entities: Vec<Entity> = Vec::with_capacity(groups.len());
    let mut groups: Vec<(usize, Acc)> = groups.into_iter().collect();
    groups.sort_unstable_by_key(|(root, _)| *root);
    for (root, acc) in groups {
        let mut forms: Vec<(&str, (usize, Vec<u32>))> = acc.forms.into_iter().collect();
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
                // Each document's source, shared by every variant found in it.
                let mut sources: Vec<Arc<str>> = in_docs
                    .iter()
                    .map(|&d| {
                        doc_sources
                            .get(d as usize)
                            .cloned()
                            .flatten()
                            .unwrap_or_else(|| "".into())
                    })
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
    (entities, ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::normalize::{MentionRule, find_mentions};

    /// Realistic generated articles (persons named in full and by surname, places,
    /// organisations, planted copies).
    fn corpus(articles: usize) -> Vec<Document> {
        let (articles, _) = crate::corpus_gen::generate(&crate::corpus_gen::RealisticOptions {
            articles,
            seed: 3,
            ..Default::default()
        });
        articles
            .iter()
            .map(|a| crate::ingest::document_from_text(&a.id, &a.text))
            .collect()
    }

    /// Forces a person and a place into one organisation, a place and a person into one
    /// entity of two kinds, and keeps two spellings of one person apart.
    fn aliases() -> Aliases {
        Aliases::parse(
            r#"{"entities": [
                {"display": "Putin Inc", "kind": "organisation",
                 "forms": ["Vladimir Putin", "Kremlin", "Putin"]},
                {"forms": ["Brest", "Pavel Latushko"]}],
              "forbid": [["Roman Protasevich", "Raman Pratasevich"]]}"#,
        )
        .expect("a valid alias file")
    }

    #[test]
    fn documents_pushed_one_at_a_time_resolve_like_the_whole_corpus() {
        let docs = corpus(500);
        let opts = ResolveOptions {
            use_dictionary: true,
            aliases: aliases(),
        };
        let mut whole: Vec<Vec<Mention>> = docs.iter().map(find_mentions).collect();
        let entities = resolve(&docs, &mut whole, &opts);
        // Each document's mentions are dropped once pushed, found again to be resolved.
        let mut input = FormInput::new();
        for d in &docs {
            input.push_document(&d.source, &find_mentions(d));
        }
        assert_eq!(input.documents(), docs.len());
        assert_eq!(input.mentions(), whole.iter().map(Vec::len).sum::<usize>());
        let resolution = resolve_forms(input, &opts);
        assert_eq!(resolution.documents(), docs.len());
        assert_eq!(resolution.entities, entities);
        for (i, d) in docs.iter().enumerate() {
            let mut ms = find_mentions(d);
            resolution.apply(i, &mut ms);
            assert_eq!(ms, whole[i], "{}", d.source);
        }
        // The corpus exercises what resolution reads beyond a form: in-article coreference
        // and kinds changed by the alias file.
        let lines = || entities.iter().flat_map(|e| &e.evidence);
        assert!(lines().any(|l| l.contains("named in the same article")));
        assert!(lines().any(|l| l.contains("alias file")));
        let putin = whole
            .iter()
            .flatten()
            .find(|m| m.base == "Vladimir Putin")
            .expect("Putin is named");
        assert_eq!(putin.kind, EntityKind::Organisation);
        assert!(whole.iter().flatten().all(|m| m.entity.is_some()));
    }

    fn mention(base: &str, kind: EntityKind) -> Mention {
        Mention {
            span: Span::new(0, base.len()),
            text: base.into(),
            base: base.into(),
            kind,
            rule: MentionRule::Other,
            entity: None,
        }
    }

    #[test]
    fn a_base_of_two_kinds_is_two_forms_and_one_variant_once_an_alias_joins_them() {
        let mut input = FormInput::new();
        input.push_document(
            "a",
            &[
                mention("Minsk", EntityKind::Place),
                mention("Minsk", EntityKind::Person),
                mention("Minsk", EntityKind::Place),
            ],
        );
        input.push_document("b", &[mention("Minsk", EntityKind::Person)]);
        assert_eq!((input.forms(), input.mentions()), (2, 4));
        let opts = ResolveOptions {
            use_dictionary: true,
            aliases: Aliases::parse(
                r#"{"entities": [{"kind": "organisation", "forms": ["Minsk"]}]}"#,
            )
            .expect("a valid alias file"),
        };
        let resolution = resolve_forms(input, &opts);
        assert_eq!(resolution.entities.len(), 1);
        let e = &resolution.entities[0];
        assert_eq!(e.kind, EntityKind::Organisation);
        assert_eq!(e.variants.len(), 1);
        assert_eq!(e.variants[0].count, 4);
        let sources: Vec<&str> = e.variants[0].sources.iter().map(|s| &**s).collect();
        assert_eq!(sources, ["a", "b"]);
        let mut ms = vec![mention("Minsk", EntityKind::Person)];
        resolution.apply(1, &mut ms);
        assert_eq!(ms[0].kind, EntityKind::Organisation);
        assert_eq!(ms[0].entity.as_deref(), Some(e.id.as_str()));
    }
}
