#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The one test command: build sctrace, run 'make check', 'make distcheck' and
# 'make check-cross'.
#
# Run from anywhere; it works in the source tree it lives in (in-tree build).
# Fails if any test fails, or if the integration tests did not really run
# (no PASS among them, or one that only skipped).
#
# Environment:
#   SCTRACE_SKIP_DISTCHECK=1   skip 'make distcheck' (quicker local runs)
#   SCTRACE_SKIP_CROSS=1       skip 'make check-cross' (aarch64/armhf in QEMU, i386)
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)
start_all=$(date +%s)

section() {
	printf '\n==> %s   [%s, +%ss]\n' "$*" "$(date +%H:%M:%S)" \
		"$(($(date +%s) - start_all))"
}

die() {
	printf '\ntest.sh: FAILED: %s\n' "$*" >&2
	exit 1
}

# Print a log file framed so it stands out in a CI log.
show_log() {
	local f=$1 max=${2:-0} n
	n=$(wc -l <"$f")
	printf '\n----- %s (%s lines) -----\n' "$f" "$n"
	if [ "$max" -gt 0 ] && [ "$n" -gt "$max" ]; then
		printf '[... first %s lines left out ...]\n' "$((n - max))"
		tail -n "$max" "$f"
	else
		cat "$f"
	fi
	printf -- '----- end of %s -----\n' "$f"
}

# Where automake writes test-suite.log depends on which Makefile.am holds
# TESTS: look in both places.
show_test_logs() {
	local f
	for f in "$top/test-suite.log" "$top/tests/test-suite.log"; do
		[ -f "$f" ] && show_log "$f"
	done
	while IFS= read -r f; do
		show_log "$f" 200
	done < <(find tests -name '*.log' ! -name test-suite.log 2>/dev/null | sort)
}

# count_results RESULT FILES... -> number of ':test-result: RESULT' lines
count_results() {
	local r=$1
	shift
	[ $# -gt 0 ] || { echo 0; return; }
	cat "$@" | grep -c "^:test-result: $r\$"
}

section "autoreconf -fi"
mkdir -p m4 # git keeps no empty directory; aclocal wants it
autoreconf -fi || die "autoreconf"

section "./configure"
./configure || { [ -f config.log ] && tail -n 60 config.log; die "configure"; }

section "make -j$jobs"
make -j"$jobs" || die "make"

section "make check"
# Only .trs files written by this run count, not leftovers of older runs.
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
sleep 1 # make the stamp strictly older than anything 'make check' writes
check_rc=0
make -j"$jobs" check || check_rc=$?

mapfile -t all_trs < <(find tests -name '*.trs' -newer "$stamp" | sort)
mapfile -t integ_trs < <(find tests/integration -name '*.trs' -newer "$stamp" 2>/dev/null | sort)

n_pass=$(count_results PASS "${all_trs[@]}")
n_fail=$(($(count_results FAIL "${all_trs[@]}") + $(count_results ERROR "${all_trs[@]}") + $(count_results XPASS "${all_trs[@]}")))
n_skip=$(count_results SKIP "${all_trs[@]}")

if [ "$check_rc" -ne 0 ]; then
	section "make check failed: test logs"
	show_test_logs
	printf '\ntest.sh: %s passed, %s failed, %s skipped\n' "$n_pass" "$n_fail" "$n_skip"
	die "make check (exit $check_rc)"
fi

section "checking that the integration tests ran"
problems=0
if [ "${#integ_trs[@]}" -eq 0 ]; then
	echo "no tests/integration/*.trs written by this 'make check':"
	echo "the integration tests are not in TESTS, or did not run"
	problems=1
else
	for f in "${integ_trs[@]}"; do
		p=$(count_results PASS "$f")
		s=$(count_results SKIP "$f")
		t=$(grep -c '^:test-result:' "$f")
		printf '  %-50s %3s pass %3s skip %3s results\n' "${f%.trs}" "$p" "$s" "$t"
		if [ "$p" -eq 0 ]; then
			echo "    -> no PASS (skipped or empty): see ${f%.trs}.log"
			[ -f "${f%.trs}.log" ] && show_log "${f%.trs}.log" 60
			problems=1
		fi
	done
fi
if [ "$problems" -ne 0 ]; then
	printf '\ntest.sh: %s passed, %s failed, %s skipped\n' "$n_pass" "$((n_fail + 1))" "$n_skip"
	die "integration tests did not all run and pass"
fi
echo "integration tests: ${#integ_trs[@]} scripts ran, each with at least one PASS"

if [ "${SCTRACE_SKIP_DISTCHECK:-0}" = 1 ]; then
	section "make distcheck: skipped (SCTRACE_SKIP_DISTCHECK=1)"
else
	section "make distcheck"
	# Its full output is long and mostly file copying: keep it in a file,
	# show the test results, and show all of it only if it fails.
	dc_log=$(mktemp)
	trap 'rm -f "$stamp" "$dc_log"' EXIT
	if make -j"$jobs" distcheck >"$dc_log" 2>&1; then
		grep -E '^(PASS|FAIL|SKIP|XFAIL|XPASS|ERROR):|^# (TOTAL|PASS|SKIP|FAIL|ERROR):|archives ready|^[^ ]*\.tar\.(gz|xz|bz2)$' "$dc_log"
	else
		echo "make distcheck failed; its last 300 lines:"
		tail -n 300 "$dc_log"
		while IFS= read -r f; do
			show_log "$f"
		done < <(find . -path '*/_build/*' -name test-suite.log 2>/dev/null)
		printf '\ntest.sh: %s passed, %s failed, %s skipped\n' "$n_pass" "$((n_fail + 1))" "$n_skip"
		die "make distcheck"
	fi
fi

if [ "${SCTRACE_SKIP_CROSS:-0}" = 1 ]; then
	section "make check-cross: skipped (SCTRACE_SKIP_CROSS=1)"
else
	# aarch64 and armhf in QEMU guests, i386 on this host (docs/cross-arch.md)
	section "make check-cross ARCH=all"
	if make check-cross ARCH=all </dev/null; then
		n_pass=$((n_pass + 1))
	else
		printf '\ntest.sh: %s passed, %s failed, %s skipped\n' "$n_pass" "$((n_fail + 1))" "$n_skip"
		die "make check-cross"
	fi
fi

section "done"
printf 'test.sh: %s passed, %s failed, %s skipped\n' "$n_pass" "$n_fail" "$n_skip"
