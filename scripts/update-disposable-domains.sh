#!/usr/bin/env bash
# Regenerates the bundled list of disposable email domains from the npm package
# disposable-email-domains-js, which republishes the CC0 list of
# https://github.com/disposable-email-domains/disposable-email-domains.
# Operators can extend the list at run time instead: iabulk.contests.fraud.disposable-domains.file
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent disposable-email-domains-js >/dev/null && tar xzf disposable-email-domains-js-*.tgz)
version=$(python3 -c "import json;print(json.load(open('$work/package/package.json'))['version'])")
out=src/main/resources/contests/disposable-domains.txt
{
  echo "# Disposable (throwaway) email domains, one per line."
  echo "# Source: disposable-email-domains/disposable-email-domains (CC0 1.0), via npm disposable-email-domains-js $version."
  echo "# Regenerate with scripts/update-disposable-domains.sh"
  python3 -c "import json;print('\n'.join(sorted(set(d.strip().lower() for d in json.load(open('$work/package/dist/dict/disposable_email_blocklist.json')) if d.strip()))))"
} > "$out"
echo "wrote $(grep -vc '^#' "$out") domains to $out"
