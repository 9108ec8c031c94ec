#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Decoding coverage report: for each x86_64 syscall (syscalls/x86_64.tbl,
# abi common and 64), whether sctrace writes it as a dedicated event
# (syscalls/decode.tbl) or as the generic pair, and whether a fidelity test
# (tests/fidelity/*.c, its FX(syscall, ...) or FXN() expectations)
# exercises it.  Columns: number, name, dedicated or generic, the event
# written, the event written with --old-readers ("(same)" when it is the
# same), tested or -.
#
# usage: coverage.sh [-q]     -q: only the summary and the gaps
# Exit status: 0, or 1 when a dedicated syscall has no fidelity test.

set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=$(cd "${top_srcdir:-$here/../..}" && pwd)
quiet=${1:-}

awk -v quiet="$quiet" '
	FILENAME ~ /events\.tbl$/ {
		if ($0 !~ /^#/)
			code[$2] = $1 + 0
		next
	}
	FILENAME ~ /decode\.tbl$/ {
		if ($0 !~ /^#/ && NF >= 4)
			dedicated[$1] = $2
		next
	}
	FILENAME ~ /\.c$/ {
		# FX(name, "type dir", ...) and FXN(...) expectations
		line = $0
		while (match(line, /FXN?\([a-z0-9_]+,/)) {
			k = substr(line, RSTART, RLENGTH)
			sub(/^FXN?\(/, "", k)
			tested[substr(k, 1, length(k) - 1)] = 1
			line = substr(line, RSTART + RLENGTH)
		}
		next
	}
	FILENAME ~ /x86_64\.tbl$/ {
		if ($0 ~ /^#/ || ($2 != "common" && $2 != "64"))
			next
		n++
		name = $3
		kind = (name in dedicated) ? "dedicated" : "generic"
		t = (name in tested) ? "tested" : "-"
		if (kind == "dedicated") {
			nd++
			if (t == "tested")
				ndt++
			else
				gaps = gaps " " name
		} else if (t == "tested") {
			ngt++
		}
		ev = (name in dedicated) ? dedicated[name] : "GENERIC"
		# what --old-readers writes: the NAME@old row, or generic for
		# an event newer than the 2022 table (codes from 336 on)
		old = ev
		if ((name "@old") in dedicated)
			old = dedicated[name "@old"]
		else if (ev != "GENERIC" && code[ev "_E"] >= 336)
			old = "GENERIC"
		if (quiet == "")
			printf "%-4d %-24s %-10s %-26s %-26s %s\n", $1, name, kind,
			       ev, old == ev ? "(same)" : old, t
	}
	END {
		if (gaps != "")
			printf "dedicated but not tested:%s\n", gaps
		printf "coverage: %d x86_64 syscalls: %d dedicated (%d of them tested by a fidelity test), %d generic (%d tested)\n",
		       n, nd, ndt, n - nd, ngt
		exit gaps != "" ? 1 : 0
	}
' FS='[ \t]+' "$top_srcdir/syscalls/events.tbl" "$top_srcdir/syscalls/decode.tbl" \
	"$top_srcdir"/tests/fidelity/*.c \
	"$top_srcdir/syscalls/x86_64.tbl"
