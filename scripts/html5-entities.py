#!/usr/bin/env python3
"""Writes the HTML standard's named character references (those ending in ';') for HtmlToText:
one per line, the name without '&' and ';', then the code points in hex. The list is the WHATWG
HTML standard's, as Python's html.entities.html5 carries it.
    python3 scripts/html5-entities.py > src/main/resources/io/iabulk/campaigns/templates/html5-entities.txt
"""
import html.entities

print("# HTML named character references (WHATWG HTML standard, section 13.5); scripts/html5-entities.py")
for name, value in sorted(html.entities.html5.items()):
    if name.endswith(";"):
        print(name[:-1], " ".join("%x" % ord(c) for c in value))
