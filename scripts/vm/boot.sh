#!/usr/bin/env bash
# Usage: scripts/vm/boot.sh --flavor F --payload DIR [--out DIR] [--timeout SEC]
#                           [--qemu-extra 'ARGS'] [--append 'KERNEL ARGS'] [--quiet]
# Boots FLAVOR's kernel in QEMU (TCG) with a busybox initramfs holding DIR
# as /zx/ (zircon.ko, bin/, cmd); the guest's /init (init.sh) loads the
# module, runs `cmd`, checks live_objects and kmemleak, unloads the module
# and dumps dmesg. The console is streamed to stdout (unless --quiet) and
# parsed into --out (default build/<flavor>/vm):
#   console.log  raw serial console       cmd.log      the command's output
#   dmesg.log    kernel log               ktap.log     KTAP lines from dmesg
#   kmemleak.log kmemleak report          splats.log   offending kernel lines
#   result.env   KEY=value summary (see end of file)
# Exit status: 0 all checks passed, 1 some check failed, 2 could not run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
flavor='' payload='' out='' timeout=${ZX_VM_TIMEOUT:-900} qemu_extra='' append='' quiet=0

die() { printf 'boot.sh: error: %s\n' "$*" >&2; exit 2; }

while (($#)); do
  case $1 in
    --flavor) flavor=$2; shift 2 ;;
    --payload) payload=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --qemu-extra) qemu_extra=$2; shift 2 ;;
    --append) append=$2; shift 2 ;;
    --quiet) quiet=1; shift ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[[ -n $flavor && -n $payload ]] || die "usage: $0 --flavor F --payload DIR [--out DIR] [--timeout SEC] [--qemu-extra ARGS]"
[[ -f $payload/cmd ]] || die "$payload/cmd missing"
[[ $timeout =~ ^[0-9]+$ ]] || die "--timeout wants seconds"
out=${out:-$repo/build/$flavor/vm}

KDIR='' KIMAGE='' KARCH='' KLLVM='' KNAME=''
kenv=$("$here/kernel.sh" "$flavor") || die "no kernel for $flavor"
eval "$kenv"
: "$KDIR" "$KLLVM" "$KNAME"

mkdir -p "$out"
rm -f "$out"/{console,dmesg,cmd,ktap,kmemleak,splats}.log "$out"/result.env "$out"/qemu.stderr
"$here/initramfs.sh" --arch "$KARCH" --payload "$payload" --out "$out/initramfs.cpio.gz"

# The guest kills a hanging command a bit before we kill the whole VM, so
# that its kernel log (hung tasks, lockdep) still gets dumped.
guest_timeout=$((timeout > 180 ? timeout - 90 : timeout * 2 / 3))
# oops=panic + panic=-1 + -no-reboot: an oops ends the run at once instead of
# leaving a wedged guest; a WARNING does not (no panic_on_warn), it is
# reported from the log and the taint flags.
cmdline="panic=-1 oops=panic zxtimeout=$guest_timeout"
# More devices for the DDK tests, which no driver in the test kernels binds
# (NVMe is a module on Debian's kernels, off in ours; the initramfs loads
# only zircon.ko): pci-testdev (1b36:0005) for its I/O BAR, and an NVMe
# controller without a namespace (1b36:0010) for its MSI-X vectors.
test_pci=(-device pci-testdev -device nvme,serial=zxnvme)
case $KARCH in
  x86_64)
    # edu: QEMU's teaching PCI device (1234:11e8), for the DDK tests,
    # behind an Intel IOMMU that Linux drives (interrupt remapping needs
    # the split irqchip), so DMA goes through real IOMMU mappings.  edu
    # clamps DMA addresses to its dma_mask (28 bits by default); Linux's
    # default DMA mask for it is 32 bits, so make the device agree.
    qemu=(qemu-system-x86_64 -M q35,kernel-irqchip=split -cpu max -m 1G -smp 2
      -device intel-iommu,intremap=on -device edu,dma_mask=0xffffffff
      "${test_pci[@]}")
    cmdline="console=ttyS0 intel_iommu=on $cmdline"
    ;;
  arm64)
    # secure=on would need firmware (hangs); virtualization=on gives EL2.
    # pauth-impdef: QEMU's cheap pointer-auth hash; the architected one
    # (QARMA) makes TCG about twice as slow.
    # shellcheck disable=SC2054 # -M/-cpu take comma lists
    qemu=(qemu-system-aarch64 -M virt,virtualization=on -cpu max,pauth-impdef=on -m 1G -smp 2
      -device edu,dma_mask=0xffffffff "${test_pci[@]}")
    cmdline="console=ttyAMA0 $cmdline"
    ;;
  *) die "unknown KARCH '$KARCH'" ;;
esac
[[ -n $append ]] && cmdline="$cmdline $append"
qemu+=(-nographic -monitor none -serial stdio -no-reboot -nic none
  -kernel "$KIMAGE" -initrd "$out/initramfs.cpio.gz" -append "$cmdline")
if [[ -n $qemu_extra ]]; then
  read -r -a extra <<<"$qemu_extra"
  qemu+=("${extra[@]}")
fi
printf '%q ' "${qemu[@]}" >"$out/qemu.cmd"
echo >>"$out/qemu.cmd"

t0=$(date +%s)
: >"$out/console.log"
"${qemu[@]}" </dev/null >"$out/console.log" 2>"$out/qemu.stderr" &
qpid=$!
tpid=''
if ((quiet == 0)); then
  tail -n +1 -f --pid="$qpid" "$out/console.log" &
  tpid=$!
fi

boot=crashed done_at=''
while kill -0 "$qpid" 2>/dev/null; do
  now=$(date +%s)
  if [[ -z $done_at ]] && grep -q '^@@ZX:DONE' "$out/console.log"; then
    done_at=$now
  fi
  # Kernels without poweroff support: DONE is as good as an exit.
  if [[ -n $done_at ]] && ((now - done_at >= 10)); then
    kill "$qpid" 2>/dev/null || true
    break
  fi
  if ((now - t0 >= timeout)); then
    boot=timeout
    printf '\nboot.sh: timeout after %s s, killing QEMU\n' "$timeout" >&2
    kill "$qpid" 2>/dev/null || true
    sleep 2
    kill -9 "$qpid" 2>/dev/null || true
    break
  fi
  sleep 0.5
done
qemu_rc=0
wait "$qpid" || qemu_rc=$?
[[ -n $tpid ]] && { wait "$tpid" 2>/dev/null || true; }
elapsed=$(($(date +%s) - t0))

# ---- parse the console ----
con=$out/console.clean
tr -d '\r' <"$out/console.log" >"$con"
grep -q '^@@ZX:DONE' "$con" && boot=ok

section() { # NAME -> lines between @@ZX:NAME-BEGIN and @@ZX:NAME-END
  awk -v b="@@ZX:$1-BEGIN" -v e="@@ZX:$1-END" \
    'index($0, e) == 1 { on = 0 } on { print } $0 == b { on = 1 }' "$con"
}
value() { # KEY -> text after "@@ZX:KEY " (last occurrence)
  sed -n "s/^@@ZX:$1 //p" "$con" | tail -n 1
}

section CMDOUT >"$out/cmd.log"
section KMEMLEAK >"$out/kmemleak.log"
if grep -q '^@@ZX:DMESG-END' "$con"; then
  section DMESG >"$out/dmesg.log"
else
  # No dump (panic, hang): the kernel lines that reached the console.
  grep -E '^\[ *[0-9]+\.[0-9]+\]' "$con" >"$out/dmesg.log" || true
fi
sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' "$out/dmesg.log" |
  grep -E '^ *(KTAP version [0-9]+|TAP version [0-9]+|[0-9]+\.\.[0-9]+|# .*|(not )?ok [0-9]+.*)$' \
    >"$out/ktap.log" || true

insmod_rc=$(value INSMOD | sed -n 's/^rc=//p')
cmd_rc=$(value CMD-STATUS)
live=$(value LIVE_OBJECTS)
rmmod_rc=$(value RMMOD | sed -n 's/^rc=//p')
taint=$(value TAINT)
taint_before=$(sed -n 's/.*before=\([0-9]*\).*/\1/p' <<<"$taint")
taint_after=$(sed -n 's/.*after=\([0-9]*\).*/\1/p' <<<"$taint")
if [[ $(value KMEMLEAK) == absent ]]; then
  kmemleak=absent
elif grep -q '^@@ZX:KMEMLEAK-END' "$con"; then
  if [[ -s $out/kmemleak.log ]]; then kmemleak=leak; else kmemleak=clean; fi
else
  kmemleak=unknown
fi

# Splats: kernel lines (from the dump and from the live console) matching
# these; ZX_SPLAT_IGNORE (ERE) drops known benign lines.
splat_re='BUG:|^BUG |WARNING:|KASAN:|UBSAN:|Oops|general protection|Kernel panic|Call Trace:'
splat_re+='|INFO: task .* blocked|possible circular locking|possible recursive locking'
splat_re+='|inconsistent lock state|lockdep is turned off|locking correctness validator'
splat_re+='|DEBUG_LOCKS_WARN_ON|suspicious RCU usage|held lock freed|bad unlock balance'
splat_re+='|kmemleak: [0-9]+ new suspected|Unable to handle kernel|Internal error:'
splat_re+='|rcu: INFO:|detected stalls|soft lockup|hard LOCKUP|list_(add|del) corruption'
splat_re+='|refcount_t:|stack-protector|double fault'
{
  sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' "$out/dmesg.log"
  grep -E '^\[ *[0-9]+\.[0-9]+\]' "$con" | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //'
} | grep -E -- "$splat_re" | { if [[ -n ${ZX_SPLAT_IGNORE:-} ]]; then grep -Ev -- "$ZX_SPLAT_IGNORE"; else cat; fi; } |
  awk '!seen[$0]++' >"$out/splats.log" || true
# Taint flags the run gained: B bad page, D oops, W warning, L soft lockup.
if [[ -n $taint_before && -n $taint_after ]]; then
  gained=$(((taint_after & ~taint_before) & (1 << 5 | 1 << 7 | 1 << 9 | 1 << 14)))
  ((gained)) && echo "taint flags gained: $gained (of $taint_after)" >>"$out/splats.log"
fi
splats=$(wc -l <"$out/splats.log")

cat >"$out/result.env" <<EOF
FLAVOR=$flavor
KERNEL=$(value BOOTED | cut -d' ' -f1)
BOOT=$boot
QEMU_RC=$qemu_rc
ELAPSED=$elapsed
INSMOD_RC=${insmod_rc:-none}
CMD_RC=${cmd_rc:-none}
LIVE_OBJECTS=${live:-none}
KMEMLEAK=$kmemleak
RMMOD_RC=${rmmod_rc:-none}
SPLATS=$splats
TAINT_BEFORE=${taint_before:-none}
TAINT_AFTER=${taint_after:-none}
EOF

fail=0
[[ $boot == ok ]] || fail=1
[[ $insmod_rc == 0 && $cmd_rc == 0 && $live == 0 && $rmmod_rc == 0 ]] || fail=1
[[ $kmemleak == clean || $kmemleak == absent ]] || fail=1
((splats == 0)) || fail=1
{
  echo "boot.sh: $flavor: boot=$boot insmod=${insmod_rc:-none} cmd=${cmd_rc:-none}" \
    "live_objects=${live:-none} kmemleak=$kmemleak rmmod=${rmmod_rc:-none} splats=$splats" \
    "(${elapsed} s; logs in $out)"
  if ((splats && !quiet)); then sed 's/^/boot.sh:   splat: /' "$out/splats.log" | head -n 20; fi
} >&2
exit "$fail"
