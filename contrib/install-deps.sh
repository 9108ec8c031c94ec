#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Install everything sctrace needs to build, test and read captures (Debian 12).
#
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail

# Build tools and libraries.
build_pkgs=(
	gcc make autoconf automake libtool pkg-config
	libseccomp-dev zlib1g-dev libunwind-dev check
)
# The fuzz targets (contrib/test.sh, tests/fuzz): clang with libFuzzer,
# whose runtime is only a recommendation of clang's.
fuzz_pkgs=(clang libclang-rt-dev)
# Readers and references used by the tests and the benchmark.
# 'time' is GNU time (/usr/bin/time), used by 'make bench' for peak RSS.
test_pkgs=(sysdig tshark strace python3 time bash-completion)
# Cross-architecture tests (make check-cross, docs/cross-arch.md).
# gcc-12-multilib, NOT gcc-multilib: gcc-multilib Conflicts with the cross
# compilers and apt would remove them.
cross_pkgs=(
	gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf
	libc6-dev-arm64-cross libc6-dev-armhf-cross
	qemu-system-arm cpio gcc-12-multilib libc6-dev-i386
)

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "install-deps.sh: not root and sudo is not installed" >&2
		exit 1
	fi
	SUDO=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive

# wireshark-common asks whether non-root users may capture; say no up front
# so the install never stops at a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
	"${SUDO[@]}" debconf-set-selections

"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
	apt-get -o Acquire::Retries=3 update

# sysdig recommends sysdig-dkms (the kernel module); sctrace does not need it,
# hence --no-install-recommends.
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
	apt-get -o Acquire::Retries=3 -y -q --no-install-recommends \
	-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	install "${build_pkgs[@]}" "${fuzz_pkgs[@]}" "${test_pkgs[@]}" "${cross_pkgs[@]}"

echo "install-deps.sh: all dependencies installed"
