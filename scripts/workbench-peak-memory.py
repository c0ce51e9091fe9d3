#!/usr/bin/env python3
"""Peak memory of the workbench as a user meets it: `margin PROJECT` in a
120x40 pseudo-terminal under /usr/bin/time, left until the status line says
every document is read (the "loading the project" line gone), then 2 s more,
then quit with q. Prints when the first frame and the full load showed, the
peak resident memory and its ratio to the transcripts' size (the issue 14
target is at most 3x).

Usage: scripts/workbench-peak-memory.py PROJECT [MARGIN] [KEYS]
  PROJECT  a copy of a project (opening one may write beside it), e.g.
           cp -a /tmp/reference /tmp/refcopy
  MARGIN   the binary, default target/release/margin
  KEYS     keys typed once everything is read, "|" a pause of 1.5 s,
           "\r" enter; then 10 s to finish before quitting. Auto-coding
           every hit of a project search:
           'S|cr[a-z]ck\r|a|\r|Crack for energy|\r'
"""
import glob
import os
import pty
import select
import struct
import sys
import tempfile
import time

import fcntl
import termios


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    project = sys.argv[1]
    binary = sys.argv[2] if len(sys.argv) > 2 else "target/release/margin"
    text = sum(os.path.getsize(f) for f in glob.glob(os.path.join(project, "documents", "*.txt")))
    report = tempfile.NamedTemporaryFile(prefix="margin-time-", delete=False).name
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.setdefault("MARGIN_CODER", "coder0")
        os.environ["TERM"] = "xterm-256color"
        os.execv("/usr/bin/time", ["time", "-f", "%M", "-o", report, binary, project])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    start = time.time()
    first = loaded = None
    while time.time() - start < 120:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
        now = time.time() - start
        if first is None and b"loading the project" in seen:
            first = now
        if loaded is None and b"documents read in" in seen:
            loaded = now
        if loaded is not None and now - loaded > 2:
            break
    if len(sys.argv) > 3:
        for chunk in sys.argv[3].encode().decode("unicode_escape").split("|"):
            os.write(fd, chunk.encode())
            drain(fd, 1.5)
        drain(fd, 10.0)
        os.write(fd, b"\x1b\x1b")
        drain(fd, 0.5)
    os.write(fd, b"q")
    # Drain the terminal until margin is gone, then reap /usr/bin/time,
    # which writes its report as it exits.
    while True:
        try:
            if select.select([fd], [], [], 0.1)[0] and not os.read(fd, 65536):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    with open(report) as f:
        lines = f.read().split()
    os.unlink(report)
    peak_kb = int(lines[-1])
    ms = lambda s: "never" if s is None else f"{s * 1000:.0f} ms"
    print(f"first frame {ms(first)}, everything read {ms(loaded)}")
    print(
        f"peak memory {peak_kb} KB = {peak_kb * 1024 / 1e6:.1f} MB = "
        f"{peak_kb * 1024 / max(text, 1):.2f}x the {text / 1e6:.1f} MB of transcripts"
    )


def drain(fd, seconds):
    """Reads what margin draws for `seconds`, so it never blocks writing."""
    end = time.time() + seconds
    while time.time() < end:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                os.read(fd, 65536)
            except OSError:
                return


if __name__ == "__main__":
    main()
