#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The bash completion (contrib/bash-completion/sctrace), loaded on top of
# Debian's bash-completion: options, filter fields from "sctrace -l",
# event types from "sctrace -L" after evt.type=, the command after "--".
. "$(dirname "$0")/lib.sh"

bc=/usr/share/bash-completion/bash_completion
[ -r "$bc" ] || skip_test "no $bc (Debian package bash-completion)"
comp=$top_srcdir/contrib/bash-completion/sctrace

# complete WORDS...: what the completion offers for the last word
complete_words() {
	bash -c '
		source "$1" && source "$2" || exit 1
		PATH=$(dirname "$3"):$PATH
		shift 3
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_sctrace 2>/dev/null
		printf "%s\n" "${COMPREPLY[@]}" | sort -u | tr "\n" " " | sed "s/ $//"' \
		_ "$bc" "$comp" "$SCTRACE" "$@"
}

expect_eq "an option" "--summary" "$(complete_words sctrace --summ)"
expect_eq "the newer options too" "--stack-trace" "$(complete_words sctrace --stack)"
expect_eq "a filter field (from sctrace -l)" "proc.pid proc.pname proc.ppid" \
	"$(complete_words sctrace -o x.scap proc.p)"
expect_eq "after 'and': a field" "fd.name fd.num fd.type" "$(complete_words sctrace evt.type=openat and fd.)"
expect_eq "an event type after evt.type= (from sctrace -L)" "evt.type=openat evt.type=openat2" \
	"$(complete_words sctrace evt.type=opena)"
expect_match "after --: the command" '(^| )true( |$)' "$(complete_words sctrace -- tru)"
expect_match "after -p: process ids" '(^| )1( |$)' "$(complete_words sctrace -p '')"
finish
