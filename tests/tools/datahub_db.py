#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""DataHub's db/queries.jsonl value serialisation, for the test tools that record or predict recordings
(pg_fixture.py, pgtext_oracle.py, pgstatement_oracle.py): db_proxy.py's `_serialize_value` and
`QueryRecording._serialize_params` (datahub-project/datahub metadata-ingestion/src/datahub/ingestion/
recording/db_proxy.py at c3f95994), rule for rule, written here (not copied).
"""
import base64
import datetime as dt
from decimal import Decimal


def serialize_value(value):
    """None/str/int/float/bool as they are; datetime and date as {"__type__", "__value__": isoformat()};
    Decimal as float; bytes as base64; lists and tuples as lists and dicts as dicts, recursively; anything
    else as str()."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dt.datetime):
        return {"__type__": "datetime", "__value__": value.isoformat()}
    if isinstance(value, dt.date):
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


def serialize_params(params):
    """QueryRecording._serialize_params: None stays None, tuples and lists become lists, dicts dicts."""
    if params is None:
        return None
    if isinstance(params, (tuple, list)):
        return [serialize_value(item) for item in params]
    if isinstance(params, dict):
        return {k: serialize_value(v) for k, v in params.items()}
    return serialize_value(params)
