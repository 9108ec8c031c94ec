#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Snaplen: the payload of an I/O event is cut at the snaplen (-s, default
# 80) while the result and the size stay the full count.  The program
# (tests/progs/fileio DIR snap) writes the 100 bytes "000102...49" once.
. "$(dirname "$0")/lib.sh"

fileio=$(prog fileio)
payload=$(for i in $(seq 0 49); do printf '%02d' "$i"; done)

# snap_case WHAT SNAPLEN-OPTION... : trace, then check the write's data
snap_case() {
	local what=$1 want_len=$2 cap
	shift 2
	cap=$TMP/snap-$want_len.scap
	mkdir -p "$TMP/d$want_len"
	SCTRACE_OPTS=("$@")
	trace "$cap" "$fileio" "$TMP/d$want_len" snap
	SCTRACE_OPTS=()
	expect_eq "$what: sctrace exits 0" 0 "$trace_rc"
	check_readers "$cap"
	expect_sd "$what: the write keeps res=100 and size=100" \
		"$cap" "evt.type=write and fd.name=$TMP/d$want_len/snap.txt" \
		'%evt.dir %evt.rawres %evt.arg.size %evt.buflen' \
		"> <NA> 100 <NA>
< 100 <NA> 100"
	# the data, whole and exact: sysdig -b prints buffers in base64
	SD_OPTS=(-b)
	expect_sd "$what: the data is exactly the first $want_len bytes" \
		"$cap" "evt.type=write and evt.dir='<' and fd.name=$TMP/d$want_len/snap.txt" \
		'%evt.arg.data' "$(printf '%s' "${payload:0:$want_len}" | base64 -w0)"
	SD_OPTS=()
	# tshark's view of the same parameter: exactly want_len bytes long
	local len
	# (the program's only write: event type 9 is the write exit)
	len=$(tshark -r "$cap" -V -Y "sysdig.event_type == 9" 2>/dev/null |
		awk '/^Sysdig Event$/ { n = 0 } /Parameter length:/ { n++; if (n == 2) print $3 }')
	expect_eq "$what: tshark sees a data parameter of $want_len bytes" "$want_len" "$len"
}

snap_case "default snaplen (80)" 80
snap_case "-s 10" 10 -s 10
snap_case "-s 100 (the whole write)" 100 -s 100
snap_case "-s 1" 1 -s 1
snap_case "-s 0 (no payload at all)" 0 -s 0
finish
