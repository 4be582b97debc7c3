#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Reference for Tapedeck's metadata diff: DataHub's `datahub check metadata-diff` semantics on Debian's
python3-deepdiff.

What DataHub does (datahub/testing/mcp_diff.py and compare_metadata_json.py), re-implemented here:
- MCPs are grouped by entityUrn, then aspectName; each group is a list of objects with the attributes
  urn, change_type, aspect_name, aspect (the aspect's "json") and delta_info (which is ignored);
- each group pair is compared with DeepDiff(recorded, replayed, ignore_order=True,
  exclude_regex_paths=...), so DeepDiff's paths read root[0].aspect['fields'][1]['type'];
- the exclusions are DataHub's default_exclude_paths plus the user's regexes, each rewritten by
  DataHub's convert_path (root\\[\\d+\\]\\['aspect'\\]\\['json'\\]... becomes root\\[\\d+].aspect...);
- a one-element path that was added or removed is an aspect added or removed; anything else belongs to
  the changed aspect the path starts in.

Two things differ from running DataHub itself, both so that the same files can be given to both tools:
recorded is DeepDiff's t1 (DataHub's CLI makes its second argument t1), and records DataHub's MCP diff
would refuse (MCEs, aspects as JSON text, usage buckets) are first turned into the MCPs they stand for,
as DataHub's sinks send them.

Prints one JSON object: {match, urns_added, urns_removed, aspects: [{urn, aspect, status, fields:
[{path, recorded, replayed, change}]}]} with paths in Tapedeck's spelling (root['aspect']['x'][0]).
"""
import argparse
import dataclasses
import json
import re
import sys
from collections import defaultdict

from deepdiff import DeepDiff
from deepdiff.helper import notpresent

# datahub/testing/compare_metadata_json.py: default_exclude_paths, plus the delta_info exclusion that
# diff_metadata_json adds.
DATAHUB_DEFAULT_EXCLUDES = [
    r"root\[\d+\]\['systemMetadata'\]\['lastObserved'\]",
    r"root\[\d+\]\['aspect'\]\['json'\]\['timestampMillis'\]",
    r"root\[\d+\]\['aspect'\]\['json'\]\['lastUpdatedTimestamp'\]",
    r"root\[\d+\]\['aspect'\]\['json'\]\['created'\]",
    r"root\[\d+\]\['aspect'\]\['json'\]\['lastModified'\]",
    r"root\[\d+\].*?\['systemMetadata'\]\['runId'\]",
    r"root\[\d+\].*?\['systemMetadata'\]\['lastRunId'\]",
]
DELTA_INFO_EXCLUDE = r"root\[\d+].delta_info"

KINDS = {
    "values_changed": "changed",
    "type_changes": "type_changed",
    "dictionary_item_added": "added",
    "iterable_item_added": "added",
    "dictionary_item_removed": "removed",
    "iterable_item_removed": "removed",
}


def convert_path(path):
    """DataHub's MCPDiff.convert_path."""
    return re.sub(r"^root\\?\[([0-9]+|\\d\+)\\?]\\?\['aspect'\\?](\\?\['(json|value)'\\?])?",
                  r"root\[\\d+].aspect", path)


@dataclasses.dataclass(frozen=True)
class AspectForDiff:
    urn: str
    change_type: str
    aspect_name: str
    aspect: object = dataclasses.field(hash=False)
    delta_info: object = dataclasses.field(hash=False, repr=False)


@dataclasses.dataclass
class DeltaInfo:
    idx: int  # position in the file
    original: dict  # the record as read


def lower_first_class(name):
    """Aspect name from a class name: SchemaMetadata → schemaMetadata, MLModelProperties → mlModelProperties."""
    upper = 0
    while upper < len(name) and name[upper].isupper():
        upper += 1
    lower = upper - 1 if 1 < upper < len(name) else upper
    return name[:lower].lower() + name[lower:]


def pre_json_transform(value):
    """DataHub's serialization_helper.pre_json_transform on what json.loads gave."""
    if isinstance(value, dict):
        if len(value) == 1:
            key = next(iter(value))
            if "com.linkedin.pegasus2avro." in key:
                return {key.replace("com.linkedin.pegasus2avro.", "com.linkedin."): pre_json_transform(value[key])}
        return {k: pre_json_transform(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [pre_json_transform(v) for v in value]
    return value


def as_mcps(record):
    """The MCP dicts a file-sink record stands for."""
    if "proposedSnapshot" in record:
        (snapshot_class, snapshot), = record["proposedSnapshot"].items()
        out = []
        for union in snapshot.get("aspects", []):
            (aspect_class, aspect), = union.items()
            out.append({"entityUrn": snapshot["urn"], "changeType": "UPSERT",
                        "aspectName": lower_first_class(aspect_class.rsplit(".", 1)[-1]),
                        "aspect": {"json": pre_json_transform(aspect)}})
        return out
    if "resource" in record and "bucket" in record:
        return [{"entityUrn": record["resource"], "changeType": "UPSERT", "aspectName": "usageStats",
                 "aspect": {"json": record}}]
    aspect = record.get("aspect")
    if isinstance(aspect, dict) and "json" not in aspect and isinstance(aspect.get("value"), str):
        record = dict(record, aspect={"json": json.loads(aspect["value"])})
    elif aspect is None:
        record = dict(record, aspect={"json": None})
    return [record]


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    stripped = text.lstrip("\ufeff").strip()
    if stripped.startswith("["):
        records = json.loads(stripped)
    else:
        decoder = json.JSONDecoder()
        records, pos = [], 0
        while pos < len(stripped):
            value, pos = decoder.raw_decode(stripped, pos)
            records.append(value)
            while pos < len(stripped) and stripped[pos].isspace():
                pos += 1
    return [m for r in records for m in as_mcps(r)]


def group(mcps):
    groups = defaultdict(dict)
    for i, m in enumerate(mcps):
        aspect = m["aspect"]
        groups[m["entityUrn"]].setdefault(m["aspectName"], []).append(AspectForDiff(
            urn=m["entityUrn"], change_type=m["changeType"], aspect_name=m["aspectName"],
            aspect=aspect.get("json", aspect) if isinstance(aspect, dict) else aspect,
            delta_info=DeltaInfo(i, m)))
    return groups


def tapedeck_path(deepdiff_path):
    path = re.sub(r"^root\[\d+\]", "root", deepdiff_path)
    path = path.replace("root.aspect", "root['aspect']", 1).replace("root.change_type", "root['changeType']", 1)
    return path


def value(v):
    if v is notpresent:
        return None
    if isinstance(v, AspectForDiff):
        return v.aspect
    return v


def compare(recorded, replayed, regexes):
    golden, output = group(recorded), group(replayed)
    result = {"urns_added": sorted(output.keys() - golden.keys()),
              "urns_removed": sorted(golden.keys() - output.keys()), "aspects": []}
    for urn in sorted(golden.keys() | output.keys()):
        names = golden.get(urn, {}).keys() | output.get(urn, {}).keys()
        for name in sorted(names):
            diff = DeepDiff(golden.get(urn, {}).get(name, []), output.get(urn, {}).get(name, []),
                            ignore_order=True, exclude_regex_paths=regexes)
            changed = defaultdict(list)
            for key, levels in diff.tree.items():
                for level in levels:
                    path = level.path(output_format="list")
                    if len(path) == 1 and key in ("iterable_item_added", "iterable_item_removed"):
                        added = key == "iterable_item_added"
                        item = level.t2 if added else level.t1
                        result["aspects"].append({"urn": urn, "aspect": name,
                                                  "status": "added" if added else "removed",
                                                  "change_type": item.change_type, "fields": []})
                        continue
                    up = level
                    while not isinstance(up.t1, AspectForDiff):
                        up = up.up
                    changed[(int(path[0]), id(up.t1))].append({
                        "path": tapedeck_path(level.path()), "recorded": value(level.t1),
                        "replayed": value(level.t2), "change": KINDS.get(key, key)})
            for _, fields in sorted(changed.items()):
                result["aspects"].append({"urn": urn, "aspect": name, "status": "changed",
                                          "fields": sorted(fields, key=lambda f: f["path"])})
    result["match"] = not (result["urns_added"] or result["urns_removed"] or result["aspects"])
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recorded")
    parser.add_argument("replayed")
    parser.add_argument("--ignore-regex", action="append", default=[],
                        help="a DeepDiff regex, as DataHub's --ignore-path takes it")
    parser.add_argument("--no-defaults", action="store_true", help="without DataHub's default exclusions")
    args = parser.parse_args()
    regexes = [*args.ignore_regex, *([] if args.no_defaults else DATAHUB_DEFAULT_EXCLUDES), DELTA_INFO_EXCLUDE]
    regexes = [convert_path(r) for r in regexes]
    try:
        result = compare(load(args.recorded), load(args.replayed), regexes)
    except (OSError, ValueError) as e:
        sys.exit(f"deepdiff_ref.py: {e}")
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
