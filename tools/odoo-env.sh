# Sourced by tools/test and tools/demo: locate Odoo and write an Odoo config
# file for this checkout. Reads PGHOST/PGPORT/PGUSER and ODOO_ADDONS_PATH.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$repo/.odoo-test"
# The virtualenv tools/setup makes, when there is one.
if [ -x "$repo/.venv/bin/python3" ]; then
  export PATH="$repo/.venv/bin:$PATH"
fi
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-$(id -un)}
mkdir -p "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

python3 - <<'PY' || fail "python3 cannot import Odoo 18.0: install Odoo 18.0 (see README.md, Requirements) so that 'python3 -c \"import odoo\"' works."
import odoo.release
assert odoo.release.version_info[:2] == (18, 0), odoo.release.version
PY
pg_isready -q || fail "PostgreSQL does not answer on $PGHOST:$PGPORT."

if [ -z "${ODOO_ADDONS_PATH:-}" ]; then
  odoo_root=$(python3 -c 'import odoo, os; print(os.path.dirname(os.path.dirname(odoo.__file__)))')
  ODOO_ADDONS_PATH="$odoo_root/odoo/addons"
  [ -d "$odoo_root/addons" ] && ODOO_ADDONS_PATH="$odoo_root/addons,$ODOO_ADDONS_PATH"
fi

# write_odoo_conf FILE DATABASE HTTP_PORT
write_odoo_conf() {
  cat > "$1" <<CONF
[options]
addons_path = $ODOO_ADDONS_PATH,$repo
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_name = $2
data_dir = $work/data
http_port = $3
gevent_port = $(($3 + 3))
CONF
}
