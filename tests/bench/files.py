# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark workload: an interpreter doing small file operations in a loop.
#
# Each iteration writes a 100-byte file (one of 20, in a new temporary
# directory), stats it, reads it back and lists the directory: the syscall
# mix of a script, with the interpreter's own start-up (loading modules).
#
# Usage: python3 files.py [ITERATIONS]   (default 1000)
import os
import sys
import tempfile

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
d = tempfile.mkdtemp()
for i in range(n):
    p = os.path.join(d, "f%d" % (i % 20))
    with open(p, "w") as f:
        f.write("x" * 100)
    os.stat(p)
    with open(p) as f:
        f.read()
    os.listdir(d)
for name in os.listdir(d):
    os.unlink(os.path.join(d, name))
os.rmdir(d)
