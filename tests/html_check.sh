#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium renders it and takes a screenshot;
# the check fails on any unescaped <script> or <img> from article text, on a script in the
# rendered DOM, or on a console message or script error.
#
# Two reports are checked, both built from the fixture corpus in fixtures/report/, whose
# wire.txt carries <script>alert(1)</script> and <img src=x onerror=alert(1)>:
#   fixture.html   the HTML snapshot of the hand-built analysis (tests/report_formats.rs),
#                  where the hostile text sits in evidence sentences and quotes;
#   pipeline.html  `concord report --format html` over the fixture articles, through the
#                  real pipeline.
# Screenshots land in target/html-check/ for a human to look at.
#
# Usage: tests/html_check.sh        (installs chromium with apt-get when it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/html-check
mkdir -p "$out"

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
    echo "html-check: installing chromium (Debian package)" >&2
    sudo=""
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then sudo=sudo; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    browser=chromium
fi

# 1. The fixture report: the insta snapshot's body (after the second '---' header line).
snap=tests/snapshots/report_formats__html.snap
awk 'n >= 2 { print; next } /^---$/ { n++ }' "$snap" > "$out/fixture.html"

# 2. The same articles through the real pipeline.
cargo run --release --quiet -- report --format html -o "$out/pipeline.html" \
    fixtures/report/ledger.txt fixtures/report/post.txt \
    fixtures/report/herald.txt fixtures/report/wire.txt 2>/dev/null

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync)

# Renders $1.html: a screenshot with the console logged to $1.log, and the DOM to $1.dom.html.
render() {
    local name=$1 html=$out/$1.html profile
    profile=$(mktemp -d)
    "$browser" "${flags[@]}" --user-data-dir="$profile" --enable-logging=stderr --v=0 \
        --window-size=1100,3400 --hide-scrollbars \
        --screenshot="$PWD/$out/$name.png" "file://$PWD/$html" > "$out/$name.log" 2>&1
    rm -rf "$profile"
    profile=$(mktemp -d)
    "$browser" "${flags[@]}" --user-data-dir="$profile" --dump-dom "file://$PWD/$html" \
        > "$out/$name.dom.html" 2>/dev/null
    rm -rf "$profile"
}

# Console output (CONSOLE lines) means a script ran or failed; a CSP report means a script or
# a remote resource was attempted.
console_pattern='CONSOLE|Uncaught|SyntaxError|Content Security Policy|Refused to'

check() {
    local name=$1 html=$out/$1.html bad=0
    # Our HTML has no script and no img at all, so any is article text that escaped.
    if grep -qiE '<script|<img' "$html"; then
        echo "html-check: FAIL $name: unescaped markup from article text:" >&2
        grep -noiE '.{0,40}(<script|<img).{0,40}' "$html" >&2 || true
        bad=1
    fi
    if ! render "$name"; then
        echo "html-check: FAIL $name: chromium failed" >&2
        cat "$out/$name.log" >&2
        return 1
    fi
    if grep -qiE "$console_pattern" "$out/$name.log"; then
        echo "html-check: FAIL $name: browser console reported:" >&2
        grep -iE "$console_pattern" "$out/$name.log" >&2
        bad=1
    fi
    if grep -qiE '<script|<img' "$out/$name.dom.html"; then
        echo "html-check: FAIL $name: the rendered DOM holds a script or an image" >&2
        bad=1
    fi
    if ! grep -q '</main>' "$out/$name.dom.html"; then
        echo "html-check: FAIL $name: the DOM dump is incomplete" >&2
        bad=1
    fi
    if [ ! -s "$out/$name.png" ]; then
        echo "html-check: FAIL $name: no screenshot" >&2
        bad=1
    fi
    return "$bad"
}

fail=0
check fixture || fail=1
check pipeline || fail=1

# A control: a page whose script logs to the console must show in the log, or the console
# check above proves nothing (a browser that logs nothing would pass anything).
printf '<!DOCTYPE html><html><body><main><p>control</p></main><script>console.log("concord-control")</script></body></html>' \
    > "$out/control.html"
render control || true
if ! grep -q 'concord-control' "$out/control.log"; then
    echo "html-check: FAIL the control page's console message was not seen; the console check is blind" >&2
    fail=1
fi

# The fixture must carry the hostile text, escaped, so that the check above means something.
if ! grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$out/fixture.html"; then
    echo "html-check: FAIL fixture: the escaped article text is missing; the check proves nothing" >&2
    fail=1
fi

if [ "$fail" = 0 ]; then
    echo "html-check: ok (screenshots: $out/fixture.png, $out/pipeline.png)"
fi
exit "$fail"
