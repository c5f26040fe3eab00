#!/usr/bin/env bash
# Usage: scripts/fuzz.sh [--flavor F] [--duration S] [--seed N] [-v] [-- ZX-FUZZ-ARGS]
# Builds the module and zx-fuzz for FLAVOR's kernel (default debug: KASAN,
# lockdep, kmemleak), boots a VM and runs zx-fuzz for S seconds (default
# 600) from seed N (default: a random one, printed), then the VM's usual
# checks (splats, live_objects back to 0, kmemleak, rmmod). A stock kernel
# boots with slub_debug=FZPU. The output ends with "N passed, N failed".
# Exit status: boot.sh's (0 all fine, 1 something failed, 2 could not run).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=vm/lib.sh
. "$repo/scripts/vm/lib.sh"

flavor=debug duration=600 seed='' verbose=0
args=()
while (($#)); do
  case $1 in
    --flavor) flavor=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    -v | --verbose) verbose=1; shift ;;
    -h | --help) sed -n '2,8p' "$0"; exit 0 ;;
    --) shift; args=("$@"); break ;;
    *) echo "fuzz.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ $duration =~ ^[0-9]+$ ]] || { echo "fuzz.sh: --duration wants seconds" >&2; exit 2; }
[[ -n $seed ]] || seed=$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')

b=$repo/build/$flavor
mkdir -p "$b"
# shellcheck disable=SC2034 # set by zx_kernel, read by lib.sh
KDIR='' KIMAGE='' KARCH='' KLLVM='' KNAME=''
zx_kernel "$flavor" || exit 2
: "$KDIR" "$KIMAGE" "$KNAME"
echo "fuzz.sh: building module and zx-fuzz for $flavor ($KARCH)" >&2
if ! zx_build_module "$flavor" "$b/module-build.log"; then
  echo "fuzz.sh: module build failed:" >&2; zx_tail "$b/module-build.log" >&2; exit 2
fi
if ! zx_build_selftests "$flavor" "$b/selftests-build.log"; then
  echo "fuzz.sh: selftests build failed:" >&2; zx_tail "$b/selftests-build.log" >&2; exit 2
fi

cmd="./zx-fuzz --duration $duration --seed $seed"
((${#args[@]})) && cmd+=$(printf ' %q' "${args[@]}")
zx_payload "$flavor" "$b/fuzz-payload" "$cmd"
quiet=(--quiet)
((verbose)) && quiet=()
rc=0
# Time to boot, settle and scan for leaks besides the run itself.
"$repo/scripts/vm/boot.sh" --flavor "$flavor" --payload "$b/fuzz-payload" --out "$b/fuzz-vm" \
  --timeout $((duration + 600)) --append "$(zx_fuzz_append "$flavor")" "${quiet[@]}" || rc=$?
((verbose)) || cat "$b/fuzz-vm/cmd.log"
if [[ -s $b/fuzz-vm/splats.log ]]; then
  echo "fuzz.sh: kernel splats (seed $seed):"
  sed 's/^/  /' "$b/fuzz-vm/splats.log" | head -n 40
fi
exit "$rc"
