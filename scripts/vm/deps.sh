#!/usr/bin/env bash
# Usage: scripts/vm/deps.sh
# Installs (Debian 12, as root) what the VM test rig needs, and puts an
# arm64 busybox into ${ZX_CACHE:-/var/cache/zxlinux}/busybox-arm64/.
# A fast no-op when everything is already there.
set -euo pipefail

cache=${ZX_CACHE:-/var/cache/zxlinux}
export DEBIAN_FRONTEND=noninteractive

pkgs=(
  # toolchains: GCC for the stock kernels' modules and x86 test programs,
  # LLVM for our own kernels, the aarch64 cross compiler for arm64 tests
  build-essential make gcc g++ clang llvm lld python3
  g++-aarch64-linux-gnu libc6-dev-arm64-cross
  # building kernels
  flex bison bc libelf-dev libssl-dev xz-utils
  # VMs and their initramfs
  qemu-system-x86 qemu-system-arm busybox-static cpio gzip kmod
  # kernels: Debian's 6.1 and 6.12 series, and the 6.12 source we build
  linux-image-amd64 linux-headers-amd64
  linux-image-6.12-amd64 linux-headers-6.12-amd64
  linux-source-6.12
  # make bench: the chart of the ratios
  gnuplot-nox
)

log() { printf 'deps.sh: %s\n' "$*" >&2; }

installed() { # PKG -> true when dpkg has it fully installed
  [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null) == ii* ]]
}

updated=0
apt_update() {
  if ((updated == 0)); then
    log "apt-get update"
    apt-get update -qq >&2
    updated=1
  fi
}

missing=()
for p in "${pkgs[@]}"; do
  installed "$p" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing: ${missing[*]}"
  apt_update
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# The arm64 initramfs needs an arm64 busybox; Debian refuses to install the
# foreign busybox-static next to the native one, so unpack it into the cache.
bb=$cache/busybox-arm64/bin/busybox
if [[ ! -x $bb ]]; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    log "adding dpkg architecture arm64"
    dpkg --add-architecture arm64
    updated=0
  fi
  dl=$(mktemp -d)
  trap 'rm -rf "$dl"' EXIT
  # apt-get download drops privileges to _apt: let it write there.
  chmod 777 "$dl"
  if ! (cd "$dl" && apt-get download -qq busybox-static:arm64 >&2); then
    apt_update
    (cd "$dl" && apt-get download -qq busybox-static:arm64 >&2)
  fi
  mkdir -p "$cache"
  rm -rf "$cache/busybox-arm64.tmp"
  dpkg -x "$dl"/busybox-static_*_arm64.deb "$cache/busybox-arm64.tmp"
  test -x "$cache/busybox-arm64.tmp/bin/busybox"
  rm -rf "$cache/busybox-arm64"
  mv "$cache/busybox-arm64.tmp" "$cache/busybox-arm64"
  log "arm64 busybox in $cache/busybox-arm64"
fi
