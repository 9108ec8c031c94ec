#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark report: four workloads, untraced and under the tracers, in four
# conditions of the machine, in one interleaved run.
#
# Usage: bench.sh LOOP BAREPTRACE SCTRACE [FORKEXEC [THREADS [WAKEUP]]]
#    or: LOOP=... BAREPTRACE=... SCTRACE=... FORKEXEC=... THREADS=... bench.sh
#
#   LOOP        tests/bench/loop (5 cheap syscalls per iteration)
#   BAREPTRACE  tests/bench/bareptrace (the ptrace floor: 2 stops per syscall;
#               also run with --poll, the floor for a tracer that polls)
#   SCTRACE     src/sctrace
#   FORKEXEC    tests/bench/forkexec (fork + exec /bin/true N times);
#               default: next to LOOP; its workload is left out if missing
#   THREADS     tests/bench/threads (N threads alive at once), for sctrace's
#               peak memory; default: next to LOOP; left out if missing
#   WAKEUP      tests/bench/wakeup (pipe ping-pong: what a wake-up costs
#               across cpus and on one); default: next to LOOP
#
# Conditions (BENCH_CONDS, default "idle busy jobs pinned"):
#   idle    the machine as it is (every case)
#   busy    one busy loop per cpu at nice 0, started by this script
#   jobs    one on-and-off job per cpu at nice 0 (a few ms of computing, a
#           sleep of 5 ms in a new process, again), like a parallel build
#   pinned  tracer and tracee on one cpu (taskset -c on the whole command)
# sctrace's default runs with -v: under each workload, how many of its
# waits for a stop polled first in its last run, and how often polling
# paused (under contention it should not poll: then it is --no-spin).
# busy, jobs and pinned run untraced, bare ptrace, sctrace, sctrace
# --no-spin, both again with --no-syscall-buffer (every syscall stops: where
# polling matters) and strace -f only.  Each round runs every condition,
# workload and case once, then the default and --no-spin BENCH_PAIRS more
# times each, in turn.
#
# Environment:
#   BENCH_REPS     rounds; each case runs once per round, the median is
#                  reported (default 3)
#   BENCH_ITER     iterations of LOOP (default 20000)
#   BENCH_TAR_DIR  tree archived by "tar cf FILE -C DIR ." (default
#                  /usr/include/<multiarch>, else /usr/include/linux)
#   BENCH_FORKS    fork+exec iterations of FORKEXEC (default 300)
#   BENCH_PY       iterations of files.py (default 1000); the python3
#                  workload is left out without python3
#   BENCH_THREADS  threads of THREADS for the memory figure (default 1000)
#   BENCH_PAIRS    extra runs of the default and of --no-spin per round and
#                  workload (default 2; 0: none)
#   BENCH_SHORT_MS a case whose run is shorter is run again, up to 20
#                  runs in a row or this long in all, and timed per run
#                  (default 500; 0: one run)
#   TMPDIR         where the captures and the archive are written
#
# Prints the wake-up cost it measures (wakeup), then per condition and
# workload the median wall time of each case and its ratios, then the
# targets with MET / NOT MET.  Exits 0 whatever the figures (it is
# a report, not a test); 2 on bad usage.
set -uo pipefail
export LC_ALL=C

usage() {
	sed -n '5,55s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

LOOP=${1:-${LOOP:-}}
BAREPTRACE=${2:-${BAREPTRACE:-}}
SCTRACE=${3:-${SCTRACE:-}}
if [ -z "$LOOP" ] || [ -z "$BAREPTRACE" ] || [ -z "$SCTRACE" ]; then
	usage
fi
FORKEXEC=${4:-${FORKEXEC:-$(dirname "$LOOP")/forkexec}}
THREADS=${5:-${THREADS:-$(dirname "$LOOP")/threads}}
WAKEUP=${6:-${WAKEUP:-$(dirname "$LOOP")/wakeup}}
REPS=${BENCH_REPS:-3}
ITER=${BENCH_ITER:-20000}
FORKS=${BENCH_FORKS:-300}
NTHREADS=${BENCH_THREADS:-1000}
PYITER=${BENCH_PY:-1000}
PAIRS=${BENCH_PAIRS:-2}
SHORT_MS=${BENCH_SHORT_MS:-500}
SHORT_MAX=20
CONDS=${BENCH_CONDS:-idle busy jobs pinned}
PYFILES=$(dirname "$0")/files.py

for b in "$LOOP" "$BAREPTRACE" "$SCTRACE"; do
	if [ ! -x "$b" ]; then
		echo "bench.sh: $b: not an executable file" >&2
		exit 2
	fi
done
for v in "$REPS" "$ITER" "$FORKS" "$NTHREADS" "$PYITER"; do
	case $v in
	'' | *[!0-9]* | 0) usage ;;
	esac
done
case $PAIRS in
'' | *[!0-9]*) usage ;;
esac
case $SHORT_MS in
'' | *[!0-9]*) usage ;;
esac
SHORT_NS=$((SHORT_MS * 1000000))
for c in $CONDS; do
	case $c in
	idle | busy | jobs | pinned) ;;
	*) usage ;;
	esac
done

if [ -z "${BENCH_TAR_DIR:-}" ]; then
	ma=$(gcc -print-multiarch 2>/dev/null || true)
	[ -n "$ma" ] || ma=$(uname -m)-linux-gnu
	for d in "/usr/include/$ma" /usr/include/linux; do
		if [ -d "$d" ]; then
			BENCH_TAR_DIR=$d
			break
		fi
	done
fi
TAR_DIR=${BENCH_TAR_DIR:-}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sctrace-bench.XXXXXX") || exit 2
spinners=()
# spin_stop: end the busy loops (only those this script started)
spin_stop() {
	local p
	for p in "${spinners[@]}"; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	spinners=()
}
trap 'spin_stop; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP
# spin_start busy|jobs: one busy loop, or one on-and-off job, per cpu
spin_start() {
	local i
	for ((i = 0; i < $(nproc); i++)); do
		if [ "$1" = busy ]; then
			(while :; do :; done) &
		else
			(while :; do
				for ((j = 0; j < 1000; j++)); do :; done
				sleep 0.005
			done) &
		fi
		spinners+=($!)
	done
}
# the first cpu this script may run on: the pinned condition's
cpu0=$(taskset -pc $$ 2>/dev/null | sed 's/.*: *//; s/[,-].*//')
[ -n "$cpu0" ] || cpu0=0

# secs NANOSECONDS: as seconds with 3 decimals
secs() { awk -v t="$1" 'BEGIN { printf "%.3f\n", t / 1e9 }'; }

# ---- workloads -------------------------------------------------------------

# wl_names, wl_cmds (shell words, eval'd), wl_desc
wl_names=(loop)
wl_cmds=("\"\$LOOP\" $ITER")
wl_desc=("syscall loop: $ITER x openat/read/write/close/getppid of /dev/null")
if [ -n "$TAR_DIR" ] && command -v tar >/dev/null 2>&1; then
	wl_names+=(tar)
	# A real file: GNU tar does not read the files when the archive is /dev/null.
	wl_cmds+=("tar cf \"\$tmp/archive.tar\" -C \"\$TAR_DIR\" .")
	wl_desc+=("tar cf FILE -C $TAR_DIR . ($(find "$TAR_DIR" -type f | wc -l) files, $(du -sh "$TAR_DIR" | cut -f1))")
else
	echo "no tar or no tree to archive: the tar workload is left out"
fi
if [ -x "$FORKEXEC" ]; then
	wl_names+=(forkexec)
	wl_cmds+=("\"\$FORKEXEC\" $FORKS /bin/true")
	wl_desc+=("fork+exec loop: $FORKS x fork, exec /bin/true, wait")
else
	echo "no $FORKEXEC: the fork+exec workload is left out"
fi
# the interpreter itself, not a wrapper script (pyenv's shims fork and exec)
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)
if [ -n "$PY" ] && [ -x "$PY" ] && [ -f "$PYFILES" ]; then
	wl_names+=(python3)
	wl_cmds+=("\"\$PY\" \"\$PYFILES\" $PYITER")
	wl_desc+=("python3 files.py $PYITER: write, stat, read a small file, list its directory ($PY)")
else
	echo "no python3 or no $PYFILES: the python3 workload is left out"
fi

# ---- variants (tracers) ----------------------------------------------------

# v_names, v_prefix (shell words put before the workload, eval'd), v_labels
# "bare ptrace" is the floor the targets use: it sleeps in waitpid at every
# stop.  sctrace polls a few microseconds for the next stop first (see
# wait_stop in src/tracer.c); "bare ptrace --poll" is the floor for a tracer
# that does so too, and "sctrace --no-spin" is sctrace sleeping at each stop.
v_names=(untraced bare bare_poll sctrace sctrace_nospin sctrace_filt sctrace_k
	sctrace_nobuf sctrace_nobuf_nospin)
v_prefix=(""
	"\"\$BAREPTRACE\""
	"\"\$BAREPTRACE\" --poll"
	"\"\$SCTRACE\" -v -o \"\$tmp/full.scap\" --"
	"\"\$SCTRACE\" --no-spin -o \"\$tmp/full.scap\" --"
	"\"\$SCTRACE\" -o \"\$tmp/filt.scap\" evt.type=openat --"
	"\"\$SCTRACE\" -k -o \"\$tmp/full.scap\" --"
	"\"\$SCTRACE\" -v --no-syscall-buffer -o \"\$tmp/full.scap\" --"
	"\"\$SCTRACE\" --no-syscall-buffer --no-spin -o \"\$tmp/full.scap\" --")
v_labels=("untraced"
	"bare ptrace"
	"bare ptrace --poll"
	"sctrace -o FILE"
	"sctrace --no-spin -o FILE"
	"sctrace -o FILE evt.type=openat"
	"sctrace -k -o FILE (user stacks)"
	"sctrace --no-syscall-buffer"
	"sctrace --no-syscall-buffer --no-spin")
# v_all: 1 if the case runs in every condition, else in idle only
v_all=(1 1 0 1 1 0 0 1 1)
have_strace=0
if command -v strace >/dev/null 2>&1; then
	have_strace=1
	v_names+=(strace)
	v_prefix+=("strace -f -o /dev/null")
	v_labels+=("strace -f")
	v_all+=(1)
	if strace -f --seccomp-bpf -e trace=openat -o /dev/null true >/dev/null 2>&1; then
		v_names+=(strace_filt)
		v_prefix+=("strace -f --seccomp-bpf -e trace=openat -o /dev/null")
		v_labels+=("strace -f --seccomp-bpf -e openat")
		v_all+=(0)
	else
		echo "strace has no --seccomp-bpf: its filtered row is left out"
	fi
else
	echo "strace not found: its rows are left out"
fi

# ---- running ---------------------------------------------------------------

# the default and --no-spin, run PAIRS more times each per round
for v in "${!v_names[@]}"; do
	case ${v_names[$v]} in
	sctrace) v_sct=$v ;;
	sctrace_nospin) v_nospin=$v ;;
	esac
done

declare -A failed times nsys nopen capsize

# run_case C W V: run workload W under variant V in condition C (the busy
# loops, if any, are already running); print elapsed nanoseconds, or
# "FAIL rc".  A run under SHORT_NS is run again, up to SHORT_MAX runs in a
# row or SHORT_NS in all, and the time of one run on average is printed:
# runs of 10-30 ms alone moved by a third, and more, from run to run.
run_case() {
	local t0 t1 rc pre="" n=0
	[ "$1" = pinned ] && pre="taskset -c $cpu0"
	t0=$(date +%s%N)
	while :; do
		eval "$pre ${v_prefix[$3]} ${wl_cmds[$2]}" >/dev/null \
			2>"$tmp/err.$1.${wl_names[$2]}.${v_names[$3]}"
		rc=$?
		n=$((n + 1))
		t1=$(date +%s%N)
		[ "$rc" -ne 0 ] || [ $((t1 - t0)) -ge "$SHORT_NS" ] ||
			[ "$n" -ge "$SHORT_MAX" ] && break
	done
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $rc"
	else
		echo $(((t1 - t0) / n))
	fi
}

# time_case C W V: one timing of case V of workload W in condition C, kept
# in times[] (failed[] if it failed: then the case is not run again); sets
# shown to " NAME=SECONDS", " NAME=FAILED", or "" for a case that failed
# before.  Returns 0 when it was timed.
time_case() {
	local k=$1.${wl_names[$2]}.${v_names[$3]} t

	shown=
	[ -n "${failed[$k]:-}" ] && return 1
	rm -f "$tmp/full.scap" "$tmp/filt.scap"
	t=$(run_case "$1" "$2" "$3")
	if [ "${t%% *}" = FAIL ]; then
		failed[$k]=${t#FAIL }
		shown=" ${v_names[$3]}=FAILED"
		return 1
	fi
	times[$k]+="$t "
	shown=$(printf ' %s=%.2f' "${v_names[$3]}" "$(secs "$t")")
}

# median, min: of the numbers on standard input (blank lines ignored)
median() {
	sort -n | awk 'NF { v[++n] = $1 } END {
		if (n == 0) exit
		if (n % 2) print v[(n + 1) / 2]
		else printf "%d\n", (v[n / 2] + v[n / 2 + 1]) / 2 }'
}
min() { sort -n | awk 'NF { print; exit }'; }

# wakeup_cost: "cross-cpu X same-cpu Y" (microseconds), or "not measured"
wakeup_cost() {
	local out
	if [ -x "$WAKEUP" ] && out=$("$WAKEUP" 20000 2>/dev/null); then
		echo "$out"
	else
		echo "not measured"
	fi
}

echo "sctrace benchmark: median wall time of $REPS interleaved rounds"
echo "kernel $(uname -r), $(nproc) cpus," \
	"$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)"
[ "$have_strace" = 1 ] && strace -V | head -n 1
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" \
	"(other work on the machine makes the figures noisy)"
wake0=$(wakeup_cost)
echo "wake-up cost (pipe ping-pong, one way, microseconds): $wake0"
echo "  (a dear cross-cpu wake-up, as in a virtual machine whose idle vcpu the"
echo "  host must wake, is what polling for the next stop saves)"
echo "conditions: $CONDS (busy: $(nproc) busy loops at nice 0;" \
	"jobs: $(nproc) on-and-off jobs at nice 0; pinned: taskset -c $cpu0 on tracer and tracee)"
echo

# Warm-up, and the syscall counts of each workload (strace -c, not timed).
for w in "${!wl_names[@]}"; do
	wn=${wl_names[$w]}
	eval "${wl_cmds[$w]}" >/dev/null 2>&1
	if [ "$have_strace" = 1 ]; then
		eval "strace -f -qq -c -o \"\$tmp/count.$wn\" ${wl_cmds[$w]}" >/dev/null 2>&1
		nsys[$wn]=$(awk '$NF == "total" { print $4 }' "$tmp/count.$wn")
		nopen[$wn]=$(awk '$NF == "openat" { print $4 }' "$tmp/count.$wn")
	fi
	echo "workload $wn: ${wl_desc[$w]}" \
		"(${nsys[$wn]:-?} syscalls, ${nopen[$wn]:-?} openat)"
done
echo

# Runs are interleaved (each round runs every condition, workload and case
# once) so that a slow patch of the machine does not fall on one case only,
# and every other round runs the cases in the reverse order: a case that
# always ran right after another (sctrace --no-spin after sctrace) met
# the machine as the other left it (busy loops and jobs settle differently
# after each run), and with jobs that alone made the same waits look 5-10%
# apart.
for ((r = 1; r <= REPS; r++)); do
	order=("${!v_names[@]}")
	if ((r % 2 == 0)); then
		for ((i = 0; i < ${#order[@]} / 2; i++)); do
			tmpv=${order[i]}
			order[i]=${order[${#order[@]} - 1 - i]}
			order[${#order[@]} - 1 - i]=$tmpv
		done
	fi
	for c in $CONDS; do
		case $c in busy | jobs) spin_start "$c" ;; esac
		for w in "${!wl_names[@]}"; do
			wn=${wl_names[$w]}
			printf 'round %d/%d %-6s %-8s:' "$r" "$REPS" "$c" "$wn"
			for v in "${order[@]}"; do
				[ "$c" != idle ] && [ "${v_all[$v]}" = 0 ] && continue
				time_case "$c" "$w" "$v" && ok=1 || ok=0
				printf '%s' "$shown"
				if [ "$ok" = 1 ] && [ "$c.${v_names[$v]}" = idle.sctrace ]; then
					capsize[$wn]=$(stat -c %s "$tmp/full.scap" 2>/dev/null || echo 0)
				fi
			done
			# more pairs of the default and --no-spin, in turn (ABBA):
			# with the recorder, runs of 0.01-0.2 s whose ratio one
			# round cannot tell within 5%
			for ((p = 0; p < PAIRS; p++)); do
				pair=("$v_sct" "$v_nospin")
				((p % 2)) && pair=("$v_nospin" "$v_sct")
				for v in "${pair[@]}"; do
					time_case "$c" "$w" "$v"
				done
			done
			echo
		done
		case $c in busy | jobs) spin_stop ;; esac
	done
done
echo

declare -A med mins waits
for c in $CONDS; do
	for wn in "${wl_names[@]}"; do
		for vn in "${v_names[@]}"; do
			k=$c.$wn.$vn
			[ -z "${failed[$k]:-}" ] && [ -n "${times[$k]:-}" ] &&
				med[$k]=$(printf '%s\n' "${times[$k]}" | tr ' ' '\n' | median) &&
				mins[$k]=$(printf '%s\n' "${times[$k]}" | tr ' ' '\n' | min)
		done
	done
done

# ratio A B: med[A] / med[B] as "N.NN", or "-" when either is missing.
ratio() {
	local a=${med[$1]:-} b=${med[$2]:-}
	if [ -z "$a" ] || [ -z "$b" ] || [ "$b" = 0 ]; then
		echo "-"
	else
		awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f\n", a / b }'
	fi
}

# ---- the tables --------------------------------------------------------------

fmt='%-9s %-37s %8s %7s %7s %7s %8s %8s %8s %9s %10s\n'
for c in $CONDS; do
	case $c in
	idle) echo "condition idle: the machine as it is" ;;
	busy) echo "condition busy: $(nproc) busy loops at nice 0, one per cpu" ;;
	jobs) echo "condition jobs: $(nproc) on-and-off jobs at nice 0 (compute a few ms, sleep 5 ms)" ;;
	pinned) echo "condition pinned: tracer and tracee on cpu $cpu0 (taskset -c $cpu0)" ;;
	esac
	# shellcheck disable=SC2059
	printf "$fmt" "workload" "case" "median s" "min s" "x untr." "x bare" "x b.poll" \
		"x nospin" "x strace" "x str.flt" "us/sysc. +"
	# shellcheck disable=SC2059
	printf "$fmt" "---------" "-------------------------------------" "--------" "-------" \
		"-------" "-------" "--------" "--------" "--------" "---------" "----------"
	for wn in "${wl_names[@]}"; do
		for v in "${!v_names[@]}"; do
			[ "$c" != idle ] && [ "${v_all[$v]}" = 0 ] && continue
			vn=${v_names[$v]}
			k=$c.$wn.$vn
			if [ -n "${failed[$k]:-}" ]; then
				# shellcheck disable=SC2059
				printf "$fmt" "$wn" "${v_labels[$v]}" "FAILED" "-" "-" "-" "-" "-" "-" "-" "-"
				continue
			fi
			[ -n "${med[$k]:-}" ] || continue
			# extra time per syscall of the workload compared with untraced
			over="-"
			if [ -n "${med[$c.$wn.untraced]:-}" ] && [ -n "${nsys[$wn]:-}" ]; then
				over=$(awk -v t="${med[$k]}" -v u="${med[$c.$wn.untraced]}" \
					-v s="${nsys[$wn]}" 'BEGIN { printf "%.2f\n", (t - u) / s / 1e3 }')
			fi
			# shellcheck disable=SC2059
			printf "$fmt" "$wn" "${v_labels[$v]}" "$(secs "${med[$k]}")" \
				"$(secs "${mins[$k]}")" "$(ratio "$k" "$c.$wn.untraced")" \
				"$(ratio "$k" "$c.$wn.bare")" "$(ratio "$k" "$c.$wn.bare_poll")" \
				"$(ratio "$k" "$c.$wn.sctrace_nospin")" "$(ratio "$k" "$c.$wn.strace")" \
				"$(ratio "$k" "$c.$wn.strace_filt")" "$over"
		done
		# how sctrace's default waited in its last run (-v): polling or not
		for vn in sctrace sctrace_nobuf; do
			pw=$(sed -n 's/.*waits for a stop: \([0-9]*\) polled first, \([0-9]*\) slept, polling paused \([0-9]*\) times for contention, \([0-9]*\) times after an exec.*/\1 \2 \3 \4/p' \
				"$tmp/err.$c.$wn.$vn" 2>/dev/null | tail -n 1)
			[ -n "$pw" ] || continue
			read -r np ns npause nexec <<<"$pw"
			waits[$c.$wn.$vn]="$np $((np + ns))"
			printf '%-9s (%s, last run: %s of %s waits polled first (%s%%), polling paused %s times for contention, %s after an exec)\n' "" \
				"$([ "$vn" = sctrace ] && echo "sctrace -o FILE" || echo "stops only")" \
				"$np" "$((np + ns))" "$(awk -v p="$np" -v s="$ns" 'BEGIN { printf "%.0f", p + s ? 100 * p / (p + s) : 0 }')" "$npause" "$nexec"
		done
		if [ "$c" = idle ] && [ -n "${capsize[$wn]:-}" ] && [ -n "${nsys[$wn]:-}" ]; then
			printf '%-9s (full capture: %s bytes, %.1f bytes/syscall)\n' "" "${capsize[$wn]}" \
				"$(awk -v b="${capsize[$wn]}" -v s="${nsys[$wn]}" 'BEGIN { print b / s }')"
		fi
	done
	echo
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wake-up cost at the end (microseconds): $(wakeup_cost)"
echo "min s: the fastest of the $REPS runs;" \
	"x untr., x bare, x b.poll, x nospin, x strace, x str.flt: median time over that of" \
	"the untraced run, bare ptrace, bare ptrace --poll, 'sctrace --no-spin -o FILE'," \
	"'strace -f -o /dev/null' and 'strace -f --seccomp-bpf -e trace=openat -o /dev/null'" \
	"in the same condition; us/sysc. +: added microseconds per syscall of the workload"
echo

for c in $CONDS; do
	for wn in "${wl_names[@]}"; do
		for vn in "${v_names[@]}"; do
			k=$c.$wn.$vn
			if [ -n "${failed[$k]:-}" ]; then
				echo "$wn under $vn ($c) FAILED (exit ${failed[$k]}); its stderr:"
				sed 's/^/    /' "$tmp/err.$k" | tail -n 20
			fi
		done
	done
done

# ---- peak memory -------------------------------------------------------------

# peak_rss CMD [ARGS...]: run CMD in the background and sample its VmHWM (peak
# resident set) in /proc every 20 ms until it exits; set PEAK (KiB, "" if
# never read) and PEAK_RC.  VmHWM only grows, so the last sample is the peak
# up to 20 ms before the end.  (GNU time's %M would not do: wait4 reports the
# largest of sctrace and the tracees it reaped, and a tracee with 1000 threads
# is bigger than sctrace.)
peak_rss() {
	local pid v k val
	"$@" >/dev/null 2>"$tmp/rss.err" &
	pid=$!
	PEAK=
	while :; do
		v=
		{ while read -r k val _; do
			if [ "$k" = VmHWM: ]; then v=$val; fi
		done <"/proc/$pid/status"; } 2>/dev/null
		[ -n "$v" ] || break # gone, or a zombie
		PEAK=$v
		sleep 0.02
	done
	wait "$pid"
	PEAK_RC=$?
}

rss_met=""
threads_peak=""
if [ -x "$THREADS" ]; then
	peak_rss "$SCTRACE" -o "$tmp/threads.scap" -- "$THREADS" "$NTHREADS" 200
	if [ "$PEAK_RC" -eq 0 ] && [ -n "$PEAK" ]; then
		threads_peak=$PEAK
		echo "sctrace peak RSS following $NTHREADS threads alive at once:" \
			"$PEAK KiB ($(awk -v k="$PEAK" 'BEGIN { printf "%.1f", k / 1024 }') MiB;" \
			"capture $(stat -c %s "$tmp/threads.scap") bytes)"
		if [ "$PEAK" -le $((16 * 1024)) ]; then rss_met=MET; else rss_met="NOT MET"; fi
	else
		echo "sctrace peak RSS following $NTHREADS threads: not measured" \
			"(exit $PEAK_RC: $(head -c 300 "$tmp/rss.err"))"
	fi
else
	echo "no $THREADS: sctrace's memory with $NTHREADS threads is not measured"
fi
peak_rss "$SCTRACE" -o "$tmp/loop.scap" -- "$LOOP" "$ITER"
[ "$PEAK_RC" -eq 0 ] && [ -n "$PEAK" ] &&
	echo "sctrace peak RSS on the syscall loop: $PEAK KiB"
echo

# ---- targets -----------------------------------------------------------------

# target WHAT A B FACTOR [NOTE]: "MET"/"NOT MET" whether med[A] <= FACTOR *
# med[B]; NOTE follows a NOT MET
target() {
	local what=$1 a=${med[$2]:-} b=${med[$3]:-} f=$4 note=${5:-}
	if [ -z "$a" ] || [ -z "$b" ]; then
		printf '  %-62s UNKNOWN (a run failed or is missing)\n' "$what"
	elif awk -v a="$a" -v b="$b" -v f="$f" 'BEGIN { exit !(a <= f * b) }'; then
		printf '  %-62s MET     (%sx)\n' "$what" "$(ratio "$2" "$3")"
	else
		printf '  %-62s NOT MET (%sx%s)\n' "$what" "$(ratio "$2" "$3")" "$note"
	fi
}

# same_waits K: a note for a default-against---no-spin miss when the
# default's last run (case K) polled at under 1% of its waits: it then
# waited as --no-spin does, and the ratio is the runs' spread
same_waits() {
	local np total
	read -r np total <<<"${waits[$1]:-}"
	[ -n "${total:-}" ] && [ "$total" -gt 0 ] && [ $((np * 100)) -lt "$total" ] &&
		printf '; polled %s of %s waits: those of --no-spin' "$np" "$total"
}

echo "targets:"
for wn in "${wl_names[@]}"; do
	target "$wn: full capture <= 1.15 x bare ptrace" "idle.$wn.sctrace" "idle.$wn.bare" 1.15
	target "$wn: full capture <= 0.8 x strace -f" "idle.$wn.sctrace" "idle.$wn.strace" 0.8
	target "$wn: filtered capture <= strace --seccomp-bpf -e openat" \
		"idle.$wn.sctrace_filt" "idle.$wn.strace_filt" 1
done
if [ -n "$rss_met" ]; then
	printf '  %-62s %s (%s KiB)\n' "peak RSS with $NTHREADS threads <= 16 MiB" "$rss_met" "$threads_peak"
else
	printf '  %-62s UNKNOWN\n' "peak RSS with $NTHREADS threads <= 16 MiB"
fi
echo "polling never loses (sctrace's default against --no-spin and strace -f):"
for c in $CONDS; do
	for wn in "${wl_names[@]}"; do
		target "$c $wn: default <= 1.05 x --no-spin" "$c.$wn.sctrace" \
			"$c.$wn.sctrace_nospin" 1.05 "$(same_waits "$c.$wn.sctrace")"
		target "$c $wn: default <= strace -f" "$c.$wn.sctrace" "$c.$wn.strace" 1
		# where every syscall stops, polling matters most
		target "$c $wn: stops only, default <= 1.05 x --no-spin" \
			"$c.$wn.sctrace_nobuf" "$c.$wn.sctrace_nobuf_nospin" 1.05 \
			"$(same_waits "$c.$wn.sctrace_nobuf")"
		target "$c $wn: stops only, default <= strace -f" \
			"$c.$wn.sctrace_nobuf" "$c.$wn.strace" 1
	done
done
# (-k turns in-process recording off: a record has no stack; so -k's
# cost is measured against the capture that stops at every syscall too)
echo "user stacks (-k) against the same capture without them (--no-syscall-buffer):"
for wn in "${wl_names[@]}"; do
	if [ "$wn" = tar ]; then
		target "tar: -k <= 2 x sctrace --no-syscall-buffer -o FILE" \
			"idle.tar.sctrace_k" "idle.tar.sctrace_nobuf" 2
	else
		printf '  %-62s %sx (no target)\n' "$wn: sctrace -k -o FILE / --no-syscall-buffer" \
			"$(ratio "idle.$wn.sctrace_k" "idle.$wn.sctrace_nobuf")"
	fi
done
echo "in-process recording (the default; --no-syscall-buffer: stops only):"
for wn in "${wl_names[@]}"; do
	case $wn in
	loop) target "loop: full capture <= 5 x untraced" "idle.loop.sctrace" \
		"idle.loop.untraced" 5 ;;
	tar) target "tar: full capture <= 2 x untraced" "idle.tar.sctrace" \
		"idle.tar.untraced" 2 ;;
	esac
	target "$wn: full capture <= 0.25 x strace -f" "idle.$wn.sctrace" \
		"idle.$wn.strace" 0.25
	printf '  %-62s %sx (no target)\n' "$wn: sctrace -o FILE / --no-syscall-buffer" \
		"$(ratio "idle.$wn.sctrace" "idle.$wn.sctrace_nobuf")"
done
echo "for reference (not targets): full capture over the polling floor"
for wn in "${wl_names[@]}"; do
	printf '  %-62s %sx\n' "$wn: sctrace -o FILE / bare ptrace --poll" \
		"$(ratio "idle.$wn.sctrace" "idle.$wn.bare_poll")"
done
exit 0
