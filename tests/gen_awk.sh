#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# syscalls/gen.awk rejects a decode.tbl row whose sources do not match the
# ops of src/decode_ops.h (a missing operand used to become 0 silently),
# with a message naming the row and the parameter.
# Environment: top_srcdir (set by make check), AWK (default awk).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=$(cd "${top_srcdir:-$here/..}" && pwd)
AWK=${AWK:-awk}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sctrace-gen.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
failed=0

# gen ROW-SED-EXPR [EVENTS-SED-EXPR]: decode_c of decode.tbl (and
# events.tbl) edited by the sed expressions
gen() {
	mkdir -p "$TMP/syscalls"
	sed "$1" "$top_srcdir/syscalls/decode.tbl" > "$TMP/syscalls/decode.tbl"
	sed "${2:-}" "$top_srcdir/syscalls/events.tbl" > "$TMP/syscalls/events.tbl"
	"$AWK" -v what=decode_c -f "$top_srcdir/syscalls/gen.awk" \
		"$top_srcdir/src/decode_ops.h" "$TMP/syscalls/events.tbl" \
		"$TMP/syscalls/decode.tbl" > "$TMP/out.c" 2> "$TMP/err"
}

# accept NAME SED-EXPR
accept() {
	if ! gen "$2"; then
		echo "FAIL: $1: rejected:"; sed 's/^/      /' "$TMP/err"; failed=1
	fi
}

# reject NAME SED-EXPR MESSAGE-REGEX [EVENTS-SED-EXPR]
reject() {
	if gen "$2" "${4:-}"; then
		echo "FAIL: $1: accepted"; failed=1
	elif ! grep -Eq "$3" "$TMP/err"; then
		echo "FAIL: $1: message does not match /$3/:"
		sed 's/^/      /' "$TMP/err"; failed=1
	else
		echo "ok: $1: $(cat "$TMP/err")"
	fi
}

accept "the table as it is" ''
accept "an operand name" 's/^\(getrlimit\t.*\)rlimit(a1,cur,ret)/\1rlimit(a1,0,ret)/'
reject "missing operand" 's/^\(read\t.*\)data=buf(a1,ret)/\1data=buf(a1)/' \
	'decode\.tbl:[0-9]+: read, exit param data: .buf\(a1\). has 1 operand, buf\(\) takes 2'
reject "missing optional-range operand" 's/^\(getrlimit\t.*\)rlimit(a1,cur,ret)/\1rlimit(a1)/' \
	'getrlimit, exit param cur: .rlimit\(a1\). has 1 operand, rlimit\(\) takes 2 to 3'
reject "bare op that needs operands" 's/^\(read\t.*\)data=buf(a1,ret)/\1data=buf/' \
	'read, exit param data: .buf. has 0 operands, buf\(\) takes 2'
reject "too many operands" 's/^\(open\t.*\)dev=dev(ret)/\1dev=dev(ret,a0)/' \
	'open, exit param dev: .dev\(ret,a0\). has 2 operands, dev\(\) takes 1'
reject "unknown op" 's/^\(close\t.*\)fd=a0/\1fd=frob(a0)/' \
	"close, enter param fd: unknown op 'frob'"
reject "unknown operand name" 's/^\(getrlimit\t.*\)rlimit(a1,cur,ret)/\1rlimit(a1,cux,ret)/' \
	"getrlimit, exit param cur: 'cux' is not an operand name of rlimit"
reject "operand name of another op" 's/^\(poll\t.*\)pollfds(a0,a1,events)/\1pollfds(a0,a1,cur)/' \
	"poll, enter param fds: 'cur' is not an operand name of pollfds"
reject "call is not an op" 's/^\(close\t.*\)fd=a0/\1fd=call(a0)/' \
	"close, enter param fd: unknown op 'call'"
reject "bad decoder name" 's/^\(bpf@old\t.*\)res_or_fd=@bpf/\1res_or_fd=@Bpf/' \
	"bpf@old, exit param res_or_fd: bad decoder name '@Bpf'"
reject "an @old row with a newer event" 's/^dup2@old\tSYSCALL_DUP\t/dup2@old\tSYSCALL_DUP_1\t/' \
	'dup2@old: an @old row must name an event of the 2022 table'
reject "an @old row without its row" 's/^dup2\tSYSCALL_DUP2\t.*//' \
	'dup2@old has no row for the newest readers'

# events.tbl: never more params than libs 0.25 or libs 0.21 reads
reject "more params written than libs 0.21 has" '' \
	'SOCKET_SOCKET_X: writes 5 params, libs 0.21 converts this type and has 4' \
	's/^\(19\tSOCKET_SOCKET_X\t[^\t]*\t[^\t]*\t4\t[^\t]*\t\)4\t/\15\t/'
reject "more params written than libs 0.25 has" '' \
	'SYSCALL_OPENAT_2_X: writes 8 params, libs 0.25 has 7' \
	's/^\(307\tSYSCALL_OPENAT_2_X\t[^\t]*\t[^\t]*\t\)7\t\([^\t]*\)\t7\t/\18\t\2\t8\t/'
reject "an event libs 0.21 does not have" \
	's/^close\tSYSCALL_CLOSE\t.*/close\tSYSCALL_CLOSE_RANGE\t-\t-/' \
	'SYSCALL_CLOSE_RANGE is not in libs 0.21' \
	's/^\(45[01]\tSYSCALL_CLOSE_RANGE_[EX]\t[^\t]*\t[^\t]*\t-\t-\t\)[0-9]*\t.*/\10/'
reject "a count libs 0.25 does not convert" '' \
	'SYSCALL_EXECVE_19_X: writes 21 params, libs 0.25 converts only 18,19,20,23,26,27,28,29,30 or 31' \
	's/^\(293\tSYSCALL_EXECVE_19_X\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t\)30\t/\121\t/'
exit $failed
