#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Both capture modes (README "How it works"): every other suite runs
# sctrace as it is by default, with in-process recording for launched,
# dynamically linked programs.  This one runs the suites that compare a
# capture with strace (parity, counts and paths), with what a program did
# (files, pipes, threads, processes, sockets, exits) and the decoding
# fidelity suite once more with --no-syscall-buffer, every syscall
# stopping: both modes must pass the same checks.
. "$(dirname "$0")/lib.sh"

# an sctrace that stops at every syscall, for the suites' own SCTRACE
wrapper=$TMP/sctrace-stops-only
printf '#!/bin/sh\nexec "%s" --no-syscall-buffer "$@"\n' "$SCTRACE" >"$wrapper"
chmod +x "$wrapper"

"$wrapper" -v -o "$TMP/probe.scap" -- "$(prog recorded)" "$TMP" </dev/null \
	>/dev/null 2>"$TMP/probe.err" || true
expect_eq "the wrapper's sctrace records nothing in-process" "" \
	"$(grep 'recorded in-process' "$TMP/probe.err")"

here=$(cd "$(dirname "$0")" && pwd)
for suite in integration/parity integration/files integration/pipes \
	integration/threads integration/procs integration/net \
	integration/exit fidelity/run; do
	rc=0
	SCTRACE=$wrapper SCTRACE_NO_RECORDER=1 bash "$here/../$suite.sh" \
		>"$TMP/suite.log" 2>&1 || rc=$?
	case $rc in
	0) pass "--no-syscall-buffer: $suite.sh passes ($(grep -c '^ok' "$TMP/suite.log") checks)" ;;
	77) note "skip: --no-syscall-buffer: $suite.sh skipped: $(tail -n 1 "$TMP/suite.log")" ;;
	*) fail "--no-syscall-buffer: $suite.sh failed (exit $rc):"
	   grep -E -A4 '^(FAIL|ERROR)' "$TMP/suite.log" | head -n 30 | sed 's/^/      /' ;;
	esac
done

finish
