# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers of the integration tests (sourced by tests/integration/*.sh).
#
# A test traces a program from tests/progs with the built sctrace and checks
# the capture with the EXTERNAL readers only (sysdig, tshark; strace for the
# syscall counts), never with sctrace's own output.
#
# Exit status protocol of automake's parallel driver: 0 pass, 77 skip (only
# when ptrace itself is not available), 99 hard error (a tool is missing or
# does not work), anything else fail.  A test makes all its checks and fails
# at the end (finish) if any of them failed, so one run shows every problem.
#
# Environment:
#   top_builddir, top_srcdir   set by tests/integration.am (SH_LOG_COMPILER);
#                              otherwise derived from this file's location
#   SCTRACE=PATH               the sctrace to test (default: the built one)
#   SCTRACE_TEST_KEEP=1        keep the temporary directory (path is printed)

set -euo pipefail
export LC_ALL=C

# ---- locations -------------------------------------------------------------

lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=$(cd "${top_srcdir:-$lib_dir/../..}" && pwd)
top_builddir=$(cd "${abs_top_builddir:-${top_builddir:-$top_srcdir}}" && pwd)

SCTRACE=${SCTRACE:-$top_builddir/src/sctrace}
PROGS=$top_builddir/tests/progs
NAME_MAP=$lib_dir/syscall-names.txt

test_name=$(basename "$0" .sh)

# ---- messages and results --------------------------------------------------

n_checks=0
n_failed=0

note() { printf '%s: %s\n' "$test_name" "$*"; }

pass() {
	n_checks=$((n_checks + 1))
	printf 'ok: %s\n' "$*"
}

fail() {
	n_checks=$((n_checks + 1))
	n_failed=$((n_failed + 1))
	printf 'FAIL: %s\n' "$*"
}

# hard_error MSG: the test cannot run (missing tool, broken setup): exit 99.
hard_error() {
	printf 'ERROR: %s\n' "$*" >&2
	exit 99
}

skip_test() {
	printf 'SKIP: %s\n' "$*" >&2
	exit 77
}

# finish: exit 0 if every check passed, 1 otherwise.
finish() {
	if [ "$n_checks" -eq 0 ]; then
		printf 'ERROR: no checks were made\n'
		exit 99
	fi
	if [ "$n_failed" -ne 0 ]; then
		printf '%s: %d of %d checks FAILED\n' "$test_name" "$n_failed" "$n_checks"
		exit 1
	fi
	printf '%s: all %d checks passed\n' "$test_name" "$n_checks"
	exit 0
}

# ---- setup -----------------------------------------------------------------

# A private temporary directory, removed on exit.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sctrace-$test_name.XXXXXX")
cleanup() {
	if [ "${SCTRACE_TEST_KEEP:-0}" = 1 ]; then
		printf 'kept %s\n' "$TMP"
	else
		rm -rf "$TMP"
	fi
}
trap cleanup EXIT

# The readers are part of the test setup (CI installs them): missing = error.
for tool in sysdig tshark strace; do
	command -v "$tool" >/dev/null 2>&1 ||
		hard_error "$tool is not installed (contrib/install-deps.sh installs it)"
done
[ -x "$SCTRACE" ] || hard_error "no sctrace at $SCTRACE (build first)"

# Skip only when ptrace itself is unavailable (seccomp, Yama scope 3, ...).
# Probe with strace so that a broken sctrace fails instead of skipping.
if ! strace -qq -o /dev/null /bin/true 2>"$TMP/ptrace-probe.err"; then
	if grep -qiE 'ptrace|not permitted|permission denied' "$TMP/ptrace-probe.err"; then
		skip_test "ptrace is not available here: $(head -n1 "$TMP/ptrace-probe.err")"
	fi
	hard_error "strace does not work: $(head -n3 "$TMP/ptrace-probe.err")"
fi

# prog NAME: path of a built test program.
prog() {
	local p=$PROGS/$1
	[ -x "$p" ] || hard_error "test program $p is not built (make check builds it)"
	printf '%s\n' "$p"
}

# ---- running sctrace -------------------------------------------------------

# trace CAPTURE CMD [ARGS...]: run "sctrace -o CAPTURE -- CMD ARGS" and set
# trace_rc to its exit status.  stdin is /dev/null, stdout goes to
# CAPTURE.out, stderr (sctrace's and the command's) to CAPTURE.err: the same
# kinds of files as in check_counts' strace run, since programs make
# different syscalls for a terminal, a pipe or a file.  Extra sctrace
# options go in the array SCTRACE_OPTS.  The captures are read with
# Debian 12's sysdig 0.29, which drops event types newer than the 2022
# table: they are written with --old-readers (docs/scap-format.md §3.4),
# unless SCTRACE_READERS is set to something else ("" for the default).
SCTRACE_OPTS=()
SCTRACE_READERS=${SCTRACE_READERS---old-readers}
trace_rc=0
trace() {
	local cap=$1
	shift
	trace_rc=0
	"$SCTRACE" $SCTRACE_READERS "${SCTRACE_OPTS[@]}" -o "$cap" -- "$@" \
		</dev/null >"$cap.out" 2>"$cap.err" || trace_rc=$?
	if [ ! -s "$cap" ]; then
		fail "sctrace wrote no capture for: $* (exit $trace_rc; stderr: $(head -c 300 "$cap.err"))"
		return 1
	fi
}

# ---- reading captures with sysdig ------------------------------------------

# sd CAPTURE FORMAT [FILTER]: sysdig's lines for the events matching FILTER,
# formatted with -p FORMAT (the leading '*' makes sysdig print events whose
# fields are missing, too).  If sysdig fails, the capture is unreadable (or
# the filter is wrong): the test fails at once, since nothing more can be
# checked.  (sd runs in $(...) mostly, so the message goes to stderr, which
# the test driver logs too, and the exit status ends the test by set -e.)
# Extra sysdig options go in the array SD_OPTS (e.g. -b: data buffers in
# base64, whole; without it sysdig shows at most 80 bytes of a buffer).
SD_OPTS=()
sd() {
	local cap=$1 fmt=$2 out
	shift 2
	if ! out=$(sysdig "${SD_OPTS[@]}" -r "$cap" -p "*$fmt" "$@" 2>"$TMP/sysdig.err"); then
		printf 'FAIL: sysdig cannot read %s (-p %s %s): %s\n' "$cap" "'$fmt'" "$*" \
			"$(head -c 500 "$TMP/sysdig.err")" >&2
		exit 1
	fi
	printf '%s' "$out"
	[ -z "$out" ] || printf '\n'
}

# expect_sd WHAT CAPTURE FILTER FORMAT EXPECTED: the events matching FILTER
# print exactly EXPECTED (lines, trailing blanks ignored) with FORMAT.
expect_sd() {
	local what=$1 cap=$2 filter=$3 fmt=$4 want=$5 got
	got=$(sd "$cap" "$fmt" "$filter" | sed 's/[[:space:]]*$//')
	want=$(printf '%s' "$want" | sed 's/[[:space:]]*$//')
	if [ "$got" = "$want" ]; then
		pass "$what"
	else
		fail "$what: sysdig -r CAP -p '$fmt' \"$filter\""
		printf '    expected: %s\n' "$want" | sed '2,$s/^/              /'
		printf '    got:      %s\n' "${got:-<no event>}" | sed '2,$s/^/              /'
	fi
}

# expect_sd_set WHAT CAPTURE FILTER FORMAT EXPECTED: like expect_sd, but the
# order of the lines does not matter (events of different threads).
expect_sd_set() {
	local what=$1 cap=$2 filter=$3 fmt=$4 want=$5 got
	got=$(sd "$cap" "$fmt" "$filter" | sed 's/[[:space:]]*$//' | sort)
	want=$(printf '%s\n' "$want" | sed 's/[[:space:]]*$//' | sort)
	if [ "$got" = "$want" ]; then
		pass "$what"
	else
		fail "$what (in any order): sysdig -r CAP -p '$fmt' \"$filter\""
		printf '    expected: %s\n' "$want" | sed '2,$s/^/              /'
		printf '    got:      %s\n' "${got:-<no event>}" | sed '2,$s/^/              /'
	fi
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1: expected '$2', got '$3'"
	fi
}

# expect_match WHAT ERE ACTUAL
# (a here-string, not "printf | grep -q": grep -q may quit before printf is
# done, and with pipefail printf's SIGPIPE would fail the match)
expect_match() {
	if grep -qE -- "$2" <<<"$3"; then
		pass "$1"
	else
		fail "$1: '$3' does not match /$2/"
	fi
}

# ---- capture validity (both readers) ---------------------------------------

# check_readers CAPTURE: tshark decodes every event without a malformed
# packet, dissector exception or error-level expert info, and tshark and
# sysdig both read the same number of events.
check_readers() {
	local cap=$1 base n_ts n_sd
	base=$(basename "$cap")
	check_tshark "$cap" || return 0
	n_ts=$(grep -c '^Sysdig Event [0-9]*:' "$TMP/tshark.out" || true)
	n_sd=$(sd "$cap" '%evt.num' | wc -l)
	if [ "$n_sd" -gt 0 ] && [ "$n_ts" -eq "$n_sd" ]; then
		pass "$base: tshark and sysdig both read $n_sd events"
	else
		fail "$base: tshark reads $n_ts events, sysdig $n_sd"
	fi
}

# expect_refused ARGS...: "sctrace ARGS -- true" is refused as a usage
# error is: a non-zero status and one line on stderr
expect_refused() {
	local rc=0
	"$SCTRACE" "$@" -- true >/dev/null 2>"$TMP/refused.err" || rc=$?
	if [ "$rc" != 0 ] && [ "$(grep -c . "$TMP/refused.err")" = 1 ]; then
		pass "'$*': refused in one line ($(cat "$TMP/refused.err"))"
	else
		fail "'$*': status $rc, stderr: $(cat "$TMP/refused.err")"
	fi
}

# check_tshark CAPTURE: tshark -r -V reads it without complaint and shows
# no malformed event (its output left in $TMP/tshark.out); status 1 when
# tshark fails.  For a capture in the newest readers' default output,
# whose newer event types sysdig 0.29 leaves out.
check_tshark() {
	local cap=$1 base bad
	base=$(basename "$cap")
	if ! tshark -r "$cap" -V >"$TMP/tshark.out" 2>"$TMP/tshark.err"; then
		fail "$base: tshark -r -V failed: $(grep -v 'Running as user' "$TMP/tshark.err" | head -c 300)"
		return 1
	fi
	bad=$(grep -v 'Running as user' "$TMP/tshark.err" | head -n 3 || true)
	if [ -n "$bad" ]; then
		fail "$base: tshark complains on stderr: $bad"
	else
		pass "$base: tshark reads it without complaint"
	fi
	# (only tshark's own bracketed items, not parameter values that happen
	# to contain these words)
	bad=$(grep -n -E '^[[:space:]]*\[.*(Malformed|Exception|Expert Info \(Error)' "$TMP/tshark.out" |
		head -n 3 || true)
	if [ -n "$bad" ]; then
		fail "$base: tshark -V reports errors: $bad"
	else
		pass "$base: tshark -V shows no malformed event, exception or error"
	fi
	return 0
}

# ---- syscall counts: capture vs strace -------------------------------------

# The names sysdig prints differ from the syscall names strace prints for a
# few syscalls (several syscalls share one event type, newer syscalls are
# '<unknown>' to sysdig 0.29): NAME_MAP maps strace's name to sysdig's, and
# the counts are compared per sysdig name (so '<unknown>' is one group).
map_names() {
	awk -v map="$NAME_MAP" '
		BEGIN {
			while ((getline line < map) > 0) {
				sub(/#.*/, "", line)
				if (split(line, f, /[ \t]+/) >= 2 && f[1] != "")
					m[f[1]] = f[2]
			}
		}
		{ print (($1 in m) ? m[$1] : $1) }'
}

# capture_counts CAPTURE: "NAME COUNT" per event type of the enter events.
# procexit and signaldeliver are left out: not syscalls, but the events
# the driver (and sctrace) write when a thread is gone or a signal is
# delivered, "enter" events both.
capture_counts() {
	sd "$1" '%evt.type' "evt.dir='>' and evt.type!=procexit and evt.type!=signaldeliver and evt.type!=notification" |
		sort | uniq -c | awk '{ print $2, $1 }'
}

# strace_counts LOG: "NAME COUNT" per syscall in an "strace -f -o LOG" log,
# mapped to sysdig's names.  A call that strace shows in two lines
# ("<unfinished ...>" then "<... NAME resumed>") counts once: the resumed
# line starts with '<' and does not match; signal (---) and exit (+++)
# lines do not match either.
strace_counts() {
	sed -nE 's/^[0-9]+ +([a-z_0-9]+)\(.*/\1/p' "$1" | map_names |
		sort | uniq -c | awk '{ print $2, $1 }'
}

# count_diff STRACE CAPTURE: the rows of the "NAME COUNT" lists that
# differ, one line each.  With in-process recording (the default; not
# when SCTRACE_NO_RECORDER=1, set by modes.sh), ld.so allocates memory of
# its own for the recorder it loads, and now and then that takes one more
# anonymous mapping: one mmap more than strace's is not a difference then.
count_diff() {
	join -a1 -a2 -e 0 -o 0,1.2,2.2 "$1" "$2" |
		awk -v slack="$([ "${SCTRACE_NO_RECORDER:-0}" = 1 ] && echo 0 || echo 1)" '
			$2 != $3 && !(slack && $1 == "mmap" && $3 == $2 + 1) {
				printf "      %-20s strace %s, capture %s\n", $1, $2, $3
			}'
}

# paired CAPTURE: every exit event is preceded, on its thread, by an enter
# event of the same type (the newest libs reader aborts on a mis-paired exit).
paired() {
	local bad
	# (a clone's child side, res 0, is an exit with no enter, as the driver's)
	bad=$(sd "$1" '%evt.num %thread.tid %evt.type %evt.dir %evt.rawres' "evt.type!=procexit" | awk '
		$4 == ">" { last[$2] = $3; next }
		$4 == "<" && $5 == 0 && $3 ~ /^(clone|clone3|fork|vfork)$/ { next }
		$4 == "<" { if (last[$2] != $3) print "event " $1 " (tid " $2 ", " $3 " exit) after " (last[$2] == "" ? "nothing" : last[$2] " enter"); delete last[$2] }' |
		head -n 3)
	if [ -z "$bad" ]; then
		pass "$(basename "$1"): every exit follows its own enter"
	else
		fail "$(basename "$1"): exit events without their enter: $bad"
	fi
}

n_strace=0
# check_counts WHAT CAPTURE -- CMD [ARGS...]: run CMD again under
# "strace -f -qq" and compare its per-syscall counts with the enter events
# per type in CAPTURE (which must be a capture of the same command).
check_counts() {
	local what=$1 cap=$2 log diff
	shift 3
	n_strace=$((n_strace + 1))
	log=$TMP/strace$n_strace.log
	# (the subshell's stderr is a file: bash's "Killed" notice for a
	# program that kills itself goes there too; strace's exit status is
	# the program's, not checked here)
	(strace -f -qq -o "$log" "$@" </dev/null >"$log.out" || true) 2>"$log.err"
	if [ ! -s "$log" ]; then
		hard_error "strace -f -o $log $* wrote nothing: $(head -c 300 "$log.err")"
	fi
	capture_counts "$cap" >"$log.sd"
	strace_counts "$log" >"$log.st"
	if diff=$(count_diff "$log.st" "$log.sd") && [ -z "$diff" ]; then
		pass "$what: per-syscall counts equal strace's ($(awk '{ n += $2 } END { print n }' "$log.st") calls)"
	else
		fail "$what: per-syscall counts differ from strace's (strace name -> sysdig name map: $NAME_MAP):"
		printf '%s\n' "$diff"
	fi
}
