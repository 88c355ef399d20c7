#!/usr/bin/env bash
# One-stop shop accuracy on every evaluation set (training, fixtures, held-out, second held-out, staff words when
# present), by words alone and with each embedding model: top-1, top-3, out-of-scope answered "not sure", confidently
# wrong, out-of-scope answered "not sure" or with a signpost (knowledge/signposts.json), and answerable questions
# wrongly signposted. Usage: bench/accuracy.sh [models, comma-separated; default ArcticXs-8bit,ArcticXs] [--fit]
# --ask "question" prints how one question is answered. --fit fits the blend (lexical weight, passage share, confidence threshold) on the training questions only.
# Two models as one: a model named first+second@share (e.g. ArcticXs-8bit+MiniLM-8bit@0.7) averages their similarities;
# --pair-blend lexical,floor,ceiling,threshold sets its blend, --pair-fit fits it on training, --pair-dump prints every
# training answer with the models' agreement, --short keeps one row per single model, --training-only skips the
# held-out sets. See "Two models" in bench/README.md. --adapter-cv cross-validates a learned query adapter on the two
# training sets only (see "A learned query adapter" in bench/README.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet run -c Release --project "$root/bench/AccuracyBench/AccuracyBench.csproj" -- "$root" "${1:-ArcticXs-8bit,ArcticXs}" "${@:2}"
