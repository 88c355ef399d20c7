#!/usr/bin/env bash
# Learning directory search: quality on tests/LearningBot.Tests/LearningDirectory/course-questions.json (top-1, top-3)
# and in-process latency of a search (p50/p99) over the test catalogue. The p99 of a whole directory answer through the
# bot is reported by DirectoryAnswerFlowTests (test output).
# Usage: bench/directory.sh [searches]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet run -c Release --project "$root/bench/DirectoryBench/DirectoryBench.csproj" -- "$root" "${1:-20000}"
