#!/bin/sh
# Usage (in the VM, from scripts/bench.sh --trace): bench-trace.sh 'FUNCS' CASE
# Runs the zx-bench cases matching CASE for a moment under function_graph
# rooted at FUNCS and prints, per callee, its calls and inclusive time per
# root call, largest first.
funcs=$1 case=$2
t=/sys/kernel/tracing
[ -e $t/trace ] || mount -t tracefs tracefs $t || exit 2
[ -e $t/trace ] || { echo "bench-trace: no tracefs"; exit 2; }
echo 0 >$t/tracing_on
echo function_graph >$t/current_tracer || { echo "bench-trace: no function_graph"; exit 2; }
: >$t/set_graph_function
for f in $funcs; do echo "$f" >>$t/set_graph_function || exit 2; done
echo funcgraph-tail >$t/trace_options
echo nofuncgraph-irqs >$t/trace_options 2>/dev/null
echo 6 >$t/max_graph_depth
echo 16384 >$t/buffer_size_kb
: >$t/trace
echo 1 >$t/tracing_on
./zx-bench --filter "$case" --rounds 1 --round-ms 20 >/tmp/bench.out 2>&1
rc=$?
echo 0 >$t/tracing_on
grep -E '^(case|[A-Z])' /tmp/bench.out | grep -v '^zx-bench' | head -n 20
roots=$(echo "$funcs" | tr ' ' '|')
# Durations are on leaf lines "name();" and closing lines "} /* name */".
awk -v roots="^($roots)( |$)" '
  {
    if (!match($0, /[0-9]+\.[0-9]+ us/)) next
    d = substr($0, RSTART, RLENGTH - 3) + 0
    name = ""
    if (match($0, /\/\* .* \*\//)) name = substr($0, RSTART + 3, RLENGTH - 6)
    else if (match($0, /[A-Za-z0-9_.]+\(\);/)) name = substr($0, RSTART, RLENGTH - 3)
    if (name == "") next
    sub(/ \[.*\]$/, "", name)
    n[name]++; tot[name] += d
    if (name ~ roots) { rootn++; roott += d }
  }
  END {
    if (!rootn) { print "bench-trace: no root calls traced"; exit }
    printf "%d root calls, %.2f us each (traced)\n", rootn, roott / rootn
    printf "%-40s %10s %12s %7s\n", "function", "calls/root", "us/root", "share"
    for (f in n)
      printf "%-40s %10.2f %12.3f %6.1f%%\n", f, n[f] / rootn, tot[f] / rootn, 100 * tot[f] / roott
  }' $t/trace | awk 'NR <= 2 { print; fflush(); next } { print | "sort -k3 -nr | head -n 45" }'
exit $rc
