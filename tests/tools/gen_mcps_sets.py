#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Writes recorded/replayed pairs of DataHub file-sink MCP files, one folder per kind of difference, each
# with expected.json: the classification Tapedeck's diff must give (verdict, URNs added/removed, aspects
# with status and field paths), for the default preset and for further option variants. Written with
# json.dumps as DataHub's file sink writes (indent=4, ensure_ascii), JSON lines where a case says so.
# Usage: gen_mcps_sets.py <output-dir>   (prints the case names)
import copy
import json
import os
import random
import sys

PLATFORM = "urn:li:dataPlatform:snowflake"


def ds(name):
    return f"urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.sales.{name},PROD)"


CONTAINER = "urn:li:container:8d2f1d9c3a7e4b1f9c0a5e6d7b8c9d0e"


def mcp(urn, aspect_name, aspect, entity_type="dataset", change_type="UPSERT"):
    return {"entityType": entity_type, "entityUrn": urn, "changeType": change_type, "aspectName": aspect_name,
            "aspect": {"json": aspect}}


def field(path, native, type_class, description=None):
    f = {"fieldPath": path, "nullable": False, "type": {"type": {type_class: {}}}, "nativeDataType": native,
         "recursive": False, "isPartOfKey": False}
    if description is not None:
        f["description"] = description
    return f


def dataset_aspects(name, description, fields, tags):
    """The aspects of one dataset, in emission order (MCP form, com.linkedin classes)."""
    urn = ds(name)
    return urn, [
        ("status", {"removed": False}),
        ("datasetProperties", {"customProperties": {"TABLE_TYPE": "BASE TABLE"}, "name": name,
                               "qualifiedName": f"ANALYTICS.SALES.{name.upper()}", "description": description,
                               "created": {"time": 1700000000000}, "tags": []}),
        ("schemaMetadata", {"schemaName": f"analytics.sales.{name}", "platform": PLATFORM, "version": 0,
                            "created": {"time": 0, "actor": "urn:li:corpuser:unknown"},
                            "lastModified": {"time": 0, "actor": "urn:li:corpuser:unknown"}, "hash": "",
                            "platformSchema": {"com.linkedin.schema.MySqlDDL": {"tableSchema": ""}},
                            "fields": fields}),
        ("globalTags", {"tags": [{"tag": f"urn:li:tag:{t}"} for t in tags]}),
        ("subTypes", {"typeNames": ["Table"]}),
        ("container", {"container": CONTAINER}),
        ("browsePathsV2", {"path": [{"id": CONTAINER, "urn": CONTAINER}]}),
    ]


def base():
    """MCPs of one container and three datasets, with emission-time fields."""
    records = [
        mcp(CONTAINER, "containerProperties", {"customProperties": {"database": "ANALYTICS"}, "name": "sales",
                                               "description": "Umsätze und 売上", "env": "PROD"}, "container"),
        mcp(CONTAINER, "status", {"removed": False}, "container"),
        mcp(CONTAINER, "subTypes", {"typeNames": ["Schema"]}, "container"),
    ]
    tables = [
        ("orders", "Bestellungen: eine Zeile je Auftrag", [
            field("order_id", "NUMBER(38,0)", "com.linkedin.schema.NumberType", "Primärschlüssel"),
            field("customer_id", "NUMBER(38,0)", "com.linkedin.schema.NumberType"),
            field("amount", "FLOAT", "com.linkedin.schema.NumberType", "Betrag in EUR"),
            field("created_at", "TIMESTAMP_NTZ(9)", "com.linkedin.schema.TimeType")], ["pii", "finance"]),
        ("customers", "Kunden", [
            field("customer_id", "NUMBER(38,0)", "com.linkedin.schema.NumberType"),
            field("name", "VARCHAR(256)", "com.linkedin.schema.StringType", "Name, wie angegeben"),
            field("region", "VARCHAR(16)", "com.linkedin.schema.StringType")], ["pii"]),
        ("revenue", "売上 by region", [
            field("region", "VARCHAR(16)", "com.linkedin.schema.StringType"),
            field("total", "FLOAT", "com.linkedin.schema.NumberType")], ["finance"]),
    ]
    for name, description, fields, tags in tables:
        urn, aspects = dataset_aspects(name, description, fields, tags)
        records += [mcp(urn, a, v) for a, v in aspects]
    # Emission-time fields: lineage stamps and a profile with its timestampMillis.
    records.append(mcp(ds("revenue"), "upstreamLineage", {"upstreams": [
        {"auditStamp": {"time": 1763458868000, "actor": "urn:li:corpuser:datahub"},
         "dataset": ds("orders"), "type": "TRANSFORMED"}]}))
    records.append(mcp(ds("orders"), "datasetProfile", {"timestampMillis": 1763458868000, "rowCount": 1200,
                                                         "columnCount": 4}))
    return records


def stamp(records, run_id, start):
    for i, r in enumerate(records):
        r["systemMetadata"] = {"lastObserved": start + 17 * i, "runId": run_id, "lastRunId": "no-run-id-provided",
                               "pipelineName": "snowflake-sales"}
    return records


def recorded_records():
    return stamp(base(), "snowflake-2025_11_18-09_41_07-k3x9qa", 1763458867000)


def replay(records):
    """The same records as a replay emits them: new run, new lastObserved."""
    return stamp(copy.deepcopy(records), "replay-2025_11_20-14_02_55-q8w2ze", 1763647375000)


def find(records, urn, aspect_name):
    for r in records:
        if r.get("entityUrn") == urn and r.get("aspectName") == aspect_name:
            return r
    raise KeyError((urn, aspect_name))


def to_mce(records, urn):
    """The dataset's snapshot aspects as one MCE in the file sink's form (pegasus2avro class names, the
    null members DataHub's MCP serialisation drops); the other records stay as they are."""
    classes = {"status": "common.Status", "datasetProperties": "dataset.DatasetProperties",
               "schemaMetadata": "schema.SchemaMetadata", "globalTags": "common.GlobalTags"}
    mine = [r for r in records if r["entityUrn"] == urn and r["aspectName"] in classes]
    aspects = []
    for r in mine:
        value = json.loads(json.dumps(r["aspect"]["json"]).replace("com.linkedin.schema.", "com.linkedin.pegasus2avro.schema."))
        if r["aspectName"] == "schemaMetadata":
            for f in value["fields"]:
                f.setdefault("description", None)
            value["foreignKeys"] = None
        aspects.append({"com.linkedin.pegasus2avro." + classes[r["aspectName"]]: value})
    mce = {"proposedSnapshot": {"com.linkedin.pegasus2avro.metadata.snapshot.DatasetSnapshot": {
        "urn": urn, "aspects": aspects}}, "systemMetadata": mine[0]["systemMetadata"]}
    out = []
    for r in records:
        if r in mine:
            if r is mine[0]:
                out.append(mce)
            continue
        out.append(r)
    return out


def write(path, records, jsonl=False):
    with open(path, "w") as f:
        if jsonl:
            f.write("".join(json.dumps(r) + "\n" for r in records))
        elif records:
            f.write("[\n" + ",\n".join(json.dumps(r, indent=4) for r in records) + "\n]")
        else:
            f.write("[]")


def cases():
    rng = random.Random(7)
    rec = recorded_records()
    out = {}

    # Only what a replay always changes: systemMetadata and the aspect-level timestampMillis. The lineage
    # stamp is left equal here (see auditstamp).
    rep = replay(rec)
    find(rep, ds("orders"), "datasetProfile")["aspect"]["json"]["timestampMillis"] = 1763999999000
    out["timestamps-only"] = (rec, rep, {"match": True})

    rep = replay(rec)
    rng.shuffle(rep)
    out["reordered"] = (rec, rep, {"match": True})

    # Repeated emissions: the replay sends two aspects twice, the recording one (parallel workers).
    rep = replay(rec)
    rep.insert(5, copy.deepcopy(find(rep, ds("orders"), "status")))
    rep.append(copy.deepcopy(find(rep, CONTAINER, "subTypes")))
    rec_dup = rec + [copy.deepcopy(find(rec, ds("customers"), "globalTags"))]
    out["duplicates"] = (rec_dup, rep, {"match": True, "variants": [
        {"args": ["--strict-counts"], "match": False, "aspects": [
            {"urn": CONTAINER, "aspect": "subTypes", "status": "added", "paths": []},
            {"urn": ds("customers"), "aspect": "globalTags", "status": "removed", "paths": []},
            {"urn": ds("orders"), "aspect": "status", "status": "added", "paths": []}]}]})

    rep = replay(rec)
    find(rep, ds("orders"), "schemaMetadata")["aspect"]["json"]["fields"][2]["nativeDataType"] = "NUMBER(12,2)"
    find(rep, ds("customers"), "datasetProperties")["aspect"]["json"]["customProperties"]["TABLE_TYPE"] = "VIEW"
    out["changed-nested"] = (rec, rep, {"match": False, "aspects": [
        {"urn": ds("customers"), "aspect": "datasetProperties", "status": "changed",
         "paths": ["root['aspect']['customProperties']['TABLE_TYPE']"]},
        {"urn": ds("orders"), "aspect": "schemaMetadata", "status": "changed",
         "paths": ["root['aspect']['fields'][2]['nativeDataType']"]}], "variants": [
        {"args": ["--ignore-path", "root['aspect']['fields'][*]['nativeDataType']",
                  "--ignore-path", "root[*]['aspect']['json']['customProperties']"], "match": True},
        {"args": ["--ignore-regex", r"root\[\d+\]\['aspect'\]\['json'\]\['fields'\]\[\d+\]\['nativeDataType'\]"],
         "reference_args": ["--ignore-regex", r"root\[\d+\]\['aspect'\]\['json'\]\['fields'\]\[\d+\]\['nativeDataType'\]"],
         "match": False, "aspects": [
            {"urn": ds("customers"), "aspect": "datasetProperties", "status": "changed",
             "paths": ["root['aspect']['customProperties']['TABLE_TYPE']"]}]}]})

    # A URN only in the replay (all its aspects) and one only in the recording.
    rep = replay(rec)
    rep = [r for r in rep if r["entityUrn"] != ds("revenue")]
    urn, aspects = dataset_aspects("refunds", "Erstattungen", [field("refund_id", "NUMBER(38,0)",
                                                                     "com.linkedin.schema.NumberType")], [])
    rep += stamp([mcp(urn, a, v) for a, v in aspects[:2]], "replay-2025_11_20-14_02_55-q8w2ze", 1763647399000)
    out["urn-added-removed"] = (rec, rep, {"match": False, "urns_added": [ds("refunds")],
                                           "urns_removed": [ds("revenue")], "aspects": [
        {"urn": ds("refunds"), "aspect": "datasetProperties", "status": "added", "paths": []},
        {"urn": ds("refunds"), "aspect": "status", "status": "added", "paths": []},
        *({"urn": ds("revenue"), "aspect": a, "status": "removed", "paths": []} for a in sorted(
            ["status", "datasetProperties", "schemaMetadata", "globalTags", "subTypes", "container",
             "browsePathsV2", "upstreamLineage"]))]})

    # An aspect only the replay emits, one only the recording emitted.
    rep = replay(rec)
    rep.append(stamp([mcp(ds("customers"), "ownership", {"owners": [
        {"owner": "urn:li:corpuser:jdoe", "type": "DATAOWNER"}], "ownerTypes": {}})],
        "replay-2025_11_20-14_02_55-q8w2ze", 1763647399000)[0])
    rep.remove(find(rep, ds("orders"), "browsePathsV2"))
    out["aspect-added"] = (rec, rep, {"match": False, "aspects": [
        {"urn": ds("customers"), "aspect": "ownership", "status": "added", "paths": []},
        {"urn": ds("orders"), "aspect": "browsePathsV2", "status": "removed", "paths": []}]})

    # The recording as an MCE file sink wrote it (orders' snapshot aspects), the replay as MCPs.
    out["mce-vs-mcp"] = (to_mce(rec, ds("orders")), replay(rec), {"match": True})

    # The replay as JSON lines.
    out["jsonl"] = (rec, replay(rec), {"match": True, "replayed_jsonl": True})

    # auditStamp.time of the lineage is stamped at emission: a difference for DataHub's defaults, none
    # with the replay preset.
    rep = replay(rec)
    find(rep, ds("revenue"), "upstreamLineage")["aspect"]["json"]["upstreams"][0]["auditStamp"]["time"] = 1763647380000
    out["auditstamp"] = (rec, rep, {"match": False, "aspects": [
        {"urn": ds("revenue"), "aspect": "upstreamLineage", "status": "changed",
         "paths": ["root['aspect']['upstreams'][0]['auditStamp']['time']"]}], "variants": [
        {"args": ["--preset", "replay"], "match": True, "reference": False}]})

    # A changed changeType, a value of another JSON type, a tag added to a list and one replaced.
    rep = replay(rec)
    find(rep, ds("customers"), "status")["changeType"] = "CREATE"
    find(rep, ds("revenue"), "schemaMetadata")["aspect"]["json"]["version"] = "0"
    find(rep, ds("orders"), "globalTags")["aspect"]["json"]["tags"].append({"tag": "urn:li:tag:gold"})
    find(rep, ds("customers"), "globalTags")["aspect"]["json"]["tags"][0]["tag"] = "urn:li:tag:gdpr"
    out["types-and-lists"] = (rec, rep, {"match": False, "aspects": [
        {"urn": ds("customers"), "aspect": "globalTags", "status": "changed",
         "paths": ["root['aspect']['tags'][0]['tag']"]},
        {"urn": ds("customers"), "aspect": "status", "status": "changed", "paths": ["root['changeType']"]},
        {"urn": ds("orders"), "aspect": "globalTags", "status": "changed", "paths": ["root['aspect']['tags'][2]"]},
        {"urn": ds("revenue"), "aspect": "schemaMetadata", "status": "changed",
         "paths": ["root['aspect']['version']"]}]})

    # systemMetadata only counts when asked for, and then DataHub's rules for it apply.
    rep = replay(rec)
    find(rep, ds("orders"), "status")["systemMetadata"]["pipelineName"] = "other-pipeline"
    out["system-metadata"] = (rec, rep, {"match": True, "variants": [
        {"args": ["--compare-system-metadata"], "reference": False, "match": False, "aspects": [
            {"urn": ds("orders"), "aspect": "status", "status": "changed",
             "paths": ["root['systemMetadata']['pipelineName']"]}]}]})
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_mcps_sets.py <output-dir>")
    root = sys.argv[1]
    for name, (recorded, replayed, expected) in cases().items():
        folder = os.path.join(root, name)
        os.makedirs(folder, exist_ok=True)
        write(os.path.join(folder, "recorded.json"), recorded)
        write(os.path.join(folder, "replayed.json"), replayed, expected.get("replayed_jsonl", False))
        expected.setdefault("urns_added", [])
        expected.setdefault("urns_removed", [])
        expected.setdefault("aspects", [])
        with open(os.path.join(folder, "expected.json"), "w") as f:
            json.dump(expected, f, indent=1, sort_keys=True)
        print(name)


if __name__ == "__main__":
    main()
