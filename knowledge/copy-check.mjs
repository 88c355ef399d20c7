// Finds runs of words an article shares with the source documents, so every sentence stays in our own words.
// Used by check-knowledge.mjs; the source documents live outside the repository (../shared/seeds/ beside it,
// or the folder named by KNOWLEDGE_SEEDS_DIR).
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';

export const MIN_SHARED_WORDS = 8;
const READABLE = new Set(['.txt', '.md', '.markdown']);

/** Lower case, apostrophes dropped, every other non-letter or digit a word break. */
export function words(text) {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2018\u2019]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The seeds folder to compare with, or null when there is none. */
export function seedsFolder(repoRoot, env = process.env) {
  const candidates = env.KNOWLEDGE_SEEDS_DIR ? [env.KNOWLEDGE_SEEDS_DIR] : [join(repoRoot, '..', 'shared', 'seeds')];
  return candidates.find(dir => existsSync(dir) && statSync(dir).isDirectory()) ?? null;
}

/** Reads the text documents in the folder; anything else is listed as not read. */
export function loadSeeds(folder) {
  const seeds = [];
  const unread = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (!statSync(path).isFile()) continue;
    if (READABLE.has(extname(name).toLowerCase())) seeds.push({ name, text: readFileSync(path, 'utf8') });
    else unread.push(name);
  }
  return { seeds, unread };
}

/** Every run of at least `min` words to the seed that first contains it. */
export function indexSeeds(seeds, min = MIN_SHARED_WORDS) {
  const index = new Map();
  for (const seed of seeds) {
    const w = words(seed.text);
    for (let i = 0; i + min <= w.length; i++) {
      const key = w.slice(i, i + min).join(' ');
      if (!index.has(key)) index.set(key, seed.name);
    }
  }
  return index;
}

/** The longest runs of `min` or more words the text shares with a seed: [{ words, seed }]. */
export function sharedRuns(text, index, min = MIN_SHARED_WORDS) {
  const w = words(text);
  const runs = [];
  let i = 0;
  while (i + min <= w.length) {
    const seed = index.get(w.slice(i, i + min).join(' '));
    if (!seed) { i++; continue; }
    let end = i + min;
    while (end < w.length && index.has(w.slice(end - min + 1, end + 1).join(' '))) end++;
    runs.push({ words: w.slice(i, end).join(' '), seed });
    i = end;
  }
  return runs;
}
