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
# Then the extra runs, each a VM of its own counted the same way:
#   fuzz    zx-fuzz for ZX_FUZZ_SECONDS (debug; stock-6.12 with slub_debug=FZPU)
#   fault   zx-fuzz --fault-sweep, then zx-fuzz with 5% of the module's
#           allocations failing (debug: failslab, fail_page_alloc); without
#           channel cycles and mm races, so that what fails is a failure
#           path's fault; a failed vmalloc's stack dump is not a splat there
#   unpriv  unpriv_test and the selftests a normal user can run, as uid 1000
#           without capabilities (stock-6.12)
# Logs: build/<flavor>/{vm/,<run>-vm/,*.log}. The last line is "N passed, N failed, N skipped".
# Environment: KERNELS, ZX_TESTS (names of the selftests to run, e.g.
# "channel ipc_stress"; default all), ZX_EXTRA (extra runs, default
# "fuzz fault unpriv"; "" for none), ZX_FUZZ_SECONDS (default 150),
# ZX_FUZZ_SEED (default: from the commit), ZX_CACHE (kernel cache),
# ZX_VM_TIMEOUT (s per VM), ZX_VERBOSE=1 (stream VM consoles),
# ZX_SPLAT_IGNORE (ERE of benign lines).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=vm/lib.sh
. "$repo/scripts/vm/lib.sh"

kernels=${KERNELS:-stock-6.1 stock-6.12 debug arm64}
# A run of chosen selftests (ZX_TESTS) is a quick one: no extra runs.
extra=${ZX_EXTRA-$([[ -n ${ZX_TESTS:-} ]] || echo fuzz fault unpriv)}
fuzz_s=${ZX_FUZZ_SECONDS:-120}
# Reproducible per commit, different across commits.
fuzz_seed=${ZX_FUZZ_SEED:-$((0x$(git -C "$repo" rev-parse --short=15 HEAD 2>/dev/null || echo 0)))}
# Selftests that need root (the root resource, raising priorities); the
# unprivileged pass runs the others.
root_only='bti debuglog edu interrupt ioports pci profile resource samples smc system system_event vmo'
tot_pass=0 tot_fail=0 tot_skip=0 run_label=''
summary=()

now() { date +%s; }
check() { # NAME OK(0|1): one pass/fail check of the current flavor
  if (($2)); then pass=$((pass + 1)); else fail=$((fail + 1)); failed+=("${run_label}check: $1"); fi
}
is() { [[ $1 == "$2" ]] && echo 1 || echo 0; }

# extra_cmd FLAVOR RUN: the command line of an extra run; nothing if
# FLAVOR has no such run.
extra_cmd() {
  local t
  case $1:$2 in
    debug:fuzz | stock-6.12:fuzz)
      echo "./zx-fuzz --duration $fuzz_s --seed $fuzz_seed" ;;
    debug:fault)
      echo "rc=0; ./zx-fuzz --fault-sweep || rc=1;" \
        "./zx-fuzz --duration 60 --seed $fuzz_seed --fail-percent 5 --no-cycles --no-mm-races || rc=1;" \
        "exit \$rc" ;;
    stock-6.12:unpriv)
      local tests='unpriv'
      for t in "$repo"/selftests/*_test.c; do
        t=${t##*/}; t=${t%_test.c}
        [[ " $root_only unpriv " == *" $t "* ]] || tests+=" $t"
      done
      echo "./as-user 1000 1000 ./run-all $tests" ;;
  esac
}

# run_vm FLAVOR CMD OUT APPEND [IGNORE]: boots FLAVOR's VM running CMD
# (IGNORE: an ERE of kernel lines that are no splat in this run), counts
# its TAP results and checks into pass/fail/skip/failed; sets vm_note.
run_vm() {
  local flavor=$1 cmd=$2 out=$3 append=$4 ignore=${5:-} b=$repo/build/$1 kind what desc ntap nkunit k v
  local quiet=(--quiet)
  local -A r=()
  zx_payload "$flavor" "$b/payload" "$cmd"
  [[ ${ZX_VERBOSE:-0} == 1 ]] && quiet=()
  [[ -n ${ZX_SPLAT_IGNORE:-} && -n $ignore ]] && ignore="$ZX_SPLAT_IGNORE|$ignore"
  ZX_SPLAT_IGNORE=${ignore:-${ZX_SPLAT_IGNORE:-}} "$repo/scripts/vm/boot.sh" --flavor "$flavor" \
    --payload "$b/payload" --out "$out" --append "$append" "${quiet[@]}" || true
  if [[ ! -f $out/result.env ]]; then
    check "VM ran (see output above)" 0
    vm_note="no VM"
    return
  fi
  while IFS='=' read -r k v; do r[$k]=$v; done <"$out/result.env"

  # Leaf results: the command's TAP, then KUnit's KTAP from the kernel log.
  awk -f "$repo/scripts/vm/tapcount.awk" "$out/cmd.log" >"$out/tap-results.txt"
  awk -f "$repo/scripts/vm/tapcount.awk" "$out/ktap.log" >"$out/kunit-results.txt"
  for what in tap kunit; do
    while read -r kind _ desc; do
      case $kind in
        PASS) pass=$((pass + 1)) ;;
        SKIP) skip=$((skip + 1)) ;;
        FAIL) fail=$((fail + 1)); failed+=("$run_label$what: $desc") ;;
      esac
    done <"$out/$what-results.txt"
  done
  ntap=$(wc -l <"$out/tap-results.txt")
  nkunit=$(wc -l <"$out/kunit-results.txt")
  vm_note="$ntap tap + $nkunit kunit results, vm ${r[ELAPSED]} s"

  check "VM finished (${r[BOOT]})" "$(is "${r[BOOT]}" ok)"
  check "module loaded (insmod rc ${r[INSMOD_RC]})" "$(is "${r[INSMOD_RC]}" 0)"
  check "command exited 0 (${r[CMD_RC]})" "$(is "${r[CMD_RC]}" 0)"
  check "no kernel splat (${r[SPLATS]} lines in $out/splats.log)" "$(is "${r[SPLATS]}" 0)"
  check "live_objects back to 0 (${r[LIVE_OBJECTS]})" "$(is "${r[LIVE_OBJECTS]}" 0)"
  if [[ ${r[KMEMLEAK]} != absent ]]; then
    check "no kmemleak report (${r[KMEMLEAK]}, $out/kmemleak.log)" "$(is "${r[KMEMLEAK]}" clean)"
  fi
  check "rmmod succeeded (rc ${r[RMMOD_RC]})" "$(is "${r[RMMOD_RC]}" 0)"
  if [[ ${r[SPLATS]} != 0 ]]; then
    sed 's/^/    splat: /' "$out/splats.log" | head -n 20
  fi
  if [[ ${r[BOOT]} != ok || ${r[INSMOD_RC]} != 0 ]]; then
    echo "  console tail ($out/console.log):"
    zx_tail "$out/console.clean" 40
  fi
}

# run_flavor FLAVOR: updates pass/fail/skip/failed, sets note (for the summary).
run_flavor() {
  local flavor=$1 b=$repo/build/$1 t0 t1 t2 ok_mod=1 ok_st=1 run cmd append ignore
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

  vm_note='' run_label=''
  run_vm "$flavor" "run-all ${ZX_TESTS:-}" "$b/vm" ''
  note="$vm_note; $note"
  for run in $extra; do
    cmd=$(extra_cmd "$flavor" "$run")
    [[ -n $cmd ]] || continue
    echo "  -- $flavor: $run: $cmd"
    append='' ignore='' run_label="$run: "
    [[ $run == unpriv ]] || append=$(zx_fuzz_append "$flavor")
    # A failed vmalloc() dumps its stack (warn_alloc); each real splat
    # has a headline of its own.
    [[ $run == fault ]] && ignore='^Call Trace:$'
    run_vm "$flavor" "$cmd" "$b/$run-vm" "$append" "$ignore"
    note+="; $run: $vm_note"
  done
  run_label=''

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
