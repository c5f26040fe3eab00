#!/usr/bin/env bash
# Usage: scripts/bench.sh [--flavor F] [--out DIR] [--timeout SEC] [-v]
#                         [--trace CASE [--trace-funcs 'F ...']] [-- ZX-BENCH-ARGS]
# Builds the module, libzx and bench/zx-bench.cc for FLAVOR's kernel
# (default stock-6.12), boots a VM that loads the module and runs zx-bench,
# then writes to DIR (default bench/results/):
#   results.txt  the table, with the machine and kernel it ran on
#   results.csv  the same rows as CSV
#   ratios.png   bar chart of Zircon/Linux time ratios (log scale)
# Exit status: 0 all cases passed their checks and the VM run was clean,
# 1 a check failed (or the VM saw a splat or leak), 2 could not run.
# --trace CASE profiles instead: runs only the case named CASE (or, if none
# has that name, those whose name contains it), briefly, under ftrace's function_graph tracer rooted at the
# functions given (default zx_ioctl), and prints where their time goes
# (inclusive time per callee, per root call; tracing inflates it, compare
# shares).  Needs a kernel with function_graph (the stock ones).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=vm/lib.sh
. "$repo/scripts/vm/lib.sh"

t0=$(date +%s)
flavor=stock-6.12 out=$repo/bench/results timeout=${ZX_VM_TIMEOUT:-540} verbose=0
trace='' trace_funcs=zx_ioctl
args=()
while (($#)); do
  case $1 in
    --flavor) flavor=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    -v | --verbose) verbose=1; shift ;;
    --trace) trace=$2; shift 2 ;;
    --trace-funcs) trace_funcs=$2; shift 2 ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    --) shift; args=("$@"); break ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

b=$repo/build/$flavor
mkdir -p "$b"
# shellcheck disable=SC2034 # set by zx_kernel, read by lib.sh
KDIR='' KIMAGE='' KARCH='' KLLVM='' KNAME=''
zx_kernel "$flavor" || exit 2
: "$KDIR" "$KIMAGE" "$KNAME"
echo "bench.sh: building module and zx-bench for $flavor ($KARCH)" >&2
if ! zx_build_module "$flavor" "$b/module-build.log"; then
  echo "bench.sh: module build failed:" >&2; zx_tail "$b/module-build.log" >&2; exit 2
fi
if ! make -C "$repo" bench-build ARCH="$KARCH" BUILD="$b/bench" >"$b/bench-build.log" 2>&1; then
  echo "bench.sh: zx-bench build failed:" >&2; zx_tail "$b/bench-build.log" >&2; exit 2
fi

payload=$b/bench-payload
rm -rf "$payload"
mkdir -p "$payload/bin"
cp "$b/module/zircon.ko" "$payload/"
cp "$b/bench/bin/zx-bench" "$payload/bin/"
cmd=./zx-bench
((${#args[@]})) && cmd+=$(printf ' %q' "${args[@]}")
if [[ -n $trace ]]; then
  cp "$repo/scripts/bench-trace.sh" "$payload/bin/"
  cmd="./bench-trace.sh $(printf '%q %q' "$trace_funcs" "$trace")"
fi
printf '%s\n' "$cmd" >"$payload/cmd"

quiet=(--quiet)
((verbose)) && quiet=()
vm=$b/bench-vm
rc=0
"$repo/scripts/vm/boot.sh" --flavor "$flavor" --payload "$payload" --out "$vm" \
  --timeout "$timeout" "${quiet[@]}" || rc=$?
log=$vm/cmd.log
if [[ -n $trace ]]; then
  cat "$log"
  exit "$rc"
fi
if ! grep -q '^@@BENCH-CSV-END' "$log"; then
  echo "bench.sh: zx-bench did not finish; its output:" >&2
  zx_tail "$log" 40 >&2
  exit 2
fi

mkdir -p "$out"
sed -n '/^@@BENCH-CSV-BEGIN/,/^@@BENCH-CSV-END/p' "$log" | sed '1d;$d' >"$out/results.csv"
# shellcheck source=/dev/null
. "$vm/result.env"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
{
  echo "zx-bench on $KERNEL ($flavor), QEMU $(qemu-system-x86_64 --version | head -n 1 |
    sed 's/.*version \([^ ]*\).*/\1/') TCG (no KVM), 2 vCPUs,"
  echo "host: $(nproc) cores of $cpu; $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Absolute times are inflated by emulation; compare the ratios (zircon / linux)."
  # The table (progress lines, indented, are left out).
  sed -n '/^zx-bench:/,/^@@BENCH-CSV-BEGIN/p' "$log" | sed '$d' | grep -v '^  '
} >"$out/results.txt"

# The chart: one bar per measured case, the ratio on a log axis.  (Case and
# baseline names contain no commas: zx-bench keeps them so.)
awk -F, 'NR > 1 && $9 == "ok" { print $2 "\t" $8 }' "$out/results.csv" >"$b/ratios.dat"
if [[ -s $b/ratios.dat ]] && command -v gnuplot >/dev/null; then
  n=$(wc -l <"$b/ratios.dat")
  gnuplot <<EOF
set terminal pngcairo noenhanced size 1100,$((200 + 22 * n)) font "sans,9"
set output "$out/ratios.png"
set title "zircon.ko vs Linux: time ratio per case (lower is better, 1 = parity)\n$KERNEL, QEMU TCG"
set datafile separator "\t"
set style fill solid 0.8 border -1
set logscale x 2
set xrange [0.125:*]
set grid x
set xlabel "zircon time / linux time (log scale)"
set ytics nomirror
set yrange [$n:-1]
unset key
set arrow from 1, graph 0 to 1, graph 1 nohead lc rgb "red" lw 2
# Bars grow from parity (1) to the ratio.
plot "$b/ratios.dat" using 2:0:(\$2 < 1 ? \$2 : 1):(\$2 < 1 ? 1 : \$2):(\$0 - 0.35):(\$0 + 0.35):ytic(1) \
  with boxxyerror lc rgb "#4477aa", \
  "" using (\$2 > 1 ? \$2 : 1):0:(sprintf(" %.2fx", \$2)) with labels left font "sans,8"
EOF
else
  echo "bench.sh: no gnuplot or no ratios: chart skipped" >&2
fi

cat "$out/results.txt"
echo "bench.sh: results in $out (results.txt, results.csv, ratios.png)" >&2
echo "bench.sh: total $(($(date +%s) - t0)) s (VM $ELAPSED s)" >&2
grep -q ',FAIL$' "$out/results.csv" && rc=1
exit "$rc"
