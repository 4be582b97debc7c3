#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Generates a recorded/replayed pair of DataHub file-sink MCP files for the diff benchmark: a SQL source's
# containers and datasets (status, datasetProperties, schemaMetadata, subTypes, container, browsePathsV2,
# dataPlatformInstance, globalTags, ownership, upstreamLineage, datasetProfile), written as the file sink
# writes them. The replay differs the way a real replay does (every systemMetadata.lastObserved and runId,
# datasetProfile.timestampMillis, emission order within windows) plus a chosen share of MCPs with real
# content changes. Deterministic for a given seed. Prints a JSON summary of what was changed.
import argparse
import copy
import json
import os
import random

WORDS = ("orders customers revenue region lineage owner status forecast marketing finance cohort "
         "retention churn funnel warehouse invoice payment shipment product inventory account").split()
TYPES = [("VARCHAR(16777216)", "com.linkedin.schema.StringType"), ("NUMBER(38,0)", "com.linkedin.schema.NumberType"),
         ("TIMESTAMP_NTZ(9)", "com.linkedin.schema.TimeType"), ("BOOLEAN", "com.linkedin.schema.BooleanType"),
         ("DATE", "com.linkedin.schema.DateType"), ("FLOAT", "com.linkedin.schema.NumberType")]
PLATFORM = "urn:li:dataPlatform:snowflake"
INSTANCE = "urn:li:dataPlatformInstance:(urn:li:dataPlatform:snowflake,acme_prod)"


def mcp(entity_type, urn, aspect_name, aspect):
    return {"entityType": entity_type, "entityUrn": urn, "changeType": "UPSERT", "aspectName": aspect_name,
            "aspect": {"json": aspect}}


def container_mcps(rng, urn, name, parent, kind, path):
    out = [mcp("container", urn, "containerProperties",
               {"customProperties": {"platform": "snowflake", "instance": "acme_prod", "database": name.upper()},
                "name": name, "description": f"The {name} {kind.lower()}", "env": "PROD"}),
           mcp("container", urn, "status", {"removed": False}),
           mcp("container", urn, "dataPlatformInstance", {"platform": PLATFORM, "instance": INSTANCE}),
           mcp("container", urn, "subTypes", {"typeNames": [kind]}),
           mcp("container", urn, "browsePathsV2", {"path": path})]
    if parent:
        out.append(mcp("container", urn, "container", {"container": parent}))
    return out


def dataset_mcps(rng, urn, db, schema, table, container, path, upstream):
    fields = []
    for i in range(rng.randrange(4, 24)):
        native, type_class = rng.choice(TYPES)
        field = {"fieldPath": f"{rng.choice(WORDS)}_{i}", "nullable": rng.random() < 0.6,
                 "type": {"type": {type_class: {}}}, "nativeDataType": native, "recursive": False,
                 "isPartOfKey": i == 0}
        if rng.random() < 0.4:
            field["description"] = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 12)))
        fields.append(field)
    created = 1700000000000 + rng.randrange(10**10)
    out = [mcp("dataset", urn, "status", {"removed": False}),
           mcp("dataset", urn, "datasetProperties",
               {"customProperties": {"TABLE_TYPE": "BASE TABLE", "ROW_COUNT": str(rng.randrange(10**7))},
                "name": table, "qualifiedName": f"{db}.{schema}.{table}".upper(),
                "description": " ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 20))),
                "created": {"time": created}, "lastModified": {"time": created + rng.randrange(10**9)}, "tags": []}),
           mcp("dataset", urn, "schemaMetadata",
               {"schemaName": f"{db}.{schema}.{table}", "platform": PLATFORM, "version": 0,
                "created": {"time": 0, "actor": "urn:li:corpuser:unknown"},
                "lastModified": {"time": 0, "actor": "urn:li:corpuser:unknown"}, "hash": "",
                "platformSchema": {"com.linkedin.schema.MySqlDDL": {"tableSchema": ""}}, "fields": fields}),
           mcp("dataset", urn, "subTypes", {"typeNames": ["Table"]}),
           mcp("dataset", urn, "container", {"container": container}),
           mcp("dataset", urn, "browsePathsV2", {"path": path}),
           mcp("dataset", urn, "dataPlatformInstance", {"platform": PLATFORM, "instance": INSTANCE})]
    if rng.random() < 0.3:
        out.append(mcp("dataset", urn, "globalTags",
                       {"tags": [{"tag": f"urn:li:tag:{rng.choice(WORDS)}"} for _ in range(rng.randrange(1, 4))]}))
    if rng.random() < 0.3:
        out.append(mcp("dataset", urn, "ownership",
                       {"owners": [{"owner": f"urn:li:corpuser:{rng.choice(WORDS)}", "type": "TECHNICAL_OWNER"}],
                        "ownerTypes": {}, "lastModified": {"time": 0, "actor": "urn:li:corpuser:unknown"}}))
    if upstream and rng.random() < 0.5:
        out.append(mcp("dataset", urn, "upstreamLineage",
                       {"upstreams": [{"auditStamp": {"time": 1763458868000, "actor": "urn:li:corpuser:unknown"},
                                       "created": {"time": 1763458868000, "actor": "urn:li:corpuser:unknown"},
                                       "dataset": upstream, "type": "TRANSFORMED"}]}))
    if rng.random() < 0.2:
        out.append(mcp("dataset", urn, "datasetProfile",
                       {"timestampMillis": 1763458868000, "partitionSpec": {"partition": "FULL_TABLE_SNAPSHOT",
                        "type": "FULL_TABLE"}, "rowCount": rng.randrange(10**7), "columnCount": len(fields),
                        "sizeInBytes": rng.randrange(10**10)}))
    return out


def generate(count, seed):
    rng = random.Random(seed)
    records = []
    db_index = 0
    previous = None
    while len(records) < count:
        db = f"{rng.choice(WORDS)}_db{db_index}"
        db_urn = f"urn:li:container:{rng.getrandbits(128):032x}"
        records += container_mcps(rng, db_urn, db, None, "Database", [{"id": INSTANCE, "urn": INSTANCE}])
        for s in range(4):
            schema = f"{rng.choice(WORDS)}_s{s}"
            schema_urn = f"urn:li:container:{rng.getrandbits(128):032x}"
            path = [{"id": INSTANCE, "urn": INSTANCE}, {"id": db_urn, "urn": db_urn}]
            records += container_mcps(rng, schema_urn, schema, db_urn, "Schema", path)
            for t in range(rng.randrange(20, 60)):
                table = f"{rng.choice(WORDS)}_t{t}"
                urn = f"urn:li:dataset:(urn:li:dataPlatform:snowflake,acme_prod.{db}.{schema}.{table},PROD)".lower()
                records += dataset_mcps(rng, urn, db, schema, table, schema_urn,
                                        path + [{"id": schema_urn, "urn": schema_urn}], previous)
                previous = urn
        db_index += 1
    return records[:count]


def with_system_metadata(records, run_id, start):
    for i, r in enumerate(records):
        r["systemMetadata"] = {"lastObserved": start + i // 7, "runId": run_id, "lastRunId": "no-run-id-provided",
                               "pipelineName": "snowflake-prod-daily"}
    return records


def change(rng, records, share):
    """Applies content changes to about share of the records; returns what was done."""
    done = {"changed": [], "removed": [], "added": []}
    targets = rng.sample(range(len(records)), int(len(records) * share))
    removed = set()
    added = []
    for k, i in enumerate(targets):
        r = records[i]
        kind = k % 10
        # Records share sub-objects (browse path entries); change a copy of this one only.
        aspect = r["aspect"]["json"] = copy.deepcopy(r["aspect"]["json"])
        if kind == 0:
            removed.add(i)
            done["removed"].append([r["entityUrn"], r["aspectName"]])
            continue
        if kind == 1:
            extra = mcp(r["entityType"], r["entityUrn"], "globalTags", {"tags": [{"tag": "urn:li:tag:replay-only"}]})
            if not any(x["entityUrn"] == r["entityUrn"] and x["aspectName"] == "globalTags" for x in records[i - 12:i + 12]):
                added.append((i, extra))
                done["added"].append([r["entityUrn"], "globalTags"])
            continue
        if r["aspectName"] == "schemaMetadata":
            field = rng.choice(aspect["fields"])
            field["nativeDataType"] = field["nativeDataType"] + "_CHANGED"
        elif r["aspectName"] == "datasetProperties":
            aspect["customProperties"]["ROW_COUNT"] = str(int(aspect["customProperties"]["ROW_COUNT"]) + 1)
        elif r["aspectName"] == "status":
            aspect["removed"] = not aspect["removed"]
        elif r["aspectName"] == "browsePathsV2":
            aspect["path"][-1]["id"] = aspect["path"][-1]["id"] + "-moved"
        elif r["aspectName"] == "subTypes":
            aspect["typeNames"] = aspect["typeNames"] + ["View"]
        else:
            aspect["replayNote"] = "changed in replay"
        done["changed"].append([r["entityUrn"], r["aspectName"]])
    out = [r for i, r in enumerate(records) if i not in removed]
    for i, extra in reversed(added):
        out.insert(min(i, len(out)), extra)
    return out, done


def shuffle_windows(rng, records, window):
    out = []
    for start in range(0, len(records), window):
        chunk = records[start:start + window]
        rng.shuffle(chunk)
        out += chunk
    return out


def write_file_sink(path, records):
    with open(path, "w") as f:
        if not records:
            f.write("[]")
            return
        f.write("[\n")
        f.write(",\n".join(json.dumps(r, indent=4) for r in records))
        f.write("\n]")


def main():
    parser = argparse.ArgumentParser(description="Recorded/replayed MCP files for the diff benchmark.")
    parser.add_argument("output_dir")
    parser.add_argument("--count", type=int, default=100000, help="MCPs in the recorded file")
    parser.add_argument("--changed", type=float, default=0.01, help="share of MCPs with content changes")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    rng = random.Random(args.seed + 1)
    base = generate(args.count, args.seed)
    recorded = with_system_metadata(copy.deepcopy(base), "snowflake-2025_11_18-09_41_07-k3x9qa", 1763458867000)
    replayed, done = change(rng, copy.deepcopy(base), args.changed)
    for r in replayed:
        if r["aspectName"] == "datasetProfile":
            r["aspect"]["json"]["timestampMillis"] = 1763999999000  # emission time: excluded by DataHub's defaults
    replayed = with_system_metadata(shuffle_windows(rng, replayed, 64), "replay-2025_11_20-14_02_55-q8w2ze",
                                    1763647375000)
    os.makedirs(args.output_dir, exist_ok=True)
    write_file_sink(os.path.join(args.output_dir, "recorded.json"), recorded)
    write_file_sink(os.path.join(args.output_dir, "replayed.json"), replayed)
    print(json.dumps({"recorded": len(recorded), "replayed": len(replayed),
                      **{k: len(v) for k, v in done.items()}}))


if __name__ == "__main__":
    main()
