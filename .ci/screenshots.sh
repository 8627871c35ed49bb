#!/usr/bin/env bash
# Renders a report with headless Chromium at phone, laptop and wide widths, light and dark,
# so a person can look at every table (not run by CI: Chromium is slow on a shared machine).
#
#   .ci/screenshots.sh [reports/example/report.html] [out-dir]
#   PROBE_ONLY=1 .ci/screenshots.sh …   # only the overflow list, no images
#
# Headless Chromium will not lay a window out narrower than about 500 px, so the probe
# narrows the page itself to the width asked for (media queries still see the window).
# Writes <out>/<width>-<scheme>.png (the whole page with every <details> open, up to
# 60,000 px; tiles of 1600 px in <out>/tiles/ with Pillow or ImageMagick) and <out>/overflow.txt: for each width and scheme, every table
# box whose content is wider than the box, with every <details> opened (a copy of the page with a small measuring script
# appended is dumped after layout; the report itself never carries a script). An empty list
# for every width means no table needs sideways scrolling there; any entry names the table's
# caption so it can be found on the images.
set -euo pipefail
page="$(realpath "${1:-reports/example/report.html}")"
out="${2:-/tmp/clv-screenshots}"
mkdir -p "$out/tiles"
chrome="${CHROMIUM:-chromium}"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --run-all-compositor-stages-before-draw)

probe="$out/probe.html"
# The probe: same page, plus a script that lists every .table-wrap (and pre/svg box) whose
# scrollWidth exceeds its clientWidth, and whether the page itself scrolls sideways.
sed 's#</body>#<script>//<![CDATA[\
addEventListener("load",()=>{const w=+location.hash.slice(1);\
if(w\&\&innerWidth>w)document.documentElement.style.width=w+"px";\
document.querySelectorAll("details").forEach(d=>d.open=true);document.body.offsetWidth;const r=[];\
document.querySelectorAll(".table-wrap,.md,.chart-box,pre").forEach(e=>{if(e.scrollWidth>e.clientWidth+1){\
const c=e.querySelector("caption,th");r.push((c?c.textContent.slice(0,60):e.className)+" ("+e.scrollWidth+">"+e.clientWidth+")")}});\
const vw=w||innerWidth,pw=w?document.body.scrollWidth:document.documentElement.scrollWidth;\
if(pw>vw+1)r.push("PAGE scrolls sideways ("+pw+">"+vw+")");\
const p=document.createElement("pre");p.id="overflow-report";\
p.textContent="OVERFLOW["+r.join(" | ")+"] HEIGHT="+document.documentElement.scrollHeight;document.body.appendChild(p)});\
//]]></script></body>#' "$page" > "$probe"

: > "$out/overflow.txt"
for width in 360 390 1280 1920; do
  for scheme in light dark; do
    extra=()
    [ "$scheme" = dark ] && extra=(--force-dark-mode --blink-settings=preferredColorScheme=0)
    dom=$("$chrome" "${flags[@]}" "${extra[@]}" --window-size="$width,2000" --dump-dom "file://$probe#$width" 2>/dev/null)
    found=$(grep -o 'OVERFLOW\[[^]"]*\]' <<<"$dom" || echo "OVERFLOW[probe did not run]")
    echo "$width $scheme $found" | tee -a "$out/overflow.txt"
    # 360 is measured only; the images are taken at the issue's three widths.
    if [ "$width" != 360 ] && [ "${PROBE_ONLY:-0}" != 1 ]; then
      # The image is of the probe, with every <details> open so the tables behind the
      # charts can be looked at too; the window is as tall as that page (capped).
      height=$(grep -o 'HEIGHT=[0-9][0-9]*' <<<"$dom" | head -1 | cut -d= -f2)
      height=$(( ${height:-16000} > 60000 ? 60000 : ${height:-16000} ))
      "$chrome" "${flags[@]}" "${extra[@]}" --window-size="$width,$height" \
        --screenshot="$out/$width-$scheme.png" "file://$probe#$width" >/dev/null 2>&1
      # Tiles of 1600 px to look at one by one: Pillow if importable (PYTHON=…/python of a
      # venv with pillow), else ImageMagick (whose default policy refuses pages over 16k px).
      if "${PYTHON:-python3}" -c 'import PIL' 2>/dev/null; then
        "${PYTHON:-python3}" - "$out/$width-$scheme.png" "$out/tiles/$width-$scheme" <<'PY'
import sys
from PIL import Image
Image.MAX_IMAGE_PIXELS = None
im = Image.open(sys.argv[1])
for k, top in enumerate(range(0, im.size[1], 1600)):
    im.crop((0, top, im.size[0], min(im.size[1], top + 1600))).save(f"{sys.argv[2]}-{k:02d}.png")
PY
      elif [ -x /usr/bin/convert ]; then
        /usr/bin/convert "$out/$width-$scheme.png" -crop "${width}x1600" +repage "$out/tiles/$width-$scheme-%02d.png" || true
      fi
    fi
  done
done
echo "images in $out (tiles in $out/tiles); overflow list in $out/overflow.txt"
