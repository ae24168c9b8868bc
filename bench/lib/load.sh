# The load: pgbench (PostgreSQL's own limit) and wrk (each row at each connection level), with the
# CPU each party used and the pools' timeouts around every measurement. Sourced by bench/run.sh.

# --- what each row is -----------------------------------------------------------------------------

ALL_ROWS=(health health_detailed health_with_monitor product_by_id product_search cart_get cart_add)

# row_spec ROW: sets R_LABEL (what the table shows), R_SVC (which service), R_PATH (wrk's URL path),
# R_LUA (script), R_BASIS (which pgbench figure the ratio divides by) and R_ENV (the script's settings).
row_spec() {
  R_ENV=()
  case "$1" in
    health)
      R_LABEL="GET /health"; R_SVC="$HEALTH_SERVICE"; R_PATH=/health; R_LUA=get.lua; R_BASIS=select1 ;;
    health_detailed)
      R_LABEL="GET /health/detailed"; R_SVC="$HEALTH_SERVICE"; R_PATH=/health/detailed; R_LUA=get.lua
      R_BASIS=select1; R_ENV=(BENCH_BEARER="$HEALTH_TOKEN") ;;
    health_with_monitor)
      R_LABEL="GET /health + detailed monitor"; R_SVC="$HEALTH_SERVICE"; R_PATH=/health; R_LUA=get.lua
      R_BASIS=select1 ;;
    product_by_id)
      R_LABEL="GET /products/{id}"; R_SVC=product; R_PATH=/products/1; R_LUA=product_by_id.lua
      R_BASIS=product_by_id; R_ENV=(BENCH_MIN_ID="$MIN_ID" BENCH_MAX_ID="$MAX_ID") ;;
    product_search)
      R_LABEL="GET /products?q=…"; R_SVC=product; R_PATH="/products?q=keyboard"; R_LUA=product_search.lua
      R_BASIS=product_by_id ;;
    cart_get)
      R_LABEL="GET /cart"; R_SVC=cart; R_PATH=/cart; R_LUA=cart_get.lua; R_BASIS=select1
      R_ENV=(BENCH_TOKENS="$TOKENS_FILE") ;;
    cart_add)
      R_LABEL="POST /cart/items"; R_SVC=cart; R_PATH=/cart/items; R_LUA=cart_add.lua; R_BASIS=select1
      R_ENV=(BENCH_TOKENS="$TOKENS_FILE" BENCH_MIN_ID="$SEED_MIN_ID" BENCH_MAX_ID="$MAX_ID"
        BENCH_CART_SPREAD="$CART_SPREAD") ;;
    *) die "unknown row '$1' (rows: ${ALL_ROWS[*]})" ;;
  esac
}

row_needs_products() { [[ "$1" == product_* || "$1" == cart_* ]]; }
row_needs_users() { [[ "$1" == cart_* ]]; }

# One request of the row, as curl would send it; prints the status code.
probe_row() {
  local row="$1" base token
  row_spec "$row"
  base="http://127.0.0.1:${SERVICE_PORT[$R_SVC]}"
  case "$row" in
    health_detailed)
      curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H @<(bearer_header "$HEALTH_TOKEN") "$base$R_PATH" ;;
    cart_get)
      token="$(head -n 1 "$TOKENS_FILE")"
      curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H @<(bearer_header "$token") "$base/cart" ;;
    cart_add)
      token="$(head -n 1 "$TOKENS_FILE")"
      curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H @<(bearer_header "$token") \
        -H 'Content-Type: application/json' -d "{\"product_id\": $SEED_MIN_ID, \"quantity\": 1}" "$base/cart/items" ;;
    *) curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base$R_PATH" ;;
  esac
}

# --- CPU and pool counters ------------------------------------------------------------------------

# Sets CPU_SNAPSHOT to "wall machine_busy machine_total services pg load_generator" (ticks, except
# wall and the load generator's seconds). Not in a subshell: `times` must see this shell's children.
cpu_snapshot() {
  local svc services=0 pg pg_ticks=0 child generator
  times >"$RAW_DIR/.times"
  generator="$(children_cpu_seconds "$RAW_DIR/.times")"
  for svc in "${SERVICES[@]}"; do
    services=$(( services + $(proc_cpu_ticks "${SERVICE_PID[$svc]}") ))
  done
  pg="$(head -n 1 "$STATE_DIR/pgdata/postmaster.pid" 2>/dev/null || true)"
  if [[ -n "$pg" ]]; then
    pg_ticks=$(proc_cpu_ticks "$pg")
    for child in $(pgrep -P "$pg" 2>/dev/null || true); do
      pg_ticks=$(( pg_ticks + $(proc_cpu_ticks "$child") ))
    done
  fi
  CPU_SNAPSHOT="$(now) $(machine_cpu) $services $pg_ticks $generator"
}

# cpu_json BEFORE AFTER: the cores each party used on average between the two snapshots, and the CPU
# seconds of the services and of PostgreSQL (per request, the figure least disturbed by other load).
cpu_json() {
  awk -v hz="$CLK_TCK" -v cores="$NPROC" -v before="$1" -v after="$2" 'BEGIN {
    split(before, b, " "); split(after, a, " ")
    wall = a[1] - b[1]; if (wall <= 0) wall = 1e-9
    busy = (a[2] - b[2]) / (a[3] - b[3]) * cores
    svc = (a[4] - b[4]) / hz / wall; pg = (a[5] - b[5]) / hz / wall; gen = (a[6] - b[6]) / wall
    other = busy - svc - pg - gen; if (other < 0) other = 0
    printf "{\"cores\": %d, \"wall_s\": %.3f, \"machine_busy\": %.2f, \"services\": %.2f, \"postgres\": %.2f, \"load_generator\": %.2f, \"other\": %.2f, \"services_cpu_s\": %.3f, \"postgres_cpu_s\": %.3f}\n",
      cores, wall, busy, svc, pg, gen, other, svc * wall, pg * wall }'
}

# {"auth": n, "product": n, "cart": n}: hikaricp_connections_timeout_total of each service (null when
# /metrics does not answer or has no such sample).
pool_timeouts() {
  local svc value parts=()
  for svc in "${SERVICES[@]}"; do
    value="$(curl -sf --max-time 5 "http://127.0.0.1:${SERVICE_PORT[$svc]}/metrics" 2>/dev/null \
      | awk '/^hikaricp_connections_timeout_total[{ ]/ { sum += $NF; found = 1 } END { if (found) printf "%d", sum; else print "null" }' \
      || true)"
    parts+=("\"$svc\": ${value:-null}")
  done
  local IFS=,
  echo "{${parts[*]}}"
}

# --- pgbench --------------------------------------------------------------------------------------

# run_pgbench NAME ROUND: NAME is select1 or product_by_id (a script in bench/sql). Appends a JSON
# line to $RAW_DIR/pgbench.jsonl.
run_pgbench() {
  local name="$1" round="$2" out pid rc=0 before after tps failed latency average
  out="$LOG_DIR/pgbench-$name-$round"
  local args=(-n -M prepared -c "$PGBENCH_CLIENTS" -j 2 -T "$PGBENCH_DURATION" -f "$BENCH_DIR/sql/$name.sql"
    -l --sampling-rate=0.1 --log-prefix="$out.d/tx" -h 127.0.0.1 -p "$PG_PORT" -U "$PRODUCT_DB_USER" product_db)
  [[ "$name" == product_by_id ]] && args+=(-D "min_id=$MIN_ID" -D "max_id=$MAX_ID")
  rm -rf "$out.d"; mkdir -p "$out.d"
  cpu_snapshot; before="$CPU_SNAPSHOT"
  PGPASSWORD="$PRODUCT_DB_PASSWORD" pgbench "${args[@]}" >"$out.txt" 2>&1 &
  pid=$!; CHILD_PIDS+=("$pid")
  wait "$pid" || rc=$?
  cpu_snapshot; after="$CPU_SNAPSHOT"
  tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$out.txt")"
  if (( rc != 0 )) || [[ -z "$tps" ]]; then
    sed 's/^/    /' "$out.txt" | tail -n 15 >&2
    die "pgbench ($name) failed (exit $rc); its output above, whole in $out.txt"
  fi
  failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out.txt")"
  average="$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$out.txt")"
  latency="$(latency_percentiles "$out.d")"
  jq -cn --arg name "$name" --argjson round "$round" --argjson tps "$tps" \
    --argjson failed "${failed:-0}" --argjson average "${average:-null}" --argjson clients "$PGBENCH_CLIENTS" --argjson duration "$PGBENCH_DURATION" \
    --argjson latency "$latency" --argjson cpu "$(cpu_json "$before" "$after")" \
    '{name: $name, round: $round, clients: $clients, duration_s: $duration, tps: $tps, failed: $failed,
      latency_avg_ms: $average, latency_ms: $latency, cpu: $cpu}' >>"$RAW_DIR/pgbench.jsonl"
  log "pgbench $name (round $round): $(printf '%.0f' "$tps") tps, average $average ms, p99 ~$(jq -r .p99 <<<"$latency") ms"
}

# p50/p99 (ms) from pgbench's sampled transaction logs (third field: latency in microseconds). Only
# approximate: pgbench reuses one clock reading for all the work of a loop turn, so a fast statement
# often logs 0 us; the report shows pgbench's own average and this p99.
latency_percentiles() {
  cat "$1"/tx* 2>/dev/null | awk '{ print $3 }' | sort -n | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "{\"p50\": null, \"p99\": null}"; exit }
      i50 = int(NR * 0.50); if (i50 < 1) i50 = 1
      i99 = int(NR * 0.99); if (i99 < 1) i99 = 1
      printf "{\"p50\": %.3f, \"p99\": %.3f}\n", v[i50] / 1000, v[i99] / 1000 }'
}

# --- wrk ------------------------------------------------------------------------------------------

# wrk_run JSON_OUT TEXT_OUT CONNECTIONS SECONDS URL LUA [VAR=VALUE...]: starts wrk in the background
# (so that a signal reaches our trap at once) and sets WRK_PID.
wrk_start() {
  local json="$1" text="$2" connections="$3" seconds="$4" url="$5" lua="$6" threads=2
  shift 6
  (( connections < threads )) && threads=$connections
  rm -f "$json"
  (
    export BENCH_LUA_DIR="$BENCH_DIR/lua" BENCH_WRK_JSON="$json" BENCH_THREADS="$threads" "$@"
    exec wrk -t "$threads" -c "$connections" -d "${seconds}s" --timeout "${WRK_TIMEOUT}s" --latency \
      -s "$BENCH_DIR/lua/$lua" "$url"
  ) >"$text" 2>&1 </dev/null &
  WRK_PID=$!
  CHILD_PIDS+=("$WRK_PID")
}

wrk_wait() {
  local rc=0
  wait "$1" || rc=$?
  require_stack_alive
  if (( rc != 0 )) || [[ ! -s "$2" ]]; then
    sed 's/^/    /' "$3" | tail -n 15 >&2
    die "wrk failed (exit $rc, output above, whole in $3)"
  fi
}

# measure ROW CONNECTIONS SECONDS [warmup]: one row at one level. Appends a JSON line to
# $RAW_DIR/levels.jsonl (unless warming up) and prints a progress line.
measure() {
  local row="$1" connections="$2" seconds="$3" warmup="${4:-}" base name json text before after
  local timeouts_before timeouts_after monitor_pid="" monitor_json=null
  row_spec "$row"
  base="http://127.0.0.1:${SERVICE_PORT[$R_SVC]}"
  name="$row-c$connections${warmup:+-warmup}"
  json="$RAW_DIR/wrk/$name.json"; text="$LOG_DIR/wrk-$name.txt"
  mkdir -p "$RAW_DIR/wrk"
  if [[ -n "$warmup" ]]; then
    wrk_start "$json" "$text" "$connections" "$seconds" "$base$R_PATH" "$R_LUA" "${R_ENV[@]}"
    wrk_wait "$WRK_PID" "$json" "$text"
    return 0
  fi
  timeouts_before="$(pool_timeouts)"
  cpu_snapshot; before="$CPU_SNAPSHOT"
  if [[ "$row" == health_with_monitor ]]; then
    wrk_start "$RAW_DIR/wrk/$name-monitor.json" "$LOG_DIR/wrk-$name-monitor.txt" "$MONITOR_CONNECTIONS" \
      "$seconds" "$base/health/detailed" monitor.lua BENCH_BEARER="$HEALTH_TOKEN" BENCH_DELAY_MS="$MONITOR_DELAY_MS"
    monitor_pid=$WRK_PID
  fi
  wrk_start "$json" "$text" "$connections" "$seconds" "$base$R_PATH" "$R_LUA" "${R_ENV[@]}"
  wrk_wait "$WRK_PID" "$json" "$text"
  if [[ -n "$monitor_pid" ]]; then
    wrk_wait "$monitor_pid" "$RAW_DIR/wrk/$name-monitor.json" "$LOG_DIR/wrk-$name-monitor.txt"
    monitor_json="$(cat "$RAW_DIR/wrk/$name-monitor.json")"
  fi
  cpu_snapshot; after="$CPU_SNAPSHOT"
  timeouts_after="$(pool_timeouts)"
  jq -c --arg row "$row" --arg title "$R_LABEL" --arg service "${SERVICE_NAME[$R_SVC]}" --arg basis "$R_BASIS" \
    --argjson connections "$connections" --argjson seconds "$seconds" --argjson cpu "$(cpu_json "$before" "$after")" \
    --argjson tb "$timeouts_before" --argjson ta "$timeouts_after" --argjson monitor "$monitor_json" '
    {row: $row, "label": $title, service: $service, basis: $basis, connections: $connections,
     duration_s: $seconds, wrk: ., monitor: $monitor, cpu: $cpu,
     pool_timeouts: ($ta | with_entries(.value = (if .value == null or $tb[.key] == null then null
                                                 else .value - $tb[.key] end)))}' "$json" >>"$RAW_DIR/levels.jsonl"
  jq -r --arg title "$R_LABEL" --argjson c "$connections" '
    "  \($title | .[0:32]) c=\($c): \((.requests * 1e6 / .duration_us) | floor) req/s, p50 \(.latency_us.p50 / 1000) ms, p99 \(.latency_us.p99 / 1000) ms, non-2xx \(.non_2xx), socket errors \(.socket_errors | add)"' \
    "$json" >&2
}
