#!/usr/bin/env bash
# Learning directory search over the shipped sample offers, with the bot's own finder: quality on
# tests/LearningBot.Tests/LearningDirectory/course-questions.json (top-1, top-3), the share of the one-stop shop's other
# questions wrongly given a directory card, and in-process latency of a search (p50/p99). The p99 of a whole directory
# answer through the bot is reported by DirectoryAnswerFlowTests (test output).
# Usage: bench/directory.sh [searches]   (0: quality only)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet run -c Release --project "$root/bench/DirectoryBench/DirectoryBench.csproj" -- "$root" "${1:-20000}"
