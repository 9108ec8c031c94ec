#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The event lines written without -o: as sysdig shows the same events,
# an open fd with its type and name (fd=3(<f>/etc/hostname)), a failure
# with its errno name (fd=-2(ENOENT)), AT_FDCWD by name, a pipe as <p>;
# and no byte of the tracee's choosing (a program name, a path with an
# escape sequence) reaches the terminal raw; flags and enums by name
# (flags=4097(O_RDONLY|O_CLOEXEC)), addresses in hex.
. "$(dirname "$0")/lib.sh"

d=$TMP/w
mkdir -p "$d"
esc=$(printf '\033')
ln -s /bin/cat "$d/cat${esc}[31mred"
# (the commands' own messages go to /dev/null: only sctrace's lines are looked at)
"$SCTRACE" -- sh -c "exec 2>/dev/null; cat /etc/hostname /nonexistent-file; echo x | cat; '$d/cat${esc}[31mred' '$d/x${esc}[2Jy' </dev/null" \
	</dev/null >/dev/null 2>"$TMP/text.err" || true
line() { grep -E "$1" "$TMP/text.err" | head -n 1; }
expect_match "an open's exit names its new fd" ' < openat fd=3\(<f>/etc/hostname\) dirfd=-100\(AT_FDCWD\) name="/etc/hostname"' \
	"$(line ' < openat fd=3\(<f>/etc/hostname')"
expect_match "a read names the fd it reads" ' > read fd=3\(<f>/etc/hostname\) size=' \
	"$(line ' > read fd=3\(<f>/etc/hostname')"
expect_match "a failed open: fd=-2(ENOENT)" ' < openat fd=-2\(ENOENT\) dirfd=-100\(AT_FDCWD\) name="/nonexistent-file"' \
	"$(line ' < openat .*name="/nonexistent-file"')"
expect_match "a pipe: <p>" ' > read fd=0\(<p>\)' "$(line ' > read fd=0\(<p>\)')"
expect_match "open flags by name" ' < openat fd=3\(<f>/etc/hostname\) .* flags=1\(O_RDONLY\) ' \
	"$(line ' < openat fd=3\(<f>/etc/hostname')"
expect_match "mmap: prot and flags by name, the address in hex" \
	' > mmap addr=0 length=[0-9]+ prot=3\(PROT_READ\|PROT_WRITE\) flags=10\(MAP_PRIVATE\|MAP_ANONYMOUS\) fd=-1\(EPERM\)' \
	"$(line ' > mmap addr=0 .*MAP_ANONYMOUS')"
expect_match "mmap's result in hex" ' < mmap res=[0-9A-F]{8,} ' "$(line ' < mmap res=')"
expect_match "an enum by name: fcntl's cmd, access's mode" ' > access mode=4\(R_OK\)' "$(line ' > access mode=')"
expect_eq "no escape byte of the tracee reaches the output" 0 "$(grep -c "$esc" "$TMP/text.err" || true)"
expect_match "the program name with an escape, escaped" 'cat\\x1b\[31mred \([0-9]+\) ' "$(line 'cat\\x1b')"
finish
