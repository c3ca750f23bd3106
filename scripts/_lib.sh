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
