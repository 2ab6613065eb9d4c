#!/usr/bin/env python3
"""Writes one ingestion body: a JSON array of N events without eventId (the server makes an id
per event, so replaying the same body stores new events every time).

usage: make-events.py CONTACT_ID [N=10000] > body.json
"""
import json
import sys

contact = int(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
types = ["bench.page_view", "bench.add_to_cart", "bench.purchase"]
events = [
    {
        "contactId": contact,
        "type": types[i % len(types)],
        "campaignId": 1 + i % 20,
        "properties": {"sku": "SKU-%04d" % (i % 500), "price": (i % 97) + 0.99},
    }
    for i in range(n)
]
json.dump(events, sys.stdout, separators=(",", ":"))
