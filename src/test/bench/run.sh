#!/usr/bin/env bash
# Builds and runs the JMH benchmarks in src/test/java/io/github/email2fa/bench.
#
#   src/test/bench/run.sh                                  # every benchmark, defaults below
#   src/test/bench/run.sh FilterHotPath                    # only benchmarks matching a regex
#   src/test/bench/run.sh FilterHotPath -prof gc           # ... with allocation profiling
#   src/test/bench/run.sh --heap [COUNT]                   # heap per pending challenge (PendingChallengeHeap)
#   src/test/bench/run.sh --cluster [REQUESTS]             # verified pages/s on 2 Payara nodes against 1
#   BENCH_SKIP_BUILD=1 src/test/bench/run.sh ...           # reuse the last build
#   MVN_OFFLINE= src/test/bench/run.sh ...                 # let Maven download what it lacks
#
# A first argument that does not start with '-' replaces the default benchmark pattern;
# everything else is passed to JMH. The defaults -f 1 -wi 3 -w 1s -i 5 -r 1s -tu ns -bm avgt
# -foe true apply unless that option is given. Run it from anywhere. --heap runs the heap harness
# instead of JMH, with -Xms2g -Xmx2g -XX:+UseSerialGC (or the JVM options in BENCH_HEAP_JVM), and
# passes what follows to it.
#
# --cluster runs only PayaraClusterIT's test verifiedPagesServedByTwoNodesAgainstOneReportedAsARatio
# with Maven (mvn verify, the unit tests and the Javadoc skipped): two clustered Payara Micro nodes
# (and, stopped before the load, a third without a grid) start, which takes a minute or two. Four
# client threads load a verified session's /account page through node A alone, then through both
# nodes in turn, REQUESTS times each (default 4000; the IT alone does 800), after a quarter as many
# to warm both. The report line, from target/cluster-throughput.txt, is printed at the end; the exit
# code is non-zero if Maven failed or the report is missing. The nodes and the client share this
# machine's cores, so the ratio says how the module scales only as far as the cores allow.
#
# Maven compiles the main classes and writes the test class path; the benchmark package and the
# shared test doubles it uses (io.github.email2fa.testing) are then compiled with javac (JMH's
# annotation processor is on that class path) into target/bench-classes, so a test elsewhere that
# does not compile yet does not stop the benchmarks.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

if [[ ${1:-} == --cluster ]]; then
    shift
    requests=${1:-4000}
    if [[ ! $requests =~ ^[1-9][0-9]*$ ]]; then
        echo "src/test/bench/run.sh: --cluster takes a number of requests, not '$requests'" >&2
        exit 2
    fi
    report=target/cluster-throughput.txt
    rm -f "$report"
    status=0
    mvn -B ${MVN_OFFLINE--o} verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
        -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test='PayaraClusterIT#verifiedPages*' \
        -Dcluster.requests="$requests" -Dmaven.javadoc.skip=true || status=$?
    if [[ ! -s $report ]]; then
        echo "src/test/bench/run.sh: $report was not written; the cluster test did not finish (Maven exit code $status)" >&2
        exit 1
    fi
    echo
    cat "$report"
    exit "$status"
fi

heap=
if [[ ${1:-} == --heap ]]; then
    heap=1
    shift
fi
pattern='io\.github\.email2fa\.bench\.'
if [[ -z $heap && $# -gt 0 && $1 != -* ]]; then
    pattern=$1
    shift
fi

if [[ -z ${BENCH_SKIP_BUILD:-} ]]; then
    mvn -q -B ${MVN_OFFLINE--o} compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
    rm -rf target/bench-classes
    mkdir -p target/bench-classes
    javac --release 17 -proc:full -encoding UTF-8 -Xlint:all,-processing,-serial,-path \
        -cp "target/classes:$(cat target/bench.cp)" -d target/bench-classes \
        src/test/java/io/github/email2fa/bench/*.java src/test/java/io/github/email2fa/testing/*.java \
        src/test/java/io/github/email2fa/web/WebTestAccess.java
fi

if [[ ! -s target/bench.cp || ! -f target/bench-classes/META-INF/BenchmarkList ]]; then
    echo "src/test/bench/run.sh: target/bench.cp or target/bench-classes is missing; build without BENCH_SKIP_BUILD" >&2
    exit 1
fi

# Run from a private copy of the compiled classes: another build in this checkout (mvn test,
# mvn clean) would otherwise recompile or delete them under the running benchmark.
snapshot=$(mktemp -d "${TMPDIR:-/tmp}/email2fa-bench.XXXXXX")
trap 'rm -rf "$snapshot"' EXIT
cp -r target/classes "$snapshot/classes"
cp -r target/bench-classes "$snapshot/bench-classes"
cp target/bench.cp "$snapshot/bench.cp"

if [[ -n $heap ]]; then
    # shellcheck disable=SC2086 # BENCH_HEAP_JVM is a list of options
    java ${BENCH_HEAP_JVM:--Xms2g -Xmx2g -XX:+UseSerialGC} \
        -cp "$snapshot/classes:$snapshot/bench-classes:$(cat "$snapshot/bench.cp")" io.github.email2fa.bench.PendingChallengeHeap "$@"
    exit
fi

# JMH refuses an option given twice, so a default is only added when the caller did not give it.
# -foe true: a failing benchmark fails the run (exit code 1) instead of being skipped.
defaults=(-f 1 -wi 3 -w 1s -i 5 -r 1s -tu ns -bm avgt -foe true)
options=()
for ((k = 0; k < ${#defaults[@]}; k += 2)); do
    given=
    for arg in "$@"; do
        [[ $arg == "${defaults[k]}" ]] && given=1
    done
    [[ -n $given ]] || options+=("${defaults[k]}" "${defaults[k + 1]}")
done

java -cp "$snapshot/classes:$snapshot/bench-classes:$(cat "$snapshot/bench.cp")" org.openjdk.jmh.Main "$pattern" \
    "${options[@]}" "$@"
