# shellcheck shell=bash
# Helpers shared by scripts/demo and scripts/test. Sourced, never executed on its own.
#
# Both scripts must work on a fresh Debian 12 / Ubuntu machine with nothing prepared by hand, so the
# helpers install only the Debian packages that are actually missing (apt is skipped entirely when
# everything is present), and reuse an existing .venv.
#
# Environment knobs (all optional):
#   NETRA_PYTHON     interpreter used to create .venv (default: python3)
#   NETRA_SKIP_APT=1 never call apt-get (missing packages become an error with the list to install)

NETRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$NETRA_ROOT/.venv"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1

if [ -t 2 ]; then _C_ON=$'\033[1;34m' _C_ERR=$'\033[1;31m' _C_OFF=$'\033[0m'; else _C_ON='' _C_ERR='' _C_OFF=''; fi
log() { printf '%s==> %s%s\n' "$_C_ON" "$*" "$_C_OFF" >&2; }
die() {
	printf '%sERROR: %s%s\n' "$_C_ERR" "$*" "$_C_OFF" >&2
	exit 1
}

# Wall-clock seconds since $1 (a value of $EPOCHREALTIME), one decimal.
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "root is needed for: $*  (run as root, or install sudo)"
	fi
}

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# apt_ensure PKG...: install the packages that are missing; `apt-get update` at most once per run.
_APT_UPDATED=0
apt_ensure() {
	local missing=() p
	if ! command -v dpkg-query >/dev/null 2>&1; then
		log "Not a Debian/Ubuntu system: make sure these are installed: $*"
		return 0
	fi
	for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
	[ "${#missing[@]}" -eq 0 ] && return 0
	if [ "${NETRA_SKIP_APT:-0}" = 1 ]; then
		die "missing system packages: ${missing[*]} (NETRA_SKIP_APT=1, so install them yourself)"
	fi
	log "Installing system packages: ${missing[*]}"
	if [ "$_APT_UPDATED" = 0 ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
		_APT_UPDATED=1
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
		|| die "apt-get install ${missing[*]} failed"
}

# The interpreter for .venv. Prints nothing if it is missing (python3 is then installed by apt).
base_python() {
	local py="${NETRA_PYTHON:-python3}"
	command -v "$py" 2>/dev/null || true
}

# Debian packages the Python side needs: python3 itself on a bare image, python3-venv when the
# interpreter cannot create a venv with pip (Debian/Ubuntu split ensurepip out of python3).
python_packages() {
	local py
	if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
		return 0
	fi
	py="$(base_python)"
	if [ -z "$py" ]; then
		echo python3 python3-venv
	elif ! "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; then
		echo python3-venv
	fi
}

# venv_ensure REQUIREMENTS_FILE: create .venv if needed (reuse a working one) and install into it.
venv_ensure() {
	local req="$1" py
	if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
		log "$VENV is broken (its interpreter no longer runs): recreating it"
		rm -rf "$VENV"
	fi
	if [ ! -x "$VENV/bin/python" ]; then
		py="$(base_python)"
		[ -n "$py" ] || die "no ${NETRA_PYTHON:-python3} found (set NETRA_PYTHON to a Python >= 3.11)"
		"$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
			|| die "$py is $("$py" -V 2>&1); Netra needs Python >= 3.11 (set NETRA_PYTHON)"
		log "Creating $VENV with $("$py" -V 2>&1)"
		if ! "$py" -m venv "$VENV"; then
			rm -rf "$VENV"
			die "'$py -m venv' failed; on Debian/Ubuntu install python3-venv (apt-get install python3-venv)"
		fi
	fi
	log "Installing Python packages from $(basename "$req")"
	"$VENV/bin/python" -m pip install -q -r "$req" || die "pip install -r $req failed"
}

# compilemessages, but only when there is something to compile: Django's command fails outright when
# no locale directory exists (an empty locale/ is not even in a git clone). .mo files are gitignored.
compile_messages() {
	if [ -z "$(find "$NETRA_ROOT" -path "$VENV" -prune -o -path "$NETRA_ROOT/node_modules" -prune \
		-o -path "$NETRA_ROOT/.git" -prune -o -name '*.po' -print -quit)" ]; then
		log "No .po files yet: skipping compilemessages"
		return 0
	fi
	log "Compiling translations"
	(cd "$NETRA_ROOT" && "$VENV/bin/python" manage.py compilemessages --ignore=.venv --ignore=node_modules \
		--ignore=.git -v 0)
}

# --- PostgreSQL --------------------------------------------------------------------------------------
# A server already answering on 127.0.0.1:5432 is used as is. Otherwise the local Debian cluster is
# started (the one on 5432 if there is one, else the newest; its port is then used), or created.
PG_PORT=5432

pg_wait() {
	for _ in $(seq 1 60); do
		pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && return 0
		sleep 0.5
	done
	return 1
}

pg_start() {
	pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && return 0
	command -v pg_lsclusters >/dev/null 2>&1 || die "PostgreSQL is not installed (no pg_lsclusters)"
	local cluster ver
	# pg_lsclusters -h: "<version> <name> <port> <status> ..."; newest version first.
	cluster="$(pg_lsclusters -h | sort -k1,1Vr | awk '$3 == 5432 { print $1, $2, $3; exit }')"
	[ -n "$cluster" ] || cluster="$(pg_lsclusters -h | sort -k1,1Vr | awk '{ print $1, $2, $3; exit }')"
	if [ -z "$cluster" ]; then
		ver="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
		[ -n "$ver" ] || die "PostgreSQL is not installed (no /usr/lib/postgresql/<version>)"
		log "Creating PostgreSQL cluster $ver main"
		as_root pg_createcluster "$ver" main >/dev/null || die "pg_createcluster $ver main failed"
		cluster="$(pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" { print $1, $2, $3; exit }')"
	fi
	# shellcheck disable=SC2086  # split "version name port"
	set -- $cluster
	PG_PORT="$3"
	if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
		log "Starting PostgreSQL cluster $1/$2 (port $PG_PORT)"
		as_root pg_ctlcluster --skip-systemctl-redirect "$1" "$2" start || true
	fi
	pg_wait || die "PostgreSQL $1/$2 did not come up on 127.0.0.1:$PG_PORT (see /var/log/postgresql/)"
}

# psql as the database superuser, whatever pg_hba.conf says: over the local socket as the `postgres`
# OS user (peer auth, the Debian default), else over TCP as the `postgres` role (trust setups).
psql_admin() {
	local opts=(-X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres)
	if id postgres >/dev/null 2>&1; then
		if [ "$(id -u)" -eq 0 ]; then
			(cd / && runuser -u postgres -- psql "${opts[@]}" "$@") && return 0
		elif command -v sudo >/dev/null 2>&1; then
			(cd / && sudo -n -u postgres psql "${opts[@]}" "$@") && return 0
		fi
	fi
	psql "${opts[@]}" -h 127.0.0.1 -U postgres -w "$@"
}

psql_netra() { PGPASSWORD=netra psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U netra -w "$@"; }

ROLE_SQL="DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'netra') THEN
    CREATE ROLE netra LOGIN SUPERUSER PASSWORD 'netra';
  ELSE
    ALTER ROLE netra LOGIN SUPERUSER PASSWORD 'netra';
  END IF;
END
\$\$;"

pg_provision() {
	pg_start
	# SUPERUSER: Django creates test_netra_gw* itself and tests may ALTER TABLE ... DISABLE TRIGGER.
	if [ "$(psql_netra -d postgres -tAc 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user' \
		2>/dev/null)" != t ]; then
		log "Creating PostgreSQL role netra"
		psql_admin -c "$ROLE_SQL" || die "could not create the PostgreSQL role netra"
	fi
	if [ "$(psql_netra -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'netra'")" != 1 ]; then
		log "Creating PostgreSQL database netra"
		psql_netra -d postgres -c 'CREATE DATABASE netra OWNER netra' || die "could not create database netra"
	fi
	psql_netra -d netra -tAc 'SELECT 1' >/dev/null || die "cannot connect to PostgreSQL as netra"
}

# --- Redis -------------------------------------------------------------------------------------------
redis_start() {
	redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && return 0
	log "Starting Redis on 127.0.0.1:6379"
	redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null \
		|| die "redis-server failed to start"
	for _ in $(seq 1 40); do
		redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && return 0
		sleep 0.25
	done
	die "Redis did not answer on 127.0.0.1:6379"
}

