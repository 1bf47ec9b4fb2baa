#!/usr/bin/env python3
"""Seeds the fuzz corpora from the conformance cases: small inputs only, each named by its hash.

usage: seeds.py CONFORMANCE_DIR CORPUS_DIR
A target's folder is only seeded when it does not exist yet (the corpus grows between runs)."""
import hashlib, json, os, sys

MAX = 8192
conf, corpus = sys.argv[1], sys.argv[2]


def read(path):
    try:
        with open(path, "rb") as f:
            data = f.read(MAX + 1)
        return data if len(data) <= MAX else None
    except OSError:
        return None


def cases():
    base = os.path.join(conf, "kustomize", "cases")
    for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        files = {}
        top = os.path.join(base, name, "input")
        for d, _, fs in os.walk(top):
            for f in sorted(fs):
                p = os.path.join(d, f)
                data = read(p)
                if data is not None:
                    files[os.path.relpath(p, top)] = data
        yield files


def seeds():
    out = {t: [] for t in ("yaml", "kustomization", "smp", "jsonpatch", "template", "build")}
    for files in cases():
        resources, smp, json6902 = [], [], []
        for path, data in sorted(files.items()):
            out["yaml"].append(data)
            base = os.path.basename(path)
            if base in ("kustomization.yaml", "kustomization.yml", "Kustomization"):
                out["kustomization"].append(data)
                continue
            text = data.lstrip()
            if text.startswith(b"- op") or text.startswith(b"["):
                json6902.append(data)
            elif b"patch" in base.lower().encode():
                smp.append(data)
            elif b"kind:" in data:
                resources.append(data)
        for r in resources[:2]:
            out["smp"] += [r + b"\0" + p for p in smp[:3]]
            out["jsonpatch"] += [r + b"\0" + p for p in json6902[:3]]
        # A build seed: one folder whose kustomization names files beside it.
        if "kustomization.yaml" in files and all("/" not in p for p in files):
            parts = [files["kustomization.yaml"]]
            parts += [p.encode() + b"\n" + d for p, d in sorted(files.items()) if p != "kustomization.yaml"][:7]
            seed = b"\0".join(parts)
            if len(seed) <= MAX:
                out["build"].append(seed)
    fn = os.path.join(conf, "helm", "functions", "cases.jsonl")
    if os.path.exists(fn):
        with open(fn, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line).get("template", "").encode()
                if len(t) <= MAX:
                    out["template"].append(t)
    return out


for target, items in seeds().items():
    d = os.path.join(corpus, target)
    if os.path.isdir(d):
        continue
    os.makedirs(d)
    for data in items:
        with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)
    print(f"seeded {target}: {len(items)} inputs", file=sys.stderr)
