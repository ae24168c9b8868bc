# The data the rows need: the product role's credentials (for pgbench), generated products, bench
# users with tokens, and carts with a few lines. Sourced by bench/run.sh.

# PRODUCT_DB_USER / PRODUCT_DB_PASSWORD from the env file ./storefront up wrote for product-service.
read_product_credentials() {
  local url userinfo
  url="$(sed -n 's/^DATABASE_URL=//p' "$STATE_DIR/env/product.env")"
  [[ "$url" =~ ^[a-z+]+://([^@/]+)@ ]] || die "cannot read the product role from $STATE_DIR/env/product.env"
  userinfo="${BASH_REMATCH[1]}"
  PRODUCT_DB_USER="$(percent_decode "${userinfo%%:*}")"
  PRODUCT_DB_PASSWORD="$(percent_decode "${userinfo#*:}")"
}

percent_decode() { local s="${1//+/ }"; printf '%b' "${s//%/\\x}"; }

# psql on product_db as product-service's own role (read_product_credentials first). Not as the
# superuser: the product role owns the schema and its tables, and a superuser writing there would run
# whatever triggers or operators that role put in them.
product_psql() {
  PGPASSWORD="$PRODUCT_DB_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PRODUCT_DB_USER" \
    -d product_db "$@"
}

# Adds $PRODUCTS generated products (bench/sql/seed_products.sql) and sets MIN_ID / MAX_ID (every id
# in between exists) and SEED_MIN_ID (the first generated one: their stock never runs out).
seed_products() {
  local line count
  if (( PRODUCTS > 0 )); then
    log "adding $PRODUCTS generated products to product_db"
    product_psql -v count="$PRODUCTS" -f "$BENCH_DIR/sql/seed_products.sql" >>"$LOG_DIR/seed.log" 2>&1 \
      || die "could not add the bench products (see $LOG_DIR/seed.log); has product-service's products table changed?"
  fi
  line="$(product_psql -At -F ' ' -c "SELECT min(id), max(id), count(*),
      coalesce(min(id) FILTER (WHERE sku LIKE 'BENCH-%'), 0) FROM products")" \
    || die "cannot read the products table of product_db"
  read -r MIN_ID MAX_ID count SEED_MIN_ID <<<"$line"
  [[ "$count" =~ ^[0-9]+$ ]] && (( count > 0 )) || die "product_db has no products"
  (( MAX_ID - MIN_ID + 1 == count )) \
    || die "product ids $MIN_ID..$MAX_ID have gaps ($count products); the random ids of the product rows would hit 404s"
  CATALOG_SIZE=$count
  log "catalog: $count products, ids $MIN_ID..$MAX_ID"
}

# Warns when the statement in bench/sql/product_by_id.sql no longer matches product-service's.
check_product_sql() {
  local source="$ROOT/product-service/src/main/java/io/storefront/product/catalog/ProductRepository.java" theirs ours
  [[ -f "$source" ]] || { warn "cannot find $source to compare the product-by-id statement with"; return 0; }
  theirs="$(awk '/String COLUMNS = """/ { grab = 1; next } grab && /"""/ { sub(/""".*/, ""); print; exit } grab { print }' \
    "$source" | tr -d ' \t\n')"
  ours="$(sed -n '/^SELECT /{ s/^SELECT //; p; }' "$BENCH_DIR/sql/product_by_id.sql" | tr -d ' \t\n')"
  if [[ -z "$theirs" || "$theirs" != "$ours" ]]; then
    warn "bench/sql/product_by_id.sql selects '$ours' but ProductRepository selects '$theirs'; update the bench's copy"
  fi
  grep -q 'WHERE id = :id' "$source" || warn "ProductRepository's FIND_BY_ID no longer reads 'WHERE id = :id'; check bench/sql/product_by_id.sql"
}

# Registers $USERS bench users through auth-service's API and logs each in: one access token per
# line in $TOKENS_FILE (line i = user i). Four at a time (bcrypt makes each take ~0.1 s of CPU).
create_users() {
  local users_dir="$RAW_DIR/users" i
  rm -rf "$users_dir"; mkdir -p "$users_dir"
  log "registering and logging in $USERS bench users through auth-service"
  TOKENS_ISSUED_FROM=$(date +%s)
  export BENCH_AUTH_URL="http://127.0.0.1:${SERVICE_PORT[auth]}" BENCH_USER_PASSWORD="bench-$RUN_ID-secret" \
    BENCH_RUN_ID="$RUN_ID" BENCH_USERS_DIR="$users_dir"
  export -f bench_user auth_post
  seq 0 $((USERS - 1)) | xargs -P 4 -I{} bash -c 'bench_user register {}' \
    || die "could not create the bench users (see $users_dir/*.err)"
  collect_tokens
}

# Logs the users in again (access tokens last 15 minutes).
refresh_tokens() {
  log "logging the $USERS bench users in again (fresh access tokens)"
  TOKENS_ISSUED_FROM=$(date +%s)
  seq 0 $((USERS - 1)) | xargs -P 4 -I{} bash -c 'bench_user login {}' \
    || die "could not log the bench users in (see $RAW_DIR/users/*.err)"
  collect_tokens
}

collect_tokens() {
  local i
  : >"$TOKENS_FILE"
  for i in $(seq 0 $((USERS - 1))); do cat "$RAW_DIR/users/$i.token" >>"$TOKENS_FILE"; done
  # The first token's age counts: on a loaded machine logging 256 users in can take minutes.
  TOKENS_AT=$TOKENS_ISSUED_FROM
}

# bench_user register|login INDEX (run by xargs in a child bash: only exported variables are seen).
bench_user() {
  local action="$1" i="$2" email body status
  email="bench-$BENCH_RUN_ID-$i@example.com"
  if [[ "$action" == register ]]; then
    body="$(auth_post /auth/register \
      "{\"email\": \"$email\", \"password\": \"$BENCH_USER_PASSWORD\", \"full_name\": \"Bench User $i\"}")"
    status="${body##*$'\n'}"
    [[ "$status" == 201 ]] \
      || { printf 'register %s: HTTP %s %s\n' "$email" "$status" "${body%$'\n'*}" >"$BENCH_USERS_DIR/$i.err"; return 1; }
  fi
  body="$(auth_post /auth/login "{\"email\": \"$email\", \"password\": \"$BENCH_USER_PASSWORD\"}")"
  status="${body##*$'\n'}"
  [[ "$status" == 200 ]] || { printf 'login %s: HTTP %s %s\n' "$email" "$status" "${body%$'\n'*}" >"$BENCH_USERS_DIR/$i.err"; return 1; }
  jq -er .access_token <<<"${body%$'\n'*}" >"$BENCH_USERS_DIR/$i.token" \
    || { echo "login $email: no access_token" >"$BENCH_USERS_DIR/$i.err"; return 1; }
}

# auth_post PATH JSON: the body, a newline and the status. auth-service answers 503 "too many sign-ins
# at once" when its bcrypt bulkhead is full, which happens when other load slows the machine down: the
# call is made again after a second, as its Retry-After asks, up to 30 times.
auth_post() {
  local path="$1" json="$2" body attempt
  for attempt in $(seq 30); do
    body="$(curl -s -w '\n%{http_code}' --max-time 30 -H 'Content-Type: application/json' -d @- \
      "$BENCH_AUTH_URL$path" <<<"$json")"
    [[ "${body##*$'\n'}" == 503 ]] || break
    sleep 1
  done
  printf '%s' "$body"
}

# Puts three lines in every bench user's cart (from the user's own window of products, as
# lua/cart_add.lua uses), so GET /cart shows a typical small cart.
prefill_carts() {
  log "putting 3 products in each bench user's cart"
  export BENCH_CART_URL="http://127.0.0.1:${SERVICE_PORT[cart]}" BENCH_TOKENS_FILE="$TOKENS_FILE" \
    BENCH_SEED_MIN_ID="$SEED_MIN_ID" BENCH_SPAN=$(( MAX_ID - SEED_MIN_ID + 1 )) BENCH_CART_SPREAD="$CART_SPREAD"
  export -f prefill_cart bearer_header
  seq 0 $((USERS - 1)) | xargs -P 4 -I{} bash -c 'prefill_cart {}' \
    || die "could not fill the bench users' carts (a POST /cart/items failed; see the cart-service log)"
}

prefill_cart() {
  local i="$1" token k product status
  token="$(sed -n "$((i + 1))p" "$BENCH_TOKENS_FILE")"
  for k in 0 1 2; do
    product=$(( BENCH_SEED_MIN_ID + (i * BENCH_CART_SPREAD + k) % BENCH_SPAN ))
    status="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H @<(bearer_header "$token") \
      -H 'Content-Type: application/json' -d "{\"product_id\": $product, \"quantity\": 1}" "$BENCH_CART_URL/cart/items")"
    [[ "$status" == 20[01] ]] || { echo "POST /cart/items (user $i, product $product): HTTP $status" >&2; return 1; }
  done
}
