#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark report: wall time of a syscall loop untraced, under bare ptrace, sctrace and strace.
#
# Usage: bench.sh LOOP BAREPTRACE SCTRACE [ITERATIONS [REPETITIONS]]
#    or: LOOP=... BAREPTRACE=... SCTRACE=... bench.sh
#
#   LOOP        tests/bench/loop binary (5 syscalls per iteration)
#   BAREPTRACE  tests/bench/bareptrace binary (the ptrace floor)
#   SCTRACE     src/sctrace binary
#   ITERATIONS  loop iterations (env BENCH_ITER, default 20000)
#   REPETITIONS runs of each case, the median is reported
#               (env BENCH_REPS, default 5)
#
# Prints a table and whether the target 'sctrace <= strace' was met.
# Exits 0 whatever the figures (it is a report, not a test); 2 on bad usage.
set -uo pipefail

usage() {
	sed -n '5,16s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

LOOP=${1:-${LOOP:-}}
BAREPTRACE=${2:-${BAREPTRACE:-}}
SCTRACE=${3:-${SCTRACE:-}}
ITER=${4:-${BENCH_ITER:-20000}}
REPS=${5:-${BENCH_REPS:-5}}

if [ -z "$LOOP" ] || [ -z "$BAREPTRACE" ] || [ -z "$SCTRACE" ]; then
	usage
fi
for b in "$LOOP" "$BAREPTRACE" "$SCTRACE"; do
	if [ ! -x "$b" ]; then
		echo "bench.sh: $b: not an executable file" >&2
		exit 2
	fi
done
case "$ITER$REPS" in
*[!0-9]*) usage ;;
esac
if [ "$ITER" -eq 0 ] || [ "$REPS" -eq 0 ]; then
	usage
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sctrace-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
scap=$tmp/bench.scap

have_strace=0
command -v strace >/dev/null 2>&1 && have_strace=1

# The cases, in the order they are run and shown.
names=(untraced bareptrace sctrace)
cmds=("\"\$LOOP\" $ITER"
	"\"\$BAREPTRACE\" \"\$LOOP\" $ITER"
	"\"\$SCTRACE\" -o \"\$scap\" -- \"\$LOOP\" $ITER")
labels=("untraced" "bare ptrace" "sctrace -o FILE")
if [ "$have_strace" = 1 ]; then
	names+=(strace)
	cmds+=("strace -f -o /dev/null \"\$LOOP\" $ITER")
	labels+=("strace -f -o /dev/null")
fi

# run_case IDX: run case IDX once; print elapsed nanoseconds, or FAIL.
run_case() {
	local t0 t1 rc
	t0=$(date +%s%N)
	eval "${cmds[$1]}" >/dev/null 2>"$tmp/${names[$1]}.err"
	rc=$?
	t1=$(date +%s%N)
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $rc"
	else
		echo $((t1 - t0))
	fi
}

median() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit
		if (NR % 2) print v[(NR + 1) / 2]
		else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

nsys=$((ITER * 5))
echo "sctrace benchmark: $ITER iterations of open/read/write/close/getppid" \
	"($nsys syscalls), median of $REPS runs"
echo "kernel $(uname -r), $(nproc) cpus," \
	"$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)"
[ "$have_strace" = 1 ] || echo "strace not found: its row is left out"
echo

"$LOOP" "$ITER" >/dev/null 2>&1 # warm up caches

declare -A failed
# Runs are interleaved (one of each case per round) so that a slow patch of
# the machine does not fall on one case only.
for ((r = 1; r <= REPS; r++)); do
	printf 'round %d/%d:' "$r" "$REPS"
	for i in "${!names[@]}"; do
		n=${names[$i]}
		[ -n "${failed[$n]:-}" ] && continue
		t=$(run_case "$i")
		if [ "${t%% *}" = FAIL ]; then
			failed[$n]=${t#FAIL }
			printf ' %s=FAILED' "$n"
			continue
		fi
		echo "$t" >>"$tmp/$n.times"
		printf ' %s=%.2fs' "$n" "$(awk -v t="$t" 'BEGIN { print t / 1e9 }')"
	done
	echo
done
echo

declare -A med
for n in "${names[@]}"; do
	[ -z "${failed[$n]:-}" ] && med[$n]=$(median <"$tmp/$n.times")
done

# ratio A B: "A/B" as "N.NNx", or "-" when either is missing.
ratio() {
	local a=${med[$1]:-} b=${med[$2]:-}
	if [ -z "$a" ] || [ -z "$b" ] || [ "$b" = 0 ]; then
		echo "-"
	else
		awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2fx\n", a / b }'
	fi
}

fmt='%-24s %9s %11s %13s %10s %14s\n'
# shellcheck disable=SC2059
printf "$fmt" "case" "median s" "vs untraced" "vs bare ptr." "vs strace" "us/syscall +"
# shellcheck disable=SC2059
printf "$fmt" "------------------------" "---------" "-----------" "-------------" \
	"----------" "--------------"
for i in "${!names[@]}"; do
	n=${names[$i]}
	if [ -n "${failed[$n]:-}" ]; then
		# shellcheck disable=SC2059
		printf "$fmt" "${labels[$i]}" "FAILED" "-" "-" "-" "-"
		continue
	fi
	secs=$(awk -v t="${med[$n]}" 'BEGIN { printf "%.3f\n", t / 1e9 }')
	# extra time per syscall compared with the untraced run
	if [ -n "${med[untraced]:-}" ]; then
		over=$(awk -v t="${med[$n]}" -v u="${med[untraced]}" -v s="$nsys" \
			'BEGIN { printf "%.2f\n", (t - u) / s / 1e3 }')
	else
		over="-"
	fi
	vs_strace="-"
	[ "$have_strace" = 1 ] && vs_strace=$(ratio "$n" strace)
	# shellcheck disable=SC2059
	printf "$fmt" "${labels[$i]}" "$secs" "$(ratio "$n" untraced)" \
		"$(ratio "$n" bareptrace)" "$vs_strace" "$over"
done
echo

for n in "${names[@]}"; do
	if [ -n "${failed[$n]:-}" ]; then
		echo "$n FAILED (exit ${failed[$n]}); its stderr:"
		sed 's/^/    /' "$tmp/$n.err" | tail -n 20
	fi
done

if [ -f "$scap" ]; then
	echo "capture: $(stat -c %s "$scap") bytes for $nsys syscalls" \
		"($(awk -v b="$(stat -c %s "$scap")" -v s="$nsys" \
			'BEGIN { printf "%.1f", b / s }') bytes/syscall)"
fi

# Peak RSS of sctrace itself (wait4's ru_maxrss: the largest of sctrace and
# the programs it waited for, which here are tiny).
rss=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$tmp/rss" true 2>/dev/null; then
	/usr/bin/time -f %M -o "$tmp/rss" "$SCTRACE" -o "$scap" -- "$LOOP" "$ITER" \
		>/dev/null 2>&1 && rss=$(tail -n 1 "$tmp/rss")
	how="GNU time"
elif command -v python3 >/dev/null 2>&1; then
	rss=$(python3 -c '
import resource, subprocess, sys
rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL,
		     stderr=subprocess.DEVNULL)
if rc == 0:
	print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$SCTRACE" -o "$scap" -- "$LOOP" "$ITER")
	how="python3 getrusage"
fi
if [ -n "$rss" ]; then
	echo "sctrace peak RSS: $rss KiB ($how)"
else
	echo "sctrace peak RSS: not measured (needs GNU time, package 'time', or python3," \
		"and a successful sctrace run)"
fi
echo

if [ -n "${med[sctrace]:-}" ] && [ -n "${med[strace]:-}" ]; then
	if [ "${med[sctrace]}" -le "${med[strace]}" ]; then
		echo "TARGET MET: sctrace ($(ratio sctrace strace) of strace) <= strace"
	else
		echo "TARGET NOT MET: sctrace is slower than strace ($(ratio sctrace strace))"
	fi
else
	echo "TARGET UNKNOWN: sctrace <= strace could not be checked" \
		"(a run failed or strace is missing)"
fi
exit 0
