# SPDX-License-Identifier: GPL-2.0-or-later
# Turns the syscalls/*.tbl data files into C.  One script, four outputs:
#   awk -v what=events_h -f gen.awk events.tbl                  > events_gen.h
#   awk -v what=events_c -f gen.awk events.tbl ppm_sc.tbl       > events_gen.c
#   awk -v what=decode_c -f gen.awk ../src/decode_ops.h events.tbl decode.tbl > decode_gen.c
#   awk -v what=decode_h -f gen.awk ../src/decode_ops.h events.tbl decode.tbl > decode_gen.h
#   awk -v what=sysent_c -v arch=ARCH -f gen.awk ppm_sc.tbl decode.tbl aliases.tbl ARCH.tbl > sysent_ARCH.c
#   awk -v what=sysent_h -v arch=ARCH -f gen.awk ARCH.tbl      > sysent_ARCH.h
# Every check fails the build with a message naming the file and line.
#
# Per-architecture data:
# - aliases.tbl rows may name the architectures they apply to (third column,
#   comma-separated); rows without one apply to every architecture.
# - decode.tbl is joined by syscall name; a row named "NAME@ARCH" replaces
#   the row "NAME" on that architecture only (for calls whose arguments sit
#   in other registers there, e.g. a 64-bit offset split over two).  A row
#   "NAME@old" is the row "NAME" for old readers (--old-readers), an event
#   of the 2022 table: it becomes the decoder's "old" twin.
# - Numbers of SPARSE_MIN and above (ARM's private calls at 0x0f0000 + n)
#   go to a short sorted list, sct_sysent_extra_ARCH, not the dense array.

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
	exit 1
}

function base(path,    n, parts) {
	n = split(path, parts, "/")
	return parts[n]
}

# One operand of op fn: a0..a5, ret, a literal or a K name of fn's handler.
function operand(s, fn, where) {
	if (s ~ /^a[0-5]$/)
		return "{ SCT_O_ARG, " substr(s, 2) " }"
	if (s == "ret")
		return "{ SCT_O_RET, 0 }"
	if (s ~ /^-?[0-9]+$/)
		return "{ SCT_O_LIT, " s " }"
	if (s ~ /^[a-z][a-z0-9_]*$/) {
		if (!((op_handler[fn] SUBSEP s) in k_name))
			fail(where ": '" s "' is not an operand name of " fn "() (K entries of decode_ops.h)")
		return "{ SCT_O_LIT, " k_name[op_handler[fn], s] " }"
	}
	fail(where ": bad operand '" s "'")
}

function plural(n, word) {
	return n " " word (n == 1 ? "" : "s")
}

# Parse "expr" of decode.tbl into a C initialiser of struct sct_src,
# checked against the ops of decode_ops.h.
function src(expr, where,    fn, inner, n, ops, i, out, want) {
	if (expr ~ /^(a[0-5]|ret|-?[0-9]+)$/)
		return "{ SCT_OP_VAL, { " operand(expr, "val", where) " } }"
	if (expr ~ /^[a-z][a-z0-9_]*$/) {
		fn = expr
		n = 0
	} else if (expr ~ /^[a-z][a-z0-9_]*\([^()]*\)$/) {
		fn = substr(expr, 1, index(expr, "(") - 1)
		inner = substr(expr, index(expr, "(") + 1)
		inner = substr(inner, 1, length(inner) - 1)
		n = split(inner, ops, ",")
	} else
		fail(where ": bad source '" expr "'")
	if (!(fn in op_min) || fn == "call")
		fail(where ": unknown op '" fn "' (not in src/decode_ops.h)")
	if (n < op_min[fn] || n > op_max[fn]) {
		want = op_min[fn] == op_max[fn] ? op_min[fn] : op_min[fn] " to " op_max[fn]
		fail(where ": '" expr "' has " plural(n, "operand") ", " fn "() takes " want)
	}
	out = "{ SCT_OP_" toupper(fn) ", { "
	if (!n)
		out = out "{ 0 }"
	for (i = 1; i <= n; i++)
		out = out (i > 1 ? ", " : "") operand(ops[i], fn, where)
	return out " } }"
}

# "@name": a call of the named decoder sct_decode_name(), which tells this
# parameter by SCT_P_NAME_<E|X>_<PARAM> (decode_gen.h).
function named(dec, pname, at_exit, i, where,    key, val) {
	if (dec !~ /^[a-z][a-z0-9_]*$/)
		fail(where ": bad decoder name '@" dec "'")
	if (!(dec in named_idx)) {
		named_idx[dec] = nnamed
		named_name[nnamed++] = dec
	}
	key = toupper(dec) "_" (at_exit ? "X" : "E") "_" toupper(pname)
	val = "SCT_PARAM(" at_exit ", " i - 1 ")"
	if ((key in pconst) && pconst[key] != val)
		fail(where ": @" dec " has " pname " at another position on another row")
	if (!(key in pconst))
		pconst_list[npconst++] = key
	pconst[key] = val
	return "{ SCT_OP_CALL, { { SCT_O_LIT, " named_idx[dec] " } } }"
}

# Emit the sources of one side; check names and count against the schema.
function side(list, ev, label,    n, items, i, eq, pname, expr, out, where) {
	if (list == "-")
		n = 0
	else
		n = split(list, items, " ")
	if (n != ev_nparams[ev])
		fail(label " of " $1 ": " n " params, but " ev_ident[ev] " has " ev_nparams[ev])
	out = ""
	for (i = 1; i <= n; i++) {
		eq = index(items[i], "=")
		if (!eq)
			fail("'" items[i] "' is not name=source")
		pname = substr(items[i], 1, eq - 1)
		expr = substr(items[i], eq + 1)
		if (pname != ev_pname[ev, i])
			fail(label " param " i " of " $1 " is '" pname "', schema says '" ev_pname[ev, i] "'")
		where = $1 ", " label " param " pname
		if (substr(expr, 1, 1) == "@")
			out = out "\t" named(substr(expr, 2), pname, label == "exit", i, where) ",\n"
		else
			out = out "\t" src(expr, where) ",\n"
	}
	return out
}

# C identifier for a decode.tbl name ("pread64@i386" -> "pread64_at_i386")
function ident(name,    id) {
	id = name
	gsub(/@/, "_at_", id)
	return id
}

BEGIN {
	FS = "\t"; ndec = 0; nevents = 0; nsc = 0; nsys = 0; nextra = 0
	nnamed = 0; npconst = 0; nops = 0
	SPARSE_MIN = 4096
	MAX_PARAMS = 32		# SCT_MAX_PARAMS, libs' PPM_MAX_EVENT_PARAMS
	OLD_EVENT_MAX = 336	# SCT_OLD_EVENT_MAX
}

# src/decode_ops.h: X(NAME, MIN, MAX, handler), XLAT(NAME, fn), K(HANDLER, NAME, v)
base(FILENAME) == "decode_ops.h" {
	if ($0 !~ /^[ \t]*(X|XLAT|K)\(/)
		next
	line = $0
	sub(/^[ \t]*/, "", line)
	kind = substr(line, 1, index(line, "(") - 1)
	line = substr(line, index(line, "(") + 1)
	line = substr(line, 1, index(line, ")") - 1)
	gsub(/[ \t]/, "", line)
	nf = split(line, opf, ",")
	if (kind == "X" && nf == 4) {
		op_min[tolower(opf[1])] = opf[2] + 0
		op_max[tolower(opf[1])] = opf[3] + 0
		op_handler[tolower(opf[1])] = toupper(opf[4])
	} else if (kind == "XLAT" && nf == 2) {
		op_min[tolower(opf[1])] = op_max[tolower(opf[1])] = 1
		op_handler[tolower(opf[1])] = "XLAT"
	} else if (kind == "K" && nf == 3)
		k_name[opf[1], tolower(opf[2])] = "SCT_K_" opf[1] "_" opf[2]
	else
		fail("cannot parse '" $0 "'")
	nops++
	next
}

/^#/ || /^[ \t]*$/ { next }

# code ident name flags libs021 conv written params...: see the header of events.tbl
base(FILENAME) == "events.tbl" {
	code = $1 + 0
	if (code != nevents)
		fail("event codes must be dense and in order: expected " nevents)
	if ($2 !~ (code % 2 ? "_X$" : "_E$"))
		fail("event " code " (" $2 "): an even code is an enter (_E), an odd one an exit (_X)")
	ev_ident[code] = $2
	ev_name[code] = $3
	ev_flags[code] = $4
	ev_nall[code] = NF - 7
	if (ev_nall[code] > MAX_PARAMS)
		fail("event " $2 " has " ev_nall[code] " params, more than " MAX_PARAMS)
	if ($5 == "-")
		ev_021[code] = -1
	else if ($5 ~ /^[0-9]+$/)
		ev_021[code] = $5 + 0
	else
		fail("libs021 of " $2 " must be a count or -")
	if ($6 != "-" && $6 !~ /^[0-9]+(,[0-9]+)*$/)
		fail("conv of " $2 " must be a list of counts or -")
	if ($7 !~ /^[0-9]+$/)
		fail("written of " $2 " must be a count")
	w = $7 + 0
	# never more params than libs 0.25 (it aborts) nor, for a type libs
	# 0.21 converts, than 0.21 (it aborts; other types it reads)
	if (w > ev_nall[code])
		fail($2 ": writes " w " params, libs 0.25 has " ev_nall[code])
	if ($4 ~ /CONV021/ && w > ev_021[code])
		fail($2 ": writes " w " params, libs 0.21 converts this type and has " ev_021[code])
	# a type libs 0.25 converts: only the counts it converts, or a
	# whole exit
	if ($6 != "-" && index("," $6 ",", "," w ",") == 0 &&
	    !(code % 2 && w == ev_nall[code]))
		fail($2 ": writes " w " params, libs 0.25 converts only " $6 (code % 2 ? " or " ev_nall[code] : ""))
	ev_nparams[code] = w
	ev_by_ident[$2] = code
	for (i = 8; i <= NF; i++) {
		if (split($i, pt, ":") != 2 || pt[1] !~ /^[A-Za-z_][A-Za-z0-9_]*$/ || pt[2] !~ /^[A-Z0-9_]+$/)
			fail("param '" $i "' of " $2 " is not name:TYPE")
		ev_pname[code, i - 7] = pt[1]
		ev_ptype[code, i - 7] = pt[2]
	}
	nevents++
	next
}

base(FILENAME) == "ppm_sc.tbl" {
	if ($2 in sc_code)
		fail("duplicate PPM_SC name " $2)
	sc_code[$2] = $1
	sc_list[nsc++] = $1 "\t" $2
	next
}

base(FILENAME) == "decode.tbl" {
	if (NF != 4)
		fail("expected 4 tab-separated columns, got " NF)
	if ($1 !~ /^[a-z_][a-z0-9_]*(@[a-z0-9_]+)?$/)
		fail("bad syscall name '" $1 "' (NAME or NAME@ARCH)")
	if ($1 in dec_index)
		fail("duplicate syscall " $1)
	dec_index[$1] = ndec
	dec_name[ndec] = $1
	if (!(($2 "_E") in ev_by_ident) && (what == "decode_c" || what == "decode_h"))
		fail("unknown event " $2 "_E")
	if (what == "decode_c" || what == "decode_h") {
		if (!nops)
			fail("src/decode_ops.h must be read before decode.tbl")
		e = ev_by_ident[$2 "_E"]
		if (ev_by_ident[$2 "_X"] != e + 1)
			fail($2 "_X must follow " $2 "_E")
		if (ev_021[e] < 0 || ev_021[e + 1] < 0)
			fail($2 " is not in libs 0.21's event table: Stratoshark 1.x would not read it")
		dec_ev[ndec] = e
		if ($1 ~ /@old$/ && e >= OLD_EVENT_MAX)
			fail($1 ": an @old row must name an event of the 2022 table (code below " OLD_EVENT_MAX ")")
		dec_enter[ndec] = side($3, e, "enter")
		dec_exit[ndec] = side($4, e + 1, "exit")
	}
	ndec++
	next
}

base(FILENAME) == "aliases.tbl" {
	# kernel name -> the name libs' PPM_SC list uses for it [, arches]
	if (NF != 2 && NF != 3)
		fail("expected 2 or 3 tab-separated columns, got " NF)
	if (nsc && !($2 in sc_code))
		fail("alias target " $2 " is not in ppm_sc.tbl")
	if (NF == 3 && index("," $3 ",", "," arch ",") == 0)
		next
	if ($1 in alias)
		fail("two aliases for " $1 " on " arch)
	alias[$1] = $2
	next
}

{
	# ARCH.tbl: nr abi name
	if (what != "sysent_c" && what != "sysent_h")
		fail("unexpected file")
	if (NF != 3 || $1 !~ /^[0-9]+$/)
		fail("expected nr, abi and name, tab-separated")
	nr = $1 + 0
	if ($2 == "x32")
		next
	if (nr in sys_name)
		fail("duplicate number " nr)
	if ($3 in sys_seen)
		fail("duplicate name " $3)
	sys_seen[$3] = 1
	sys_name[nr] = $3
	if (nr >= SPARSE_MIN) {
		if (nextra && nr < extra_nr[nextra - 1])
			fail("numbers from " SPARSE_MIN " on must be in order")
		extra_nr[nextra++] = nr
	} else if (nr + 1 > nsys)
		nsys = nr + 1
	next
}

# One initialiser of struct sct_sysent for the syscall named n.
function sysent(n,    sc, code, d) {
	sc = n in alias ? alias[n] : n
	code = sc in sc_code ? sc_code[sc] : 0
	if ((n "@" arch) in dec_index)
		d = dec_index[n "@" arch]
	else
		d = n in dec_index ? dec_index[n] : -1
	return sprintf("{ \"%s\", %d, %d }", n, code, d)
}

END {
	if (failed)
		exit 1
	print "/* Generated by syscalls/gen.awk (" what ") from the syscalls/ tables; do not edit. */"
	if (what == "events_h") {
		print "#ifndef SCTRACE_EVENTS_GEN_H"
		print "#define SCTRACE_EVENTS_GEN_H"
		print "enum sct_event_type {"
		for (i = 0; i < nevents; i++)
			printf "\tSCT_EV_%s = %d,\n", ev_ident[i], i
		print "};"
		printf "#define SCT_EVENT_MAX %d\n", nevents
		print "#endif"
	} else if (what == "events_c") {
		print "#include \"config.h\""
		print "#include \"schema.h\""
		print ""
		for (i = 0; i < nevents; i++) {
			if (!ev_nall[i])
				continue
			printf "static const struct sct_event_param p%d[] = {\n", i
			for (j = 1; j <= ev_nall[i]; j++)
				printf "\t{ \"%s\", SCT_PT_%s },\n", ev_pname[i, j], ev_ptype[i, j]
			print "};"
		}
		print ""
		print "const struct sct_event_info sct_events[SCT_EVENT_MAX] = {"
		for (i = 0; i < nevents; i++) {
			fl = ev_flags[i]
			f = "0"
			if (fl ~ /UNUSED/) f = f " | SCT_EF_UNUSED"
			if (fl ~ /OLD/) f = f " | SCT_EF_OLD"
			if (fl ~ /LARGE/) f = f " | SCT_EF_LARGE"
			if (fl ~ /CREATES_FD/) f = f " | SCT_EF_CREATES_FD"
			if (fl ~ /USES_FD/) f = f " | SCT_EF_USES_FD"
			if (fl ~ /DESTROYS_FD/) f = f " | SCT_EF_DESTROYS_FD"
			if (fl ~ /CONV021/) f = f " | SCT_EF_CONV021"
			printf "\t[%d] = { \"%s\", \"%s\", %s, %d, %d, %d, %s },\n", i, ev_ident[i], ev_name[i], f, ev_nparams[i], ev_nall[i], ev_021[i], ev_nall[i] ? "p" i : "0"
		}
		print "};"
		print ""
		print "const struct sct_ppm_sc sct_ppm_sc_table[] = {"
		for (i = 0; i < nsc; i++) {
			split(sc_list[i], kv, "\t")
			printf "\t{ \"%s\", %d },\n", kv[2], kv[1]
		}
		print "};"
		printf "const unsigned sct_ppm_sc_count = %d;\n", nsc
	} else if (what == "decode_h") {
		print "#ifndef SCTRACE_DECODE_GEN_H"
		print "#define SCTRACE_DECODE_GEN_H"
		print "#include \"decode/internal.h\""
		print ""
		print "/* the named decoders (\"@name\" sources of decode.tbl) */"
		for (i = 0; i < nnamed; i++)
			printf "SCT_DECODER(%s);\n", named_name[i]
		print ""
		print "/* their parameters: SCT_P_DECODER_<E|X>_PARAM */"
		for (i = 0; i < npconst; i++)
			printf "#define SCT_P_%s %s\n", pconst_list[i], pconst[pconst_list[i]]
		print "#endif"
	} else if (what == "decode_c") {
		for (i = 0; i < ndec; i++)
			if (dec_name[i] ~ /@old$/ && !(substr(dec_name[i], 1, length(dec_name[i]) - 4) in dec_index)) {
				printf "%s: %s has no row for the newest readers\n", FILENAME, dec_name[i] > "/dev/stderr"
				exit 1
			}
		print "#include \"config.h\""
		print "#include \"decode.h\""
		print "#include \"decode_gen.h\""
		print ""
		printf "sct_op_fn *const sct_named_decoders[%d] = {\n", nnamed ? nnamed : 1
		for (i = 0; i < nnamed; i++)
			printf "\tsct_decode_%s,\n", named_name[i]
		print "};"
		printf "const unsigned sct_nnamed_decoders = %d;\n\n", nnamed
		for (i = 0; i < ndec; i++) {
			if (dec_enter[i] != "")
				printf "static const struct sct_src e_%s[] = {\n%s};\n", ident(dec_name[i]), dec_enter[i]
			if (dec_exit[i] != "")
				printf "static const struct sct_src x_%s[] = {\n%s};\n", ident(dec_name[i]), dec_exit[i]
		}
		print ""
		print "const struct sct_decoder sct_decoders[] = {"
		for (i = 0; i < ndec; i++) {
			e = dec_ev[i]
			old = (dec_name[i] "@old") in dec_index ? dec_index[dec_name[i] "@old"] : -1
			printf "\t{ \"%s\", SCT_EV_%s, %d, %d, %s, %s, %d },\n", dec_name[i], ev_ident[e], ev_nparams[e], ev_nparams[e + 1], dec_enter[i] != "" ? "e_" ident(dec_name[i]) : "0", dec_exit[i] != "" ? "x_" ident(dec_name[i]) : "0", old
		}
		print "};"
		printf "const unsigned sct_ndecoders = %d;\n", ndec
	} else if (what == "sysent_c") {
		print "#include \"config.h\""
		print "#include \"arch/arch.h\""
		printf "#include \"sysent_%s.h\"\n\n", arch
		printf "const struct sct_sysent sct_sysent_%s[SCT_NSYSENT_%s] = {\n", arch, toupper(arch)
		for (nr = 0; nr < nsys; nr++) {
			if (!(nr in sys_name))
				continue
			printf "\t[%d] = %s,\n", nr, sysent(sys_name[nr])
		}
		print "};"
		if (nextra) {
			printf "\nconst struct sct_sysent_extra sct_sysent_extra_%s[SCT_NSYSENT_EXTRA_%s] = {\n", arch, toupper(arch)
			for (i = 0; i < nextra; i++)
				printf "\t{ %d, %s },\n", extra_nr[i], sysent(sys_name[extra_nr[i]])
			print "};"
		}
	} else if (what == "sysent_h") {
		printf "#ifndef SCTRACE_SYSENT_%s_H\n#define SCTRACE_SYSENT_%s_H\n", toupper(arch), toupper(arch)
		print "#include \"arch/arch.h\""
		printf "#define SCT_NSYSENT_%s %d\n", toupper(arch), nsys
		printf "extern const struct sct_sysent sct_sysent_%s[SCT_NSYSENT_%s];\n", arch, toupper(arch)
		printf "#define SCT_NSYSENT_EXTRA_%s %d\n", toupper(arch), nextra
		if (nextra)
			printf "extern const struct sct_sysent_extra sct_sysent_extra_%s[SCT_NSYSENT_EXTRA_%s];\n", arch, toupper(arch)
		print "#endif"
	}
}
