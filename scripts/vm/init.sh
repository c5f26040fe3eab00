#!/bin/busybox sh
# shellcheck shell=dash
# /init of the zxlinux test VM (PID 1, busybox ash). initramfs.sh copies it in.
# Loads /zx/zircon.ko, runs the command in /zx/cmd, checks for leftovers and
# reports everything on the console between "@@ZX:" marker lines, which
# scripts/vm/boot.sh parses. Never exits: it powers the machine off.
# Kernel command line variables it reads (unknown key=value params end up in
# init's environment): zxtimeout=SECONDS for the command.

/bin/busybox mkdir -p /bin /sbin /usr/bin /usr/sbin /proc /sys /dev /tmp
/bin/busybox --install -s
export PATH=/zx/bin:/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/tmp

mount -t devtmpfs devtmpfs /dev 2>/dev/null
# The initramfs may lack /dev/console; take it from devtmpfs.
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tmpfs tmpfs /tmp

say() { echo "@@ZX:$*"; }
# Console loglevel: kernel messages interleave with our output on the one
# serial line, so mute them while printing sections parsed by the host
# (the full log is dumped from dmesg at the end anyway).
quiet() { echo 1 >/proc/sys/kernel/printk; }
loud() { echo 7 >/proc/sys/kernel/printk; }
uptime_s() { cut -d. -f1 /proc/uptime; }

say "BOOTED $(uname -r) $(uname -m)"
# Report hung tasks while the host timeout still lets us see it.
[ -w /proc/sys/kernel/hung_task_timeout_secs ] && echo 30 >/proc/sys/kernel/hung_task_timeout_secs
taint0=$(cat /proc/sys/kernel/tainted)

# Forget whatever kmemleak suspects from boot: only our leaks count.
kml=/sys/kernel/debug/kmemleak
if [ -e $kml ]; then
  echo scan >$kml
  echo clear >$kml
fi

insmod /zx/zircon.ko
insmod_rc=$?
say "INSMOD rc=$insmod_rc"

cmd_rc=skipped
if [ "$insmod_rc" = 0 ]; then
  cmd=$(cat /zx/cmd)
  say "CMD $cmd"
  # Own session/process group, so a timeout or leftovers (children that
  # outlive the command and might hold /dev/zircon open) can all be killed.
  cd /zx/bin 2>/dev/null || cd /zx || :
  setsid sh -c "$cmd" </dev/null >/tmp/cmd.out 2>&1 &
  cmd_pid=$!
  # Live copy on the console for humans; the clean copy is re-printed below.
  tail -n +1 -f /tmp/cmd.out &
  tail_pid=$!
  wd_pid=
  if [ -n "${zxtimeout:-}" ]; then
    (
      sleep "$zxtimeout"
      echo "@@ZX:CMD-TIMEOUT after ${zxtimeout} s"
      kill -KILL "-$cmd_pid"
    ) &
    wd_pid=$!
  fi
  wait "$cmd_pid"
  cmd_rc=$?
  [ -n "$wd_pid" ] && kill "$wd_pid" 2>/dev/null
  kill -KILL "-$cmd_pid" 2>/dev/null && say "CMD-LEFTOVERS killed"
  cd /
  sleep 1 # let tail catch up
  kill "$tail_pid"
  wait "$tail_pid" 2>/dev/null
  cmd_end=$(uptime_s)
  quiet
  say "CMDOUT-BEGIN"
  cat /tmp/cmd.out
  say "CMDOUT-END rc=$cmd_rc"
  loud

  # Objects are freed asynchronously (deferred work, RCU): poll for a while.
  lo_file=/sys/class/misc/zircon/live_objects
  live=missing
  i=0
  while [ $i -lt 50 ]; do
    if [ -r $lo_file ]; then
      live=$(cat $lo_file)
      [ "$live" = 0 ] && break
    fi
    sleep 0.2
    i=$((i + 1))
  done
  say "LIVE_OBJECTS $live"

  if [ -e $kml ]; then
    # kmemleak ignores objects younger than 5 s at scan time.
    while [ $(($(uptime_s) - cmd_end)) -lt 6 ]; do sleep 1; done
    echo scan >$kml
    sleep 1
    echo scan >$kml
    quiet
    say "KMEMLEAK-BEGIN"
    cat $kml
    say "KMEMLEAK-END"
    loud
  else
    say "KMEMLEAK absent"
  fi

  rmmod zircon
  say "RMMOD rc=$?"
fi
say "CMD-STATUS $cmd_rc"
say "TAINT before=$taint0 after=$(cat /proc/sys/kernel/tainted)"

quiet
say "DMESG-BEGIN"
dmesg
say "DMESG-END"
say "DONE"
poweroff -f
# Without ACPI/PSCI poweroff the host kills QEMU after seeing DONE.
while :; do sleep 60; done
