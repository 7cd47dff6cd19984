#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through Debian's chromedriver (both from apt).
# Installs them when missing and this user may (root, or sudo without a password). Elsewhere the
# browser tests are skipped with a message saying why; under CI=true a missing browser is an error.
set -uo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
echo "== installing chromium and chromium-driver for the browser tests (apt-get)"
if [[ $(id -u) -eq 0 ]]; then
  sudo=""
elif sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  sudo="none"
fi
if [[ "$sudo" != "none" ]] && command -v apt-get >/dev/null; then
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || true
fi
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  echo "   chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}') installed"
  exit 0
fi
if [[ "${CI:-}" == "true" ]]; then
  echo "error: could not install chromium and chromium-driver; the browser tests cannot run" >&2
  exit 1
fi
echo "   not installed (needs root or sudo and apt-get): the browser tests will be skipped"
exit 0
