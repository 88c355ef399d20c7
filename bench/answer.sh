#!/usr/bin/env bash
# One-stop shop answer latency (p50/p99/mean, bytes allocated per answer) over the real knowledge base
# and over a generated 5,000-article base, by words alone and hybrid (words and meaning; the generated base's
# embeddings are computed once, a few minutes, and kept under bench/AnswerBench/obj).
# Usage: bench/answer.sh [answers-per-run] [hybrid-answers-per-run] [model]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet run -c Release --project "$root/bench/AnswerBench/AnswerBench.csproj" -- "$root" "${1:-50000}" "${2:-2000}" "${3:-ArcticXs-8bit}"
