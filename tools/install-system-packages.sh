#!/usr/bin/env bash
# Installs the system packages the tests need and a fresh machine lacks:
# Debian's Chromium, which the browser tests drive through Playwright (and which
# prints the worksheets to PDF), Node.js with npm, which run the independent
# GIFT parser that checks the Moodle export (tests/gift) and install axe-core and
# the Nu HTML Checker (tests/quality), and Java, which runs the Nu HTML Checker.
set -euo pipefail

packages=""
[ -x /usr/bin/chromium ] || packages="$packages chromium"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages="$packages nodejs npm"
fi
command -v java >/dev/null 2>&1 || packages="$packages default-jre-headless"
if [ -z "$packages" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need:$packages (Chromium at /usr/bin/chromium); install them with your system's package manager." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing what the tests need (Debian packages:$packages) …"
$SUDO apt-get update -qq
# shellcheck disable=SC2086  # one word per package
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $packages >/dev/null
