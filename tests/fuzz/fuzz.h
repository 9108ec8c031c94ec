/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The entry point every fuzz target defines, as libFuzzer calls it
 * (clang -fsanitize=fuzzer) and as tests/fuzz/replay.c does (any compiler:
 * make check replays the corpus).
 */
#ifndef SCTRACE_FUZZ_H
#define SCTRACE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
