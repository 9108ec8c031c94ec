#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Run the libFuzzer targets (a build configured with CC=clang
# --enable-fuzzers), each for SECONDS, starting from the corpus in
# tests/fuzz/corpus/ (read only: new inputs go to a scratch copy).
#
#   tests/fuzz/run.sh SECONDS BUILDDIR [TARGET...]     (default: all)
#
# A crash stops that target and leaves its input in
# BUILDDIR/tests/fuzz/crash-TARGET-*; replay it with
# BUILDDIR/tests/fuzz/replay_TARGET FILE (any build).  Exits 1 if a target
# crashed.  Extra libFuzzer options: FUZZ_OPTS (e.g. "-jobs=2 -workers=2").
set -uo pipefail

secs=${1:?usage: run.sh SECONDS BUILDDIR [TARGET...]}
builddir=${2:?usage: run.sh SECONDS BUILDDIR [TARGET...]}
shift 2
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(filter decode)

# The fuzzers themselves stop at the first report; leaks are checked.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

rc=0
for t in "${targets[@]}"; do
	fuzzer=$builddir/tests/fuzz/fuzz_$t
	if [ ! -x "$fuzzer" ]; then
		echo "run.sh: $fuzzer is not built (configure CC=clang --enable-fuzzers, then make)" >&2
		exit 2
	fi
	work=$(mktemp -d "${TMPDIR:-/tmp}/sctrace-fuzz-$t.XXXXXX")
	cp -r "$srcdir/tests/fuzz/corpus/$t/." "$work/"
	dict=()
	[ -f "$srcdir/tests/fuzz/$t.dict" ] && dict=(-dict="$srcdir/tests/fuzz/$t.dict")
	echo "==> fuzz_$t for ${secs}s (corpus: $(find "$work" -type f | wc -l) inputs)"
	# shellcheck disable=SC2086
	if "$fuzzer" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$builddir/tests/fuzz/crash-$t-" -timeout=10 \
		-rss_limit_mb=2048 "${dict[@]}" ${FUZZ_OPTS:-} "$work" \
		>"$builddir/tests/fuzz/fuzz_$t.log" 2>&1; then
		grep -E '^stat::number_of_executed_units|^stat::new_units_added|^#[0-9]+.*DONE' \
			"$builddir/tests/fuzz/fuzz_$t.log" | tail -n 3
		echo "ok: fuzz_$t: no crash"
	else
		echo "FAIL: fuzz_$t crashed; the end of its log:"
		tail -n 60 "$builddir/tests/fuzz/fuzz_$t.log"
		ls -l "$builddir/tests/fuzz/crash-$t-"* 2>/dev/null
		rc=1
	fi
	rm -rf "$work"
done
exit $rc
