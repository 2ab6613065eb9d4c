#!/usr/bin/env python3
"""Prints the README's settings reference: every iabulk.* property of the built jar's configuration
metadata (target/classes/META-INF/spring-configuration-metadata.json, written by Spring Boot's
configuration processor from the properties records' javadoc), with its default (the record's, or
application.yml's), as one Markdown table per module. Run after `./mvnw -q -DskipTests compile`;
paste the output under "All settings" in README.md. SettingsReferenceTest fails when a property is
missing from the README."""
import json
import re
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
metadata = json.loads((root / "target/classes/META-INF/spring-configuration-metadata.json").read_text())

# application.yml defaults (flat "a.b.c: value" lines under iabulk:), for records whose defaults live there
yml_defaults = {}
stack = []
lines = iter((root / "src/main/resources/application.yml").read_text().splitlines())
for line in lines:
    if not line.strip() or line.lstrip().startswith("#") or line.lstrip().startswith("-"):
        continue
    indent = len(line) - len(line.lstrip())
    key, _, value = line.strip().partition(":")
    while stack and stack[-1][0] >= indent:
        stack.pop()
    stack.append((indent, key))
    value = value.strip()
    while value.startswith("[") and not value.endswith("]"):
        value += " " + next(lines).strip()  # a flow sequence over several lines
    if value:
        yml_defaults[".".join(k for _, k in stack)] = value


def kebab(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def clean(text):
    text = re.sub(r"\{@code ([^}]*)\}", r"`\1`", text or "")
    text = re.sub(r"\{@link ([^}]*)\}", r"`\1`", text)
    return " ".join(text.split()).replace("|", "\\|")


def default(prop):
    # application.yml wins: records whose defaults live there report a primitive's zero
    value = yml_defaults.get(prop["name"], prop.get("defaultValue"))
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "`" + str(value).lower() + "`"
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return "`" + str(value).strip("[]").replace(", ", ",") + "`"


internal = {"iabulk.platform.mode"}
props = sorted(
    (p for p in metadata["properties"] if p["name"].startswith("iabulk.") and p["name"] not in internal),
    key=lambda p: p["name"])
modules = {}
for p in props:
    modules.setdefault(p["name"].split(".")[1], []).append(p)
for module, rows in modules.items():
    print(f"#### `iabulk.{module}`\n")
    print("| property | meaning | default |")
    print("|---|---|---|")
    for p in rows:
        print(f"| `{p['name']}` | {clean(p.get('description'))} | {default(p)} |")
    print()
