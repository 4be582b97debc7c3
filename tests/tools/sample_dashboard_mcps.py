#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The MCPs the bundled sample's client emits for a dashboard document: what a replay whose 500 for
/api/4.0/dashboards/3 was edited into a 200 with this body makes the client send in addition.

Usage: sample_dashboard_mcps.py BODY.json  ->  prints [[urn, aspectName], ...] as JSON, in emitted order.
The pairs come from the sample's own dashboard_mcps(), so the expectation is the client's, not the test's.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "resources" / "samples"))
import make_sample  # noqa: E402


def main():
    body = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    pairs = [[m["entityUrn"], m["aspectName"]] for m in make_sample.dashboard_mcps(body)]
    json.dump(pairs, sys.stdout)


if __name__ == "__main__":
    main()
