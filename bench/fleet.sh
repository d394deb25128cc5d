# Fleet measurements, sourced by `bench/run --fleet` after it has built the tools and started the server
# (it uses that script's say, die, timed, admin, scalar, fresh_db, drop_db, meta, BASE, JDBC_BASE, ...).
#
# Two fleets, each migrated from nothing in four ways, one after the other on the same server:
#   floor        one psql session per database (for schemas: one session, SET search_path per tenant),
#                each file in its own transaction: what the server itself needs for the SQL
#   fleet        one `schemata migrate --targets FILE` (parallel, default bound)
#   loop         a shell loop of `schemata migrate`, one process per target (PGOPTIONS sets the search_path
#                of a tenant, --history-table its history)
#   flyway-loop  a shell loop of Flyway runs, one per target (for tenants Flyway's `schemas`, its documented
#                way for a schema per tenant)
# then the status of the whole fleet: `schemata status --targets FILE` against a loop of Flyway `info`.
#
# Sizes (environment):
#   FLEET_TENANTS=1000 FLEET_TENANT_MIGRATIONS=50   tenant schemas in one database, migrations each
#   FLEET_DATABASES=50 FLEET_DB_MIGRATIONS=200      databases, migrations each
#   FLEET_LOOP_TENANTS, FLEET_LOOP_DATABASES        how many targets the loops run (default: all). A loop of
#                                                   1,000 processes takes long; a smaller loop is timed and its
#                                                   time per target compared, which the report says.
#   FLEET_PARALLEL                                  --parallel for fleet mode (default: Schemata's own choice)

TENANTS="${FLEET_TENANTS:-1000}"
TENANT_MIGRATIONS="${FLEET_TENANT_MIGRATIONS:-50}"
DATABASES="${FLEET_DATABASES:-50}"
DB_MIGRATIONS="${FLEET_DB_MIGRATIONS:-200}"
LOOP_TENANTS="${FLEET_LOOP_TENANTS:-$TENANTS}"
LOOP_DATABASES="${FLEET_LOOP_DATABASES:-$DATABASES}"
PARALLEL_ARGS=()
[ -n "${FLEET_PARALLEL:-}" ] && PARALLEL_ARGS=(--parallel "$FLEET_PARALLEL")
meta fleet.sizes "$TENANTS tenant schemas x $TENANT_MIGRATIONS migrations (loops: $LOOP_TENANTS); $DATABASES databases x $DB_MIGRATIONS migrations (loops: $LOOP_DATABASES)"
meta fleet.parallel "${FLEET_PARALLEL:-(the default of schemata)}"
meta fleet.server_max_connections "$(scalar postgres 'SHOW max_connections')"

FLEET_WORK="$WORK/fleet"
rm -rf "$FLEET_WORK"
mkdir -p "$FLEET_WORK"
gen() {
  local n="$1" dir="$FLEET_WORK/gen-$1"
  java "$BENCH/Generate.java" "$SEED" "$n" "$dir"
  echo "$dir"
}
say "== generating migrations (seed $SEED): $TENANT_MIGRATIONS for the tenants, $DB_MIGRATIONS for the databases"
TDIR="$(gen "$TENANT_MIGRATIONS")"
DDIR="$(gen "$DB_MIGRATIONS")"
want_tables() { awk '$1 == "tables" {print $2}' "$1/expected.tsv"; }

# ------------------------------------------------------------------------------------------ tenant schemas
tenant() { printf 't_%04d' "$1"; }
seq 1 "$TENANTS" | while read -r i; do tenant "$i"; echo; done >"$FLEET_WORK/tenants.txt"

# The floor's script: every tenant in one session, its files each in a transaction.
for i in $(seq 1 "$TENANTS"); do
  t="$(tenant "$i")"
  printf 'CREATE SCHEMA %s;\nSET search_path TO %s;\n' "$t" "$t"
  for f in "$TDIR"/schemata/*.sql; do
    printf 'BEGIN;\n\\i %s\nCOMMIT;\n' "$f"
  done
done >"$FLEET_WORK/tenants-floor.sql"

loop_schemata_tenants() {
  local db="$1" i t
  for i in $(seq 1 "$LOOP_TENANTS"); do
    t="$(tenant "$i")"
    PGOPTIONS="-c search_path=$t" "$SCHEMATA" -q migrate --lint=off -d "$TDIR/schemata" --url "$BASE/$db" \
      --history-table "$t.schema_migrations" || return 1
  done
}
loop_flyway_tenants() {
  local db="$1" cmd="$2" i
  for i in $(seq 1 "$LOOP_TENANTS"); do
    run_flyway "$cmd" "$JDBC_BASE/$db" postgres "$DEV_PASSWORD" "$TDIR/flyway" "$(tenant "$i")" || return 1
  done
}
# Every tenant of the loop (or of the fleet) has all its tables, in its own schema and nowhere else.
verify_tenants() {
  local db="$1" tool="$2" count="$3" want got public per
  per=$(want_tables "$TDIR")
  want=$((per * count))
  got=$(scalar "$db" "SELECT count(*) FROM pg_tables WHERE schemaname ~ '^t_[0-9]+\$' AND tablename ~ '^t[0-9]+\$'")
  public=$(scalar "$db" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+\$'")
  [ "$got" = "$want" ] && [ "$public" = 0 ] || die "$tool left $got tenant tables (want $want) and $public in public in $db"
}

for rep in $(seq 1 "$REPS"); do
  say "== $TENANTS tenant schemas x $TENANT_MIGRATIONS migrations, round $rep (loops: $LOOP_TENANTS tenants)"
  for tool in floor fleet loop flyway-loop; do
    db="fleet_tenants_${tool//-/_}"
    fresh_db "$db"
    admin -c CHECKPOINT
    case "$tool" in
      floor) timed tenants-migrate "$TENANTS" floor "$rep" psql -X -q -v ON_ERROR_STOP=1 -f "$FLEET_WORK/tenants-floor.sql" "$BASE/$db"
             verify_tenants "$db" floor "$TENANTS" ;;
      fleet) timed tenants-migrate "$TENANTS" fleet "$rep" run_schemata migrate --lint=off -d "$TDIR/schemata" --url "$BASE/$db" \
               --targets "$FLEET_WORK/tenants.txt" "${PARALLEL_ARGS[@]}"
             verify_tenants "$db" fleet "$TENANTS" ;;
      loop) timed tenants-migrate "$LOOP_TENANTS" loop "$rep" loop_schemata_tenants "$db"
            verify_tenants "$db" loop "$LOOP_TENANTS" ;;
      flyway-loop) timed tenants-migrate "$LOOP_TENANTS" flyway-loop "$rep" loop_flyway_tenants "$db" migrate
                   verify_tenants "$db" flyway-loop "$LOOP_TENANTS" ;;
    esac
  done
  timed tenants-status "$TENANTS" fleet "$rep" run_schemata status -d "$TDIR/schemata" --url "$BASE/fleet_tenants_fleet" \
    --targets "$FLEET_WORK/tenants.txt" "${PARALLEL_ARGS[@]}"
  grep -q "status: $TENANTS targets: $TENANTS ok" "$LOGS/tenants-status-$TENANTS-fleet-$rep.log" \
    || die "the fleet's status does not show $TENANTS tenants up to date"
  timed tenants-status "$LOOP_TENANTS" flyway-loop "$rep" loop_flyway_tenants fleet_tenants_flyway_loop info
done
for tool in floor fleet loop flyway_loop; do drop_db "fleet_tenants_$tool"; done

# ------------------------------------------------------------------------------------------ databases
dbname() { printf 'fleet_db_%s_%03d' "$1" "$2"; }
for rep in $(seq 1 "$REPS"); do
  say "== $DATABASES databases x $DB_MIGRATIONS migrations, round $rep (loops: $LOOP_DATABASES databases)"
  for tool in floor fleet loop flywayloop; do
    count="$DATABASES"
    case "$tool" in loop|flywayloop) count="$LOOP_DATABASES" ;; esac
    : >"$FLEET_WORK/dbs-$tool.txt"
    for i in $(seq 1 "$count"); do
      fresh_db "$(dbname "$tool" "$i")"
      echo "$BASE/$(dbname "$tool" "$i")" >>"$FLEET_WORK/dbs-$tool.txt"
    done
  done
  # The floor's script: the files of one database, each in its own transaction.
  for f in "$DDIR"/schemata/*.sql; do printf 'BEGIN;\n\\i %s\nCOMMIT;\n' "$f"; done >"$FLEET_WORK/db-floor.sql"
  admin -c CHECKPOINT
  floor_dbs() { local u; while read -r u; do psql -X -q -v ON_ERROR_STOP=1 -f "$FLEET_WORK/db-floor.sql" "$u" || return 1; done <"$FLEET_WORK/dbs-floor.txt"; }
  loop_schemata_dbs() { local u; while read -r u; do "$SCHEMATA" -q migrate --lint=off -d "$DDIR/schemata" --url "$u" || return 1; done <"$FLEET_WORK/dbs-loop.txt"; }
  loop_flyway_dbs() {
    local u cmd="$1"
    while read -r u; do run_flyway "$cmd" "$JDBC_BASE/${u##*/}" postgres "$DEV_PASSWORD" "$DDIR/flyway" || return 1; done <"$FLEET_WORK/dbs-flywayloop.txt"
  }
  timed dbs-migrate "$DATABASES" floor "$rep" floor_dbs
  timed dbs-migrate "$DATABASES" fleet "$rep" run_schemata migrate --lint=off -d "$DDIR/schemata" --targets "$FLEET_WORK/dbs-fleet.txt" "${PARALLEL_ARGS[@]}"
  timed dbs-migrate "$LOOP_DATABASES" loop "$rep" loop_schemata_dbs
  timed dbs-migrate "$LOOP_DATABASES" flyway-loop "$rep" loop_flyway_dbs migrate
  want=$(want_tables "$DDIR")
  for tool in floor fleet loop flywayloop; do
    while read -r u; do
      got=$(scalar "${u##*/}" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+\$'")
      [ "$got" = "$want" ] || die "$tool left $got tables in ${u##*/} (want $want)"
    done <"$FLEET_WORK/dbs-$tool.txt"
  done
  timed dbs-status "$DATABASES" fleet "$rep" run_schemata status -d "$DDIR/schemata" --targets "$FLEET_WORK/dbs-fleet.txt" "${PARALLEL_ARGS[@]}"
  timed dbs-status "$LOOP_DATABASES" flyway-loop "$rep" loop_flyway_dbs info
  for tool in floor fleet loop flywayloop; do
    while read -r u; do drop_db "${u##*/}"; done <"$FLEET_WORK/dbs-$tool.txt"
  done
done

# ------------------------------------------------------------------------------------------ report
# Medians per measurement and tool, the time per target, and ratios per target to the floor and to fleet mode.
meta run.seconds "$(( $(date +%s) - started ))"
meta run.load_after "$(cut -d' ' -f1-3 /proc/loadavg)"
{
printf 'measure\ttargets\ttool\tmedian_ms\tms_per_target\tper_target_vs_floor\tper_target_vs_fleet\n'
awk -F'\t' '
  NR == 1 { next }
  { key = $1 SUBSEP $3; n[key] = $2; t[key, ++c[key]] = $5 }
  END {
    for (key in c) {
      m = c[key]; for (i = 1; i <= m; i++) v[i] = t[key, i]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { x = v[i]; v[i] = v[j]; v[j] = x }
      med[key] = (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
      per[key] = med[key] / n[key]
    }
    for (key in c) {
      split(key, k, SUBSEP)
      f = per[k[1] SUBSEP "floor"]; fl = per[k[1] SUBSEP "fleet"]
      printf "%s\t%d\t%s\t%d\t%.1f\t%s\t%s\n", k[1], n[key], k[2], med[key], per[key],
        f ? sprintf("%.2f", per[key] / f) : "", fl ? sprintf("%.2f", per[key] / fl) : ""
    }
  }' "$RAW" | sort
} >"$WORK/fleet-results.tsv"
cp "$META" "$WORK/fleet-meta.tsv"
say "== results (bench/work/fleet-results.tsv; per target, since loops may run fewer targets than the fleet)"
column -t -s $'\t' "$WORK/fleet-results.tsv" >&2
