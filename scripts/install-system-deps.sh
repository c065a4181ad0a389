#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only when they are missing.
# Needs root (as on CI and the project's machines); says what to do otherwise.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
# Reports: Word documents converted to PDF by LibreOffice Writer; PDFs read back with poppler.
[ -e /usr/lib/libreoffice/program/libswlo.so ] || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
# PostgreSQL refuses to run as root: the tests start their cluster as this user.
id -u postgres >/dev/null 2>&1 || NEED_USER=1

if [ ${#need[@]} -eq 0 ] && [ -z "${NEED_USER:-}" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-system-deps: missing ${need[*]:-} ${NEED_USER:+(OS user postgres)}; run 'sudo make system-deps' once." >&2
  exit 1
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "install-system-deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! id -u postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi
