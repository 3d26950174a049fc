#!/usr/bin/env bash
# Browser tests drive Debian's chromium; install it when missing (needs root and apt, as on our machines and CI).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "需要 /usr/bin/chromium 来运行浏览器测试：请以 root 运行 apt-get install -y chromium" >&2
  exit 1
fi
echo "installing Debian chromium for the browser tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
