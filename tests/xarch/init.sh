#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=dash
# /init of the cross-architecture test guests (tests/xarch/run.sh puts it
# in the initramfs; contrib/xarch/guest.sh boots it).
#
# Sets the guest up (mounts, loopback), runs the cases of /xarch/cases
# with /xarch/run-cases.sh (captures and strace logs in /out), then sends
# /out, as one tar file, to the host over the serial console (see
# contrib/xarch/guest.sh) and powers off.

/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /out
# only emergencies on the console: nothing may cut into the files' lines
echo 1 >/proc/sys/kernel/printk
# the TCP/UDP tests talk over 127.0.0.1
ifconfig lo 127.0.0.1 up

uptime() {
	cut -d' ' -f1 /proc/uptime
}

echo "=== XARCH-INIT uptime=$(uptime) kernel=$(uname -r) machine=$(uname -m)"
{
	uname -a
	sctrace -V 2>&1 | head -n 1
	[ -x /usr/bin/strace ] && strace -V | head -n 1
} >/out/guest.txt

# the in-process recorder, when the guest has one (aarch64: run.sh)
if [ -f /lib/sctrace/libsctrace-preload.so ]; then
	export SCTRACE_PRELOAD=/lib/sctrace/libsctrace-preload.so
fi
/xarch/run-cases.sh /xarch/cases /out /tmp

# send_file FILE: FILE gzip'ed and base64'ed between markers
send_file() {
	echo "=== XARCH-FILE ${1##*/} $(wc -c <"$1") $(sha256sum "$1" | cut -d' ' -f1)"
	gzip -c "$1" | base64
	echo "=== XARCH-FILE-END"
}

echo "=== XARCH-SEND uptime=$(uptime)"
# one file: each process costs much under TCG, a byte hardly anything
tar -C /out -cf /tmp/out.tar .
send_file /tmp/out.tar
echo "=== XARCH-DONE uptime=$(uptime)"
poweroff -f
