# Shared helpers of bench/run.sh: messages, tools, numbers, /proc readings. Sourced, not run.

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
warn() { printf '[bench %(%H:%M:%S)T] WARNING: %s\n' -1 "$*" >&2; WARNINGS+=("$*"); }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

now() { date +%s.%N; }

# bearer_header TOKEN: the Authorization header, for curl -H @<(bearer_header "$token"), so that the
# token is read from a pipe rather than shown in ps as one of curl's arguments. Nothing for no token.
bearer_header() { [[ -z "$1" ]] || printf 'Authorization: Bearer %s\n' "$1"; }

# calc EXPR [awk -v assignments...]: floating-point arithmetic, printed with up to 6 decimals.
calc() { local expr="$1"; shift; awk "$@" "BEGIN { printf \"%.6g\", ($expr) }"; }

# ensure_tool BINARY DEBIAN_PACKAGE: installs the package with apt-get when the binary is missing.
ensure_tool() {
  local binary="$1" package="$2" sudo=()
  command -v "$binary" >/dev/null 2>&1 && return 0
  log "$binary is missing: installing the Debian package $package"
  command -v apt-get >/dev/null 2>&1 \
    || die "$binary is missing and this machine has no apt-get to install $package; install it and run again"
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "$binary is missing; installing $package needs root: sudo apt-get install -y $package"
    sudo=(sudo -n)
  fi
  # the system's files get the usual modes, not the bench's private umask (run.sh)
  if [[ -z "${APT_UPDATED:-}" ]]; then
    (umask 022; "${sudo[@]}" apt-get update -qq) >>"$LOG_DIR/apt.log" 2>&1 \
      || die "$binary is missing and 'apt-get update' failed (see $LOG_DIR/apt.log)"
    APT_UPDATED=1
  fi
  (umask 022; DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$package") >>"$LOG_DIR/apt.log" 2>&1 \
    || die "$binary is missing and 'apt-get install -y $package' failed (see $LOG_DIR/apt.log)"
  command -v "$binary" >/dev/null 2>&1 || die "installed $package but there is still no $binary on PATH"
}

# Fields of /proc/PID/stat after the command name (which may hold spaces): field N of proc(5) is
# element N-3 of the array. Prints nothing when the process is gone.
proc_stat_fields() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  printf '%s\n' "${stat##*) }"
}

# CPU ticks (user + system) a process used, including children it has reaped.
proc_cpu_ticks() {
  local fields
  fields="$(proc_stat_fields "$1")"
  [[ -n "$fields" ]] || { echo 0; return; }
  awk '{ print $12 + $13 + $14 + $15 }' <<<"$fields"
}

# When a process started, in epoch seconds (10 ms resolution). The boot time is the clock less
# /proc/uptime, both read now: /proc/stat's btime is whole seconds, which made every start-up figure
# up to a second too long.
proc_start_epoch() {
  local fields
  fields="$(proc_stat_fields "$1")"
  [[ -n "$fields" ]] || return 1
  awk -v now="$(now)" -v up="$(cut -d ' ' -f 1 /proc/uptime)" -v hz="$CLK_TCK" \
    '{ printf "%.3f\n", now - up + $20 / hz }' <<<"$fields"
}

proc_rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
proc_hwm_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# pid_is PID TEXT: the process is alive and its command line contains TEXT (guards against reused PIDs).
pid_is() {
  [[ "$1" =~ ^[0-9]+$ ]] && { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null | grep -qF -- "$2"
}

# stop_pid PID TEXT GRACE_SECONDS [SIGNAL]: signal (default TERM), wait, then SIGKILL. Only when the
# process still is what we started (its command line contains TEXT).
stop_pid() {
  local pid="$1" what="$2" grace="$3" signal="${4:-TERM}" waited=0
  pid_is "$pid" "$what" || return 0
  kill "-$signal" "$pid" 2>/dev/null || return 0
  while pid_is "$pid" "$what" && (( waited < grace * 10 )); do sleep 0.1; waited=$((waited + 1)); done
  if pid_is "$pid" "$what"; then
    log "PID $pid ($what) did not stop within ${grace}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

# port_free PORT: nothing listens on it (IPv4 or IPv6).
port_free() { [[ -z "$(ss -Htln "sport = :$1" 2>/dev/null)" ]]; }

# Machine CPU counters from /proc/stat: "busy total" in ticks.
machine_cpu() { awk '/^cpu / { total = 0; for (i = 2; i <= NF; i++) total += $i; print total - $5 - $6, total; exit }' /proc/stat; }

# CPU seconds (user + system) of this shell's reaped children, from a file `times` wrote: call
# `times >FILE` in the main shell (not in "$(…)", whose fork starts from zero), then this on FILE.
children_cpu_seconds() {
  awk 'NR == 2 {
    total = 0
    for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); total += t[1] * 60 + t[2] }
    printf "%.3f\n", total }' "$1"
}
