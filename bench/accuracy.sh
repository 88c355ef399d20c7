#!/usr/bin/env bash
# One-stop shop accuracy on every evaluation set (training, fixtures, held-out, second held-out, staff words when
# present), by words alone and with each embedding model: top-1, top-3, out-of-scope answered "not sure", confidently
# wrong, out-of-scope answered "not sure" or with a signpost (knowledge/signposts.json), and answerable questions
# wrongly signposted. Usage: bench/accuracy.sh [models, comma-separated; default ArcticXs-8bit,ArcticXs] [--fit]
# --fit fits the blend (lexical weight, passage share, confidence threshold) on the training questions only.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet run -c Release --project "$root/bench/AccuracyBench/AccuracyBench.csproj" -- "$root" "${1:-ArcticXs-8bit,ArcticXs}" "${@:2}"
