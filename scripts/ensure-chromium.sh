#!/usr/bin/env bash
# Browser tests drive Debian's chromium and look at the screens with a CJK font (without one every
# Chinese glyph is a box in the screenshots); install both when missing (needs root and apt, as on
# our machines and CI).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "浏览器测试需要 ${missing[*]}：请以 root 运行 apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian ${missing[*]} for the browser tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
