# shellcheck shell=bash
# Shared by scripts/check.sh and scripts/run.sh (sourced, not run).
# Needs: $repo (repository root).
# shellcheck disable=SC2154

# zx_kernel FLAVOR: sets KDIR KIMAGE KARCH KLLVM KNAME (builds on first use).
zx_kernel() {
  local kenv
  kenv=$("$repo/scripts/vm/kernel.sh" "$1") || return 1
  eval "$kenv"
}

# zx_build_module / zx_build_selftests FLAVOR LOG: build the module and the test programs for the
# kernel set by zx_kernel, via the top Makefile. Outputs:
#   build/FLAVOR/module/zircon.ko, build/FLAVOR/selftests/bin/*
zx_build_module() {
  local flavor=$1 log=$2
  local llvm=()
  # Kbuild treats any non-empty LLVM (even LLVM=0) as "use clang", and a
  # command-line variable reaches nested makes: pass it only when wanted.
  [[ $KLLVM == 1 ]] && llvm=(LLVM=1)
  make -C "$repo" module-build KDIR="$KDIR" ARCH="$KARCH" "${llvm[@]}" \
    BUILD="$repo/build/$flavor/module" >"$log" 2>&1 &&
    [[ -f $repo/build/$flavor/module/zircon.ko ]]
}
zx_build_selftests() {
  local flavor=$1 log=$2
  make -C "$repo" selftests-build ARCH="$KARCH" \
    BUILD="$repo/build/$flavor/selftests" >"$log" 2>&1 &&
    [[ -d $repo/build/$flavor/selftests/bin ]]
}

# zx_payload FLAVOR DIR CMD: the VM's /zx: zircon.ko, bin/ (the test
# programs), cmd (the shell command line run from /zx/bin).
zx_payload() {
  local flavor=$1 dir=$2 cmd=$3
  rm -rf "$dir"
  mkdir -p "$dir/bin"
  cp "$repo/build/$flavor/module/zircon.ko" "$dir/"
  cp -a "$repo/build/$flavor/selftests/bin/." "$dir/bin/"
  printf '%s\n' "$cmd" >"$dir/cmd"
}

# zx_tail FILE: last lines of a log, indented, for failure reports.
zx_tail() {
  tail -n "${2:-30}" "$1" | sed 's/^/    | /'
}

# zx_fuzz_append FLAVOR: kernel arguments for fuzzing runs. The debug
# kernels check the slab allocator with KASAN; stock ones get SLUB's own
# checks (sanity, red zones, poisoning, owner tracking).
zx_fuzz_append() {
  case $1 in
    stock-*) echo 'slub_debug=FZPU' ;;
    *) echo '' ;;
  esac
}
