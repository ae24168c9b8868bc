# Renders a bench results file (bench/results/*.json) as Markdown.

def n(d): if . == null then "–" else (. * pow(10; d) | round / pow(10; d) | tostring) end;
def int: if . == null then "–" else (round | tostring) end;
def basis_name: if . == "select1" then "SELECT 1" elif . == "product_by_id" then "product-by-id" else . end;
def cpu: "\(.services | n(1)) / \(.postgres | n(1)) / \(.load_generator | n(1)) / \(.other | n(1))";

"# Storefront bench: \(.mode) run\(if .all_rows == false then " of rows \(.settings.rows | join(", ")) only" else "" end), \(.started_at)",
"",
"- Machine: \(.machine.nproc) CPUs (\(.machine.cpu)), \(.machine.memory), \(.machine.kernel); load average before \(.machine.load_average_before), after \(.machine.load_average_after)",
"- Software: \(.machine.jdk_runtime // .machine.jdk); PostgreSQL \(.machine.postgresql_server) (embedded, fsync on); \(.machine.pgbench); \(.machine.wrk); commit \(.machine.commit)",
"- Services' JVM flags: `\(.settings.jvm_flags)`; DEBUG off; pools at their defaults",
"- Load: wrk -t2, \(.settings.duration_s) s per level after a \(.settings.warmup_s) s warm-up per row, timeout \(.settings.wrk_timeout_s) s; catalog of \(.settings.catalog_products) products; \(.settings.bench_users) bench users; health rows on \(.settings.health_service)",
"- CPU columns: average cores used during the measurement by the three service JVMs / PostgreSQL / the load generator / everything else on the machine (other users), out of \(.machine.nproc); µs/req: CPU time the services (all three JVMs) and PostgreSQL spent per request, the figure other load disturbs least",
"",
"## PostgreSQL's limit (pgbench -M prepared -c \(.settings.pgbench_clients) -j 2, \(.settings.pgbench_duration_s) s)",
"",
"| statement | tps | rounds | avg ms | p99 ms (approx.) | failed | PG CPU µs/tx | CPU svc / PG / pgbench / other |",
"|---|---:|---|---:|---:|---:|---:|---|",
(.pgbench | to_entries[] |
  "| \(.key | basis_name) | \(.value.tps | int) | \(.value.rounds | map(round | tostring) | join(", "))\(if .value.spread_pct then " (spread \(.value.spread_pct | n(0)) %)" else "" end) | \(.value.latency_avg_ms | n(3)) | \(.value.p99_ms | n(3)) | \(.value.failed) | \(.value.pg_cpu_us_per_tx | n(1)) | \(.value.cpu | cpu) |"),
"",
"## HTTP rows",
"",
"| row | conns | req/s | p50 ms | p99 ms | non-2xx | socket errors c/r/w/t | ratio to pgbench | pool timeouts | svc CPU µs/req | PG CPU µs/req | CPU svc / PG / wrk / other |",
"|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---|",
(.levels[] |
  "| \(.label) | \(.connections) | \(.rps | int) | \(.p50_ms | n(2)) | \(.p99_ms | n(2)) | \(.non_2xx)\(if .non_2xx > 0 then " (" + (.wrk.status_codes | to_entries | map(select(.key | test("^2") | not) | "\(.key)×\(.value)") | join(" ")) + ")" else "" end) | \(.socket_errors | "\(.connect)/\(.read)/\(.write)/\(.timeout)") | \(if .ratio then "\(.ratio | n(4)) × \(.basis | basis_name)" else "–" end) | \(.pool_timeouts_total // "?") | \(.svc_cpu_us_per_req | int) | \(.pg_cpu_us_per_req | int) | \(.cpu | cpu) |"),
(if any(.levels[]; .monitor != null) then
  "",
  "The row \"GET /health + detailed monitor\" loads /health while \(.settings.monitor.connections) more connections poll /health/detailed every \(.settings.monitor.delay_ms) ms: " +
  ([.levels[] | select(.monitor != null) | "\(.monitor.requests * 1e6 / .monitor.duration_us | int) detailed req/s, p99 \(.monitor.latency_us.p99 / 1000 | n(2)) ms, \(.monitor.non_2xx) non-2xx"] | join("; ")) + "."
 else empty end),
"",
"## Services",
"",
"| service | ready after JVM start, alone | ready, three at once | Spring \"Started in\" (JVM uptime) | RSS after the last row | RSS after run | peak RSS |",
"|---|---:|---:|---:|---:|---:|---:|",
(.services[] |
  "| \(.name) | \(if .ready_s_solo then "\(.ready_s_solo | n(2)) s" else "–" end) | \(.ready_s_stack | n(2)) s | \(.spring_started_in_s | n(2)) s (\(.spring_jvm_uptime_s | n(2)) s) | \(if .rss_after_rows_mib then "\(.rss_after_rows_mib | n(0)) MiB" else "–" end) | \(.rss_mib | n(0)) MiB | \(.peak_rss_mib | n(0)) MiB |"),
"",
"## Targets (reported, not asserted)",
"",
"| result | target | measured |",
"|---|---|---|",
(.targets[] | "| \(.result) | \(.target) | \(.measured) |"),
(if (.warnings | length) > 0 then "", "## Warnings", "", (.warnings[] | "- \(.)") else empty end),
(if (.harness_failures | length) > 0 then "", "## Harness failures", "", (.harness_failures[] | "- \(.)") else empty end)
