#!/usr/bin/env bash
# Packages the Teams app: fills the real ids and host into manifest/manifest.json and zips it with
# the icons into artifacts/manifest/learningbot.zip, ready to upload in Teams or the admin centre.
#
#   scripts/package-manifest.sh --bot-id <client id of the bot identity> --host <web app host name>
#                               [--app-id <Teams app GUID, default: the bot id>] [--version 1.0.1]
#                               [--out path/to/package.zip]
# The same values can come from BOT_ID, BOT_HOST, TEAMS_APP_ID and APP_VERSION.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node scripts/lib/package-manifest.mjs "$@"
