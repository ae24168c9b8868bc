#!/usr/bin/env bash
# CI's external path, end to end against a PostgreSQL we do not start: the machine's own server
# (by default 127.0.0.1:5432, superuser postgres, trust authentication).
#   1. ./storefront db provision --admin-url URL --out <tmp>/env --rotate   (databases, roles, env files)
#   2. the three service jars, each started with its env file only (as in a container), on ports
#      that do not clash with a developer's (BASE+1..BASE+3, default 28001..28003)
#   3. wait until each /health/ready answers 200
#   4. ./storefront db check --env-dir <tmp>/env --http              (must exit 0)
# Whatever happens, the services it started are stopped by PID (SIGTERM, then SIGKILL) and the
# temporary folder is removed. Exit status: that of db check, or 1 if a step before it failed.
#
# Usage: storefront-cli/src/test/ci/external-path.sh [admin-url]
#   env STOREFRONT_CI_BASE_PORT (default 28000), STOREFRONT_CI_READY_TIMEOUT seconds (default 240)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
ADMIN_URL="${1:-postgresql://postgres@127.0.0.1:5432/postgres}"
BASE_PORT="${STOREFRONT_CI_BASE_PORT:-28000}"
READY_TIMEOUT="${STOREFRONT_CI_READY_TIMEOUT:-240}"
SERVICES=(auth product cart)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/storefront-external.XXXXXX")"
PIDS=()

say() { printf 'external-path: %s\n' "$*"; }

stop_services() {
  local pid waited
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    waited=0
    while kill -0 "$pid" 2>/dev/null && (( waited < 30 )); do sleep 1; waited=$((waited + 1)); done
    if kill -0 "$pid" 2>/dev/null; then say "PID $pid ignored SIGTERM; killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  done
  PIDS=()
}

cleanup() {
  local status=$?
  stop_services
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

show_log() {  # last lines of a service's output, to explain a failure
  say "last lines of $1-service:"
  tail -n 40 "$WORK/$1.log" | sed 's/^/    /' || true
}

is_ready() {  # GET /health/ready == 200, with curl when there is one, else bash's /dev/tcp
  local port="$1"
  if command -v curl >/dev/null 2>&1; then
    [[ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" == 200 ]]
  else
    local reply
    reply="$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && head -n1 <&3" 2>/dev/null || true)"
    [[ "$reply" == *" 200"* ]]
  fi
}

start_service() {  # $1 = auth|product|cart, $2 = port; environment = its env file + the wiring, nothing else of ours
  local name="$1" port="$2" key value
  local -a environment=("PATH=$PATH" "HOME=${HOME:-/tmp}" "LANG=${LANG:-C.UTF-8}")
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ -z "$line" || "$line" == \#* || "$line" != *=* ]] && continue
    key="${line%%=*}"; value="${line#*=}"
    environment+=("$key=$value")
  done < "$WORK/env/$name.env"
  environment+=("AUTH_JWKS_URL=http://localhost:$((BASE_PORT + 1))/.well-known/jwks.json"
                "PRODUCT_SERVICE_URL=http://localhost:$((BASE_PORT + 2))")
  (cd "$WORK" && exec env -i "${environment[@]}" "$JAVA" -jar "$ROOT/$name-service/target/$name-service.jar") \
    > "$WORK/$name.log" 2>&1 &
  PIDS+=("$!")
  say "started $name-service on :$port (PID $!)"
}

cd "$ROOT"
say "provisioning ${ADMIN_URL%%://*}://…@${ADMIN_URL##*@} into $WORK/env"
# No --revoke-public-connect: this server is shared with other things on the machine, which may rely on
# PUBLIC's CONNECT to postgres; db check reports that as a warning, not a failure.
# --rotate: an earlier run on this machine left the roles with passwords only its deleted folder held,
# and db provision refuses to replace a password it was not given unless told to.
./storefront db provision --admin-url "$ADMIN_URL" --out "$WORK/env" --rotate
JAVA="$(./storefront java-home)/bin/java"

for i in "${!SERVICES[@]}"; do
  port=$((BASE_PORT + i + 1))
  # db check --http finds the service on the PORT of its env file
  printf 'PORT=%s\n' "$port" >> "$WORK/env/${SERVICES[$i]}.env"
  start_service "${SERVICES[$i]}" "$port"
done

deadline=$((SECONDS + READY_TIMEOUT))
for i in "${!SERVICES[@]}"; do
  name="${SERVICES[$i]}"; port=$((BASE_PORT + i + 1))
  until is_ready "$port"; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      say "$name-service exited during start-up"; show_log "$name"; exit 1
    fi
    if (( SECONDS > deadline )); then
      say "$name-service was not ready within ${READY_TIMEOUT}s"; show_log "$name"; exit 1
    fi
    sleep 1
  done
  say "$name-service ready"
done

say "./storefront db check --env-dir $WORK/env --http"
./storefront db check --env-dir "$WORK/env" --http
