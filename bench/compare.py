"""Python peers for bench/compare.sh: dedup with datasketch or rensa, name scoring with
rapidfuzz, and the comparison table.

    compare.py dedup --tool datasketch|rensa CORPUS.jsonl TRUTH.json   -> one JSON line
    compare.py names --pairs PAIRS.tsv                                -> one JSON line
    compare.py table RESULTS.jsonl                                    -> Markdown table

Dedup uses concord's parameters: 5-word shingles of lower-cased alphanumeric words, 192
minima as 48 bands x 4 rows. Every pair an LSH index returns as a candidate is taken as a
duplicate (the usual MinHashLSH deduplication; neither peer has containment or passage
verification). Groups are scored exactly as `concord dedup --truth` scores its own
(src/link/generate.rs, score_by): recall over the planted pairs, precision over the reported
(representative, member) pairs, the representative being the earliest article of a group.
The timed part excludes reading the JSONL file, as concord's "dedup seconds" does. The corpus
is read, shingled and sketched in chunks, so only the sketches of all articles are held.
"""

import argparse
import json
import string
import sys
import time

# ASCII punctuation to spaces, then split: several times faster than a Unicode regex in
# CPython, and equal to concord's words on the generated corpus (ASCII letters only).
PUNCTUATION = str.maketrans({ch: " " for ch in string.punctuation})
NEAR_KINDS = {"exact", "header_footer", "edited"}


def shingles(text, k):
    words = text.lower().translate(PUNCTUATION).split()
    if len(words) <= k:
        return [" ".join(words)] if words else []
    return [" ".join(t) for t in zip(*(words[i:] for i in range(k)))]


def texts(corpus, limit):
    """The articles' texts in order, at most `limit` (0: all), read one line at a time."""
    n = 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            if limit and n >= limit:
                return
            n += 1
            yield json.loads(line)["text"]


def chunked(items, size):
    batch = []
    for x in items:
        batch.append(x)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def union_find(n, pairs):
    parent = list(range(n))

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(i) for i in range(n)]


def score(n, planted, group_root):
    """(recall, precision, recall on the near-duplicate kinds) as in generate::score_by."""
    family = union_find(n, [(p["original"], p["copy"]) for p in planted])
    members = {}
    for i, r in enumerate(group_root):
        members.setdefault(r, []).append(i)
    reported = right = 0
    for r, ms in members.items():
        if len(ms) < 2:
            continue
        rep = min(ms)
        for m in ms:
            if m != rep:
                reported += 1
                right += family[m] == family[rep]
    found = [group_root[p["original"]] == group_root[p["copy"]] for p in planted]
    near = [f for f, p in zip(found, planted) if p["kind"] in NEAR_KINDS]
    recall = sum(found) / max(len(planted), 1)
    precision = right / reported if reported else 1.0
    return recall, precision, sum(near) / max(len(near), 1)


def sketch_datasketch(sets, num_perm):
    from datasketch import MinHash

    encoded = ([s.encode("utf-8") for s in shs] for shs in sets)
    return MinHash.bulk(encoded, num_perm=num_perm, seed=1)


def candidate_pairs_datasketch(hashes, num_perm, bands, rows):
    from datasketch import MinHashLSH

    lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows))
    with lsh.insertion_session() as session:
        for i, m in enumerate(hashes):
            session.insert(i, m)
    pairs = []
    for i, m in enumerate(hashes):
        pairs.extend((i, j) for j in lsh.query(m) if j != i)
    return pairs


def sketch_rensa(sets, num_perm):
    from rensa import RMinHash

    return RMinHash.from_token_sets(sets, num_perm=num_perm, seed=1)


def candidate_pairs_rensa(hashes, num_perm, bands, rows):
    from rensa import RMinHashLSH

    # The threshold argument does not change banding (num_bands is given); candidates are
    # taken as they come, as for datasketch.
    lsh = RMinHashLSH(threshold=0.5, num_perm=num_perm, num_bands=bands)
    lsh.insert_many(hashes, 0)
    pairs = []
    for i, cands in enumerate(lsh.query_all(hashes)):
        pairs.extend((i, j) for j in cands if j != i)
    return pairs


# Articles shingled and sketched per chunk: only the sketches of the whole corpus are held
# (a million articles' texts and shingle lists would not fit in memory).
CHUNK = 5_000


def dedup(args):
    with open(args.truth, encoding="utf-8") as f:
        planted = json.load(f)
    sketch, candidate_pairs = {
        "datasketch": (sketch_datasketch, candidate_pairs_datasketch),
        "rensa": (sketch_rensa, candidate_pairs_rensa),
    }[args.tool]
    num_perm = args.bands * args.rows
    t0 = time.perf_counter()
    # Reading and decoding the JSONL is not timed (concord's "dedup seconds" excludes it too).
    secs = shingle_cpu = sketch_cpu = 0.0
    hashes = []
    n = 0
    for batch in chunked(texts(args.corpus, args.limit), CHUNK):
        w0, c0 = time.perf_counter(), time.process_time()
        sets = [shingles(t, args.shingle) for t in batch]
        # An empty text has no shingles and no duplicates; give it a token of its own.
        sets = [s if s else [f"\0empty{n + i}"] for i, s in enumerate(sets)]
        c1 = time.process_time()
        hashes.extend(sketch(sets, num_perm))
        shingle_cpu += c1 - c0
        sketch_cpu += time.process_time() - c1
        secs += time.perf_counter() - w0
        n += len(batch)
        del sets
    w0, c0 = time.perf_counter(), time.process_time()
    pairs = candidate_pairs(hashes, num_perm, args.bands, args.rows)
    roots = union_find(n, pairs)
    secs += time.perf_counter() - w0
    # CPU time of every thread of the process: fair to multi-threaded runs and to a loaded
    # machine, where wall time mostly measures waiting.
    lsh_cpu = time.process_time() - c0
    cpu = shingle_cpu + sketch_cpu + lsh_cpu
    # With --limit, the planted pairs inside the prefix.
    planted = [p for p in planted if max(p["original"], p["copy"]) < n]
    recall, precision, near = score(n, planted, roots)
    version = __import__("importlib.metadata").metadata.version(args.tool)
    print(json.dumps({
        "tool": f"{args.tool} {version}",
        "articles": n,
        "dedup_seconds": round(secs, 2),
        "articles_per_second": round(n / secs),
        "dedup_cpu_seconds": round(cpu, 2),
        "articles_per_cpu_second": round(n / cpu),
        "shingle_cpu_seconds": round(shingle_cpu, 2),
        "articles_per_cpu_second_without_shingling": round(n / (cpu - shingle_cpu)),
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "recall_near": round(near, 4),
        "candidate_pairs": len(pairs) // 2,
    }))


def names(args):
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import JaroWinkler

    pairs = []
    with open(args.pairs, encoding="utf-8") as f:
        for line in f:
            a, b = line.rstrip("\n").split("\t")[:2]
            pairs.append((a, b))
    out = []
    for name, scorer in [("JaroWinkler", JaroWinkler.normalized_similarity),
                         ("token_sort_ratio", fuzz.token_sort_ratio)]:
        t0 = time.process_time()
        for a, b in pairs:
            scorer(a, b)
        loop = time.process_time() - t0
        t0 = time.process_time()
        process.cpdist([a for a, _ in pairs], [b for _, b in pairs], scorer=scorer, workers=1)
        batch = time.process_time() - t0
        out.append({"scorer": name, "pairs": len(pairs),
                    "us_per_pair_loop": round(loop / len(pairs) * 1e6, 3),
                    "us_per_pair_cpdist": round(batch / len(pairs) * 1e6, 3)})
    version = __import__("importlib.metadata").metadata.version("rapidfuzz")
    print(json.dumps({"tool": f"rapidfuzz {version}", "scorers": out}))


def table(args):
    rows = [json.loads(line) for line in open(args.results, encoding="utf-8") if line.strip()]
    print("| tool | articles | dedup CPU s | articles per CPU-s | the same without Python "
          "shingling | dedup wall s | recall | recall, near-dup kinds | precision "
          "| process CPU s | process peak RSS MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if "recall" not in r:
            continue
        print(f"| {r['tool']} | {r['articles']} | {r['dedup_cpu_seconds']} "
              f"| {r['articles_per_cpu_second']} "
              f"| {r.get('articles_per_cpu_second_without_shingling', '')} "
              f"| {r['dedup_seconds']} | {r['recall']} | {r.get('recall_near', '')} "
              f"| {r['precision']} | {r.get('cpu_seconds', '')} | {r.get('peak_rss_mib', '')} |")
    names_rows = [r for r in rows if "scorers" in r or "us_per_pair" in r]
    if names_rows:
        print()
        print("| name scoring | pairs | CPU µs per pair | note |")
        print("|---|---|---|---|")
        for r in names_rows:
            if "scorers" in r:
                for s in r["scorers"]:
                    print(f"| {r['tool']} {s['scorer']} | {s['pairs']} | {s['us_per_pair_loop']} "
                          f"(Python loop), {s['us_per_pair_cpdist']} (cpdist batch) | string similarity only |")
            else:
                print(f"| {r['tool']} | {r['pairs']} | {r['us_per_pair']} | {r.get('note', '')} |")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dedup")
    d.add_argument("--tool", choices=["datasketch", "rensa"], required=True)
    d.add_argument("--shingle", type=int, default=5)
    d.add_argument("--bands", type=int, default=48)
    d.add_argument("--rows", type=int, default=4)
    d.add_argument("--limit", type=int, default=0,
                   help="only the first LIMIT articles (and the planted pairs among them)")
    d.add_argument("corpus")
    d.add_argument("truth")
    n = sub.add_parser("names")
    n.add_argument("--pairs", required=True)
    t = sub.add_parser("table")
    t.add_argument("results")
    args = p.parse_args()
    {"dedup": dedup, "names": names, "table": table}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
