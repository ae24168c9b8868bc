# Turns the raw measurements of bench/run.sh into the results file: pgbench means, per-level figures
# (req/s, ms, error totals, ratio to the matching pgbench figure) and the targets, PASS or MISS.

def mean: map(select(. != null)) | if length == 0 then null else add / length end;
def round2: if . == null then null else (. * 100 | round) / 100 end;
def round3: if . == null then null else (. * 1000 | round) / 1000 end;

# pgbench: one entry per statement, the mean of its rounds (the spread shows the machine's drift).
(.pgbench_runs | group_by(.name) | map({
   key: .[0].name,
   value: {
     tps: (map(.tps) | mean | round2),
     rounds: map(.tps | round2),
     spread_pct: (if length > 1 then ((map(.tps) | max) - (map(.tps) | min)) / (map(.tps) | mean) * 100 | round2 else null end),
     latency_avg_ms: (map(.latency_avg_ms) | mean | round3),
     p99_ms: (map(.latency_ms.p99) | mean | round3),
     failed: (map(.failed) | add),
     clients: .[0].clients,
     cpu: .[0].cpu,
     pg_cpu_us_per_tx: (map(if .cpu.postgres_cpu_s and .tps > 0 then .cpu.postgres_cpu_s * 1e6 / (.tps * .cpu.wall_s) else null end) | mean | round2)
   }}) | from_entries) as $pgbench
| .pgbench = $pgbench
| .levels |= map(
    (.wrk.requests * 1e6 / .wrk.duration_us) as $rps
    | . + {
        rps: ($rps | round2),
        p50_ms: (.wrk.latency_us.p50 / 1000 | round3),
        p99_ms: (.wrk.latency_us.p99 / 1000 | round3),
        non_2xx: .wrk.non_2xx,
        socket_errors: .wrk.socket_errors,
        errors_total: (.wrk.non_2xx + (.wrk.socket_errors | add)),
        ok_requests: (.wrk.requests - .wrk.non_2xx),
        svc_cpu_us_per_req: (if .wrk.requests > 0 then .cpu.services_cpu_s * 1e6 / .wrk.requests | round else null end),
        pg_cpu_us_per_req: (if .wrk.requests > 0 then .cpu.postgres_cpu_s * 1e6 / .wrk.requests | round else null end),
        ratio: (if $pgbench[.basis].tps then $rps / $pgbench[.basis].tps | round3 else null end),
        pool_timeouts_total: ([.pool_timeouts[] | select(. != null)] | if length == 0 then null else add end)
      })
| . as $run
| def level($row; $c): first($run.levels[] | select(.row == $row and .connections == $c)) // null;
  def na($what): {result: "N/A", measured: ("not measured (" + $what + ")")};
  def judge($ok; $measured): {result: (if $ok then "PASS" else "MISS" end), measured: $measured};
  def ratio: if . == null then "?" else (. * 1000 | round / 1000 | tostring) end;
  def fmt: if . == null then "?" elif (. | type) == "number" then (. * 100 | round / 100 | tostring) else tostring end;
  .targets = [
    ({id: "health_64_rps", target: "GET /health at 64 connections >= 0.30 x pgbench SELECT 1 tps"}
      + (level("health"; 64) as $l | if $l == null or $l.ratio == null then na("row health at 64")
         else judge($l.ratio >= 0.30; "\($l.rps | fmt) req/s = \($l.ratio | ratio) x \($pgbench.select1.tps | fmt) tps") end)),
    ({id: "health_256_p99", target: "GET /health p99 at 256 connections <= 25 ms"}
      + (level("health"; 256) as $l | if $l == null then na("row health at 256")
         else judge($l.p99_ms <= 25; "p99 \($l.p99_ms | fmt) ms") end)),
    ({id: "product_64_rps", target: "GET /products/{id} at 64 connections >= 0.30 x pgbench product-by-id tps"}
      + (level("product_by_id"; 64) as $l | if $l == null or $l.ratio == null then na("row product_by_id at 64")
         else judge($l.ratio >= 0.30; "\($l.rps | fmt) req/s = \($l.ratio | ratio) x \($pgbench.product_by_id.tps | fmt) tps") end)),
    ({id: "product_64_cpu", target: "GET /products/{id} at 64 connections: service CPU <= 150 us per request"}
      + (level("product_by_id"; 64) as $l | if $l == null or $l.svc_cpu_us_per_req == null then na("row product_by_id at 64")
         else judge($l.svc_cpu_us_per_req <= 150; "\($l.svc_cpu_us_per_req) us") end)),
    ({id: "search_64_rps", target: "GET /products?q= at 64 connections >= 0.05 x pgbench product-by-id tps"}
      + (level("product_search"; 64) as $l | if $l == null or $l.ratio == null then na("row product_search at 64")
         else judge($l.ratio >= 0.05; "\($l.rps | fmt) req/s = \($l.ratio | ratio) x \($pgbench.product_by_id.tps | fmt) tps") end)),
    ({id: "search_64_pg_cpu", target: "GET /products?q= at 64 connections: PostgreSQL CPU <= 1 ms per search"}
      + (level("product_search"; 64) as $l | if $l == null or $l.pg_cpu_us_per_req == null then na("row product_search at 64")
         else judge($l.pg_cpu_us_per_req <= 1000; "\($l.pg_cpu_us_per_req) us") end)),
    ({id: "cart_get_64_rps", target: "GET /cart at 64 connections >= 0.15 x pgbench SELECT 1 tps"}
      + (level("cart_get"; 64) as $l | if $l == null or $l.ratio == null then na("row cart_get at 64")
         else judge($l.ratio >= 0.15; "\($l.rps | fmt) req/s = \($l.ratio | ratio) x \($pgbench.select1.tps | fmt) tps") end)),
    ({id: "cart_add_64_rps", target: "POST /cart/items at 64 connections >= 0.05 x pgbench SELECT 1 tps"}
      + (level("cart_add"; 64) as $l | if $l == null or $l.ratio == null then na("row cart_add at 64")
         else judge($l.ratio >= 0.05; "\($l.rps | fmt) req/s = \($l.ratio | ratio) x \($pgbench.select1.tps | fmt) tps") end)),
    ({id: "cart_add_1_p50", target: "POST /cart/items p50 at 1 connection <= 2 ms"}
      + (level("cart_add"; 1) as $l | if $l == null then na("row cart_add at 1")
         else judge($l.p50_ms <= 2; "p50 \($l.p50_ms | fmt) ms") end)),
    ({id: "detailed_64_rps", target: "GET /health/detailed at 64 connections >= 0.05 x pgbench SELECT 1 tps"}
      + (level("health_detailed"; 64) as $l | if $l == null or $l.ratio == null then na("row health_detailed at 64")
         else judge($l.ratio >= 0.05; "\($l.rps | fmt) req/s = \($l.ratio | ratio) x \($pgbench.select1.tps | fmt) tps") end)),
    ({id: "detailed_does_not_slow_health",
      target: "GET /health at 64 connections beside a /health/detailed monitor keeps >= 80 % of its req/s and p99 <= 2 x"}
      + (level("health_with_monitor"; $run.settings.monitor.with_health_connections) as $m | level("health"; 64) as $h
         | if $m == null or $h == null then na("rows health and health_with_monitor at 64")
           else judge(($m.rps >= 0.8 * $h.rps) and ($m.p99_ms <= 2 * $h.p99_ms);
             "\($m.rps | fmt) req/s (\($m.rps / $h.rps * 100 | round) % of \($h.rps | fmt)), p99 \($m.p99_ms | fmt) ms vs \($h.p99_ms | fmt) ms, beside \($m.monitor.requests * 1e6 / $m.monitor.duration_us | fmt) detailed/s") end)),
    (("health", "health_detailed", "product_by_id", "product_search", "cart_get") as $row
      | {id: "clean_1024_\($row)", target: "\($row): 0 errors and 0 pool timeouts at 1024 connections"}
        + (level($row; 1024) as $l | if $l == null then na("row \($row) at 1024")
           else judge($l.errors_total == 0 and ($l.pool_timeouts_total // 0) == 0;
             "\($l.non_2xx) non-2xx, \($l.socket_errors | add) socket errors, \($l.pool_timeouts_total // "?") pool timeouts") end)),
    ($run.services[] | . as $s
      | ({id: "rss_\($s.name)", target: "\($s.name) RSS after the run <= 300 MiB"}
         + (if $s.rss_mib == null then na("no RSS") else judge($s.rss_mib <= 300; "\($s.rss_mib | fmt) MiB") end)),
        ({id: "ready_\($s.name)", target: "\($s.name) ready <= 2.5 s after its JVM starts alone"}
         + (if $s.ready_s_solo != null then judge($s.ready_s_solo <= 2.5; "\($s.ready_s_solo | fmt) s")
            else na("no solo start") end)),
        ({id: "ready_together_\($s.name)", target: "\($s.name) ready <= 6 s after its JVM starts, the three at once"}
         + (if $s.ready_s_stack != null then judge($s.ready_s_stack <= 6; "\($s.ready_s_stack | fmt) s")
            else na("no start time") end)))
  ]
| del(.pgbench_runs) + {pgbench_runs: $run.pgbench_runs}
