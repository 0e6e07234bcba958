#!/usr/bin/env bash
# Install the tools that bench/compare.py measures cjm against, into bench/.peers/ only:
#   - check-jsonschema (PyPI) in its own virtual environment, bench/.peers/venv, as
#     `pip install check-jsonschema` gives it to a user;
#   - the same again in bench/.peers/venv-libyaml, plus ruamel.yaml.clib, the C parser
#     that cjm reads YAML with, so that the comparison can tell parser from checker;
#   - the Mermaid CLI, @mermaid-js/mermaid-cli (npm), in bench/.peers/node_modules,
#     without the browser puppeteer would download: it drives Debian's /usr/bin/chromium
#     through bench/puppeteer-config.json.
# Nothing is installed system-wide, and the test suite never runs this. Running it again
# upgrades nothing unless the pinned versions below change; delete bench/.peers to start over.
#
#   bash bench/setup-peers.sh
#   CHECK_JSONSCHEMA_VERSION=0.38.2 bash bench/setup-peers.sh   # another version
set -euo pipefail

CHECK_JSONSCHEMA_VERSION="${CHECK_JSONSCHEMA_VERSION:-0.39.0}"
MERMAID_CLI_VERSION="${MERMAID_CLI_VERSION:-12.2.0}"

bench="$(cd "$(dirname "$0")" && pwd)"
peers="$bench/.peers"
mkdir -p "$peers"

echo "check-jsonschema $CHECK_JSONSCHEMA_VERSION -> $peers/venv"
python3 -m venv "$peers/venv"
"$peers/venv/bin/pip" install -q "check-jsonschema==$CHECK_JSONSCHEMA_VERSION"

echo "check-jsonschema $CHECK_JSONSCHEMA_VERSION with ruamel.yaml.clib -> $peers/venv-libyaml"
python3 -m venv "$peers/venv-libyaml"
"$peers/venv-libyaml/bin/pip" install -q "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" ruamel.yaml.clib

if command -v npm >/dev/null 2>&1; then
    echo "@mermaid-js/mermaid-cli $MERMAID_CLI_VERSION -> $peers/node_modules"
    # A package.json of its own keeps npm from walking up to another project's.
    [ -f "$peers/package.json" ] || echo '{"private": true}' >"$peers/package.json"
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund --prefix "$peers" \
        "@mermaid-js/mermaid-cli@$MERMAID_CLI_VERSION"
else
    echo "npm not found: skipping the Mermaid CLI (install Node.js and npm, then run this again)" >&2
fi

if [ ! -x /usr/bin/chromium ]; then
    echo "note: /usr/bin/chromium is missing; the Mermaid CLI needs it (apt-get install chromium)" >&2
fi

"$peers/venv/bin/check-jsonschema" --version
"$peers/venv-libyaml/bin/python" -c 'import _ruamel_yaml' && echo "ruamel.yaml.clib in venv-libyaml"
if [ -x "$peers/node_modules/.bin/mmdc" ]; then
    echo "mmdc $("$peers/node_modules/.bin/mmdc" --version)"
fi
