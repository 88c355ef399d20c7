#!/usr/bin/env bash
# One-stop shop answer latency (p50/p99/mean, bytes allocated per answer) over the real knowledge base
# and over a generated 5,000-article base. Usage: bench/answer.sh [answers-per-run]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet run -c Release --project "$root/bench/AnswerBench/AnswerBench.csproj" -- "$root" "${1:-50000}"
