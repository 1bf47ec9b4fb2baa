#!/usr/bin/env python3
"""Writes Sources/Kustomize/Patches/KubernetesMergeKeys.swift from OpenAPI v2 (swagger) schemas.

usage: gen-merge-keys.py [--merge-only] SCHEMA... > KubernetesMergeKeys.swift

Each SCHEMA is a swagger JSON file (uses its "definitions") or a gnostic openapi_v2.Document
protobuf (.pb), the form kustomize embeds. Definitions of later files override earlier ones.
"""
import json, sys

def varint(b, i):
    r = s = 0
    while True:
        c = b[i]; i += 1; r |= (c & 0x7f) << s; s += 7
        if c < 0x80: return r, i

def fields(b):
    """Yields (field number, value) of one protobuf message; length-delimited values stay bytes."""
    i = 0
    while i < len(b):
        k, i = varint(b, i)
        wire = k & 7
        if wire == 0: v, i = varint(b, i)
        elif wire == 1: v, i = b[i:i + 8], i + 8
        elif wire == 5: v, i = b[i:i + 4], i + 4
        elif wire == 2:
            n, i = varint(b, i); v, i = b[i:i + n], i + n
        else: raise ValueError("unsupported wire type %d" % wire)
        yield k >> 3, v

def named(b):
    name, value = "", b""
    for f, v in fields(b):
        if f == 1: name = v.decode()
        elif f == 2: value = v
    return name, value

def extension_value(b):
    # Any.yaml (field 2) holds the extension as YAML text: a scalar, a flow list or a block list of maps.
    import yaml  # PyYAML, only needed for .pb input
    for f, v in fields(b):
        if f == 2: return yaml.safe_load(v.decode())
    return None

def pb_schema(b):
    """The parts of an openapi_v2.Schema this table needs, as swagger JSON would spell them."""
    s = {}
    for f, v in fields(b):
        if f == 1: s["$ref"] = v.decode()
        elif f == 21:  # additional_properties: AdditionalPropertiesItem { Schema schema = 1 }
            for g, w in fields(v):
                if g == 1: s["additionalProperties"] = pb_schema(w)
        elif f == 22:  # type: TypeItem { repeated string value = 1 }
            types = [w.decode() for g, w in fields(v) if g == 1]
            s["type"] = types[0] if len(types) == 1 else types
        elif f == 23:  # items: ItemsItem { repeated Schema schema = 1 }
            items = [pb_schema(w) for g, w in fields(v) if g == 1]
            if items: s["items"] = items[0]
        elif f == 25:  # properties: Properties { repeated NamedSchema additional_properties = 1 }
            s["properties"] = {n: pb_schema(w) for n, w in (named(x) for g, x in fields(v) if g == 1)}
        elif f == 31:  # vendor_extension: repeated NamedAny
            n, w = named(v)
            s[n] = extension_value(w)
    return s

def load(path):
    data = open(path, "rb").read()
    if path.endswith(".pb"):
        for f, v in fields(data):
            if f == 9:  # Document.definitions: Definitions { repeated NamedSchema additional_properties = 1 }
                return {n: pb_schema(w) for n, w in (named(x) for g, x in fields(v) if g == 1)}
        return {}
    return json.loads(data).get("definitions", {})

def short(name):
    for prefix in ("io.k8s.api.", "io.k8s.apimachinery.pkg.apis.", "io.k8s."):
        if name.startswith(prefix): return name[len(prefix):]
    return name

def ref_name(schema):
    ref = schema.get("$ref", "")
    return ref[len("#/definitions/"):] if ref.startswith("#/definitions/") else None

def main(argv):
    merge_only = "--merge-only" in argv
    paths = [a for a in argv if a != "--merge-only"]
    defs = {}
    for p in paths: defs.update(load(p))

    def is_merge_list(p):
        return p.get("type") == "array" and "merge" in str(p.get("x-kubernetes-patch-strategy", "")).split(",")

    def props(d):
        """A definition's properties; "*" stands for its additionalProperties (any other key)."""
        ps = dict(d.get("properties", {}))
        if isinstance(d.get("additionalProperties"), dict): ps["*"] = d["additionalProperties"]
        return ps

    def child(p):
        """(shape, child definition) of a property: shape '[' list, '{' map, '' object."""
        if p.get("type") == "array": return "[", ref_name(p.get("items", {}))
        if "additionalProperties" in p: return "{", ref_name(p["additionalProperties"])
        return "", ref_name(p)

    # Types that lead to a list, to a fixed point.
    leads = set()
    changed = True
    while changed:
        changed = False
        for name, d in defs.items():
            if name in leads: continue
            for p in props(d).values():
                shape, c = child(p)
                if (shape == "[" and (is_merge_list(p) or not merge_only)) or (c in leads):
                    leads.add(name); changed = True; break

    roots = []
    for name, d in defs.items():
        for g in d.get("x-kubernetes-group-version-kind") or []:
            api = (g["group"] + "/" if g.get("group") else "") + g["version"]
            roots.append((api, g["kind"], name))
    # Reachable types from resource roots.
    reach, todo = set(), [n for _, _, n in roots if n in leads]
    while todo:
        n = todo.pop()
        if n in reach: continue
        reach.add(n)
        for p in props(defs[n]).values():
            _, c = child(p)
            if c in leads: todo.append(c)

    lines = []
    for api, kind, name in sorted(roots):
        if name in reach: lines.append("@%s %s %s" % (api, kind, short(name)))
    for name in sorted(reach, key=short):
        lines.append(short(name))
        for field, p in sorted(props(defs[name]).items()):
            shape, c = child(p)
            if shape == "[" and (is_merge_list(p) or not merge_only):
                strategy = p.get("x-kubernetes-patch-strategy") or "-"
                keys = p.get("x-kubernetes-list-map-keys") or ([p["x-kubernetes-patch-merge-key"]] if "x-kubernetes-patch-merge-key" in p else [])
                row = " %s [%s %s" % (field, short(c) if c in leads else "-", strategy)
                if keys: row += " " + ",".join(keys)
                lines.append(row)
            elif c in leads:
                lines.append(" %s %s%s" % (field, shape, short(c)))
    table = "\n".join("    " + l for l in lines)
    sys.stdout.write(HEADER % (" ".join(sys.argv[1:])) + "\n" + table + '\n    """#\n}\n')

HEADER = '''// GENERATED by scripts/gen-merge-keys.py — do not edit.
//
// Strategic-merge data of the Kubernetes v1.21.2 OpenAPI schema that kustomize v5.5.0 embeds
// (kyaml v0.18.1: kyaml/openapi/kubernetesapi/v1_21_2/swagger.pb, plus
// kyaml/openapi/kustomizationapi/swagger.json), made with:
//
//   git show kyaml/v0.18.1:kyaml/openapi/kubernetesapi/v1_21_2/swagger.pb > swagger.pb
//   git show kyaml/v0.18.1:kyaml/openapi/kustomizationapi/swagger.json > kustomizationapi-swagger.json
//   scripts/gen-merge-keys.py %s > Sources/Kustomize/Patches/KubernetesMergeKeys.swift
//
// (in a clone of github.com/kubernetes-sigs/kustomize; the tag kustomize/v5.5.0 builds with kyaml v0.18.1)
//
// Only types that lead to a list are kept. Format, one entry a line:
//   @<apiVersion> <kind> <type>                       a resource kind and its root type
//   <type>                                            starts a type's fields
//    <field> <type>                                   a field holding an object of <type>
//    <field> {<type>                                  a map whose values are <type>
//    <field> [<type|-> <strategy|-> [<key>,...]]       a list of <type> (- when its elements lead to
//                                                     no list) with x-kubernetes-patch-strategy and merge keys
//                                                     (x-kubernetes-list-map-keys, else the patch merge key)
// A <field> of * stands for any field (the type's additionalProperties). Type names drop the
// io.k8s.api. / io.k8s.apimachinery.pkg.apis. / io.k8s. prefixes.

extension PatchSchema {
    static let kubernetesTable = #"""'''

main(sys.argv[1:])
