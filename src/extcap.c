/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sctrace-extcap: sctrace as a capture interface of Stratoshark and
 * Wireshark (their extcap protocol).  The GUI (or tshark, or dumpcap) runs
 * it from its extcap folder to list the interface (--extcap-interfaces),
 * its link type (--extcap-dlts) and its options (--extcap-config), then
 * to capture (--capture --fifo PATH with the options chosen): it runs
 * sctrace, which writes the scap stream into the FIFO as it happens.
 *
 * The GUI stops a capture with SIGTERM (SIGKILL 30 s later): it is passed
 * to sctrace, which detaches from attached processes (they run on) or
 * ends a launched command as a terminal's Ctrl-C would, finishes the
 * stream, and ends; this program then exits 0.  Errors are one line on
 * stderr, which the GUI shows, and a non-zero status.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wordexp.h>

#define IFACE		"sctrace"
/* LINKTYPE_USER0: the link type Stratoshark's own scap extcaps declare */
#define DLT_USER0	147

static const char *prog = "sctrace-extcap";
/* after the first stop signal, sctrace's launched command has this long */
#define GRACE_S		3

static volatile sig_atomic_t stop_sig, nstops, grace_over;

static void __attribute__((format(printf, 1, 2), noreturn))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void interfaces(void)
{
	printf("extcap {version=%s}{help=%s}\n", PACKAGE_VERSION,
	       PACKAGE_URL[0] ? PACKAGE_URL : "man:sctrace(1)");
	printf("interface {value=" IFACE "}{display=sctrace: syscalls of a "
	       "command or process, no root}\n");
}

static void dlts(void)
{
	printf("dlt {number=%d}{name=USER0}{display=scap syscall events "
	       "(sctrace)}\n", DLT_USER0);
}

static void config(void)
{
	puts("arg {number=0}{call=--command}{display=Command}{type=string}"
	     "{tooltip=A command line to launch and trace with every process "
	     "and thread it starts (words split as a shell would, no "
	     "substitutions)}{group=Target}");
	puts("arg {number=1}{call=--pid}{display=Process IDs}{type=string}"
	     "{tooltip=Running processes to attach to (every thread), "
	     "separated by commas or spaces; they are left running when the "
	     "capture stops}{group=Target}");
	puts("arg {number=2}{call=--snaplen}{display=Payload bytes}"
	     "{type=unsigned}{default=80}{range=0,65000}"
	     "{tooltip=Bytes of I/O data kept per event}{group=Capture}");
	puts("arg {number=3}{call=--filter}{display=Filter}{type=string}"
	     "{tooltip=A sysdig filter expression: only the events it matches "
	     "are captured (e.g. evt.type=openat and proc.name=cat)}"
	     "{group=Capture}");
}

/* The sctrace to run: $SCTRACE, else the installed one. */
static const char *sctrace_path(void)
{
	const char *p = getenv("SCTRACE");

	return p && *p ? p : SCTRACE_BINDIR "/sctrace";
}

static void redirect_null(int fd, int mode)
{
	int n = open("/dev/null", mode);

	if (n >= 0 && n != fd) {
		dup2(n, fd);
		close(n);
	}
}

static void on_stop(int sig)
{
	stop_sig = sig;
	nstops++;
}

static void on_alarm(int sig)
{
	(void)sig;
	grace_over = 1;
}

/*
 * Run sctrace with argv; pass SIGTERM, SIGINT and SIGHUP on: sctrace
 * detaches from attached processes and passes the signal to a launched
 * command.  A second one (from the GUI, or GRACE_S seconds later) makes
 * sctrace kill what it launched and is still running (a child the
 * command left behind, or a command that ignores the signal), so that
 * the stream ends well before the GUI's SIGKILL.  Returns sctrace's
 * status, or 0 when it ended because it was told to.
 */
static int run(char **argv)
{
	struct sigaction sa;
	pid_t pid;
	int status, sent = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		/* the GUI reads the FIFO, not our output: none from the command */
		redirect_null(STDIN_FILENO, O_RDONLY);
		redirect_null(STDOUT_FILENO, O_WRONLY);
		/* killed by the GUI (SIGKILL): the capture is abandoned */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(1);
		execv(argv[0], argv);
		fprintf(stderr, "%s: cannot run %s: %s\n", prog, argv[0],
			strerror(errno));
		_exit(127);
	}
	for (;;) {
		pid_t r = waitpid(pid, &status, 0);

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			die("waitpid: %s", strerror(errno));
		if (nstops && !sent) {
			/* the GUI stops the capture: so does sctrace */
			kill(pid, stop_sig);
			sent = 1;
			alarm(GRACE_S);
		} else if (sent == 1 && (nstops > 1 || grace_over)) {
			kill(pid, stop_sig);
			sent = 2;
		}
	}
	if (nstops)
		return 0;	/* stopped as asked: the stream is complete */
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

enum {
	O_INTERFACES = 256, O_DLTS, O_CONFIG, O_CAPTURE, O_IFACE, O_FIFO,
	O_VERSION, O_CFILTER, O_COMMAND, O_PID, O_SNAPLEN, O_FILTER, O_HELP,
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "extcap-interfaces", no_argument, NULL, O_INTERFACES },
		{ "extcap-dlts", no_argument, NULL, O_DLTS },
		{ "extcap-config", no_argument, NULL, O_CONFIG },
		{ "capture", no_argument, NULL, O_CAPTURE },
		{ "extcap-interface", required_argument, NULL, O_IFACE },
		{ "fifo", required_argument, NULL, O_FIFO },
		{ "extcap-version", optional_argument, NULL, O_VERSION },
		{ "extcap-capture-filter", required_argument, NULL, O_CFILTER },
		{ "command", required_argument, NULL, O_COMMAND },
		{ "pid", required_argument, NULL, O_PID },
		{ "snaplen", required_argument, NULL, O_SNAPLEN },
		{ "filter", required_argument, NULL, O_FILTER },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	const char *fifo = NULL, *iface = NULL, *command = NULL, *pids = NULL;
	const char *snaplen = NULL, *filter = NULL;
	bool list_if = false, list_dlt = false, list_cfg = false;
	bool capture = false;
	char **av;
	wordexp_t we = { 0 };
	size_t n = 0, i;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case O_INTERFACES: list_if = true; break;
		case O_DLTS: list_dlt = true; break;
		case O_CONFIG: list_cfg = true; break;
		case O_CAPTURE: capture = true; break;
		case O_IFACE: iface = optarg; break;
		case O_FIFO: fifo = optarg; break;
		case O_VERSION: break;
		case O_CFILTER: break;	/* no BPF: --filter is the filter */
		case O_COMMAND: command = optarg; break;
		case O_PID: pids = optarg; break;
		case O_SNAPLEN: snaplen = optarg; break;
		case O_FILTER: filter = optarg; break;
		case O_HELP:
			printf("usage: %s --extcap-interfaces | --extcap-dlts | "
			       "--extcap-config | --capture --fifo PATH "
			       "[--command CMDLINE] [--pid PIDS] [--snaplen N] "
			       "[--filter EXPR]\n(run by Stratoshark and Wireshark "
			       "from their extcap folder; see sctrace(1))\n", prog);
			return 0;
		default:
			die("unknown option '%s' (see --help)",
			    argv[optind - 1]);
		}
	}
	if (list_if) {
		interfaces();
		return 0;
	}
	if (iface && strcmp(iface, IFACE))
		die("no interface '%s' here (only '" IFACE "')", iface);
	if (list_dlt) {
		dlts();
		return 0;
	}
	if (list_cfg) {
		config();
		return 0;
	}
	if (!capture)
		die("nothing to do: --extcap-interfaces, --extcap-dlts, "
		    "--extcap-config or --capture (see --help)");
	if (!fifo)
		die("--capture needs --fifo PATH");
	if (command && !*command)
		command = NULL;
	if (pids && !*pids)
		pids = NULL;
	if (!command && !pids)
		die("give a command to launch or process IDs to attach to "
		    "(the interface's options)");
	if (command) {
		int r = wordexp(command, &we, WRDE_NOCMD | WRDE_UNDEF);

		if (r || !we.we_wordc)
			die("cannot read the command line '%s'%s", command,
			    r == WRDE_CMDSUB ? ": no command substitution" :
			    r == WRDE_BADCHAR ? ": a character that needs "
			    "quoting (|&;<>(){} or newline)" : "");
	}
	av = calloc(12 + we.we_wordc, sizeof(*av));
	if (!av)
		die("out of memory");
	av[n++] = (char *)sctrace_path();
	av[n++] = "-o";
	av[n++] = (char *)fifo;
	if (snaplen && *snaplen) {
		av[n++] = "-s";
		av[n++] = (char *)snaplen;
	}
	if (pids) {
		char *p = malloc(strlen(pids) + 1), *q = p;
		const char *s;

		if (!p)
			die("out of memory");
		/* commas or blanks between them: one comma list for sctrace */
		for (s = pids; *s; s++) {
			if (*s == ',' || *s == ' ' || *s == '\t') {
				if (q > p && q[-1] != ',')
					*q++ = ',';
			} else {
				*q++ = *s;
			}
		}
		if (q > p && q[-1] == ',')
			q--;
		*q = 0;
		av[n++] = "-p";
		av[n++] = p;
	}
	if (filter && *filter) {
		av[n++] = "--filter";
		av[n++] = (char *)filter;
	}
	if (command) {
		av[n++] = "--";
		for (i = 0; i < we.we_wordc; i++)
			av[n++] = we.we_wordv[i];
	}
	av[n] = NULL;
	return run(av);
}
