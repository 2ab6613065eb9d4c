#!/usr/bin/env bash
# Generates a simulated population and its history with the engagement simulator (issue 13,
# section 5), a main on the test class path like bench/jmh/run.sh; needs only a JDK:
#   bench/intelligence/simulate.sh OUT_DIR [key=value ...]
#   bench/intelligence/simulate.sh /tmp/sim people=2000 seed=7
# Every parameter, with its meaning, is in bench/intelligence/simulator.properties; key=value
# overrides one for this run (an unknown key is an error). OUT_DIR receives contacts.csv,
# history.csv, the truth files and a README.txt describing them and the run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
[[ $# -ge 1 ]] || { sed -n '2,9p' "$0" >&2; exit 2; }
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
shift
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ "${SKIP_COMPILE:-0}" != 1 ]]; then
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true test-compile
fi
if [[ ! -s target/jmh.classpath || pom.xml -nt target/jmh.classpath ]]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath >/dev/null
fi
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" \
  io.iabulk.intelligence.simulator.Simulator --out "$OUT" --params "$ROOT/bench/intelligence/simulator.properties" "$@"
