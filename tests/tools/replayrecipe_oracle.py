#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Oracle for Tapedeck's replay recipe (tests/core/tst_replayrecipe.cpp), on Debian's python3-yaml.

Usage: replayrecipe_oracle.py IN OUT GMS_URL PG_HOST PG_PORT KEY_FILE (PG_HOST and PG_PORT may be empty).
Loads the recorded recipe IN and Tapedeck's replay recipe OUT with yaml.safe_load, applies the rules to IN
the way DataHub's Python does (recording/archive.py _replace_markers_recursive and
_get_dummy_value_for_field, recording/replay.py get_recipe) plus Tapedeck's sink, datahub_api,
stateful_ingestion and PostgreSQL rules, and compares key order, types and values exactly. The private key
put in place of markers must be KEY_FILE's, a PKCS#8 PEM RSA-2048 key. Prints "ok" or exits non-zero.
"""
import sys, yaml
sys.setrecursionlimit(20000)  # PyYAML composes recursively: two frames a level
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

inp, out, gms, pghost, pgport, keyfile = sys.argv[1:7]
MARKER = "__REPLAY_DUMMY__"
DUMMY = "replay-mode-no-secret-needed"
KEY = open(keyfile, encoding="ascii").read()
TLS = ["ca_certificate_path", "client_certificate_path", "client_key_path", "disable_ssl_verification"]
PG = ["postgres", "redshift", "cockroachdb", "risingwave"]

def dummy(field):
    # DataHub calls field.lower(), which raises for a key that is no str (an int, say); Tapedeck goes by
    # the key's text, as str() gives it for the keys that matter.
    lower = str(field).lower()
    return KEY if "private_key" in lower or "private-key" in lower else DUMMY

def replace(obj, parent=""):
    if isinstance(obj, dict):
        return {k: replace(v, k) for k, v in obj.items()}
    if isinstance(obj, list):
        return [replace(i, parent) for i in obj]
    if obj == MARKER:
        return dummy(parent)
    return obj

def put(d, k, v):  # in place when present, else first
    if k in d:
        d[k] = v
        return d
    return {k: v, **d}

def client(cfg):
    cfg = put(cfg, "server", gms)
    return {k: v for k, v in cfg.items() if k not in TLS}

def with_host_port(uri, hp):
    i = uri.find("://")
    if i <= 0:
        return uri
    start = i + 3
    end = start
    while end < len(uri) and uri[end] not in "/?#":
        end += 1
    at = uri[start:end].rfind("@")
    host = start if at < 0 else start + at + 1
    return uri[:host] + hp + uri[end:]

def transform(r):
    r.pop("recording", None)
    r = replace(r)
    sink = r.get("sink")
    if "sink" not in r:
        r["sink"] = {"type": "datahub-rest", "config": {"server": gms}}
    elif not isinstance(sink, dict) or sink.get("type") != "datahub-rest":
        r["sink"] = {"type": "datahub-rest", "config": {"server": gms}}
    else:
        if not isinstance(sink.get("config"), dict):
            sink = put(sink, "config", {})
        sink["config"] = client(sink["config"])
        r["sink"] = sink
    if isinstance(r.get("datahub_api"), dict):
        r["datahub_api"] = client(r["datahub_api"])
    source = r["source"]
    config = source.get("config")
    if isinstance(config, dict) and "stateful_ingestion" in config:
        config["stateful_ingestion"] = {"enabled": False}
    if pghost or pgport:
        host = pghost or "127.0.0.1"
        if ":" in host and not host.startswith("["):
            host = "[" + host + "]"
        hp = host + ":" + (pgport or "5432")
        if source.get("type") in PG:
            if not isinstance(source.get("config"), dict):
                source = put(source, "config", {})
            cfg = put(source["config"], "host_port", hp)
            if isinstance(cfg.get("sqlalchemy_uri"), str):
                cfg["sqlalchemy_uri"] = with_host_port(cfg["sqlalchemy_uri"], hp)
            source["config"] = cfg
        elif source.get("type") == "sqlalchemy" and isinstance(config, dict) \
                and isinstance(config.get("connect_uri"), str) \
                and config["connect_uri"].split("://")[0].lower().startswith(("postgres", "redshift", "cockroachdb")):
            config["connect_uri"] = with_host_port(config["connect_uri"], hp)
        r["source"] = source
    return r

def canon(x):
    if isinstance(x, dict):
        return ("dict", [(canon(k), canon(v)) for k, v in x.items()])
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, [canon(i) for i in x])
    if isinstance(x, float) and x != x:
        return ("float", "nan")
    return (type(x).__name__, repr(x))

with open(inp, encoding="utf-8") as f:
    expected = transform(yaml.safe_load(f))
with open(out, encoding="utf-8") as f:
    actual = yaml.safe_load(f)
if canon(expected) != canon(actual):
    sys.exit("expected\n%r\nactual\n%r" % (expected, actual))
if not KEY.startswith("-----BEGIN PRIVATE KEY-----\n") or not KEY.endswith("-----END PRIVATE KEY-----\n"):
    sys.exit("the test key is no PKCS#8 PEM")
key = serialization.load_pem_private_key(KEY.encode("ascii"), password=None)
if not isinstance(key, rsa.RSAPrivateKey) or key.key_size != 2048:
    sys.exit("the test key is no RSA-2048 key")
print("ok")
