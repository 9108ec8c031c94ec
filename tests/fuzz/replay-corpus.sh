#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make check: replay the fuzz corpus (tests/fuzz/corpus/TARGET/) through
# each fuzz target built with the standalone driver (tests/fuzz/replay.c),
# so the inputs the fuzzers kept are run on every build, with any compiler
# (under ASan+UBSan in a --enable-sanitizers build).
set -euo pipefail

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
rc=0
for target in filter decode; do
	replay=$top_builddir/tests/fuzz/replay_$target
	corpus=$top_srcdir/tests/fuzz/corpus/$target
	if [ ! -x "$replay" ]; then
		echo "ERROR: $replay is not built (make check builds it)"
		exit 99
	fi
	n=$(find "$corpus" -type f | wc -l)
	if [ "$n" -eq 0 ]; then
		echo "ERROR: no inputs in $corpus"
		exit 99
	fi
	echo "$target: $n inputs from $corpus"
	if "$replay" "$corpus"; then
		echo "ok: $target"
	else
		echo "FAIL: $target (exit $?)"
		rc=1
	fi
done
exit $rc
