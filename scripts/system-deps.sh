#!/usr/bin/env bash
# Installs the Debian packages that Escalade's tests drive, when they are missing.
# Each feature adds its packages to PACKAGES (browser, IMAP, LDAP…).
set -euo pipefail
# Needed by `pip install` itself (python-ldap has no wheel and builds from source).
BUILD_PACKAGES=(gcc libldap2-dev libsasl2-dev)
PACKAGES=(
  "${BUILD_PACKAGES[@]}"
  # LDAP: the identity tests start a real OpenLDAP server.
  slapd ldap-utils
  # Browser tests (tests/browser): Playwright drives /usr/bin/chromium.
  chromium
  # IMAP: the mail gateway tests start a real dovecot server.
  dovecot-imapd
  # GLPI import: the tests start a real MariaDB server loaded with GLPI's schema.
  mariadb-server
  # Operations: tests/operations starts a real PgBouncer in transaction mode.
  pgbouncer
)
# --build: only what installing the Python packages needs (make install-dev).
if [ "${1:-}" = "--build" ]; then PACKAGES=("${BUILD_PACKAGES[@]}"); fi
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]} — install them as root (apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
