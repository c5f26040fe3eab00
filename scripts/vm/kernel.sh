#!/usr/bin/env bash
# Usage: scripts/vm/kernel.sh FLAVOR
#   FLAVOR: stock-6.1 | stock-6.12 | debug | arm64
# Makes sure the kernel for FLAVOR exists (building and caching our own
# kernels on first use) and prints shell-evaluable lines on stdout:
#   KDIR=... KIMAGE=... KARCH=x86_64|arm64 KLLVM=0|1 KNAME=FLAVOR
# Everything else goes to stderr. Built kernels live in
#   ${ZX_CACHE:-/var/cache/zxlinux}/kernels/<flavor>-<hash>/
# (an in-tree build of the whole source, usable as KDIR for M= builds).
set -euo pipefail

# Bump when the build steps below change in a way that affects the result.
RECIPE_VERSION=3

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${ZX_CACHE:-/var/cache/zxlinux}
kcache=$cache/kernels
src_pkg=linux-source-6.12
src_tar=/usr/src/$src_pkg.tar.xz

log() { printf 'kernel.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

emit() { # KDIR KIMAGE KARCH KLLVM KNAME
  printf 'KDIR=%q\nKIMAGE=%q\nKARCH=%q\nKLLVM=%q\nKNAME=%q\n' "$@"
}

# Debian's packaged kernel: the newest /boot/vmlinuz-<series>.* that also
# has its headers installed.
stock() {
  local series=$1 flavor=$2 f ver best=
  for f in /boot/vmlinuz-"$series".*-amd64; do
    [[ -e $f ]] || continue
    ver=${f#/boot/vmlinuz-}
    [[ -f /usr/src/linux-headers-$ver/Makefile ]] || continue
    best=$(printf '%s\n%s\n' "$best" "$ver" | sed '/^$/d' | sort -V | tail -n1)
  done
  [[ -n $best ]] || die "no /boot/vmlinuz-$series.*-amd64 with matching linux-headers (run scripts/vm/deps.sh)"
  [[ -r /boot/vmlinuz-$best ]] || die "/boot/vmlinuz-$best is not readable"
  emit "/usr/src/linux-headers-$best" "/boot/vmlinuz-$best" x86_64 0 "$flavor"
}

# Our own LLVM build from linux-source-6.12 (tinyconfig + fragments).
built() {
  local flavor=$1 arch=$2 image=$3; shift 3
  local frags=("$@") f srcver key hash name dir tmp blog
  [[ -f $src_tar ]] || die "$src_tar missing (run scripts/vm/deps.sh)"
  command -v clang >/dev/null || die "clang missing (run scripts/vm/deps.sh)"
  srcver=$(dpkg-query -W -f='${Version}' "$src_pkg" 2>/dev/null || stat -c '%s-%Y' "$src_tar")
  # The toolchain is part of the key: modules must be built by the same clang.
  key=$(
    printf 'recipe=%s\nsource=%s %s\narch=%s\nclang=%s\n' \
      "$RECIPE_VERSION" "$src_pkg" "$srcver" "$arch" "$(clang --version | head -n1)"
    for f in "${frags[@]}"; do printf '== %s\n' "$(basename "$f")"; cat "$f"; done
  )
  hash=$(printf '%s' "$key" | sha256sum | cut -c1-16)
  name=$flavor-$hash
  dir=$kcache/$name
  if [[ ! -f $dir/.zx-complete ]]; then
    mkdir -p "$kcache"
    # One builder per flavor; a second caller waits and then reuses the result.
    exec 9>"$kcache/.$flavor.lock"
    flock 9
    if [[ ! -f $dir/.zx-complete ]]; then
      build_kernel
    fi
    exec 9>&-
  fi
  emit "$dir" "$dir/$image" "$arch" 1 "$flavor"
}

# Uses the caller's locals: flavor arch image frags key name dir.
build_kernel() {
  local t0 old make_args
  t0=$(date +%s)
  # Leftovers of interrupted builds of this flavor (we hold its lock).
  rm -rf "$kcache/.tmp-$flavor-"*
  tmp=$kcache/.tmp-$name.$$
  blog=$kcache/$name.log
  : >"$blog"
  log "building $flavor kernel (cold cache, several minutes); log: $blog"
  mkdir -p "$tmp"
  make_args=(-C "$tmp" ARCH="$arch" LLVM=1)
  # Not `if ! ( ... )`: set -e is off inside a tested command.
  local rc=0
  set +e
  (
    set -euo pipefail
    # Under `make check`, the outer make's variables (MAKEFLAGS) must not leak in.
    unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
    tar -xf "$src_tar" -C "$tmp" --strip-components=1
    printf '%s\n' "$key" >"$tmp/.zx-key"
    make "${make_args[@]}" tinyconfig
    cat "${frags[@]}" >"$tmp/.zx-fragment"
    "$tmp/scripts/kconfig/merge_config.sh" -m -O "$tmp" "$tmp/.config" "$tmp/.zx-fragment"
    make "${make_args[@]}" olddefconfig
    check_config "$tmp/.config" "$tmp/.zx-fragment"
    make "${make_args[@]}" -j"$(nproc)" all
    test -f "$tmp/$image"
    test -f "$tmp/Module.symvers"
  ) >>"$blog" 2>&1
  rc=$?
  set -e
  if ((rc != 0)); then
    log "build of $flavor FAILED; last lines of $blog:"
    # Config mismatches if that is what failed, else the end of the log.
    grep -E '^WRONG:' "$blog" >&2 || tail -n 40 "$blog" >&2
    rm -rf "$tmp"
    exit 1
  fi
  touch "$tmp/.zx-complete"
  mv -T "$tmp" "$dir"
  # Keep one build per flavor: older hashes are dead weight (GBs each).
  for old in "$kcache/$flavor"-*; do
    [[ -d $old && $old != "$dir" ]] && rm -rf "$old" "$old.log"
  done
  log "built $flavor in $(($(date +%s) - t0)) s"
}

# Every line of the fragment must hold in the final .config.
check_config() {
  local config=$1 frag=$2 line sym bad=0
  while IFS= read -r line; do
    if [[ $line =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
      if ! grep -qxF -- "$line" "$config"; then
        echo "WRONG: want '$line', have '$(grep -E "^(# )?${BASH_REMATCH[1]}[= ]" "$config" || echo unset)'"
        bad=1
      fi
    elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
      sym=${BASH_REMATCH[1]}
      if grep -qE "^$sym=" "$config"; then
        echo "WRONG: want '$line', have '$(grep -E "^$sym=" "$config")'"
        bad=1
      fi
    fi
  done <"$frag"
  return "$bad"
}

[[ $# -eq 1 ]] || die "usage: $0 stock-6.1|stock-6.12|debug|arm64"
case $1 in
  stock-6.1) stock 6.1 "$1" ;;
  stock-6.12) stock 6.12 "$1" ;;
  debug) built debug x86_64 arch/x86/boot/bzImage "$here/config/common.config" "$here/config/debug.config" ;;
  arm64) built arm64 arm64 arch/arm64/boot/Image "$here/config/common.config" "$here/config/arm64.config" ;;
  *) die "unknown flavor '$1' (stock-6.1|stock-6.12|debug|arm64)" ;;
esac
