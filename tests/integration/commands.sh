#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Ordinary commands (coreutils, sh, python3 if installed): each capture is
# readable by sysdig and tshark, the exit status is passed on, and the
# per-syscall counts equal strace's for the same command.  These make many
# syscalls the test programs do not (statx, getdents64, ioctl, fcntl,
# lgetxattr, rt_sigreturn, ...).
. "$(dirname "$0")/lib.sh"

cmd_case() {
	local what=$1 cap
	shift
	cap=$TMP/cmd$((++n)).scap
	trace "$cap" "$@"
	local want=0
	"$@" </dev/null >/dev/null 2>&1 || want=$?
	expect_eq "$what: sctrace exits with the command's status" "$want" "$trace_rc"
	check_readers "$cap"
	check_counts "$what" "$cap" -- "$@"
}
n=0
cmd_case "ls -l /usr" ls -l /usr
cmd_case "cat /etc/passwd" cat /etc/passwd
cmd_case "id" id
cmd_case "date -u" date -u
cmd_case "sh -c 'exit 6'" sh -c 'exit 6'
cmd_case "ls of a missing path" ls /no/such/path
if command -v python3 >/dev/null 2>&1; then
	# The interpreter itself, not a wrapper: pyenv's python3 is a bash
	# script whose reads of command substitutions' pipes vary in number
	# from run to run (a pipe read returns what has been written so far).
	py=$(python3 -c 'import sys; print(sys.executable)')
	cmd_case "python3 -c pass" "$py" -c pass
else
	note "python3 is not installed: not traced"
fi
finish
