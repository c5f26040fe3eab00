#!/usr/bin/env bash
# Usage: scripts/vm/initramfs.sh --arch x86_64|arm64 --payload DIR --out FILE.cpio.gz
# Builds a busybox initramfs: /bin/busybox (applet links are made by /init
# at boot, so a foreign-arch busybox needs no emulator here), our /init
# (init.sh) and DIR copied to /zx/ (zircon.ko, bin/, cmd).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${ZX_CACHE:-/var/cache/zxlinux}
arch='' payload='' out=''

die() { printf 'initramfs.sh: error: %s\n' "$*" >&2; exit 1; }

while (($#)); do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    --payload) payload=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[[ -n $arch && -n $payload && -n $out ]] || die "usage: $0 --arch x86_64|arm64 --payload DIR --out FILE"
[[ -d $payload ]] || die "payload '$payload' is not a directory"

case $arch in
  x86_64) bb=/bin/busybox ;;
  arm64) bb=$cache/busybox-arm64/bin/busybox ;;
  *) die "unknown arch '$arch'" ;;
esac
[[ -x $bb ]] || die "$bb missing (run scripts/vm/deps.sh)"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
# mktemp's 0700 would become the guest's /, shutting unprivileged test
# processes out of /dev/zircon.
chmod 0755 "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,zx}
cp "$bb" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 0755 "$here/init.sh" "$root/init"
cp -a "$payload"/. "$root/zx/"
# A console node lets the kernel give /init stdio before devtmpfs is up;
# creating it needs root, and /init copes without it.
mknod -m 600 "$root/dev/console" c 5 1 2>/dev/null || true

mkdir -p "$(dirname "$out")"
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
  cpio --null -o -H newc --owner=0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
