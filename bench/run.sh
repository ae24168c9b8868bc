#!/usr/bin/env bash
# ./storefront bench [--quick] [options]: load-tests the three services against PostgreSQL's own limit.
#
# Starts the whole stack with ./storefront up (embedded PostgreSQL 17, production settings: DEBUG off,
# capped heaps) on its own state folder and free ports, warms it up, measures pgbench (SELECT 1 and
# the product-by-id statement) and wrk on each row at each connection level, and writes a Markdown
# table and a JSON file under bench/results/. Stops everything it started, on success, failure and
# Ctrl-C alike. See bench/README.md.
set -Eeuo pipefail
# Everything the bench writes is its own: up.log holds the admin password ./storefront up prints, and
# raw/ the bench users' access tokens.
umask 077

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
# RSS "after the run" is read this long after the last row (full mode): past the services' idle heap return
SETTLE_SECONDS=45
declare -A RSS_AFTER_ROWS=()
# shellcheck source=lib/common.sh
source "$BENCH_DIR/lib/common.sh"
# shellcheck source=lib/stack.sh
source "$BENCH_DIR/lib/stack.sh"
# shellcheck source=lib/load.sh
source "$BENCH_DIR/lib/load.sh"
# shellcheck source=lib/data.sh
source "$BENCH_DIR/lib/data.sh"


usage() {
  cat <<EOF
usage: ./storefront bench [--quick] [options]

  --quick               CI mode: 1 s per level, connection levels 1 and 64, short warm-up, one
                        pgbench round, no solo starts. Exits non-zero only when the harness breaks.
  --duration S          seconds per row and level (default 10; quick 1)
  --warmup S            seconds each row runs at 64 connections before any is measured (default 60;
                        quick 2)
  --connections LIST    connection levels, e.g. 1,16,64,256,1024 (default; quick 1,64)
  --rows LIST           rows to run (default all): ${ALL_ROWS[*]}
  --products N          generated products added to the catalog (default 10000)
  --users N             bench users for the cart rows (default 256; quick 16)
  --jvm-flags "FLAGS"   replace the services' JVM flags (default: \$BENCH_JVM_FLAGS, else the
                        launcher's production defaults; see bench/README.md, "JVM flags")
  --aot-cache / --no-aot-cache
                        start the services from JDK 25's AOT cache, as ./storefront up does
                        (default on; quick: off, so CI does not spend a minute training it)
  --health-service S    which service the /health rows load: auth, product or cart (default product)
  --details-token       set HEALTH_DETAILS_TOKEN for the services and send it to /health/detailed
                        (off by default: see bench/README.md, "Known problems found by the bench")
  --no-solo-start       skip starting each service alone to time its start-up (quick skips it)
  --solo-start          time each service's start-up alone, also in quick mode
  --base-port N         services on N+1..N+3 (default: first free of 18000, 18100, …)
  --pg-port N           embedded PostgreSQL's port (default: first free from 55440)
  -h, --help            this text

Exit status: 0 measured; 1 the harness broke (the stack did not start, a tool failed; one line says
what); 2 wrong usage; 130 stopped by Ctrl-C.
EOF
}

# Wrong usage exits 2, as every ./storefront command does; 1 is left for a harness that broke.
usage_error() {
  printf 'bench: error: %s\n' "$*" >&2
  printf "run './storefront bench --help' for the options\n" >&2
  exit 2
}

needs_value() { [[ $# -ge 2 && -n "$2" ]] || usage_error "$1 needs a value"; }

# The bad value is quoted as the services and the Java tools quote it, (got "abc"); the seconds and
# ports in their words too, as ./storefront up says them for its --timeout, --base-port and --pg-port.
# $3: the least value the option takes, if any
whole_number() {
  [[ "$2" =~ ^[0-9]{1,9}$ ]] && (( 10#$2 >= ${3:-0} )) || usage_error "$1 must be a whole number${3:+ of at least $3} (got \"$2\")"
}

seconds() {
  [[ "$2" =~ ^[0-9]{1,9}$ ]] && (( 10#$2 >= 1 )) || usage_error "$1 must be a whole number of seconds of at least 1 (got \"$2\")"
}

# $3: the highest port the option may name, below 65535 when the ports above it are needed too
tcp_port() {
  local room=""
  (( $3 == 65535 )) || room=" up to $3"
  [[ "$2" =~ ^[0-9]{1,5}$ ]] && (( 10#$2 >= 1 && 10#$2 <= $3 )) || usage_error "$1 must be a TCP port$room (got \"$2\")"
}

parse_args() {
  MODE=full DURATION="" WARMUP="" LEVELS="" ROWS="" PRODUCTS=10000 USERS="" SOLO="" DETAILS_TOKEN=no AOT=""
  JVM_FLAGS="${BENCH_JVM_FLAGS:-}" HEALTH_SERVICE=product BASE_PORT="" PG_PORT=""
  while (( $# > 0 )); do
    case "$1" in
      --quick) MODE=quick ;;
      --duration) needs_value "$@"; DURATION="$2"; shift ;;
      --connections) needs_value "$@"; LEVELS="$2"; shift ;;
      --rows) needs_value "$@"; ROWS="$2"; shift ;;
      --products) needs_value "$@"; PRODUCTS="$2"; shift ;;
      --users) needs_value "$@"; USERS="$2"; shift ;;
      --jvm-flags) (( $# >= 2 )) || usage_error "--jvm-flags needs flags"; JVM_FLAGS="$2"; shift ;;
      --health-service) needs_value "$@"; HEALTH_SERVICE="$2"; shift ;;
      --no-solo-start) SOLO=no ;;
      --aot-cache) AOT=yes ;;
      --no-aot-cache) AOT=no ;;
      --solo-start) SOLO=yes ;;
      --details-token) DETAILS_TOKEN=yes ;;
      --warmup) needs_value "$@"; WARMUP="$2"; shift ;;
      --base-port) needs_value "$@"; BASE_PORT="$2"; shift ;;
      --pg-port) needs_value "$@"; PG_PORT="$2"; shift ;;
      -h|--help) usage; exit 0 ;;
      *) usage_error "unknown option: $1" ;;
    esac
    shift
  done
  if [[ "$MODE" == quick ]]; then
    : "${DURATION:=1}" "${LEVELS:=1,64}" "${USERS:=16}" "${SOLO:=no}" "${AOT:=no}"
    : "${WARMUP:=2}"; PGBENCH_DURATION=2 PAUSE=0.5
  else
    : "${DURATION:=10}" "${LEVELS:=1,16,64,256,1024}" "${USERS:=256}" "${SOLO:=yes}" "${AOT:=yes}"
    : "${WARMUP:=60}"; PGBENCH_DURATION=10 PAUSE=2
  fi
  read -r -a LEVELS <<<"${LEVELS//,/ }"
  read -r -a ROWS <<<"${ROWS//,/ }"
  (( ${#ROWS[@]} > 0 )) || ROWS=("${ALL_ROWS[@]}")
  local value row
  seconds --duration "$DURATION"; seconds --warmup "$WARMUP"
  whole_number --products "$PRODUCTS"; whole_number --users "$USERS" 1
  for value in "${LEVELS[@]}"; do whole_number --connections "$value" 1; done
  # as decimal: bash arithmetic reads 08 as a bad octal number
  DURATION=$((10#$DURATION)) WARMUP=$((10#$WARMUP)) PRODUCTS=$((10#$PRODUCTS)) USERS=$((10#$USERS))
  for value in "${!LEVELS[@]}"; do LEVELS[value]=$((10#${LEVELS[value]})); done
  # The launcher refuses these too, but only after the bench has built and seeded things:
  # its base port leaves room for the three services above it.
  [[ -z "$BASE_PORT" ]] || tcp_port --base-port "$BASE_PORT" 65532
  [[ -z "$PG_PORT" ]] || tcp_port --pg-port "$PG_PORT" 65535
  for row in "${ROWS[@]}"; do
    [[ " ${ALL_ROWS[*]} " == *" $row "* ]] || usage_error "--rows must name rows among ${ALL_ROWS[*]} (got \"$row\")"
  done
  [[ "$HEALTH_SERVICE" =~ ^(auth|product|cart)$ ]] || usage_error "--health-service must be auth, product or cart (got \"$HEALTH_SERVICE\")"
}

# Fixed settings (documented in bench/README.md).
WRK_TIMEOUT=5            # seconds before wrk counts a request as timed out
PGBENCH_CLIENTS=16       # pgbench -c (with -j 2)
MIX_CONNECTIONS=64       # the /health + detailed monitor row runs at this level only
MONITOR_CONNECTIONS=4    # … with this many monitor connections,
MONITOR_DELAY_MS=50      # … each pausing this long between requests (about 80 detailed probes/s)
CART_SPREAD=50           # products in each bench user's window (a cart holds at most 100)
START_TIMEOUT=300        # seconds ./storefront up may take to have every service ready

CHILD_PIDS=() WARNINGS=() FAILURES=() SOLO_PID="" LAUNCHER_PID=""

cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM HUP
  set +e
  for pid in "${CHILD_PIDS[@]}"; do
    if pid_is "$pid" wrk || pid_is "$pid" pgbench; then kill -TERM "$pid" 2>/dev/null; fi
  done
  [[ -n "$SOLO_PID" ]] && stop_pid "$SOLO_PID" "-jar" 20
  stop_stack
  if [[ -n "${WORK_DIR:-}" && "$(cat "$WORK_DIR/bench.pid" 2>/dev/null)" == "$$" ]]; then rm -f "$WORK_DIR/bench.pid"; fi
  case "$rc" in
    0) ;;
    129|130|143) log "stopped by a signal; everything it started is stopped (logs in $LOG_DIR)" ;;
    *) log "bench failed (exit $rc); logs in $LOG_DIR" ;;
  esac
  exit "$rc"
}

prepare() {
  [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] \
    || die "JAVA_HOME does not point at a JDK; run the bench as ./storefront bench (it picks one)"
  local jar
  for jar in auth-service product-service cart-service storefront-launcher; do
    [[ -f "$ROOT/$jar/target/$jar.jar" ]] || die "$jar/target/$jar.jar is missing; run ./storefront build"
  done
  WORK_DIR="$ROOT/.storefront/bench" STATE_DIR="$ROOT/.storefront/bench/state"
  LOG_DIR="$WORK_DIR/logs" RAW_DIR="$WORK_DIR/raw"
  mkdir -p "$WORK_DIR"
  clear_leftovers
  rm -rf "$LOG_DIR" "$RAW_DIR"
  mkdir -p "$LOG_DIR" "$RAW_DIR"
  TOKENS_FILE="$RAW_DIR/tokens.txt"
  RUN_ID="$(date +%Y%m%d%H%M%S)-$$"
  HEALTH_TOKEN=""
  if [[ "$DETAILS_TOKEN" == yes ]]; then HEALTH_TOKEN="bench-health-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"; fi
  CLK_TCK="$(getconf CLK_TCK)" NPROC="$(nproc)"

  check_jvm_flags
  ensure_tool curl curl
  ensure_tool jq jq
  ensure_tool psql postgresql-client
  ensure_tool pgbench postgresql-client
  ensure_tool wrk wrk
  ensure_tool ss iproute2
  # wrk needs a descriptor per connection (and the services inherit the limit through the launcher).
  local most=0 level wanted hard
  for level in "${LEVELS[@]}"; do if (( level > most )); then most=$level; fi; done
  wanted=$(( 2 * most + 4096 ))
  hard="$(ulimit -Hn)"
  [[ "$hard" == unlimited ]] && hard=$wanted
  (( $(ulimit -Sn) >= wanted )) || ulimit -Sn "$(( hard < wanted ? hard : wanted ))" \
    || die "cannot raise the open-files limit to $wanted (ulimit -n; hard limit $hard)"
  (( most + 64 < $(ulimit -Sn) )) || die "open-files limit $(ulimit -Sn) is too low for $most connections; raise ulimit -n"
}

# The services must not die of a flag this JDK lacks: try --jvm-flags first (the launcher's defaults
# are its own business).
check_jvm_flags() {
  local output
  [[ -n "$JVM_FLAGS" ]] || return 0
  # shellcheck disable=SC2086  # the flags are words
  output="$("$JAVA_HOME/bin/java" $JVM_FLAGS -version 2>&1)" \
    || die "the JVM flags '$JVM_FLAGS' do not work with $JAVA_HOME: $(head -n 2 <<<"$output" | tr '\n' ' ')"
}

machine_facts() {
  local which="$1"
  jq -n --arg nproc "$NPROC" --arg cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
    --arg memory "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)" \
    --arg kernel "$(uname -sr)" --arg load "$(cut -d ' ' -f 1-3 /proc/loadavg)" \
    --arg jdk "$("$JAVA_HOME/bin/java" -version 2>&1 | grep -m1 -E 'version' || true)" \
    --arg jdk_runtime "$("$JAVA_HOME/bin/java" -version 2>&1 | grep -m1 -E 'Runtime Environment' || true)" \
    --arg pg "$(product_psql -At -c 'SHOW server_version' 2>/dev/null || echo unknown)" \
    --arg pgbench "$(pgbench --version)" --arg wrk "$({ wrk -v 2>&1 || true; } | head -n 1 | cut -d ' ' -f 1-2)" \
    --arg commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || echo '+changes')" \
    --arg which "$which" \
    '{nproc: ($nproc | tonumber), cpu: $cpu, memory: $memory, kernel: $kernel, jdk: $jdk,
      jdk_runtime: $jdk_runtime, postgresql_server: $pg, pgbench: $pgbench, wrk: $wrk, commit: $commit,
      ("load_average_" + $which): $load}'
}

# The stack's start: per service, JVM start -> ready (all three at once) and Spring's own figures.
service_facts() {
  local svc parts=() started rss hwm
  for svc in "${SERVICES[@]}"; do
    read -r -a started <<<"${STARTED_IN[$svc]:-}"
    rss="$(proc_rss_kib "${SERVICE_PID[$svc]}" || true)" hwm="$(proc_hwm_kib "${SERVICE_PID[$svc]}" || true)"
    local rows_rss="${RSS_AFTER_ROWS[$svc]:-}"
    parts+=("$(jq -n --arg name "${SERVICE_NAME[$svc]}" --argjson pid "${SERVICE_PID[$svc]}" \
      --argjson port "${SERVICE_PORT[$svc]}" --argjson ready "${READY_SECONDS[$svc]:-null}" \
      --argjson spring "${started[0]:-null}" --argjson jvm_uptime "${started[1]:-null}" \
      --argjson solo "${SOLO_READY[$svc]:-null}" \
      --argjson rss "${rss:-null}" --argjson hwm "${hwm:-null}" --argjson rows_rss "${rows_rss:-null}" \
      '{name: $name, pid: $pid, port: $port, ready_s_stack: $ready, ready_s_solo: $solo,
        spring_started_in_s: $spring, spring_jvm_uptime_s: $jvm_uptime,
        rss_mib: (if $rss == null then null else $rss / 1024 end),
        rss_after_rows_mib: (if $rows_rss == null then null else $rows_rss / 1024 end),
        peak_rss_mib: (if $hwm == null then null else $hwm / 1024 end)}')")
  done
  printf '%s\n' "${parts[@]}" | jq -s .
}

run_rows() {
  local row level
  for row in "${ROWS[@]}"; do
    if row_needs_users "$row" && (( $(date +%s) - TOKENS_AT + ${#LEVELS[@]} * (DURATION + 3) + 60 > 900 )); then
      refresh_tokens
    fi
    row_spec "$row"
    log "row $R_LABEL (${SERVICE_NAME[$R_SVC]})"
    if [[ "$row" == health_with_monitor ]]; then
      measure "$row" "$MIX_CONNECTIONS" "$DURATION"
      check_level "$row" "$MIX_CONNECTIONS"
      sleep "$PAUSE"
      continue
    fi
    for level in "${LEVELS[@]}"; do
      measure "$row" "$level" "$DURATION"
      check_level "$row" "$level"
      sleep "$PAUSE"
    done
  done
}

# A level where requests were answered but not one succeeded means the harness (or a service) is
# broken. A level where nothing was answered within its seconds (a slow row on a loaded machine, in
# quick mode) is only a warning: the row's single checked request already proved it works.
check_level() {
  local ok answered summary
  ok="$(tail -n 1 "$RAW_DIR/levels.jsonl" | jq '.wrk.requests - .wrk.non_2xx')"
  answered="$(tail -n 1 "$RAW_DIR/levels.jsonl" | jq '.wrk.requests + ([.wrk.socket_errors[]] | add // 0)')"
  (( ok > 0 )) && return 0
  summary="$(tail -n 1 "$RAW_DIR/levels.jsonl" | jq -c '.wrk | {status_codes, socket_errors}')"
  if (( answered > 0 )); then
    FAILURES+=("$1 at $2 connections: no request succeeded ($summary)")
    warn "${FAILURES[-1]}"
  else
    warn "$1 at $2 connections: nothing was answered within the level's time; the machine is too busy to measure it"
  fi
}

main() {
  parse_args "$@"
  trap cleanup EXIT
  trap 'printf "bench: error: %s failed (exit %s) at %s line %s\n" "$BASH_COMMAND" "$?" "${BASH_SOURCE[0]##*/}" "$LINENO" >&2' ERR
  trap 'log "interrupted: stopping everything"; exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  prepare
  log "mode $MODE: rows ${ROWS[*]}; connections ${LEVELS[*]}; ${DURATION}s each; JVM flags: ${JVM_FLAGS:-launcher defaults}; AOT cache: $AOT"
  local facts_before
  facts_before="$(jq -n --arg load "$(cut -d ' ' -f 1-3 /proc/loadavg)" '{load_average_before: $load}')"
  pick_ports
  start_stack
  await_stack
  read_product_credentials

  local row needs_products=0 needs_users=0 code
  for row in "${ROWS[@]}"; do
    row_needs_products "$row" && needs_products=1
    row_needs_users "$row" && needs_users=1
  done
  MIN_ID=1 MAX_ID=1 SEED_MIN_ID=1 CATALOG_SIZE=0 TOKENS_AT=$(date +%s)
  if (( needs_products )); then
    seed_products
    check_product_sql
    if (( needs_users )); then
      (( SEED_MIN_ID > 0 && MAX_ID - SEED_MIN_ID + 1 >= CART_SPREAD )) \
        || die "the cart rows need at least $CART_SPREAD generated products (--products)"
    fi
  fi
  if (( needs_users )); then
    create_users
    prefill_carts
  fi

  # Every row must work once before anything is measured.
  for row in "${ROWS[@]}"; do
    row_spec "$row"
    code="$(probe_row "$row" || true)"
    [[ "$code" == 2?? ]] || die "row $row: ${R_LABEL} answered HTTP ${code:-nothing} (expected 2xx) before the load; is the endpoint there?"
  done

  if [[ "$SOLO" == yes ]]; then
    local svc
    for svc in "${SERVICES[@]}"; do solo_start "$svc"; done
  fi

  log "warming up: each row at 64 connections for ${WARMUP}s"
  for row in "${ROWS[@]}"; do
    [[ "$row" == health_with_monitor ]] && continue
    measure "$row" 64 "$WARMUP" warmup
  done
  run_pgbench select1 1
  if (( needs_products )); then run_pgbench product_by_id 1; fi
  run_rows
  local rows_ended=$SECONDS svc
  for svc in "${SERVICES[@]}"; do RSS_AFTER_ROWS[$svc]="$(proc_rss_kib "${SERVICE_PID[$svc]}" || true)"; done
  if [[ "$MODE" == full ]]; then   # a second round shows how much the machine drifted meanwhile
    run_pgbench select1 2
    if (( needs_products )); then run_pgbench product_by_id 2; fi
    # "after the run": idle long enough for the services to give back the heap the load grew
    # (storefront.memory.return-idle-heap-after, 30 s, checked every 10 s)
    local settle=$(( SETTLE_SECONDS - (SECONDS - rows_ended) ))
    if (( settle > 0 )); then log "letting the services idle ${settle}s before reading their RSS"; sleep "$settle"; fi
  fi

  local services facts
  services="$(service_facts)"
  facts="$(machine_facts after | jq --argjson before "$facts_before" '. + $before')"
  stop_stack
  write_report "$services" "$facts"

  if (( ${#FAILURES[@]} > 0 )); then
    printf 'bench: the harness failed:\n' >&2
    printf '  - %s\n' "${FAILURES[@]}" >&2
    exit 1
  fi
}

write_report() {
  local services="$1" facts="$2" stamp results base
  stamp="$(date +%Y-%m-%dT%H%M%S)"
  if [[ "$MODE" == quick ]]; then results="$BENCH_DIR/results/quick"; else results="$BENCH_DIR/results"; fi
  mkdir -p "$results"
  base="$results/$stamp-$MODE"
  # a run of some rows only is named after them, so it is not taken for a whole run
  if [[ "${ROWS[*]}" != "${ALL_ROWS[*]}" ]]; then base="$base-$(IFS=-; echo "${ROWS[*]}")"; fi
  touch "$RAW_DIR/levels.jsonl" "$RAW_DIR/pgbench.jsonl"
  jq -n --slurpfile levels "$RAW_DIR/levels.jsonl" --slurpfile pgbench "$RAW_DIR/pgbench.jsonl" \
    --argjson services "$services" --argjson machine "$facts" \
    --arg started "$RUN_STARTED" --arg mode "$MODE" --arg jvm_flags "$SERVICE_JVM_FLAGS" --arg aot_cache "$AOT" \
    --argjson duration "$DURATION" --argjson warmup "$WARMUP" --argjson pgbench_duration "$PGBENCH_DURATION" \
    --argjson levels "$(printf '%s\n' "${LEVELS[@]}" | jq -s .)" --argjson rows "$(printf '%s\n' "${ROWS[@]}" | jq -R . | jq -s .)" \
    --argjson products "$CATALOG_SIZE" --argjson users "$USERS" --arg health_service "${SERVICE_NAME[$HEALTH_SERVICE]}" \
    --argjson wrk_timeout "$WRK_TIMEOUT" --argjson pgbench_clients "$PGBENCH_CLIENTS" \
    --argjson mix "$MIX_CONNECTIONS" --argjson monitor_connections "$MONITOR_CONNECTIONS" \
    --argjson monitor_delay "$MONITOR_DELAY_MS" --arg details_token "$DETAILS_TOKEN" \
    --argjson warnings "$(printf '%s\n' "${WARNINGS[@]+"${WARNINGS[@]}"}" | jq -R 'select(length > 0)' | jq -s .)" \
    --argjson failures "$(printf '%s\n' "${FAILURES[@]+"${FAILURES[@]}"}" | jq -R 'select(length > 0)' | jq -s .)" \
    --argjson all_rows "$(printf '%s\n' "${ALL_ROWS[@]}" | jq -R . | jq -s .)" \
    '{schema: 1, started_at: $started, mode: $mode, machine: $machine, all_rows: ($rows == $all_rows),
      settings: {jvm_flags: $jvm_flags, aot_cache: ($aot_cache == "yes"), duration_s: $duration, warmup_s: $warmup, connections: $levels,
                 rows: $rows, details_token: ($details_token == "yes"), catalog_products: $products, bench_users: $users, health_service: $health_service,
                 wrk_threads: 2, wrk_timeout_s: $wrk_timeout, pgbench_clients: $pgbench_clients,
                 pgbench_threads: 2, pgbench_duration_s: $pgbench_duration,
                 monitor: {connections: $monitor_connections, delay_ms: $monitor_delay, with_health_connections: $mix}},
      pgbench_runs: $pgbench, levels: $levels, services: $services, warnings: $warnings, harness_failures: $failures}' \
    | jq -f "$BENCH_DIR/report/enrich.jq" >"$base.json"
  jq -r -f "$BENCH_DIR/report/render.jq" "$base.json" >"$base.md"
  cp "$base.json" "$results/latest.json"
  cp "$base.md" "$results/latest.md"
  echo
  cat "$base.md"
  echo
  log "results: $base.md and .json (also $results/latest.md/.json); logs: $LOG_DIR"
}

RUN_STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
main "$@"; exit  # on one line: bash must not read past it if this file is edited during a run
