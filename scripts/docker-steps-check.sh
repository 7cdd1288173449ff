#!/usr/bin/env bash
# Reproduces the Dockerfile's build stage (restore, COPY src/, publish --no-restore) without a Docker engine, from a
# copy of this tree that has a local build in it, as after `dotnet run`. COPY honours .dockerignore.
#   scripts/docker-steps-check.sh                      expect: publish succeeds
#   scripts/docker-steps-check.sh --no-dockerignore    expect: NETSDK1047 (what happened before .dockerignore)
# Takes a minute or two (a build and a publish), so it is not part of `dotnet test`.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The build context: the working tree as a user has it (tracked and new files, not .gitignored ones)...
mkdir -p "$work/context"
(cd "$repo" && git ls-files -co --exclude-standard -z) | (cd "$repo" && xargs -0 cp --parents -t "$work/context" 2>/dev/null || true)
# ...plus a local build, which is what leaves src/*/obj and src/*/bin behind.
echo "== local build in the context (as after dotnet run)"
dotnet build "$work/context/src/Bot" -v quiet -nologo -m:1 > "$work/local-build.log" 2>&1 || { cat "$work/local-build.log"; exit 1; }
test -f "$work/context/src/Bot/obj/project.assets.json"

echo "== Dockerfile build stage ${1:-with .dockerignore}"
if python3 "$repo/scripts/dockerignore-copy.py" "$work/context" "$work/image" "$@" > "$work/steps.log" 2>&1; then
    grep '^+ ' "$work/steps.log"
    test -f "$work/image/app/dltbot.dll"
    test -f "$work/image/app/catalog/deep-learning-theory.md"
    echo "PASS: published $(ls "$work/image/app" | wc -l) files to /app"
else
    grep -E '^\+ |error|RUN failed' "$work/steps.log" | awk '!seen[$0]++' | head -20
    echo "FAIL: the Dockerfile's steps failed (see above)"
    exit 1
fi
