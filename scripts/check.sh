#!/usr/bin/env bash
# Usage: scripts/check.sh          (what `make check` runs after deps.sh)
# For each kernel flavor in ${KERNELS:-stock-6.1 stock-6.12 debug arm64}:
# build the module and the selftests for it, boot a VM that loads the module
# and runs selftests' run-all, then count
#   - leaf TAP results of run-all's output (kselftest style),
#   - leaf KUnit cases from the kernel log (KTAP),
#   - checks: module builds, selftests build, VM finished, module loaded,
#     command exited 0, no kernel splat, live_objects back to 0,
#     no kmemleak report (kernels with kmemleak), rmmod succeeded.
# Logs: build/<flavor>/{vm/,*.log}. The last line is "N passed, N failed, N skipped".
# Environment: KERNELS, ZX_TESTS (names of the selftests to run, e.g.
# "channel ipc_stress"; default all), ZX_CACHE (kernel cache), ZX_VM_TIMEOUT (s per VM),
# ZX_VERBOSE=1 (stream VM consoles), ZX_SPLAT_IGNORE (ERE of benign lines).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=vm/lib.sh
. "$repo/scripts/vm/lib.sh"

kernels=${KERNELS:-stock-6.1 stock-6.12 debug arm64}
tot_pass=0 tot_fail=0 tot_skip=0
summary=()

now() { date +%s; }
check() { # NAME OK(0|1): one pass/fail check of the current flavor
  if (($2)); then pass=$((pass + 1)); else fail=$((fail + 1)); failed+=("check: $1"); fi
}
is() { [[ $1 == "$2" ]] && echo 1 || echo 0; }

# run_flavor FLAVOR: updates pass/fail/skip/failed, sets note (for the summary).
run_flavor() {
  local flavor=$1 b=$repo/build/$1 t0 t1 t2 t3 ok_mod=1 ok_st=1 what kind desc
  local quiet=(--quiet) ntap nkunit k v
  local -A r=()
  mkdir -p "$b"
  t0=$(now)
  # shellcheck disable=SC2034 # set by zx_kernel, read by lib.sh
  KDIR='' KIMAGE='' KARCH='' KLLVM='' KNAME=''
  if ! zx_kernel "$flavor"; then
    check "kernel $flavor available" 0
    note="no kernel"
    return
  fi
  t1=$(now)
  zx_build_module "$flavor" "$b/module-build.log" || ok_mod=0
  check "module builds ($b/module-build.log)" "$ok_mod"
  ((ok_mod)) || zx_tail "$b/module-build.log"
  zx_build_selftests "$flavor" "$b/selftests-build.log" || ok_st=0
  check "selftests build ($b/selftests-build.log)" "$ok_st"
  ((ok_st)) || zx_tail "$b/selftests-build.log"
  t2=$(now)
  note="kernel $((t1 - t0)) s, build $((t2 - t1)) s"
  ((ok_mod && ok_st)) || return 0

  zx_payload "$flavor" "$b/payload" "run-all ${ZX_TESTS:-}"
  [[ ${ZX_VERBOSE:-0} == 1 ]] && quiet=()
  "$repo/scripts/vm/boot.sh" --flavor "$flavor" --payload "$b/payload" \
    --out "$b/vm" "${quiet[@]}" || true
  t3=$(now)
  note+=", vm $((t3 - t2)) s"
  if [[ ! -f $b/vm/result.env ]]; then
    check "VM ran (see output above)" 0
    return
  fi
  while IFS='=' read -r k v; do r[$k]=$v; done <"$b/vm/result.env"

  # Leaf results: run-all's TAP, then KUnit's KTAP from the kernel log.
  awk -f "$repo/scripts/vm/tapcount.awk" "$b/vm/cmd.log" >"$b/tap-results.txt"
  awk -f "$repo/scripts/vm/tapcount.awk" "$b/vm/ktap.log" >"$b/kunit-results.txt"
  for what in tap kunit; do
    while read -r kind _ desc; do
      case $kind in
        PASS) pass=$((pass + 1)) ;;
        SKIP) skip=$((skip + 1)) ;;
        FAIL) fail=$((fail + 1)); failed+=("$what: $desc") ;;
      esac
    done <"$b/$what-results.txt"
  done
  ntap=$(wc -l <"$b/tap-results.txt")
  nkunit=$(wc -l <"$b/kunit-results.txt")
  note="$ntap tap + $nkunit kunit results; $note"

  check "VM finished (${r[BOOT]})" "$(is "${r[BOOT]}" ok)"
  check "module loaded (insmod rc ${r[INSMOD_RC]})" "$(is "${r[INSMOD_RC]}" 0)"
  check "command exited 0 (${r[CMD_RC]})" "$(is "${r[CMD_RC]}" 0)"
  check "no kernel splat (${r[SPLATS]} lines in $b/vm/splats.log)" "$(is "${r[SPLATS]}" 0)"
  check "live_objects back to 0 (${r[LIVE_OBJECTS]})" "$(is "${r[LIVE_OBJECTS]}" 0)"
  if [[ ${r[KMEMLEAK]} != absent ]]; then
    check "no kmemleak report (${r[KMEMLEAK]}, $b/vm/kmemleak.log)" "$(is "${r[KMEMLEAK]}" clean)"
  fi
  check "rmmod succeeded (rc ${r[RMMOD_RC]})" "$(is "${r[RMMOD_RC]}" 0)"
  if [[ ${r[SPLATS]} != 0 ]]; then
    sed 's/^/    splat: /' "$b/vm/splats.log" | head -n 20
  fi
  if [[ ${r[BOOT]} != ok || ${r[INSMOD_RC]} != 0 ]]; then
    echo "  console tail ($b/vm/console.log):"
    zx_tail "$b/vm/console.clean" 40
  fi
}

for flavor in $kernels; do
  echo "==== $flavor ===="
  pass=0 fail=0 skip=0 failed=() note=''
  run_flavor "$flavor"
  for f in "${failed[@]}"; do echo "  FAIL $f"; done
  line="$flavor: $pass passed, $fail failed, $skip skipped ($note)"
  echo "  $line"
  summary+=("$line")
  tot_pass=$((tot_pass + pass)) tot_fail=$((tot_fail + fail)) tot_skip=$((tot_skip + skip))
done

echo "==== summary ===="
printf '  %s\n' "${summary[@]}"
echo "$tot_pass passed, $tot_fail failed, $tot_skip skipped"
((tot_fail == 0))
