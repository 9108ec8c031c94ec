# SPDX-License-Identifier: GPL-2.0-or-later
# The I/O calls of a traced program, per thread, in a form that is the same
# for an "strace -f -yy -qq -o LOG" log and for a capture read by sysdig, so
# that tests/integration/parity.sh can diff the two.  Usage:
#
#   awk -f parity.awk -v side=strace -v map=syscall-names.txt LOG
#   awk -f parity.awk -v side=sysdig SYSDIG-OUTPUT
#
# SYSDIG-OUTPUT: the enter and exit events of the calls below and of the
# clone family, as printed by
#   sysdig -r CAP -p '*%thread.tid\t%evt.dir\t%evt.type\t%fd.num\t%fd.type\t%evt.rawres\t%evt.res\t%fd.name\t%evt.arg.filename\t%evt.args'
#
# Output: one line per completed call, "LABEL<TAB>SEQ<TAB>TYPE FD NAME RES":
#   LABEL  the thread, named by its place in the process tree, since tids
#          differ from run to run: the first thread is "1", the K-th thread
#          or process that thread L creates (clone, clone3, fork, vfork
#          returning > 0 in L) is "L.K"
#   SEQ    the call's rank in its thread (sort -k1,1 -k2,2n, then cut -f1,3)
#   TYPE   sysdig's event type (strace's name mapped through syscall-names)
#   FD     the fd argument (read, write, close, sendto, recvfrom, connect,
#          dup*: the old fd), "R,W" for pipe, "-" for the others
#   NAME   the file or socket: for openat/open/socket/accept/pipe/dup and the
#          calls on an fd, the fd's name (strace: its -yy annotation; sysdig:
#          fd.name); execve: the path argument, as passed; connect:
#          "->ADDR:PORT", the destination (strace annotates the fd before
#          the call)
#   RES    the return value, or the errno name (ENOENT) for a failure, or
#          ERESTARTSYS &c. for a call a signal interrupted (strace "= ?
#          ERESTARTSYS", sysdig -512); a call that never returned (the
#          process ended) is left out
#
# Normalizations (naming differences, not decoding errors):
#   - file paths go through "realpath -m" on both sides: strace -y prints
#     /proc/PID/fd's target (/usr/lib/x86_64-linux-gnu/libc.so.6), sysdig
#     the path as opened, made absolute (/lib/x86_64-linux-gnu/libc.so.6;
#     /lib is a symlink); strace's " (deleted)" and "<char 1:3>" go
#   - strace's pipe:[INODE] is "<pipe>"; sysdig names pipe fds "" (its
#     fd.type is "pipe"): an empty sysdig name becomes "<FD.TYPE>"
#   - /proc/self/X and /proc/thread-self/X (sysdig: as opened) and
#     /proc/PID/X (strace: the link's target) are all /proc/PID/X
#   - an fd that is not open (close(-1)): strace has no annotation, sysdig
#     an empty name and fd.type <NA>: "<unknown-fd>" on both sides
#   - unix sockets are "<unix>": strace names them by inode
#     (UNIX-STREAM:[INODE]), sysdig by path or by sctrace's stand-in
#     addresses; connect's "->PATH" (sockaddr / tuple) is compared, though
#   - strace's TCP:[INODE] (socket neither bound nor connected) is "<ipv4>"
#     (sysdig: "" with fd.type ipv4)
#   - sysdig 0.29's event table (2022) has no epoll_create/epoll_create1
#     event: sctrace writes a generic event, and sysdig never learns the fd
#     (name "", fd.type <NA>): "<unknown-fd>"; strace's anon_inode:[eventpoll]
#     is "<unknown-fd>" too
#   - ports: the server's port (a connect destination) is SRV, other ports
#     EPH (ephemeral: they differ from run to run), port 0 stays 0
#   - a connected TCP socket: strace prints LOCAL->REMOTE, sysdig always
#     CLIENT->SERVER (also for the server's accepted socket): strace's
#     SRV->EPH tuples are turned around
#   - a bound, unconnected socket (the listening one) is named by its
#     address only: strace prints the port the kernel chose (127.0.0.1:P),
#     sysdig the address passed to bind (127.0.0.1:0)
# mawk-compatible.

BEGIN {
	FS = (side == "sysdig") ? "\t" : " "
	if (side != "strace" && side != "sysdig") {
		print "parity.awk: side must be strace or sysdig" > "/dev/stderr"
		exit 2
	}
	# the calls compared, by sysdig name
	split("openat open read write close connect accept socket pipe dup execve sendto recvfrom",
		t, " ")
	for (i in t)
		wanted[t[i]] = 1
	split("read write close connect sendto recvfrom dup", t, " ")
	for (i in t)
		fdarg[t[i]] = 1
	split("clone clone3 fork vfork", t, " ")
	for (i in t)
		creates[t[i]] = 1
	if (map != "") {
		while ((getline line < map) > 0) {
			sub(/#.*/, "", line)
			if (split(line, f, /[ \t]+/) >= 2 && f[1] != "")
				names[f[1]] = f[2]
		}
		close(map)
	}
	nrec = 0
	root = ""
}

# ---- helpers ---------------------------------------------------------------

# record(TID, TYPE, FD, NAME, RES): a completed call of thread TID
function record(tid, type, fd, name, res) {
	if (root == "")
		root = tid
	nrec++
	rtid[nrec] = tid
	rtype[nrec] = type
	rfd[nrec] = fd
	rname[nrec] = (name == "") ? "\"\"" : name
	rres[nrec] = res
	seq[nrec] = ++nseq[tid]
}

# child(PARENT, CHILD): PARENT's clone family call returned CHILD
function child(parent, c) {
	if (root == "")
		root = parent
	kid[parent, ++nkids[parent]] = c
}

# label(TID): see the header; "?TID" for a thread of unknown origin
function label(tid,    l) {
	return (tid in lab) ? lab[tid] : "?" tid
}

function labelize(tid, l,    k) {
	lab[tid] = l
	for (k = 1; k <= nkids[tid]; k++)
		labelize(kid[tid, k], l "." k)
}

# ann(S): S starts with "<": the text up to the matching ">" (strace's
# annotations nest: 0</dev/null<char 1:3>); ANN_REST is what follows.
function ann(s,    i, d, c) {
	d = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "<")
			d++
		else if (c == ">" && substr(s, i - 1, 1) != "-" && --d == 0) {
			ANN_REST = substr(s, i + 1)
			return substr(s, 2, i - 2)
		}
	}
	ANN_REST = ""
	return substr(s, 2)
}

# fdann(S): S starts with an fd (or AT_FDCWD) and its annotation: sets FDNUM
# and returns the annotation ("<NA>" if there is none).
function fdann(s) {
	if (!match(s, /^(AT_FDCWD|-?[0-9]+)/)) {
		FDNUM = "?"
		ANN_REST = s
		return "<NA>"
	}
	FDNUM = substr(s, 1, RLENGTH)
	s = substr(s, RLENGTH + 1)
	if (substr(s, 1, 1) != "<") {
		ANN_REST = s
		return "<NA>"
	}
	return ann(s)
}

# cstring(S): S starts with a quoted C string (strace): its text (only \"
# and \\ are unescaped: enough for paths).
function cstring(s,    i, c, out) {
	out = ""
	for (i = 2; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\") {
			i++
			out = out substr(s, i, 1)
		} else if (c == "\"")
			break
		else
			out = out c
	}
	return out
}

# normpath(P): P without "//", "." and ".." (lexically, like sysdig does)
function normpath(p,    n, f, i, out, k, st) {
	n = split(p, f, "/")
	k = 0
	for (i = 1; i <= n; i++) {
		if (f[i] == "" || f[i] == ".")
			continue
		if (f[i] == "..") {
			if (k > 0)
				k--
			continue
		}
		st[++k] = f[i]
	}
	out = ""
	for (i = 1; i <= k; i++)
		out = out "/" st[i]
	return (out == "") ? "/" : out
}

# canon(NAME): a file path through realpath -m (cached); others unchanged.
# /proc and /dev are left alone (/proc/self would be the reader's), except
# that /proc/PID, /proc/self and /proc/thread-self are all /proc/PID.
function canon(name,    cmd, r) {
	if (name ~ /^\/proc\/([0-9]+|self|thread-self)(\/|$)/) {
		sub(/^\/proc\/[^\/]+/, "/proc/PID", name)
		return name
	}
	if (name !~ /^\// || name ~ /^\/(proc|dev)(\/|$)/)
		return name
	if (name in canoned)
		return canoned[name]
	r = name
	gsub(/'/, "'\\''", r)
	cmd = "realpath -m -- '" r "'"
	r = ""
	cmd | getline r
	close(cmd)
	if (r == "")
		r = name
	canoned[name] = r
	return r
}

# port(P): SRV, EPH or 0
function port(p) {
	return (p == "0") ? "0" : (p in srvport) ? "SRV" : "EPH"
}

# netname(NAME): the address/port normalizations of the header
function netname(name,    a, b, pa, pb, x) {
	if (name ~ /^->[0-9.]+:[0-9]+$/) {
		sub(/:[0-9]+$/, ":SRV", name)	# a connect destination
		return name
	}
	if (name ~ /^[0-9.]+:[0-9]+->[0-9.]+:[0-9]+$/) {
		split(name, x, "->")
		a = x[1]
		b = x[2]
		pa = a
		sub(/.*:/, "", pa)
		pb = b
		sub(/.*:/, "", pb)
		sub(/:[0-9]+$/, "", a)
		sub(/:[0-9]+$/, "", b)
		if (side == "strace" && (pa in srvport) && !(pb in srvport))
			return b ":" port(pb) "->" a ":" port(pa)
		return a ":" port(pa) "->" b ":" port(pb)
	}
	if (name ~ /^[0-9.]+:[0-9]+$/)
		sub(/:[0-9]+$/, "", name)
	return name
}

# ---- strace -f -yy -qq ------------------------------------------------------

side == "strace" {
	if (!match($0, /^[0-9]+ +/))
		next
	pid = $1
	rest = substr($0, RLENGTH + 1)
	# a call interrupted by another thread's line: "NAME(ARGS <unfinished
	# ...>" first, then "<... NAME resumed>ARGS) = RES"
	if (rest ~ /^<\.\.\. [a-z_0-9]+ resumed>/) {
		if (!(pid in pend))
			next
		sub(/^<\.\.\. [a-z_0-9]+ resumed>/, "", rest)
		rest = pend[pid] rest
		delete pend[pid]
	} else if (rest ~ / <unfinished \.\.\.>$/) {
		sub(/ <unfinished \.\.\.>$/, "", rest)
		pend[pid] = rest
		if (root == "")
			root = pid
		next
	}
	if (!match(rest, /^[a-z_0-9]+\(/))
		next	# --- signals ---, +++ exits +++
	sc = substr(rest, 1, RLENGTH - 1)
	type = (sc in names) ? names[sc] : sc
	s = substr(rest, RLENGTH + 1)
	if (root == "")
		root = pid
	if (!(type in wanted) && !(type in creates))
		next

	# the result, from the end: " = RES<ANNOTATION> ERRNO (message)"
	err = ""
	if (match(s, / E[A-Z0-9]+ \([^()]*\)$/)) {
		err = substr(s, RSTART + 1)
		sub(/ .*/, "", err)
		s = substr(s, 1, RSTART - 1)
	}
	rann = ""
	if (s ~ />$/) {
		# the annotation of the returned fd: find its "<"
		d = 0
		for (i = length(s); i > 0; i--) {
			c = substr(s, i, 1)
			if (c == ">" && substr(s, i - 1, 1) != "-")
				d++
			else if (c == "<" && --d == 0)
				break
		}
		rann = substr(s, i + 1, length(s) - i - 1)
		s = substr(s, 1, i - 1)
	}
	if (!match(s, /\) *= [^ ]+$/))
		next
	res = substr(s, RSTART)
	sub(/.* /, "", res)
	args = substr(s, 1, RSTART - 1)
	if (res == "?" && err ~ /^ERESTART/)
		res = err	# interrupted by a signal (sysdig: -512 ERESTARTSYS)
	else if (res == "?")
		next	# never returned (the process ended)
	else if (res == "-1" && err != "")
		res = err

	if (type in creates) {
		if (res + 0 > 0)
			child(pid, res)
		next
	}

	fd = "-"
	if (type in fdarg) {
		name = fdann(args)
		fd = FDNUM
		if (type == "connect") {
			if (match(args, /sin_port=htons\([0-9]+\), sin_addr=inet_addr\("[0-9.]+"\)/)) {
				a = substr(args, RSTART, RLENGTH)
				p = a
				sub(/^sin_port=htons\(/, "", p)
				sub(/\).*/, "", p)
				sub(/.*inet_addr\("/, "", a)
				sub(/".*/, "", a)
				name = "->" a ":" p
				srvport[p] = 1
			} else if (match(args, /sun_path=@?"/))
				name = "->" cstring(substr(args, RSTART + RLENGTH - 1))
			else
				name = "?"
			# a failed connect has no tuple (the libs 0.25 driver's)
			if (res != "0" && res != "EINPROGRESS")
				name = "NULL"
		}
	} else if (type == "openat" || type == "open") {
		if (rann != "")
			name = rann
		else {
			dir = ""
			if (type == "openat") {
				dir = fdann(args)
				args = ANN_REST
				sub(/^, /, "", args)
			}
			name = cstring(args)
			if (name !~ /^\// && dir != "<NA>")
				name = dir "/" name
			name = normpath(name)
		}
	} else if (type == "execve")
		name = cstring(args)
	else if (type == "pipe") {
		name = "<NA>"
		if (match(args, /^\[[0-9]+</)) {
			fd = substr(args, 2, RLENGTH - 2)
			name = ann(substr(args, RLENGTH))
			if (match(ANN_REST, /^, [0-9]+/))
				fd = fd "," substr(ANN_REST, 3, RLENGTH - 2)
		}
	} else	# socket, accept
		name = (rann != "") ? rann : "<NA>"

	sub(/<(char|block) [0-9]+:[0-9]+>$/, "", name)
	sub(/ \(deleted\)$/, "", name)
	if (name == "<NA>")
		name = "<unknown-fd>"	# not an open fd
	else if (name ~ /^UNIX(-STREAM|-DGRAM|-SEQPACKET)?:\[/)
		name = "<unix>"
	else if (name ~ /^pipe:\[[0-9]+\]$/)
		name = "<pipe>"
	else if (name ~ /^(TCP|UDP):\[[0-9]+\]$/)
		name = "<ipv4>"
	else if (name ~ /^(TCPv6|UDPv6):\[[0-9]+\]$/)
		name = "<ipv6>"
	else if (name == "anon_inode:[eventpoll]")
		name = "<unknown-fd>"
	else if (name ~ /^(TCP|UDP|TCPv6|UDPv6):\[.*\]$/) {
		sub(/^[A-Zv6]+:\[/, "", name)
		sub(/\]$/, "", name)
	}
	record(pid, type, fd, name, res)
	next
}

# ---- sysdig -------------------------------------------------------------------
# $1 tid, $2 dir, $3 type, $4 fd.num, $5 fd.type, $6 rawres, $7 res,
# $8 fd.name, $9 evt.arg.filename, $10 evt.args

side == "sysdig" {
	tid = $1
	type = $3
	if (root == "")
		root = tid
	if ($2 == ">") {
		efd[tid] = $4
		efile[tid] = $9
		next
	}
	if (type in creates) {
		if ($6 + 0 > 0)
			child(tid, $6)
		next
	}
	if (!(type in wanted))
		next
	res = ($6 ~ /^-[0-9]+$/) ? $7 : $6
	name = $8
	if (name == "")
		name = ($5 == "<NA>") ? "<unknown-fd>" : "<" $5 ">"
	fd = "-"
	if (type in fdarg)
		fd = (tid in efd) ? efd[tid] : "?"
	if (type == "connect" && $5 == "unix") {
		if (name ~ / /)
			sub(/^[^ ]* /, "->", name)
	} else if ($5 == "unix")
		name = "<unix>"
	else if (type == "connect") {
		if (name ~ /->/) {
			sub(/^.*->/, "->", name)
			p = name
			sub(/.*:/, "", p)
			srvport[p] = 1
		}
	} else if (type == "execve")
		name = (tid in efile) ? efile[tid] : "?"
	else if (type == "pipe") {
		a = $10
		if (match(a, /fd1=-?[0-9]+/)) {
			fd = substr(a, RSTART + 4, RLENGTH - 4)
			if (match(a, /fd2=-?[0-9]+/))
				fd = fd "," substr(a, RSTART + 4, RLENGTH - 4)
		}
	}
	delete efd[tid]
	delete efile[tid]
	record(tid, type, fd, name, res)
	next
}

END {
	if (root == "")
		exit 0
	labelize(root, "1")
	for (i = 1; i <= nrec; i++) {
		name = rname[i]
		if (rtype[i] != "execve")	# (the path as passed)
			name = canon(netname(name))
		printf "%s\t%d\t%s %s %s %s\n", label(rtid[i]), seq[i], rtype[i], rfd[i], name, rres[i]
	}
}
