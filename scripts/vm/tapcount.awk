# Reduces TAP / KTAP text to one line per leaf test case:
#   PASS|FAIL|SKIP <depth> <description>
# Usage: awk [-v strip_ts=1] -f tapcount.awk FILE
#   strip_ts=1: drop a leading printk timestamp "[  12.345678] " (dmesg).
# Nesting is either KTAP indentation (4 spaces per level) or kselftest's
# "# " prefixes (run_kselftest.sh wraps each program's TAP that way). A result
# is a parent (suite summary) when deeper results came right before it, since
# TAP prints children first; parents are not counted, except that a parent
# "not ok" with no failing child is counted as one failure (e.g. a test
# program that crashed after its last case).
# Directives: "# SKIP" counts as skipped; "# TODO" on "not ok" as skipped;
# "# XFAIL"/"# XPASS" on "ok" as passed.

function emit(kind, d, desc) {
  printf "%s %d %s\n", kind, d, desc
}

{
  line = $0
  sub(/\r$/, "", line)
  if (strip_ts)
    sub(/^\[ *[0-9]+\.[0-9]+\] /, "", line)
  depth = 0
  # Nesting: any mix of "# " prefixes and 4-space indentation.
  while (1) {
    if (substr(line, 1, 2) == "# ") { depth++; line = substr(line, 3); continue }
    if (substr(line, 1, 4) == "    ") { depth++; line = substr(line, 5); continue }
    if (substr(line, 1, 1) == "\t") { depth++; line = substr(line, 2); continue }
    break
  }
  sub(/^ +/, "", line)
  if (line !~ /^(not )?ok [0-9]+( |$)/)
    next

  ok = (line ~ /^ok /)
  desc = line
  sub(/^(not )?ok [0-9]+ ?(- )?/, "", desc)
  directive = ""
  if (match(desc, / # *[A-Za-z]+/)) {
    directive = toupper(substr(desc, RSTART, RLENGTH))
    gsub(/[ #]/, "", directive)
  }
  if (directive == "SKIP" || (!ok && directive == "TODO"))
    kind = "SKIP"
  else
    kind = ok ? "PASS" : "FAIL"

  # Parent or leaf? Look back over results deeper than this one.
  parent = 0
  childfail = 0
  for (j = n - 1; j >= 0 && rdepth[j] > depth; j--) {
    parent = 1
    if (rkind[j] == "FAIL")
      childfail = 1
  }
  rdepth[n] = depth
  if (!parent) {
    rkind[n] = kind
    emit(kind, depth, desc)
  } else if (kind == "FAIL" && !childfail) {
    rkind[n] = "FAIL"
    emit("FAIL", depth, desc " (reported failure without a failing case)")
  } else {
    rkind[n] = childfail ? "FAIL" : kind
  }
  n++
}
