#!/usr/bin/env bash
# Cost of embedding one question (p50/p99, CPU and bytes allocated per question): the SentenceTransformers package's
# encoder against the bot's, with concurrent callers, by question length, several questions a run, and other ONNX
# Runtime session options.
# Usage: bench/embed.sh [embeds-per-round] [rounds] [--pair: ArcticXs and MiniLM, 8-bit, each alone and both]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet run -c Release --project "$root/bench/EmbedBench/EmbedBench.csproj" -- "$root" "${1:-300}" "${2:-3}" "${@:3}"
