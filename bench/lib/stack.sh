# The stack under test: ports, leftovers of a killed bench, ./storefront up, readiness, solo starts
# and stopping. Sourced by bench/run.sh.

SERVICES=(auth product cart)
declare -A SERVICE_NAME=([auth]=auth-service [product]=product-service [cart]=cart-service)
declare -A SERVICE_PORT=() SERVICE_PID=() READY_SECONDS=() STARTED_IN=() SOLO_READY=()
SERVICE_JVM_FLAGS=""

pick_ports() {
  local base candidate offset ok
  if [[ -n "$BASE_PORT" ]]; then
    for offset in 1 2 3; do
      port_free $((BASE_PORT + offset)) || die "port $((BASE_PORT + offset)) is in use; choose another --base-port"
    done
  else
    for base in $(seq 18000 100 18900); do
      ok=1
      for offset in 1 2 3; do port_free $((base + offset)) || ok=0; done
      if (( ok )); then BASE_PORT=$base; break; fi
    done
    [[ -n "$BASE_PORT" ]] || die "no free ports for the services in 18001..18903; pass --base-port"
  fi
  if [[ -n "$PG_PORT" ]]; then
    port_free "$PG_PORT" || die "port $PG_PORT is in use; choose another --pg-port"
  else
    for candidate in $(seq 55440 55499); do
      if port_free "$candidate"; then PG_PORT=$candidate; break; fi
    done
    [[ -n "$PG_PORT" ]] || die "no free port for PostgreSQL in 55440..55499; pass --pg-port"
  fi
  SERVICE_PORT=([auth]=$((BASE_PORT + 1)) [product]=$((BASE_PORT + 2)) [cart]=$((BASE_PORT + 3)))
}

# Only one bench at a time per checkout; a bench killed with SIGKILL leaves its launcher (and so the
# services and PostgreSQL) running: stop what is left before the state folder is wiped.
clear_leftovers() {
  local owner lock="$STATE_DIR/up.lock" held launcher key value pg
  owner="$(cat "$WORK_DIR/bench.pid" 2>/dev/null || true)"
  if [[ -n "$owner" && "$owner" != "$$" ]] && pid_is "$owner" bench/run.sh; then
    die "another bench is running (PID $owner); wait for it or stop it (kill $owner) first"
  fi
  echo "$$" >"$WORK_DIR/bench.pid"
  if [[ -f "$lock" ]]; then
    held="$(cat "$lock")"   # the launcher removes its lock when it stops
    launcher="$(sed -n 's/^pid=//p' <<<"$held")"
    log "stopping what a killed bench left running (state $STATE_DIR)"
    if pid_is "$launcher" storefront-launcher; then
      stop_pid "$launcher" storefront-launcher 60   # it stops its services and PostgreSQL
    fi
    while IFS='=' read -r key value; do
      if [[ "$key" == service.* ]]; then stop_pid "$value" "${key#service.}.jar" 20; fi
    done <<<"$held"
    pg="$(head -n 1 "$STATE_DIR/pgdata/postmaster.pid" 2>/dev/null || true)"
    if [[ -n "$pg" ]]; then stop_pid "$pg" postgres 20 INT; fi   # SIGINT: PostgreSQL's fast shutdown
  fi
  # Everything but the AOT caches, which the launcher retrains by itself when a jar or the JDK changes.
  if [[ -d "$STATE_DIR" ]]; then find "$STATE_DIR" -mindepth 1 -maxdepth 1 ! -name aot -exec rm -rf {} +; fi
}

# Starts ./storefront up on the bench's state folder and ports; the services get the launcher's JVM
# defaults, or --jvm-flags through STOREFRONT_SERVICE_JAVA_OPTIONS. Auth's rate limits are off: the
# bench signs in all its users from one address. No status console: its JVM and polls would share the
# cores with what is measured.
start_stack() {
  mkdir -p "$STATE_DIR"
  log "starting the stack: PostgreSQL on :$PG_PORT, services on :$((BASE_PORT + 1))-$((BASE_PORT + 3)) (log $LOG_DIR/up.log)"
  STACK_STARTED_AT="$(now)"
  (
    # Set here rather than as env's arguments, where ps would show the details token.
    unset DEBUG DATABASE_URL DATABASE_POOL_SIZE DATABASE_MAX_OVERFLOW DATABASE_POOL_TIMEOUT DATABASE_POOL_RECYCLE \
      JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS HEALTH_DETAILS_TOKEN STOREFRONT_SERVICE_JAVA_OPTIONS STOREFRONT_AOT_CACHE \
      MALLOC_ARENA_MAX
    export DEBUG=false STOREFRONT_AUTH_RATELIMIT_ENABLED=false STOREFRONT_SKIP_BUILD=1
    [[ -z "$JVM_FLAGS" ]] || export STOREFRONT_SERVICE_JAVA_OPTIONS="$JVM_FLAGS"
    [[ -z "$HEALTH_TOKEN" ]] || export HEALTH_DETAILS_TOKEN="$HEALTH_TOKEN"
    exec "$ROOT/storefront" up --pg-port "$PG_PORT" --base-port "$BASE_PORT" --state-dir "$STATE_DIR" \
      $([[ "$AOT" == yes ]] || echo --no-aot-cache) --no-console --timeout "$START_TIMEOUT"
  ) >"$LOG_DIR/up.log" 2>&1 </dev/null &
  LAUNCHER_PID=$!
}

# Waits until every service answers /health/ready 200 and the launcher says it is up, noting for each
# service when that happened; its JVM start comes from /proc.
await_stack() {
  local deadline svc code pending
  deadline=$(( $(date +%s) + START_TIMEOUT + 30 ))
  while :; do
    if ! kill -0 "$LAUNCHER_PID" 2>/dev/null; then
      wait "$LAUNCHER_PID" 2>/dev/null || true
      sed 's/^/    /' "$LOG_DIR/up.log" | tail -n 25 >&2
      die "the stack did not start: ./storefront up exited (its output above, whole in $LOG_DIR/up.log)"
    fi
    (( $(date +%s) < deadline )) || die "the stack was not up within $((START_TIMEOUT + 30)) s (see $LOG_DIR/up.log)"
    if [[ -f "$STATE_DIR/up.lock" ]]; then read_service_pids; fi
    pending=0
    for svc in "${SERVICES[@]}"; do
      [[ -n "${READY_AT[$svc]:-}" ]] && continue
      pending=1
      [[ -n "${SERVICE_PID[$svc]:-}" ]] || continue
      code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:${SERVICE_PORT[$svc]}/health/ready" || true)"
      [[ "$code" == 200 ]] && READY_AT[$svc]="$(now)"
    done
    if (( ! pending )) && grep -q 'Storefront is up' "$LOG_DIR/up.log"; then break; fi
    sleep 0.1
  done
  read_service_pids all
  for svc in "${SERVICES[@]}"; do
    READY_SECONDS[$svc]="$(calc "r - s" -v r="${READY_AT[$svc]}" -v s="$(proc_start_epoch "${SERVICE_PID[$svc]}")")"
    STARTED_IN[$svc]="$(started_in "$STATE_DIR/logs/${SERVICE_NAME[$svc]}.log")"
  done
  log "stack up in $(calc "e - s" -v e="$(now)" -v s="$STACK_STARTED_AT") s; JVM start -> ready:" \
    "$(for svc in "${SERVICES[@]}"; do printf '%s %ss  ' "$svc" "${READY_SECONDS[$svc]}"; done)"
  SERVICE_JVM_FLAGS="$(jvm_flags_of "${SERVICE_PID[product]}")"
  log "the services' JVM flags (product-service's command line): $SERVICE_JVM_FLAGS"
  if [[ "$AOT" == yes && "$SERVICE_JVM_FLAGS" != *-XX:AOTCache=* ]]; then
    warn "the services did not start from an AOT cache (see $LOG_DIR/up.log)"
  fi
}

# The JVM options of a running java process: the words of its command line between java and -jar.
jvm_flags_of() {
  local words=() word flags=()
  mapfile -d '' -t words <"/proc/$1/cmdline"
  for word in "${words[@]:1}"; do
    [[ "$word" == -jar ]] && break
    flags+=("$word")
  done
  echo "${flags[*]}"
}
declare -A READY_AT=()

# While a service is not ready yet its lock entry may still name the run that trains its AOT cache, so
# it is read again until the service answers.
read_service_pids() {
  local svc pid
  for svc in "${SERVICES[@]}"; do
    [[ "${1:-}" != all && -n "${READY_AT[$svc]:-}" ]] && continue
    pid="$(sed -n "s/^service\.${SERVICE_NAME[$svc]}=//p" "$STATE_DIR/up.lock" 2>/dev/null || true)"
    if [[ -n "$pid" ]]; then SERVICE_PID[$svc]="$pid"; fi
  done
}

# Every service still running? A service that dies (say of OutOfMemoryError) takes the whole stack
# down with it (the launcher stops the others), so say which one and why, and stop.
require_stack_alive() {
  local svc dead=() log
  for svc in "${SERVICES[@]}"; do
    if ! pid_is "${SERVICE_PID[$svc]}" "${SERVICE_NAME[$svc]}.jar"; then dead+=("$svc"); fi
  done
  (( ${#dead[@]} == 0 )) && return 0
  for svc in "${dead[@]}"; do
    log="$STATE_DIR/logs/${SERVICE_NAME[$svc]}.log"
    printf 'bench: %s is gone; the last lines of %s:\n' "${SERVICE_NAME[$svc]}" "$log" >&2
    grep -v '^\s*at ' "$log" 2>/dev/null | tail -n 6 \
      | jq -Rr '(fromjson? | "\(."@timestamp" // "" | .[11:23]) \(.level // "") \(.message // "")") // .' \
      | cut -c1-300 | sed 's/^/    /' >&2
  done
  FAILURES+=("${dead[*]/%/-service} stopped during the run (see the lines above)")
  die "the stack stopped during the run: ${dead[*]/%/-service} exited"
}

# Spring Boot's own figure: "Started … in X seconds (process running for Y)" → "X Y".
# The line comes just after the service answers /health/ready, so it may not be in the log yet: wait
# a little for it, and report "null null" (unknown) rather than fail when it never comes.
started_in() {
  local line="" tries
  for tries in 1 2 3 4 5 6 7 8 9 10; do
    line="$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$1" 2>/dev/null \
      | tail -n 1 || true)"
    [[ -n "$line" ]] && break
    sleep 0.5
  done
  if [[ -z "$line" ]]; then echo "null null"; return 0; fi
  awk '{ gsub(/\)/, "", $NF); print $4, $NF }' <<< "$line"
}

# Starts one more instance of a service alone (the stack idle beside it) on a free port, with the
# command line and environment the launcher gave it, and times JVM start -> /health/ready 200. This is the figure
# the "ready <= 2.5 s alone" target is about; the stack's own start runs three JVMs at once on the same cores.
solo_start() {
  local svc="$1" port pid started ready deadline log="$LOG_DIR/solo-${SERVICE_NAME[$1]}.log"
  port="$(free_port_from 19000)"
  (
    # Exactly as the launcher started the stack's instance: its command line, folder and environment
    # (the AOT cache and JVM flags come with them), on another port.
    local stack_pid="${SERVICE_PID[$svc]}" command=() environment=()
    mapfile -d '' -t command <"/proc/$stack_pid/cmdline"
    mapfile -d '' -t environment <"/proc/$stack_pid/environ"
    cd "$(readlink "/proc/$stack_pid/cwd")"
    # Set here rather than as env's arguments, where ps would show the database password.
    local name entry
    for name in $(compgen -e); do unset "$name" 2>/dev/null || true; done
    for entry in "${environment[@]}"; do export "$entry"; done
    export PORT="$port"
    exec "${command[@]}"
  ) >"$log" 2>&1 </dev/null &
  pid=$!
  SOLO_PID=$pid
  started="$(proc_start_epoch "$pid")"
  deadline=$(( $(date +%s) + 120 ))
  while :; do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health/ready" || true)" == 200 ]]; then
      ready="$(now)"; break
    fi
    if ! kill -0 "$pid" 2>/dev/null || (( $(date +%s) > deadline )); then
      stop_pid "$pid" "${SERVICE_NAME[$svc]}.jar" 10
      SOLO_PID=""
      warn "solo start of ${SERVICE_NAME[$svc]} failed (see $log)"
      return 0
    fi
    sleep 0.05
  done
  SOLO_READY[$svc]="$(calc "r - s" -v r="$ready" -v s="$started")"
  stop_pid "$pid" "${SERVICE_NAME[$svc]}.jar" 20
  wait "$pid" 2>/dev/null || true
  SOLO_PID=""
  log "solo start of ${SERVICE_NAME[$svc]}: JVM start -> ready ${SOLO_READY[$svc]} s (Spring: $(started_in "$log"))"
}

free_port_from() {
  local port
  for port in $(seq "$1" $(( $1 + 200 ))); do
    port_free "$port" && { echo "$port"; return 0; }
  done
  die "no free port in $1..$(( $1 + 200 ))"
}

# SIGTERM to the launcher stops the services, then PostgreSQL. If it does not finish, everything it
# started is stopped here, each by its PID.
stop_stack() {
  local svc pg
  [[ -n "${LAUNCHER_PID:-}" ]] || return 0
  if kill -0 "$LAUNCHER_PID" 2>/dev/null; then
    log "stopping the stack (launcher PID $LAUNCHER_PID)"
    stop_pid "$LAUNCHER_PID" storefront 60
  fi
  wait "$LAUNCHER_PID" 2>/dev/null || true
  for svc in "${SERVICES[@]}"; do
    [[ -n "${SERVICE_PID[$svc]:-}" ]] && stop_pid "${SERVICE_PID[$svc]}" "${SERVICE_NAME[$svc]}.jar" 20
  done
  pg="$(head -n 1 "$STATE_DIR/pgdata/postmaster.pid" 2>/dev/null || true)"
  [[ -n "$pg" ]] && stop_pid "$pg" postgres 20 INT
  LAUNCHER_PID=""
}
