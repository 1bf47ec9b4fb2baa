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
    out = {t: [] for t in ("yaml", "kustomization", "smp", "jsonpatch", "template", "set", "build")}
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
    # --set arguments: the first byte picks the flag (0 --set, 1 --set-string, 2 --set-json, 3 --set-literal).
    for mode, arg in SET_SEEDS:
        out["set"].append(bytes([mode]) + arg.encode())
    return out


SET_SEEDS = [
    (0, "a.b=c,n=10,z=0,o=007,f=1.5,t=TRUE,x=null,e="),
    (0, r"a\.b=1,v=x\,y"),
    (0, "list[1].x=3,nested[1][1]=1,k={a,b,c}"),
    (0, r'podAnnotations."toolkit\.fluxcd\.io\/tenant"=dev-team'),
    (0, "serviceMonitor.enabled=true,serviceMonitor.interval=5s"),
    (0, "image.tag=5.0.5-alpine,redis-ha.enabled=false"),
    (0, "a[0]=1,a[2]=3,b[0].c[1].d=x"),
    (0, "k"), (0, "a,b=1"), (0, "a[-1]=1"), (0, "a[70000]=1"),
    (1, "n=10,b=true,s={x,y}"),
    (2, '{"q":[1,2]}'), (2, 'j={"q":[1,2]},k=3'), (2, "a.b[0]={\"x\":null}"),
    (3, "l=a,b.c=d"), (3, "x={1,2}"),
]


for target, items in seeds().items():
    d = os.path.join(corpus, target)
    if os.path.isdir(d):
        continue
    os.makedirs(d)
    for data in items:
        with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)
    print(f"seeded {target}: {len(items)} inputs", file=sys.stderr)
