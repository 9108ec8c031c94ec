#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The one test command: build sctrace, run 'make check', 'make distcheck' and
# 'make check-cross'; then 'make check' again under ASan+UBSan with leak
# detection, and as an unprivileged user in a user and pid namespace; then
# a short run of each fuzz target (when clang is installed).
#
# Run from anywhere; it works in the source tree it lives in (in-tree build).
# The sanitizer and unprivileged runs build out of tree, from a copy of the
# distributed sources ('make distdir'): build-asan/ and a directory in
# ${TMPDIR:-/tmp} that the unprivileged user can reach.
# Fails if any test fails, if a sanitizer reports anything (in sctrace or a
# unit test, whatever the test made of sctrace's exit status), or if the
# integration tests did not really run (no PASS among them, or one that only
# skipped; in the unprivileged run a script may skip, with its reason shown).
#
# Environment:
#   SCTRACE_SKIP_DISTCHECK=1   skip 'make distcheck' (quicker local runs)
#   SCTRACE_SKIP_CROSS=1       skip 'make check-cross' (aarch64/armhf in QEMU, i386)
#   SCTRACE_SKIP_SANITIZERS=1  skip the ASan+UBSan run
#   SCTRACE_SKIP_UNPRIV=1      skip the run as an unprivileged user
#   SCTRACE_FUZZ_TIME=SECONDS  how long each fuzz target runs (default 45;
#                              0 skips them; they also need clang)
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

# show_test_logs [BUILDDIR]: the test logs of a 'make check' there (default
# the in-tree build).  Where automake writes test-suite.log depends on which
# Makefile.am holds TESTS: look in both places.
show_test_logs() {
	local d=${1:-$top} f
	for f in "$d/test-suite.log" "$d/tests/test-suite.log"; do
		[ -f "$f" ] && show_log "$f"
	done
	while IFS= read -r f; do
		show_log "$f" 200
	done < <(find "$d/tests" -name '*.log' ! -name test-suite.log 2>/dev/null | sort)
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

# Totals over every 'make check' of this run.
n_pass=0
n_fail=0
n_skip=0

# tally LABEL BUILDDIR STAMP RC [SKIP_OK]: count the results of the 'make
# check' that ran in BUILDDIR after STAMP and exited RC; die if a test failed
# or an integration script did not run and pass.  With SKIP_OK, a script may
# skip as a whole: its reason is shown.
tally() {
	local label=$1 d=$2 stamp=$3 rc=$4 skip_ok=${5:-} f p s t problems=0
	local all_trs integ_trs np nf ns

	mapfile -t all_trs < <(find "$d/tests" -name '*.trs' -newer "$stamp" | sort)
	mapfile -t integ_trs < <(find "$d/tests/integration" -name '*.trs' -newer "$stamp" 2>/dev/null | sort)
	np=$(count_results PASS "${all_trs[@]}")
	nf=$(($(count_results FAIL "${all_trs[@]}") + $(count_results ERROR "${all_trs[@]}") + $(count_results XPASS "${all_trs[@]}")))
	ns=$(count_results SKIP "${all_trs[@]}")
	n_pass=$((n_pass + np))
	n_fail=$((n_fail + nf))
	n_skip=$((n_skip + ns))

	if [ "$rc" -ne 0 ]; then
		section "$label failed: test logs"
		show_test_logs "$d"
		printf '\ntest.sh: %s passed, %s failed, %s skipped\n' "$n_pass" "$n_fail" "$n_skip"
		die "$label (exit $rc)"
	fi

	section "$label: checking that the integration tests ran"
	if [ "${#integ_trs[@]}" -eq 0 ]; then
		echo "no tests/integration/*.trs written by this 'make check':"
		echo "the integration tests are not in TESTS, or did not run"
		problems=1
	else
		for f in "${integ_trs[@]}"; do
			p=$(count_results PASS "$f")
			s=$(count_results SKIP "$f")
			t=$(grep -c '^:test-result:' "$f")
			printf '  %-50s %3s pass %3s skip %3s results\n' "${f#"$d"/}" "$p" "$s" "$t"
			if [ "$p" -eq 0 ] && [ -n "$skip_ok" ] && [ "$s" -gt 0 ]; then
				printf '    -> skipped here: %s\n' \
					"$(grep -h '^SKIP: ' "${f%.trs}.log" 2>/dev/null | head -n 1)"
			elif [ "$p" -eq 0 ]; then
				echo "    -> no PASS (skipped or empty): see ${f%.trs}.log"
				[ -f "${f%.trs}.log" ] && show_log "${f%.trs}.log" 60
				problems=1
			fi
		done
	fi
	if [ "$problems" -ne 0 ]; then
		printf '\ntest.sh: %s passed, %s failed, %s skipped\n' "$n_pass" "$((n_fail + 1))" "$n_skip"
		die "$label: integration tests did not all run and pass"
	fi
	echo "integration tests: ${#integ_trs[@]} scripts ran, each with at least one PASS${skip_ok:+ or a reason to skip}"
}

# new_stamp: set stamp to a file strictly older than anything written next
new_stamp() {
	stamp=$(mktemp)
	tmp_files+=("$stamp")
	sleep 1
}

tmp_files=()
tmp_dirs=()
cleanup() {
	local d
	rm -f "${tmp_files[@]}"
	for d in "${tmp_dirs[@]}"; do
		rm -rf "$d"
	done
}
trap cleanup EXIT

section "make check"
# Only .trs files written by this run count, not leftovers of older runs.
new_stamp
check_rc=0
make -j"$jobs" check || check_rc=$?
tally "make check" "$top" "$stamp" "$check_rc"

if [ "${SCTRACE_SKIP_DISTCHECK:-0}" = 1 ]; then
	section "make distcheck: skipped (SCTRACE_SKIP_DISTCHECK=1)"
else
	section "make distcheck"
	# Its full output is long and mostly file copying: keep it in a file,
	# show the test results, and show all of it only if it fails.
	dc_log=$(mktemp)
	tmp_files+=("$dc_log")
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

# copy_sources DIR: a clean copy of the distributed sources in DIR/src (an
# out-of-tree build cannot use a source tree configured in-tree) and an
# empty DIR/obj to build in.
copy_sources() {
	local d=$1
	mkdir -p "$d" || return 1
	rm -rf "$d/src" "$d/obj"
	make distdir distdir="$d/src" >"$d/distdir.log" 2>&1 ||
		{ tail -n 40 "$d/distdir.log"; return 1; }
	mkdir "$d/obj"
}

# ---- sanitizers -------------------------------------------------------------
# sctrace, its library and the unit tests with ASan+UBSan; the traced test
# programs are built without (configure --enable-sanitizers).  Reports go to
# files: a test that expects sctrace to fail would not notice one otherwise.
# LeakSanitizer refuses to run in a traced process: sctrace is the tracer,
# never traced, in every test.
if [ "${SCTRACE_SKIP_SANITIZERS:-0}" = 1 ]; then
	section "sanitizers: skipped (SCTRACE_SKIP_SANITIZERS=1)"
else
	section "sanitizers: build-asan (configure --enable-sanitizers)"
	san_dir=$top/build-asan
	rm -rf "$san_dir"
	copy_sources "$san_dir" || die "make distdir for build-asan"
	# world-writable: tests also run sctrace as another user
	san_reports=$(mktemp -d "${TMPDIR:-/tmp}/sctrace-san.XXXXXX")
	tmp_dirs+=("$san_reports")
	chmod 1777 "$san_reports"
	# clang if there is one: gcc's UBSan (a runtime of its own beside
	# libasan) ignores log_path and reports only on stderr, which a test
	# may not keep; the UBSan lines of the test logs are checked, too.
	san_cc=()
	if command -v clang >/dev/null 2>&1; then
		san_cc=(CC=clang)
	else
		echo "no clang: building with gcc, whose UBSan reports only show in the test logs"
	fi
	(cd "$san_dir/obj" && ../src/configure "${san_cc[@]}" --enable-sanitizers) \
		>"$san_dir/configure.log" 2>&1 ||
		{ tail -n 60 "$san_dir/configure.log" "$san_dir/obj/config.log"; die "configure --enable-sanitizers"; }
	make -C "$san_dir/obj" -j"$jobs" || die "make (sanitizers)"

	section "sanitizers: make check (ASan+UBSan, detect_leaks=1)"
	new_stamp
	check_rc=0
	ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:check_initialization_order=1:strict_string_checks=1:log_path=$san_reports/asan" \
	UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$san_reports/ubsan" \
		make -C "$san_dir/obj" -j"$jobs" check || check_rc=$?
	mapfile -t san_logs < <({ find "$san_reports" -type f
		grep -rlE '^[^ ]+:[0-9]+:[0-9]+: runtime error: ' "$san_dir/obj/tests" --include='*.log'; } | sort)
	if [ "${#san_logs[@]}" -gt 0 ]; then
		section "sanitizers: ${#san_logs[@]} reports"
		for f in "${san_logs[@]}"; do
			show_log "$f" 80
		done
		printf '\ntest.sh: %s passed, %s failed, %s skipped\n' "$n_pass" "$((n_fail + 1))" "$n_skip"
		die "sanitizers reported errors (above; the test logs are in $san_dir/obj/tests)"
	fi
	tally "make check (sanitizers)" "$san_dir/obj" "$stamp" "$check_rc"
fi

# ---- unprivileged, in a user and pid namespace -------------------------------
# The suite as a user without privileges, in 'unshare -Urpf --mount-proc'
# (as root: as nobody, with setpriv).  Tests that need a real root say so
# and skip what they cannot do there.
if [ "${SCTRACE_SKIP_UNPRIV:-0}" = 1 ]; then
	section "unprivileged: skipped (SCTRACE_SKIP_UNPRIV=1)"
else
	section "unprivileged: build in a user namespace"
	as_user=()
	as_who=$(id -un)
	if [ "$(id -u)" -eq 0 ]; then
		as_who=nobody
		command -v setpriv >/dev/null 2>&1 || die "setpriv (util-linux) is needed to run as nobody"
		id -u nobody >/dev/null 2>&1 || die "no user 'nobody' to run the unprivileged tests as"
		as_user=(setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups --inh-caps=-all --)
	fi
	if ! "${as_user[@]}" unshare -Urpf --mount-proc true; then
		die "unshare -Urpf --mount-proc fails here as $as_who: user namespaces are disabled (sysctl user.max_user_namespaces, kernel.unprivileged_userns_clone)? SCTRACE_SKIP_UNPRIV=1 leaves this run out"
	fi
	unpriv_dir=$(mktemp -d "${TMPDIR:-/tmp}/sctrace-unpriv.XXXXXX")
	tmp_dirs+=("$unpriv_dir")
	chmod 0755 "$unpriv_dir"
	copy_sources "$unpriv_dir" || die "make distdir for the unprivileged run"
	[ "$(id -u)" -eq 0 ] && chown -R nobody: "$unpriv_dir"
	new_stamp
	check_rc=0
	"${as_user[@]}" env HOME="$unpriv_dir" unshare -Urpf --mount-proc \
		bash -c 'cd "$1/obj" && echo "as $(id -un) in a user namespace (uid_map: $(cat /proc/self/uid_map)), pid $$" &&
			../src/configure >../configure.log 2>&1 &&
			make -j"$2" >../make.log 2>&1 &&
			make -j"$2" check' _ "$unpriv_dir" "$jobs" || check_rc=$?
	if [ ! -f "$unpriv_dir/obj/Makefile" ] || [ ! -x "$unpriv_dir/obj/src/sctrace" ]; then
		tail -n 60 "$unpriv_dir/configure.log" "$unpriv_dir/make.log" 2>/dev/null
		die "unprivileged: configure or make failed"
	fi
	tally "make check (unprivileged)" "$unpriv_dir/obj" "$stamp" "$check_rc" skip_ok
fi

# ---- fuzz targets -----------------------------------------------------------
# make check replayed the corpus in every build; here libFuzzer looks for
# new inputs for a short while (tests/fuzz/run.sh; README: longer runs).
fuzz_time=${SCTRACE_FUZZ_TIME:-45}
if [ "$fuzz_time" = 0 ]; then
	section "fuzz targets: skipped (SCTRACE_FUZZ_TIME=0)"
elif ! command -v clang >/dev/null 2>&1; then
	section "fuzz targets: skipped (no clang; contrib/install-deps.sh installs it)"
else
	section "fuzz targets: build-fuzz (CC=clang --enable-fuzzers)"
	fuzz_dir=$top/build-fuzz
	rm -rf "$fuzz_dir"
	copy_sources "$fuzz_dir" || die "make distdir for build-fuzz"
	(cd "$fuzz_dir/obj" && ../src/configure CC=clang --enable-fuzzers) \
		>"$fuzz_dir/configure.log" 2>&1 ||
		{ tail -n 60 "$fuzz_dir/configure.log" "$fuzz_dir/obj/config.log"; die "configure CC=clang --enable-fuzzers"; }
	make -C "$fuzz_dir/obj" -j"$jobs" ||
		die "make (fuzz targets)"
	section "fuzz targets: ${fuzz_time}s each"
	if bash "$fuzz_dir/src/tests/fuzz/run.sh" "$fuzz_time" "$fuzz_dir/obj"; then
		n_pass=$((n_pass + 1))
	else
		printf '\ntest.sh: %s passed, %s failed, %s skipped\n' "$n_pass" "$((n_fail + 1))" "$n_skip"
		die "a fuzz target crashed: its input is in $fuzz_dir/obj/tests/fuzz/crash-*"
	fi
fi

section "done"
printf 'test.sh: %s passed, %s failed, %s skipped\n' "$n_pass" "$n_fail" "$n_skip"
