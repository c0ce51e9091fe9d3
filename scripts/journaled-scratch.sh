#!/usr/bin/env bash
# A scratch file system for benchmarks that write thousands of files: ext4
# made with mkfs's defaults (so with a journal, as on a usual Linux machine),
# in an image file, loop-mounted. Needs root.
#
#   sudo scripts/journaled-scratch.sh [MOUNTPOINT] [SIZE]
#   TMPDIR=MOUNTPOINT MARGIN_REFERENCE=/tmp/reference cargo bench --bench reference
#
# Why: a save replaces each file it changes by a new one (written beside it,
# then renamed over it). ext4 made without a journal, as some virtual
# machines' disks are, steps over every inode freed in the last minutes each
# time it makes a file (`recently_deleted` in fs/ext4/ialloc.c, checked only
# when there is no journal), so right after git rewrote thousands of files a
# merge's new files cost ten times as much to make. `mount | grep ' / '` and
# `tune2fs -l DEVICE | grep features` show what a disk is.
#
# Remove it with: umount MOUNTPOINT && rm IMAGE
set -euo pipefail
mountpoint=${1:-/mnt/margin-scratch}
size=${2:-4G}
image=${IMAGE:-/var/tmp/margin-scratch.img}
if mountpoint -q "$mountpoint"; then
    echo "already mounted: $mountpoint"
    exit 0
fi
truncate -s "$size" "$image"
# Inode tables and journal made now, not by a background thread during the
# first benchmark runs.
mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$image"
mkdir -p "$mountpoint"
mount -o loop "$image" "$mountpoint"
chmod 1777 "$mountpoint"
echo "mounted $image on $mountpoint (ext4 with a journal)"
echo "benchmark on it: TMPDIR=$mountpoint MARGIN_REFERENCE=/tmp/reference cargo bench --bench reference"
