#!/usr/bin/env python3
"""Helpers for scripts/bench (standard library only).

  bench-gen.py gen OUTDIR [--services N]
      Write two kustomize trees under OUTDIR:
        OUTDIR/large/services/svc-NNNN/   Deployment, Service, ConfigMap + kustomization.yaml
        OUTDIR/large/base/                lists every service folder (3*N resources)
        OUTDIR/large/overlay/             namespace, namePrefix, labels,
                                          commonAnnotations, images, replicas
        OUTDIR/tiny/                      one ConfigMap + namePrefix

  bench-gen.py gen-patch OUTDIR --services N
      Write a patch-heavy tree under OUTDIR:
        OUTDIR/services/svc-NNNN/         the same service folders (3*N resources)
        OUTDIR/base/                      lists every service folder
        OUTDIR/overlay/                   namespace, namePrefix, commonAnnotations and
                                          per service: one strategic merge patch file
                                          (patches/svc-NNNN.yaml: resources, env) and
                                          one inline JSON 6902 patch (replicas, probe,
                                          template annotation) targeted by name;
                                          plus three label-selector-targeted patches
                                          (SMP and 6902) that each hit many resources

  bench-gen.py time OUTFILE [STDOUT_FILE STDERR_FILE] -- CMD [ARGS...]
      Run CMD with stdout/stderr discarded (or written to the two files) and write one line
      "<wall_s> <user_s> <sys_s> <maxrss_kib> <exit_status>" to OUTFILE,
      started with posix_spawn and reaped with os.wait4 (the child's own rusage).
      scripts/bench's default timer.

  bench-gen.py table RESULTS_TSV RUNS
      Turn the raw per-run samples written by scripts/bench into a markdown
      table (median wall, median user+sys, max peak RSS, ratios).
"""

import os
import statistics
import sys
import time

IMAGES = [
    "public.ecr.aws/aws-containers/retail-store-sample-ui",
    "public.ecr.aws/aws-containers/retail-store-sample-catalog",
    "public.ecr.aws/aws-containers/retail-store-sample-cart",
    "public.ecr.aws/aws-containers/retail-store-sample-checkout",
    "public.ecr.aws/aws-containers/retail-store-sample-orders",
    "public.ecr.aws/aws-containers/retail-store-sample-assets",
]
TEAMS = ["storefront", "payments", "fulfilment", "search", "identity"]
REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-2"]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def service_files(i):
    name = "svc-%04d" % i
    image = IMAGES[i % len(IMAGES)]
    team = TEAMS[i % len(TEAMS)]
    tag = "0.8.%d" % (i % 7)
    port = 8080 + (i % 3)
    deployment = f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels:
    app.kubernetes.io/name: {name}
    team: {team}
spec:
  replicas: {1 + i % 3}
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
        team: {team}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "{port}"
    spec:
      serviceAccountName: default
      containers:
        - name: app
          image: {image}:{tag}
          imagePullPolicy: IfNotPresent
          args:
            - --port={port}
            - --log-level=info
          envFrom:
            - configMapRef:
                name: {name}-config
          env:
            - name: SERVICE_NAME
              value: {name}
            - name: GOMAXPROCS
              value: "2"
          ports:
            - name: http
              containerPort: {port}
              protocol: TCP
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 15
            periodSeconds: 10
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            periodSeconds: 5
          resources:
            requests:
              cpu: {50 + 10 * (i % 10)}m
              memory: {64 * (1 + i % 4)}Mi
            limits:
              memory: {128 * (1 + i % 4)}Mi
          volumeMounts:
            - name: config
              mountPath: /etc/{name}
              readOnly: true
      volumes:
        - name: config
          configMap:
            name: {name}-config
"""
    service = f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  labels:
    app.kubernetes.io/name: {name}
    team: {team}
spec:
  type: ClusterIP
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
  selector:
    app.kubernetes.io/name: {name}
"""
    configmap = f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}-config
  labels:
    app.kubernetes.io/name: {name}
data:
  LOG_LEVEL: info
  UPSTREAM_URL: http://svc-{(i + 1) % 10000:04d}:80
  FEATURE_FLAGS: "checkout-v2,search-ranking"
  TIMEOUT_SECONDS: "{5 + i % 25}"
  settings.yaml: |
    service: {name}
    team: {team}
    cache:
      enabled: {"true" if i % 2 else "false"}
      ttl: {60 * (1 + i % 5)}s
"""
    kustomization = """apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - deployment.yaml
  - service.yaml
  - configmap.yaml
"""
    return name, {
        "deployment.yaml": deployment,
        "service.yaml": service,
        "configmap.yaml": configmap,
        "kustomization.yaml": kustomization,
    }


def write_services(tree, n):
    """TREE/services/svc-NNNN/ for N services and TREE/base listing them all."""
    names = []
    for i in range(n):
        name, files = service_files(i)
        names.append(name)
        for fname, text in files.items():
            write(os.path.join(tree, "services", name, fname), text)

    base = ["apiVersion: kustomize.config.k8s.io/v1beta1",
            "kind: Kustomization", "", "resources:"]
    base += ["  - ../services/%s" % name for name in names]
    write(os.path.join(tree, "base", "kustomization.yaml"), "\n".join(base) + "\n")
    return names


def gen(out, n):
    large = os.path.join(out, "large")
    names = write_services(large, n)

    replicas = "".join(
        "  - name: %s\n    count: %d\n" % (names[i], 2 + i % 4)
        for i in range(0, n, 10))
    images = "".join(
        "  - name: %s\n    newTag: 0.9.%d\n" % (img, k)
        for k, img in enumerate(IMAGES[:4]))
    images += ("  - name: %s\n    newName: registry.example.com/retail/assets\n"
               "    newTag: 1.0.0\n" % IMAGES[5])
    overlay = f"""apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - ../base

namespace: bench-prod
namePrefix: prod-

labels:
  - pairs:
      environment: production
      app.kubernetes.io/part-of: bench
    includeSelectors: false

commonAnnotations:
  team.example.com/owner: platform
  team.example.com/oncall: platform-oncall@example.com

images:
{images}
replicas:
{replicas}"""
    write(os.path.join(large, "overlay", "kustomization.yaml"), overlay)

    tiny = os.path.join(out, "tiny")
    write(os.path.join(tiny, "configmap.yaml"), """apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  LOG_LEVEL: debug
""")
    write(os.path.join(tiny, "kustomization.yaml"), """apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - configmap.yaml

namePrefix: tiny-
""")


def smp_patch(i, name):
    """Strategic merge patch for one service's Deployment, matched by name:
    new resources, one env var overridden (GOMAXPROCS merges by name), one added."""
    cpu = 200 + 50 * (i % 6)
    mem = 256 * (1 + i % 3)
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  template:
    spec:
      containers:
        - name: app
          env:
            - name: GOMAXPROCS
              value: "4"
            - name: REGION
              value: {REGIONS[i % len(REGIONS)]}
          resources:
            requests:
              cpu: {cpu}m
              memory: {mem}Mi
            limits:
              cpu: {2 * cpu}m
              memory: {mem}Mi
"""


def json6902_entry(i, name):
    """A `patches:` entry with an inline JSON 6902 op list, targeted by name."""
    ops = [
        ("replace", "/spec/replicas", str(2 + i % 5)),
        ("add", "/spec/template/metadata/annotations/prometheus.io~1path", "/metrics"),
        ("replace", "/spec/template/spec/containers/0/livenessProbe/periodSeconds", str(10 + i % 20)),
    ]
    if i % 4 == 0:
        # drop --log-level=info from the container args
        ops.append(("remove", "/spec/template/spec/containers/0/args/1", None))
    lines = ["  - target:",
             "      group: apps",
             "      version: v1",
             "      kind: Deployment",
             "      name: %s" % name,
             "    patch: |-"]
    for op, path, value in ops:
        lines.append("      - op: %s" % op)
        lines.append("        path: %s" % path)
        if value is not None:
            lines.append("        value: %s" % value)
    return "\n".join(lines) + "\n"


# Patches selected by label, each hitting many resources (the teams cycle
# over the services, so 1/5 or 2/5 of them; the existence selector hits all).
SELECTOR_PATCHES = """  # every Deployment: pod-level scheduling and shutdown settings (SMP)
  - target:
      kind: Deployment
      labelSelector: app.kubernetes.io/name
    patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: all-deployments
      spec:
        template:
          spec:
            priorityClassName: standard
            terminationGracePeriodSeconds: 45
  # the payments team's Deployments: hardened pods (SMP)
  - target:
      kind: Deployment
      labelSelector: team=payments
    patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: payments
        annotations:
          team.example.com/pci: "true"
      spec:
        template:
          spec:
            securityContext:
              runAsNonRoot: true
              seccompProfile:
                type: RuntimeDefault
  # storefront and search Services go behind the internal load balancer (6902)
  - target:
      version: v1
      kind: Service
      labelSelector: team in (storefront,search)
    patch: |-
      - op: add
        path: /metadata/annotations
        value:
          service.beta.kubernetes.io/aws-load-balancer-internal: "true"
      - op: replace
        path: /spec/type
        value: LoadBalancer
"""


def gen_patch(out, n):
    names = write_services(out, n)
    overlay = os.path.join(out, "overlay")
    entries = []
    for i, name in enumerate(names):
        write(os.path.join(overlay, "patches", name + ".yaml"), smp_patch(i, name))
        entries.append("  - path: patches/%s.yaml\n" % name)
        entries.append(json6902_entry(i, name))
    text = """apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - ../base

namespace: bench-prod
namePrefix: prod-

commonAnnotations:
  team.example.com/owner: platform

patches:
""" + "".join(entries) + SELECTOR_PATCHES
    write(os.path.join(overlay, "kustomization.yaml"), text)


def time_cmd(outfile, argv, stdout=os.devnull, stderr=os.devnull):
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd_out, fd_err = os.open(stdout, flags, 0o644), os.open(stderr, flags, 0o644)
    # posix_spawn (vfork + exec) rather than fork: a forked child first pays for tearing down its
    # copy of this Python process, which added ~4 ms to every timed run.
    actions = [(os.POSIX_SPAWN_DUP2, fd_out, 1), (os.POSIX_SPAWN_DUP2, fd_err, 2)]
    t0 = time.perf_counter()
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    except OSError:
        os.close(fd_out)
        os.close(fd_err)
        with open(outfile, "w") as f:
            f.write("0 0 0 0 127\n")
        return 127
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    os.close(fd_out)
    os.close(fd_err)
    code = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    maxrss = ru.ru_maxrss // 1024 if sys.platform == "darwin" else ru.ru_maxrss
    with open(outfile, "w") as f:
        f.write("%.4f %.4f %.4f %d %d\n" % (wall, ru.ru_utime, ru.ru_stime, maxrss, code))
    return code


def fmt_s(x):
    if x < 0.1:
        return "%.1f ms" % (x * 1000)
    return "%.3f s" % x if x < 10 else "%.2f s" % x


def fmt_mib(kib):
    return "%.1f MiB" % (kib / 1024.0)


def table(tsv, runs):
    # rows: target \t resources \t tool \t wall \t user \t sys \t maxrss_kib
    data, order, resources = {}, [], {}
    with open(tsv) as f:
        for line in f:
            target, nres, tool, wall, user, sys_, rss = line.rstrip("\n").split("\t")
            if target not in resources:
                order.append(target)
                resources[target] = nres
            d = data.setdefault((target, tool), {"wall": [], "cpu": [], "rss": []})
            d["wall"].append(float(wall))
            d["cpu"].append(float(user) + float(sys_))
            d["rss"].append(int(rss))

    def metric(target, tool, key):
        d = data.get((target, tool))
        if not d:
            return None
        if key == "rss":
            return max(d["rss"])
        return statistics.median(d[key])

    have_swk = any(tool == "swk" for (_, tool) in data)
    out = ["| Tree | Metric | `kubectl kustomize` | `swkustomize build` | kubectl / swk |",
           "|---|---|---:|---:|---:|"]
    for target in order:
        label = "%s (%s resource%s)" % (target, resources[target], "" if resources[target] == "1" else "s")
        rows = [("wall, median of %s" % runs, "wall", fmt_s),
                ("user+sys CPU, median", "cpu", fmt_s),
                ("peak RSS, max", "rss", fmt_mib)]
        for k, (name, key, fmt) in enumerate(rows):
            kv = metric(target, "kubectl", key)
            sv = metric(target, "swk", key)
            ks = fmt(kv) if kv is not None else "—"
            ss = fmt(sv) if sv is not None else ("—" if have_swk else "n/a")
            ratio = "%.1f×" % (kv / sv) if kv is not None and sv else "—"
            out.append("| %s | %s | %s | %s | %s |" % (label if k == 0 else "", name, ks, ss, ratio))
    print("\n".join(out))


def main(argv):
    if len(argv) >= 2 and argv[1] == "gen":
        out = argv[2]
        n = 700
        if "--services" in argv:
            n = int(argv[argv.index("--services") + 1])
        gen(out, n)
        return 0
    if len(argv) == 5 and argv[1] == "gen-patch" and argv[3] == "--services":
        gen_patch(argv[2], int(argv[4]))
        return 0
    if len(argv) >= 4 and argv[1] == "time" and argv[3] == "--":
        return time_cmd(argv[2], argv[4:])
    if len(argv) >= 6 and argv[1] == "time" and argv[5] == "--":
        return time_cmd(argv[2], argv[6:], argv[3], argv[4])
    if len(argv) == 4 and argv[1] == "table":
        table(argv[2], argv[3])
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
