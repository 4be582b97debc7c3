#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Regenerates the bundled sample recording: a failed Looker -> DataHub run recorded with VCR.py.
"""Make resources/samples/sample-recording.zip and sample-recording.mcps.json.

The run is real traffic, not hand-written YAML: two fake servers (a Looker-like REST API and a
DataHub GMS) listen on 127.0.0.1 on ephemeral ports, a small ingestion client talks to them with
`requests`, and VCR.py records it configured the way DataHub's HTTPRecorder configures it
(metadata-ingestion/src/datahub/ingestion/recording/http_recorder.py). The client uses stable host
names (looker.acme-corp.example, datahub-gms.acme-corp.example:8080) that are routed to the loopback
servers below the HTTP layer, and a fake clock drives Date headers and timestamps, so the files
inside the archive are byte-identical from one run to the next; only the archive itself differs
(random AES salts, ZIP entry times).

Formats follow DataHub's recorder (archive.py, db_proxy.py, redaction.py, rest_emitter.py, mcp.py);
the encrypted ZIP is written by tests/tools/aeszip.py the way pyzipper 0.3.6 writes it.

Run with Debian's interpreter: /usr/bin/python3 resources/samples/make_sample.py
"""

import argparse
import contextlib
import base64
import email.utils
import gzip
import hashlib
import json
import shutil
import struct
import sys
import tempfile
import threading
import time
import traceback
import zlib
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests
import urllib3.util.connection
import vcr
import vcr.serializers.yamlserializer
import yaml

SCRIPT_DIR = Path(__file__).resolve().parent

# aeszip.py lives in tests/tools; keep Python from dropping a __pycache__ there.
sys.dont_write_bytecode = True
sys.path.insert(0, str((SCRIPT_DIR / ".." / ".." / "tests" / "tools").resolve()))

SAMPLE_PASSWORD = "tapedeck-sample"
ARCHIVE_NAME = "sample-recording.zip"
MCPS_NAME = "sample-recording.mcps.json"

# --- the recorded run's identity (fixed so that reruns are stable) -------------------------------

RUN_ID = "looker-2025_11_18-09_41_07-k3x9qa"
PIPELINE_NAME = "looker-prod-daily"
DATAHUB_CLI_VERSION = "1.3.1.2"
RECORDING_START = datetime(2025, 11, 18, 9, 41, 7, 318244, tzinfo=timezone.utc)
# Snowflake returns TIMESTAMP_LTZ values in the session time zone.
SNOWFLAKE_TZ = timezone(timedelta(hours=-8))

LOOKER_HOST = "looker.acme-corp.example"  # port 80: VCR leaves it out of the URI
GMS_HOST = "datahub-gms.acme-corp.example"
GMS_PORT = 8080
LOOKER_BASE = f"http://{LOOKER_HOST}"
GMS_BASE = f"http://{GMS_HOST}:{GMS_PORT}"

LOOKER_CLIENT_ID = "Yq3kTnH7sFbW2cXv9RpM"
# Fake credentials. DataHub's recorder (as http_recorder.py configures VCR) keeps request bodies
# and response headers verbatim, so these appear in the cassette; the recipe gets them redacted.
LOOKER_CLIENT_SECRET = "sample-not-a-real-secret-8Jd2kQ"
LOOKER_ACCESS_TOKEN = "sample-looker-access-token-wV4nZ7rT2pL9xC5m"
GMS_TOKEN = "sample-datahub-personal-access-token"
RECORDING_PASSWORD_IN_RECIPE = "${DATAHUB_RECORDING_PASSWORD}"

# VCR configuration, as DataHub's HTTPRecorder sets it.
FILTERED_REQUEST_HEADERS = ["Authorization", "X-DataHub-Auth", "Cookie", "Set-Cookie"]
MATCH_ON = ["uri", "method", "body"]

# Marker DataHub puts in place of secrets in the stored recipe (config.py REPLAY_DUMMY_MARKER).
REPLAY_DUMMY_MARKER = "__REPLAY_DUMMY__"
# Key patterns archive.py / redaction.py treat as secrets, and the exceptions they allow.
SECRET_KEY_PARTS = ("password", "secret", "token", "apikey", "api_key", "api-key", "privatekey",
                    "private_key", "private-key", "accesskey", "access_key", "access-key",
                    "credential")
NON_SECRET_KEYS = {"authentication_type", "authenticator", "auth_type", "auth_method",
                   "authorization_type", "token_type", "token_url", "token_endpoint"}


# --- deterministic clock ---------------------------------------------------------------------------

class FakeClock:
    """Drives Date headers and lastObserved so that the recording is the same on every run."""

    def __init__(self, start):
        self._now = start
        self._lock = threading.Lock()

    def advance(self, seconds):
        with self._lock:
            self._now += timedelta(seconds=seconds)
            return self._now

    def now(self):
        with self._lock:
            return self._now

    def millis(self):
        return int(self.now().timestamp() * 1000)


CLOCK = FakeClock(RECORDING_START)


# --- sample content ------------------------------------------------------------------------------

FOLDERS = {
    "7": {"id": "7", "name": "Vertrieb DACH", "parent_id": "1", "content_metadata_id": "31"},
    "9": {"id": "9", "name": "日本", "parent_id": "1", "content_metadata_id": "44"},
    "12": {"id": "12", "name": "Finance", "parent_id": "1", "content_metadata_id": "57"},
}


def _element(eid, title, fields, vis, filters=None, sorts=None):
    return {
        "id": eid,
        "title": title,
        "type": "vis",
        "look_id": None,
        "note_text": None,
        "subtitle_text": None,
        "query": {
            "id": str(4000 + int(eid)),
            "model": "sales",
            "view": "orders",
            "fields": fields,
            "filters": filters or {},
            "sorts": sorts or [],
            "limit": "500",
            "vis_config": {"type": vis},
        },
    }


DASHBOARDS = {
    "1": {
        "id": "1",
        "title": "Umsätze nach Region",
        "description": "Monatliche Umsätze je Vertriebsregion (DACH), aktualisiert täglich um 06:00.",
        "folder": FOLDERS["7"],
        "user_id": "42",
        "created_at": "2024-03-11T08:15:02.000+00:00",
        "updated_at": "2025-11-14T16:02:51.000+00:00",
        "last_updater_id": "42",
        "deleted": False,
        "hidden": False,
        "dashboard_filters": [
            {"id": "3", "name": "Region", "title": "Region", "type": "field_filter",
             "model": "sales", "explore": "orders", "dimension": "orders.region",
             "default_value": "DACH"},
        ],
        "dashboard_elements": [
            _element("11", "Umsatz je Region", ["orders.region", "orders.total_revenue"],
                     "looker_bar", {"orders.order_date": "12 months"},
                     ["orders.total_revenue desc"]),
            _element("12", "Top-Kunden (€)", ["orders.customer_name", "orders.total_revenue"],
                     "table", {"orders.region": "DACH"}, ["orders.total_revenue desc"]),
        ],
    },
    "2": {
        "id": "2",
        "title": "売上ダッシュボード",
        "description": "地域別の月次売上（税抜）",
        "folder": FOLDERS["9"],
        "user_id": "57",
        "created_at": "2024-09-02T01:30:44.000+00:00",
        "updated_at": "2025-11-17T23:58:10.000+00:00",
        "last_updater_id": "57",
        "deleted": False,
        "hidden": False,
        "dashboard_filters": [],
        "dashboard_elements": [
            _element("21", "月次売上", ["orders.order_month", "orders.total_revenue"],
                     "looker_line", {"orders.region": "JP"}, ["orders.order_month"]),
        ],
    },
    "3": {
        "id": "3",
        "title": "Q4 Forecast",
        "description": "Finance forecast (fails to load in this recording).",
        "folder": FOLDERS["12"],
    },
}

LOOKML_MODELS = [
    {
        "name": "sales",
        "label": "Umsätze",
        "project_name": "acme_bi",
        "has_content": True,
        "allowed_db_connection_names": ["acme_snowflake"],
        "explores": [
            {"name": "orders", "label": "Bestellungen", "description": "Eine Zeile je Bestellung",
             "group_label": "Umsätze", "hidden": False},
        ],
    },
    {
        "name": "finance_jp",
        "label": "売上",
        "project_name": "acme_bi",
        "has_content": True,
        "allowed_db_connection_names": ["acme_snowflake"],
        "explores": [
            {"name": "revenue", "label": "売上明細", "description": None,
             "group_label": "売上", "hidden": False},
        ],
    },
]

EXPLORE_ORDERS = {
    "id": "sales::orders",
    "name": "orders",
    "label": "Bestellungen",
    "description": "Eine Zeile je Bestellung",
    "model_name": "sales",
    "view_name": "orders",
    "project_name": "acme_bi",
    "connection_name": "acme_snowflake",
    "sql_table_name": "ANALYTICS.SALES.ORDERS",
    "source_file": "views/orders.view.lkml",
    "fields": {
        "dimensions": [
            {"name": "orders.order_id", "label": "Bestell-ID", "type": "number",
             "sql": "${TABLE}.ORDER_ID", "description": "Primärschlüssel", "primary_key": True},
            {"name": "orders.region", "label": "Region", "type": "string",
             "sql": "${TABLE}.REGION", "description": "Vertriebsregion", "primary_key": False},
            {"name": "orders.customer_name", "label": "Kunde", "type": "string",
             "sql": "${TABLE}.CUSTOMER_NAME", "description": "", "primary_key": False},
            {"name": "orders.order_month", "label": "Bestellmonat", "type": "date_month",
             "sql": "${TABLE}.ORDER_DATE", "description": "", "primary_key": False},
        ],
        "measures": [
            {"name": "orders.total_revenue", "label": "Umsatz (€)", "type": "sum",
             "sql": "${TABLE}.AMOUNT_EUR", "description": "Summe der Nettoumsätze",
             "primary_key": False},
        ],
    },
}


def make_png(width=48, height=32):
    """A small deterministic gradient PNG (the dashboard thumbnail)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter type: none
        for x in range(width):
            rows += bytes(((x * 255) // (width - 1), (y * 255) // (height - 1), 0x9C))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


GMS_CONFIG = {
    "models": {},
    "patchCapable": True,
    "versions": {
        "acryldata/datahub": {
            "version": "v1.3.0.1",
            "commit": "5b0f4c4e2d8a91f3c6e7a0b1d2c3e4f5a6b7c8d9",
        }
    },
    "managedIngestion": {"defaultCliVersion": DATAHUB_CLI_VERSION, "enabled": True},
    "statefulIngestionCapable": True,
    "supportsImpactAnalysis": True,
    "timeZone": "GMT",
    "telemetry": {"enabledCli": True, "enabledIngestion": False},
    "datasetUrnNameCasing": False,
    "retention": "true",
    "datahub": {"serverType": "prod", "serverEnv": "core"},
    "noCode": "true",
}


# --- fake servers ----------------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_software = "nginx"
    latency = 0.2

    def log_message(self, *args):  # quiet
        pass

    def version_string(self):
        return self.server_software

    def date_time_string(self, timestamp=None):
        return email.utils.format_datetime(CLOCK.now(), usegmt=True)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status, body, content_type="application/json; charset=utf-8",
              extra=(), compress=False, latency=None):
        CLOCK.advance(self.latency if latency is None else latency)
        if isinstance(body, (dict, list)):
            # Looker and GMS answer with raw UTF-8, not \u escapes.
            body = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        gzipped = compress and "gzip" in (self.headers.get("Accept-Encoding") or "")
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in extra:
            self.send_header(name, value)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


LOOKER_DOC = "https://cloud.google.com/looker/docs/r/err/4.0/{}/{}"
DASHBOARD_DOC = "get/dashboards/:dashboard_id"


class LookerHandler(_Handler):
    server_software = "nginx"
    latency = 0.31

    def _authorized(self):
        return self.headers.get("Authorization") == f"Bearer {LOOKER_ACCESS_TOKEN}"

    def do_POST(self):
        parts = urlsplit(self.path)
        body = self._body()
        if parts.path == "/api/4.0/login":
            form = parse_qs(body.decode("ascii"))
            if form.get("client_id") != [LOOKER_CLIENT_ID] or \
                    form.get("client_secret") != [LOOKER_CLIENT_SECRET]:
                return self._send(404, {"message": "Not found",
                                        "documentation_url": LOOKER_DOC.format(404, "post/login")})
            # Two Set-Cookie headers: a repeated response header in the cassette.
            cookies = [
                ("Set-Cookie", "looker.browser=7340589; Path=/; Max-Age=630720000; HttpOnly"),
                ("Set-Cookie", "AWSALB=fZ2m5rQeJ8KxW0Nf1s9y; Expires=Tue, 25 Nov 2025 09:41:07 GMT;"
                               " Path=/"),
            ]
            return self._send(200, {"access_token": LOOKER_ACCESS_TOKEN, "token_type": "Bearer",
                                    "expires_in": 3600, "refresh_token": None}, extra=cookies)
        return self._send(404, {"message": "Not found", "documentation_url": None})

    def do_GET(self):
        parts = urlsplit(self.path)
        path = parts.path
        if not self._authorized():
            return self._send(401, {"message": "Requires authentication.",
                                    "documentation_url": LOOKER_DOC.format(401, "get" + path)})
        if path == "/api/4.0/user":
            return self._send(200, {"id": "3", "display_name": "DataHub Service",
                                    "email": "datahub@acme-corp.example", "is_disabled": False,
                                    "role_ids": ["2"], "locale": "de"})
        if path == "/api/4.0/lookml_models":
            return self._send(200, LOOKML_MODELS, compress=True)
        if path == "/api/4.0/lookml_models/sales/explores/orders":
            return self._send(200, EXPLORE_ORDERS, compress=True)
        if path == "/api/4.0/dashboards":
            listing = [{"id": d["id"], "title": d["title"], "folder": d["folder"]}
                       for d in DASHBOARDS.values()]
            # Two Link headers: another repeated response header.
            base = f"<{LOOKER_BASE}/api/4.0/dashboards?fields=id%2Ctitle%2Cfolder&limit=50"
            links = [("Link", base + '&offset=0>; rel="first"'),
                     ("Link", base + '&offset=0>; rel="last"'),
                     ("X-Total-Count", str(len(listing)))]
            return self._send(200, listing, extra=links, compress=True)
        if path == "/api/4.0/dashboards/3":
            # The fatal failure of this run (the instance gave up after 30 s).
            return self._send(500, {"message": "An error has occurred.",
                                    "documentation_url": LOOKER_DOC.format(500, DASHBOARD_DOC)},
                              latency=30.02)
        if path.startswith("/api/4.0/dashboards/"):
            dashboard = DASHBOARDS.get(path.rsplit("/", 1)[1])
            if dashboard is None:
                return self._send(404, {"message": "Not found",
                                        "documentation_url": LOOKER_DOC.format(404, DASHBOARD_DOC)})
            return self._send(200, dashboard, compress=True)
        if path == "/api/4.0/content_thumbnail/dashboard/1":
            return self._send(200, make_png(), content_type="image/png",
                              extra=[("Cache-Control", "private, max-age=300")])
        return self._send(404, {"message": "Not found", "documentation_url": None})


class GmsHandler(_Handler):
    server_software = "Jetty(12.0.16)"
    latency = 0.08
    received = []  # the proposals GMS accepted, in order

    def _restli(self, status, body, latency=None):
        return self._send(status, body, content_type="application/json",
                          extra=[("X-RestLi-Protocol-Version", "2.0.0")], latency=latency)

    def do_GET(self):
        if urlsplit(self.path).path == "/config":
            return self._send(200, GMS_CONFIG, content_type="application/json")
        return self._restli(404, {"message": "Not found", "status": 404})

    def do_POST(self):
        parts = urlsplit(self.path)
        action = parse_qs(parts.query).get("action", [""])[0]
        payload = json.loads(self._body())
        if parts.path == "/aspects" and action == "ingestProposalBatch":
            proposals = payload["proposals"]
        elif parts.path == "/aspects" and action == "ingestProposal":
            proposals = [payload["proposal"]]
        else:
            return self._restli(404, {"message": "Not found", "status": 404})
        for proposal in proposals:
            check_wire_proposal(proposal)
        GmsHandler.received.extend(proposals)
        urns = [p["entityUrn"] for p in proposals]
        return self._restli(200, {"value": urns if action == "ingestProposalBatch" else urns[0]},
                            latency=0.05 + 0.01 * len(proposals))


def check_wire_proposal(proposal):
    """What GMS would reject: the generator must only ever record well-formed proposals."""
    expected = ["entityType", "entityUrn", "changeType", "aspectName", "aspect", "systemMetadata"]
    assert list(proposal) == expected, list(proposal)
    assert proposal["changeType"] == "UPSERT"
    assert proposal["aspect"]["contentType"] == "application/json"
    json.loads(proposal["aspect"]["value"])
    assert proposal["systemMetadata"]["runId"] == RUN_ID


class FakeServers:
    """The two loopback servers, and the host routing that points the client at them."""

    def __init__(self):
        self.looker = ThreadingHTTPServer(("127.0.0.1", 0), LookerHandler)
        self.gms = ThreadingHTTPServer(("127.0.0.1", 0), GmsHandler)
        self._threads = []
        self._original_create_connection = None

    def __enter__(self):
        for server in (self.looker, self.gms):
            server.daemon_threads = True
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            self._threads.append(thread)
        routes = {
            (LOOKER_HOST, 80): self.looker.server_address[:2],
            (GMS_HOST, GMS_PORT): self.gms.server_address[:2],
        }
        original = urllib3.util.connection.create_connection

        def routed(address, *args, **kwargs):
            target = routes.get((address[0], int(address[1])))
            if target is None:  # never let the sample touch the network
                raise OSError(f"make_sample: refusing connection to {address[0]}:{address[1]}")
            return original(target, *args, **kwargs)

        self._original_create_connection = original
        urllib3.util.connection.create_connection = routed
        return self

    def __exit__(self, *exc):
        urllib3.util.connection.create_connection = self._original_create_connection
        for server in (self.looker, self.gms):
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        return False


# --- the ingestion client --------------------------------------------------------------------------

class SDKError(Exception):
    """What looker_sdk raises for an API error; the Looker source lets it end the run."""


# Replay mode (--replay): where the client sends its requests, from the replay recipe; the MCPs keep
# LOOKER_BASE in their URLs either way.
API_BASES = {"looker": LOOKER_BASE, "gms": GMS_BASE}
TRUST_ENV = False


def fixed_session(headers):
    session = requests.Session()
    session.trust_env = TRUST_ENV  # recording: no proxies from the environment; replay: Tapedeck's
    # Fixed headers (instead of requests' defaults) keep the cassette machine-independent.
    session.headers.clear()
    session.headers.update({"Accept": "*/*", "Accept-Encoding": "gzip, deflate",
                            "Connection": "keep-alive"})
    session.headers.update(headers)
    return session


class LookerClient:
    def __init__(self):
        self.session = fixed_session({"User-Agent": "LookerSDK Python 24.18.1",
                                      "x-looker-appid": "Datahub"})

    def _check(self, response, what):
        if response.status_code >= 400:
            try:
                message = response.json().get("message")
            except ValueError:
                message = response.text
            raise SDKError(f"{what}: Looker API returned {response.status_code} "
                           f"{response.reason}: {message}")
        return response

    def login(self):
        response = self.session.post(
            f"{API_BASES['looker']}/api/4.0/login",
            data={"client_id": LOOKER_CLIENT_ID, "client_secret": LOOKER_CLIENT_SECRET})
        token = self._check(response, "login").json()["access_token"]
        self.session.headers["Authorization"] = f"Bearer {token}"

    def get(self, path, what):
        return self._check(self.session.get(f"{API_BASES['looker']}{path}"), what)

    def me(self):
        return self.get("/api/4.0/user?fields=id%2Cdisplay_name%2Cemail%2Crole_ids", "me").json()

    def lookml_models(self):
        return self.get("/api/4.0/lookml_models?fields=name%2Clabel%2Cproject_name%2Cexplores",
                        "all_lookml_models").json()

    def explore(self, model, name):
        return self.get(f"/api/4.0/lookml_models/{model}/explores/{name}",
                        f"lookml_model_explore {model}::{name}").json()

    def dashboards(self):
        return self.get("/api/4.0/dashboards?fields=id%2Ctitle%2Cfolder", "all_dashboards").json()

    def dashboard(self, dashboard_id):
        return self.get(f"/api/4.0/dashboards/{dashboard_id}", f"dashboard {dashboard_id}").json()

    def thumbnail(self, dashboard_id):
        return self.get(f"/api/4.0/content_thumbnail/dashboard/{dashboard_id}"
                        "?format=png&width=48&height=32", "content_thumbnail").content


class RestEmitter:
    """The wire side of datahub-rest: RESTli ingestProposal / ingestProposalBatch."""

    def __init__(self):
        self.session = fixed_session({
            "User-Agent": f"DataHub-Client/1.0 (ingestion; datahub/cli; {DATAHUB_CLI_VERSION}) "
                          "python-requests/2.32.3",
            "X-DataHub-Client-Mode": "INGESTION",
            "X-DataHub-Py-Cli-Version": DATAHUB_CLI_VERSION,
            "X-RestLi-Protocol-Version": "2.0.0",
            "Content-Type": "application/json",
            "Authorization": f"Bearer {GMS_TOKEN}",  # VCR drops it from the cassette
        })
        self.emitted = []

    def test_connection(self):
        response = self.session.get(f"{API_BASES['gms']}/config")
        response.raise_for_status()
        assert response.json()["noCode"] == "true"

    def emit_mcp(self, mcp):
        payload = json.dumps({"proposal": mcp, "async": "false"})
        self.session.post(f"{API_BASES['gms']}/aspects?action=ingestProposal",
                          data=payload).raise_for_status()
        self.emitted.append(mcp)

    def emit_mcps(self, mcps):
        payload = json.dumps({"proposals": mcps, "async": "true"})
        self.session.post(f"{API_BASES['gms']}/aspects?action=ingestProposalBatch",
                          data=payload).raise_for_status()
        self.emitted.extend(mcps)


def make_mcp(entity_type, urn, aspect_name, aspect):
    """One MCP in wire form: what mcp.to_obj() + pre_json_transform gives for a JSON aspect."""
    return {
        "entityType": entity_type,
        "entityUrn": urn,
        "changeType": "UPSERT",
        "aspectName": aspect_name,
        "aspect": {"value": json.dumps(aspect), "contentType": "application/json"},
        "systemMetadata": {
            "lastObserved": CLOCK.millis(),
            "runId": RUN_ID,
            "lastRunId": "no-run-id-provided",
            "pipelineName": PIPELINE_NAME,
        },
    }


def dashboard_urn(dashboard_id):
    return f"urn:li:dashboard:(looker,dashboards.{dashboard_id})"


def chart_urn(element_id):
    return f"urn:li:chart:(looker,dashboard_elements.{element_id})"


EXPLORE_URN = "urn:li:dataset:(urn:li:dataPlatform:looker,sales.explore.orders,PROD)"
WAREHOUSE_URN = "urn:li:dataset:(urn:li:dataPlatform:snowflake,analytics.sales.orders,PROD)"


def millis(iso):
    return int(datetime.fromisoformat(iso).timestamp() * 1000)


def audit(time_ms, actor="urn:li:corpuser:unknown"):
    return {"time": time_ms, "actor": actor}


def dashboard_mcps(dashboard):
    urn = dashboard_urn(dashboard["id"])
    created = millis(dashboard["created_at"])
    updated = millis(dashboard["updated_at"])
    folder = dashboard["folder"]["name"]
    mcps = []
    for element in dashboard["dashboard_elements"]:
        curn = chart_urn(element["id"])
        query = element["query"]
        mcps += [
            make_mcp("chart", curn, "chartInfo", {
                "customProperties": {"upstream_fields": ",".join(query["fields"])},
                "title": element["title"],
                "description": "",
                "lastModified": {"created": audit(0), "lastModified": audit(0)},
                "chartUrl": f"{LOOKER_BASE}/x/{query['id']}",
                "inputs": [{"string": EXPLORE_URN}],
            }),
            make_mcp("chart", curn, "status", {"removed": False}),
            make_mcp("chart", curn, "subTypes", {"typeNames": ["Look"]}),
            make_mcp("chart", curn, "browsePathsV2", {"path": [
                {"id": "Folders"}, {"id": folder}, {"id": urn, "urn": urn}]}),
        ]
    mcps += [
        make_mcp("dashboard", urn, "dashboardInfo", {
            "customProperties": {},
            "title": dashboard["title"],
            "description": dashboard["description"],
            "charts": [chart_urn(e["id"]) for e in dashboard["dashboard_elements"]],
            "datasets": [],
            "dashboards": [],
            "lastModified": {
                "created": audit(created, f"urn:li:corpuser:looker-user-{dashboard['user_id']}"),
                "lastModified": audit(updated,
                                      f"urn:li:corpuser:looker-user-{dashboard['last_updater_id']}"),
            },
            "dashboardUrl": f"{LOOKER_BASE}/dashboards/{dashboard['id']}",
        }),
        make_mcp("dashboard", urn, "status", {"removed": False}),
        make_mcp("dashboard", urn, "browsePathsV2", {"path": [{"id": "Folders"}, {"id": folder}]}),
    ]
    return mcps


NATIVE_TYPES = {"number": "NumberType", "string": "StringType", "date_month": "DateType",
                "sum": "NumberType"}


def explore_mcps(explore, columns):
    fields = []
    for kind in ("dimensions", "measures"):
        for field in explore["fields"][kind]:
            fields.append({
                "fieldPath": field["name"].split(".", 1)[1],
                "nullable": False,
                "description": field["description"],
                "label": field["label"],
                "type": {"type": {f"com.linkedin.schema.{NATIVE_TYPES[field['type']]}": {}}},
                "nativeDataType": field["type"],
                "recursive": False,
                "globalTags": {"tags": [{"tag": "urn:li:tag:Dimension" if kind == "dimensions"
                                         else "urn:li:tag:Measure"}]},
                "isPartOfKey": field["primary_key"],
            })
    return [
        make_mcp("dataset", EXPLORE_URN, "status", {"removed": False}),
        make_mcp("dataset", EXPLORE_URN, "subTypes", {"typeNames": ["Explore"]}),
        make_mcp("dataset", EXPLORE_URN, "schemaMetadata", {
            "schemaName": explore["name"],
            "platform": "urn:li:dataPlatform:looker",
            "version": 0,
            "created": audit(0),
            "lastModified": audit(0),
            "hash": "",
            "platformSchema": {"com.linkedin.schema.OtherSchema": {"rawSchema": ""}},
            "fields": fields,
            "primaryKeys": [],
        }),
        make_mcp("dataset", EXPLORE_URN, "upstreamLineage", {"upstreams": [{
            "auditStamp": audit(CLOCK.millis(), "urn:li:corpuser:datahub"),
            "dataset": WAREHOUSE_URN,
            "type": "VIEW",
        }], "fineGrainedLineages": [{
            "upstreamType": "FIELD_SET",
            "upstreams": [f"urn:li:schemaField:({WAREHOUSE_URN},{c.lower()})" for c in columns[:1]],
            "downstreamType": "FIELD",
            "downstreams": [f"urn:li:schemaField:({EXPLORE_URN},order_id)"],
            "confidenceScore": 1.0,
        }]}),
        make_mcp("dataset", EXPLORE_URN, "browsePathsV2", {"path": [
            {"id": "Explore"}, {"id": explore["model_name"]}]}),
    ]


def user_mapping_mcp(me):
    key = hashlib.md5(f"looker-user-id-mapping-{LOOKER_HOST}".encode()).hexdigest()
    mapping = {me["id"]: me["email"], "42": "m.mueller@acme-corp.example",
               "57": "k.tanaka@acme-corp.example"}
    return make_mcp("platformResource", f"urn:li:platformResource:{key}", "platformResourceInfo", {
        "resourceType": "USER_ID_MAPPING",
        "primaryKey": LOOKER_HOST,
        "value": {"blob": json.dumps(mapping), "contentType": "JSON"},
    })


# --- SQL side: a Snowflake-like DB-API cursor and DataHub's query record format ---------------------

class ProgrammingError(Exception):
    """snowflake.connector.errors.ProgrammingError stand-in."""


# Snowflake ResultMetadata: (name, type_code, display_size, internal_size, precision, scale, is_nullable)
TEXT, FIXED, DATE_T, TS_LTZ, BINARY = 2, 0, 3, 6, 11


def _col(name, type_code, nullable=True, precision=38, scale=0):
    sizes = {TEXT: (None, 16777216, None, None), FIXED: (None, None, precision, scale),
             DATE_T: (None, None, None, None), TS_LTZ: (None, None, 0, 9),
             BINARY: (None, 8388608, None, None)}[type_code]
    return (name, type_code) + sizes + (nullable,)


def _ltz(*args):
    return datetime(*args, tzinfo=SNOWFLAKE_TZ)


SQL_TABLES = ("SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE\n"
              "FROM ANALYTICS.INFORMATION_SCHEMA.TABLES\n"
              "WHERE TABLE_SCHEMA = 'SALES'\nORDER BY TABLE_NAME")
SQL_COLUMNS = ("SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, ORDINAL_POSITION\n"
               "FROM ANALYTICS.INFORMATION_SCHEMA.COLUMNS\n"
               "WHERE TABLE_SCHEMA = %(schema)s AND TABLE_NAME = %(table)s\n"
               "ORDER BY ORDINAL_POSITION")
SQL_FRESHNESS = ("SELECT TABLE_NAME, CREATED, LAST_ALTERED, ROW_COUNT, BYTES\n"
                 "FROM ANALYTICS.INFORMATION_SCHEMA.TABLES\n"
                 "WHERE TABLE_SCHEMA = 'SALES' AND TABLE_TYPE = 'BASE TABLE'")
SQL_SNAPSHOT = ("SELECT TO_DATE(%s) AS SNAPSHOT_DAY, TO_BINARY(%s, 'HEX') AS ETAG,\n"
                "       MIN(AMOUNT_EUR) AS MIN_AMOUNT_EUR\n"
                "FROM ANALYTICS.SALES.ORDERS WHERE ORDER_DATE = TO_DATE(%s)")

SQL_ANSWERS = {
    SQL_TABLES: ([_col("TABLE_CATALOG", TEXT), _col("TABLE_SCHEMA", TEXT),
                  _col("TABLE_NAME", TEXT), _col("TABLE_TYPE", TEXT)],
                 [("ANALYTICS", "SALES", "CUSTOMERS", "BASE TABLE"),
                  ("ANALYTICS", "SALES", "ORDERS", "BASE TABLE"),
                  ("ANALYTICS", "SALES", "REVENUE_BY_REGION", "VIEW")]),
    SQL_COLUMNS: ([_col("COLUMN_NAME", TEXT), _col("DATA_TYPE", TEXT), _col("IS_NULLABLE", TEXT),
                   _col("ORDINAL_POSITION", FIXED)],
                  [("ORDER_ID", "NUMBER", "NO", 1), ("REGION", "TEXT", "YES", 2),
                   ("CUSTOMER_NAME", "TEXT", "YES", 3), ("ORDER_DATE", "DATE", "NO", 4),
                   ("AMOUNT_EUR", "NUMBER", "NO", 5)]),
    SQL_FRESHNESS: ([_col("TABLE_NAME", TEXT), _col("CREATED", TS_LTZ), _col("LAST_ALTERED", TS_LTZ),
                     _col("ROW_COUNT", FIXED), _col("BYTES", FIXED)],
                    [("CUSTOMERS", _ltz(2023, 2, 6, 10, 12, 3, 114000),
                      _ltz(2025, 11, 17, 22, 5, 41, 902000), 48213, 3145728),
                     ("ORDERS", _ltz(2023, 2, 6, 10, 12, 9, 871000),
                      _ltz(2025, 11, 18, 1, 30, 17, 250000), 1873344, 96468992)]),
    SQL_SNAPSHOT: ([_col("SNAPSHOT_DAY", DATE_T), _col("ETAG", BINARY),
                    _col("MIN_AMOUNT_EUR", FIXED, precision=12, scale=2)],
                   [(date(2025, 11, 17), bytes.fromhex("C0FFEE00BADA55"), Decimal("12.50"))]),
}


class FakeSnowflakeCursor:
    def __init__(self):
        self.description = None
        self.rowcount = None
        self._rows = []

    def execute(self, query, params=None):
        schema = params.get("schema", "SALES") if isinstance(params, dict) else "SALES"
        if query not in SQL_ANSWERS or schema != "SALES":
            self.description, self.rowcount, self._rows = None, None, []
            raise ProgrammingError(
                "002003 (02000): 01c0a7e2-0305-8c1d-0000-4a9d0001f2b6: SQL compilation error:\n"
                f"Schema 'ANALYTICS.{params['schema']}' does not exist or not authorized.")
        self.description, self._rows = SQL_ANSWERS[query]
        self.rowcount = len(self._rows)
        return self

    def fetchall(self):
        rows, self._rows = self._rows, []
        return rows


def serialize_value(value):
    """DataHub's db_proxy serialisation of one value (datetime/date markers, bytes as base64)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, datetime):
        return {"__type__": "datetime", "__value__": value.isoformat()}
    if isinstance(value, date):
        return {"__type__": "date", "__value__": value.isoformat()}
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("utf-8")
    if isinstance(value, (list, tuple)):
        return [serialize_value(item) for item in value]
    if isinstance(value, dict):
        return {k: serialize_value(v) for k, v in value.items()}
    return str(value)


class QueryLog:
    """Records cursor.execute calls as db/queries.jsonl lines, the way DataHub's CursorProxy does."""

    def __init__(self):
        self.lines = []

    def _write(self, query, parameters, results=(), row_count=None, description=None, error=None):
        record = {
            "query": query,
            "parameters": None if parameters is None else serialize_value(parameters),
            "results": [serialize_value(row) for row in results],
            "row_count": row_count,
            "description": serialize_value(description),
            "error": error,
        }
        self.lines.append(json.dumps(record) + "\n")

    def execute(self, cursor, query, parameters=None):
        try:
            cursor.execute(query, parameters) if parameters is not None else cursor.execute(query)
        except Exception as e:
            self._write(query, parameters, error=str(e))
            raise
        description, row_count = cursor.description, cursor.rowcount
        names = [column[0] for column in description]
        results = [dict(zip(names, row)) for row in cursor.fetchall()]
        self._write(query, parameters, results, row_count, description)
        return results


# --- the run ------------------------------------------------------------------------------------

def run_ingestion(sink, queries):
    """A Looker source feeding a datahub-rest sink, up to the point where it fails."""
    sink.test_connection()                      # datahub-rest sink start-up: GET /config
    looker = LookerClient()
    looker.login()
    me = looker.me()
    CLOCK.advance(0.05)
    sink.emit_mcp(user_mapping_mcp(me))         # emitted directly, outside the batch

    pending = []
    looker.lookml_models()
    explore = looker.explore("sales", "orders")
    cursor = FakeSnowflakeCursor()              # warehouse look-ups (see README)
    queries.execute(cursor, SQL_TABLES)
    columns = [row["COLUMN_NAME"] for row in
               queries.execute(cursor, SQL_COLUMNS, {"schema": "SALES", "table": "ORDERS"})]
    queries.execute(cursor, SQL_FRESHNESS)
    try:
        queries.execute(cursor, SQL_COLUMNS, {"schema": "FINANCE_JP", "table": "売上"})
    except ProgrammingError:
        pass                                    # a warning in the report, not fatal
    queries.execute(cursor, SQL_SNAPSHOT, ("2025-11-17", "C0FFEE00BADA55", "2025-11-17"))
    pending += explore_mcps(explore, columns)

    listing = looker.dashboards()
    for entry in listing[:2]:
        dashboard = looker.dashboard(entry["id"])
        CLOCK.advance(0.02)
        pending += dashboard_mcps(dashboard)
    looker.thumbnail("1")
    sink.emit_mcps(pending)                     # async-batch sink flush
    for entry in listing[2:]:
        dashboard = looker.dashboard(entry["id"])   # HTTP 500 -> SDKError ends the run
        sink.emit_mcps(dashboard_mcps(dashboard))   # reached only when a replay answers it otherwise


def record_run(temp_dir):
    """Run the ingestion under VCR.py; return (exception_info, MCPs, query lines, interactions)."""
    cassette_path = temp_dir / "http" / "cassette.yaml"
    cassette_path.parent.mkdir(parents=True, exist_ok=True)

    def note_request(request):  # DataHub logs each request here; returning it keeps it
        return request

    recorder = vcr.VCR(
        serializer="yaml",
        record_mode="new_episodes",
        match_on=MATCH_ON,
        filter_headers=FILTERED_REQUEST_HEADERS,
        decode_compressed_response=True,
        before_record_request=note_request,
    )
    sink, queries = RestEmitter(), QueryLog()
    exception_info = None
    GmsHandler.received = []
    with FakeServers():
        try:
            with recorder.use_cassette(str(cassette_path), record_mode="new_episodes"):
                run_ingestion(sink, queries)
        except SDKError as e:
            # IngestionRecorder.__exit__: type name, str(), and format_tb of the traceback.
            # The script's own path is shortened to its name so that the manifest is stable.
            tb = "".join(traceback.format_tb(e.__traceback__))
            tb = tb.replace(str(Path(__file__).resolve()), Path(__file__).name)
            exception_info = {"type": type(e).__name__, "message": str(e), "traceback": tb}
    if exception_info is None:
        raise SystemExit("make_sample: the run was supposed to fail and did not")
    assert GmsHandler.received == sink.emitted, "GMS did not receive what the sink sent"
    (temp_dir / "db").mkdir(parents=True, exist_ok=True)
    (temp_dir / "db" / "queries.jsonl").write_text("".join(queries.lines), encoding="utf-8")
    interactions = vcr.serializers.yamlserializer.deserialize(
        cassette_path.read_text(encoding="utf-8"))["interactions"]
    return exception_info, sink.emitted, queries.lines, interactions


# --- recipe, manifest, archive, file-sink output ------------------------------------------------

def is_secret_key(key):
    key = key.lower()
    return key not in NON_SECRET_KEYS and any(part in key for part in SECRET_KEY_PARTS)


def redact(obj, parent=""):
    if isinstance(obj, dict):
        return {k: REPLAY_DUMMY_MARKER if is_secret_key(k) and isinstance(v, str) else redact(v, k)
                for k, v in obj.items()}
    if isinstance(obj, list):
        return [redact(item, parent) for item in obj]
    if isinstance(obj, str) and parent and is_secret_key(parent):
        return REPLAY_DUMMY_MARKER
    return obj


def make_recipe():
    return {
        "pipeline_name": PIPELINE_NAME,
        "source": {
            "type": "looker",
            "config": {
                "base_url": LOOKER_BASE,
                "client_id": LOOKER_CLIENT_ID,
                "client_secret": LOOKER_CLIENT_SECRET,
                "extract_owners": True,
                "extract_usage_history": False,
                "include_deleted": False,
                "external_base_url": "https://looker.acme-corp.example",
                "connection_to_platform_map": {
                    "acme_snowflake": {"platform": "snowflake", "default_db": "ANALYTICS",
                                       "default_schema": "SALES"},
                },
                "dashboard_pattern": {"allow": [".*"]},
                "stateful_ingestion": {"enabled": False},
            },
        },
        "sink": {
            "type": "datahub-rest",
            "config": {"server": GMS_BASE, "token": GMS_TOKEN, "mode": "ASYNC_BATCH"},
        },
        "recording": {"enabled": True, "password": RECORDING_PASSWORD_IN_RECIPE,
                      "s3_upload": False},
    }


def sha256_file(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_manifest(temp_dir, exception_info):
    checksums = {rel: sha256_file(temp_dir / rel)
                 for rel in ("http/cassette.yaml", "db/queries.jsonl")}
    created_at = CLOCK.advance(0.84).isoformat()
    python = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    manifest = {  # ArchiveManifest.to_dict() key order
        "format_version": "1.0.0",
        "run_id": RUN_ID,
        "source_type": "looker",
        "sink_type": "datahub-rest",
        "datahub_cli_version": DATAHUB_CLI_VERSION,
        "python_version": python,
        "created_at": created_at,
        "checksums": checksums,
        "recording_start_time": RECORDING_START.isoformat(),
    }
    if exception_info:
        manifest["exception_info"] = exception_info
    return manifest


def file_sink_json(mcps):
    """The file sink's output: MCPs with simplified aspects, json.dump(indent=4), one array."""
    records = []
    for mcp in mcps:
        record = dict(mcp)
        record["aspect"] = {"json": json.loads(mcp["aspect"]["value"])}
        records.append(json.dumps(record, indent=4))
    return "[\n" + ",\n".join(records) + "\n]"


def wait_for_aeszip(timeout_minutes=40, poll_seconds=60):
    path = SCRIPT_DIR / ".." / ".." / "tests" / "tools" / "aeszip.py"
    deadline = time.monotonic() + timeout_minutes * 60
    while not path.exists():
        if time.monotonic() >= deadline:
            raise SystemExit(f"make_sample: {path} did not appear")
        print(f"waiting for {path.resolve()} ...", flush=True)
        time.sleep(poll_seconds)
    from aeszip import write_archive
    return write_archive


class SentinelRoutes:
    """Replay mode: the recorded hosts lead to a sentinel, so a request that slips past the proxy is seen."""

    def __init__(self, sentinel):
        host, port = sentinel.rsplit(":", 1)
        self.target = (host, int(port))
        self.original = None

    def __enter__(self):
        self.original = urllib3.util.connection.create_connection
        recorded = {LOOKER_HOST, GMS_HOST}

        def routed(address, *args, **kwargs):
            if address[0] in recorded:
                return self.original(self.target, *args, **kwargs)
            return self.original(address, *args, **kwargs)

        urllib3.util.connection.create_connection = routed
        return self

    def __exit__(self, *exc):
        urllib3.util.connection.create_connection = self.original
        return False


def replay(recipe_path, looker_base, sentinel):
    """Runs the same client against a replay: the Looker API and GMS from the replay recipe, proxies and CA
    bundle from the environment (tapedeck-cli replay sets them), no fake servers. Ends as the recorded run
    did: the SDKError on stderr and exit status 1."""
    global TRUST_ENV
    TRUST_ENV = True
    recipe = yaml.safe_load(Path(recipe_path).read_text(encoding="utf-8"))
    API_BASES["looker"] = looker_base or recipe["source"]["config"]["base_url"]
    API_BASES["gms"] = recipe["sink"]["config"]["server"].rstrip("/")
    routes = SentinelRoutes(sentinel) if sentinel else contextlib.nullcontext()
    sink, queries = RestEmitter(), QueryLog()
    try:
        with routes:
            run_ingestion(sink, queries)
    except SDKError as e:
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print("make_sample: the replayed run finished", file=sys.stderr)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replay", metavar="RECIPE",
                        help="run the sample's client against a replay (tapedeck-cli replay) with this "
                             "replay recipe instead of recording")
    parser.add_argument("--looker-base", help="with --replay: the Looker API's base URL (default: the "
                                              "recipe's source.config.base_url)")
    parser.add_argument("--sentinel", metavar="HOST:PORT",
                        help="with --replay: route the recorded hosts there (a server that must see nothing)")
    parser.add_argument("--output", type=Path, default=SCRIPT_DIR,
                        help="folder for sample-recording.zip and .mcps.json (default: %(default)s)")
    parser.add_argument("--password", default=SAMPLE_PASSWORD,
                        help="archive password (default: %(default)s)")
    parser.add_argument("--keep-temp", action="store_true",
                        help="keep the plain archive files in the temporary folder and print it")
    args = parser.parse_args()
    if args.replay:
        sys.exit(replay(args.replay, args.looker_base, args.sentinel))

    write_archive = wait_for_aeszip()
    temp_dir = Path(tempfile.mkdtemp(prefix="tapedeck-sample-"))
    try:
        exception_info, mcps, query_lines, interactions = record_run(temp_dir)
        manifest = make_manifest(temp_dir, exception_info)
        manifest_text = json.dumps(manifest, indent=2)
        recipe_text = yaml.dump(redact(make_recipe()), default_flow_style=False)
        (temp_dir / "manifest.json").write_text(manifest_text, encoding="utf-8")
        (temp_dir / "recipe.yaml").write_text(recipe_text, encoding="utf-8")

        entries = [
            ("manifest.json", manifest_text.encode("utf-8")),
            ("recipe.yaml", recipe_text.encode("utf-8")),
            ("http/cassette.yaml", (temp_dir / "http" / "cassette.yaml").read_bytes()),
            ("db/queries.jsonl", (temp_dir / "db" / "queries.jsonl").read_bytes()),
        ]
        args.output.mkdir(parents=True, exist_ok=True)
        archive = args.output / ARCHIVE_NAME
        write_archive(str(archive), args.password, entries, method="lzma", strength=3,
                      ae_version=1, encrypt=True)
        (args.output / MCPS_NAME).write_text(file_sink_json(mcps), encoding="utf-8")

        print(f"wrote {archive} ({archive.stat().st_size} bytes)")
        print(f"wrote {args.output / MCPS_NAME} ({len(mcps)} MCPs)")
        print(f"  {len(interactions)} HTTP interactions, {len(query_lines)} SQL queries, "
              f"failure: {exception_info['type']}: {exception_info['message']}")
        print(f"password: {args.password}")
        if args.keep_temp:
            print(f"plain files kept in {temp_dir}")
    finally:
        if not args.keep_temp:
            shutil.rmtree(temp_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
