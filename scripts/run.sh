#!/usr/bin/env bash
# Usage: scripts/run.sh [--flavor F] [-v] [--timeout SEC] [PROGRAM ...]
# Builds the module and the test programs (make selftests-build, which also
# builds zx-demo), boots a VM (default flavor stock-6.12) that loads the
# module and runs zx-demo, zx-channel-demo, zx-pager-demo and edu-driver, or
# the PROGRAMs named: a path to a static host binary is copied into the VM; a
# bare name runs that program from the selftests' bin/.  Shows their output;
# -v streams the whole VM console.
# Exit status: boot.sh's (0 all fine, 1 something failed, 2 could not run).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=vm/lib.sh
. "$repo/scripts/vm/lib.sh"

flavor=stock-6.12 verbose=0 timeout=${ZX_VM_TIMEOUT:-900}
progs=()
while (($#)); do
  case $1 in
    --flavor) flavor=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    -v | --verbose) verbose=1; shift ;;
    -h | --help) sed -n '2,8p' "$0"; exit 0 ;;
    --) shift; progs+=("$@"); break ;;
    -*) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
    *) progs+=("$1"); shift ;;
  esac
done
((${#progs[@]})) || progs=(zx-demo zx-channel-demo zx-pager-demo edu-driver)

b=$repo/build/$flavor
mkdir -p "$b"
# shellcheck disable=SC2034 # set by zx_kernel, read by lib.sh
KDIR='' KIMAGE='' KARCH='' KLLVM='' KNAME=''
zx_kernel "$flavor" || exit 2
: "$KDIR" "$KIMAGE" "$KNAME"
echo "run.sh: building module and programs for $flavor ($KARCH)" >&2
if ! zx_build_module "$flavor" "$b/module-build.log"; then
  echo "run.sh: module build failed:" >&2; zx_tail "$b/module-build.log" >&2; exit 2
fi
if ! zx_build_selftests "$flavor" "$b/selftests-build.log"; then
  echo "run.sh: selftests build failed:" >&2; zx_tail "$b/selftests-build.log" >&2; exit 2
fi

payload=$b/run-payload
zx_payload "$flavor" "$payload" ''
cmd='rc=0'
for p in "${progs[@]}"; do
  if [[ $p == */* ]]; then
    [[ -f $p ]] || { echo "run.sh: no such file: $p" >&2; exit 2; }
    cp "$p" "$payload/bin/"
    chmod +x "$payload/bin/$(basename "$p")"
    p=$(basename "$p")
  elif [[ ! -e $payload/bin/$p ]]; then
    echo "run.sh: '$p' is neither a file nor in $b/selftests/bin" >&2; exit 2
  fi
  # Every program runs; the command fails if any did.
  ((${#progs[@]} > 1)) && cmd+="; echo '== $p'"
  cmd+="; ./$(printf '%q' "$p") || rc=\$?"
done
cmd+="; exit \$rc"
printf '%s\n' "$cmd" >"$payload/cmd"

quiet=(--quiet)
((verbose)) && quiet=()
rc=0
"$repo/scripts/vm/boot.sh" --flavor "$flavor" --payload "$payload" \
  --out "$b/run-vm" --timeout "$timeout" "${quiet[@]}" || rc=$?
if ((verbose == 0)); then
  echo "---- output ----"
  cat "$b/run-vm/cmd.log"
  echo "----------------"
fi
exit "$rc"
