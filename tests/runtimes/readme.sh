#!/usr/bin/env bash
# README.md's "Quick start per runtime" snippets are excerpts of the files the other checks run.
source "$(dirname "$0")/lib/common.sh"
run 30 node "$RT/lib/check-readme.mjs" "$ROOT/README.md"
