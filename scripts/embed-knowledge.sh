#!/usr/bin/env bash
# Refreshes knowledge/embeddings/<model>.vectors after the shipped knowledge base changes (articles, their "asked as"
# phrasings, signposts' examples): texts already there are kept, only new or changed ones are embedded.
# A test (ShippedEmbeddingsTests) fails while the file misses a text the bot would embed.
# Usage: scripts/embed-knowledge.sh [models, comma-separated; default the configured model]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet run -c Release --project "$root/scripts/KnowledgeVectors/KnowledgeVectors.csproj" -- "$root/knowledge" "$@"
