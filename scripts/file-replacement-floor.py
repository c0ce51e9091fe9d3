#!/usr/bin/env python3
"""What replacing a merge's files costs the file system alone, with no margin
in it: for the first N codings files of PROJECT (default 2,451, what the
reference merge writes), write each one's own content to a new file beside
it, sync, rename each over its original, sync again: the same steps as
margin's all-or-nothing save, one file at a time. Prints each step's time.
Run it on a copy (it rewrites files with their own content, but still
replaces them):

  cp -a /tmp/reference /tmp/floor && scripts/file-replacement-floor.py /tmp/floor

Run it twice to see the cost right after many files were replaced: ext4
without a journal steps over inodes freed in the last minute when it makes
new files.
"""
import glob
import os
import sys
import time


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2451
    files = sorted(glob.glob(os.path.join(root, "codings", "*", "*.ron")))[:count]
    contents = []
    for name in files:
        with open(name, "rb") as f:
            contents.append(f.read())
    start = time.time()
    temps = []
    for name, content in zip(files, contents):
        temp = name + ".floor.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.write(fd, content)
        os.close(fd)
        temps.append(temp)
    created = time.time()
    os.sync()
    synced = time.time()
    for temp, name in zip(temps, files):
        os.rename(temp, name)
    renamed = time.time()
    os.sync()
    done = time.time()
    ms = lambda a, b: round((b - a) * 1000)
    print(
        f"{len(files)} files: create {ms(start, created)} ms, sync {ms(created, synced)} ms, "
        f"rename {ms(synced, renamed)} ms, sync {ms(renamed, done)} ms, total {ms(start, done)} ms"
    )


if __name__ == "__main__":
    main()
