// The knowledge base checker, including the copy check against the source documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { words, indexSeeds, sharedRuns } from '../../knowledge/copy-check.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHECKER = join(REPO_ROOT, 'knowledge', 'check-knowledge.mjs');

function check(env) {
  return spawnSync(process.execPath, [CHECKER], { encoding: 'utf8', env: { ...process.env, ...env } });
}

function withSeeds(files, run) {
  const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('words ignore case, punctuation and apostrophes', () => {
  assert.deepEqual(words("The L&D team's **one-stop** shop!"), ['the', 'l', 'd', 'teams', 'one', 'stop', 'shop']);
});

test('a run of eight shared words is found with its seed, seven are not', () => {
  const index = indexSeeds([{ name: 'plan.txt', text: 'Alpha beta gamma delta epsilon zeta eta theta iota.' }]);
  assert.deepEqual(sharedRuns('Say: ALPHA, beta gamma delta epsilon zeta eta theta - done', index),
    [{ words: 'alpha beta gamma delta epsilon zeta eta theta', seed: 'plan.txt' }]);
  assert.deepEqual(sharedRuns('alpha beta gamma delta epsilon zeta eta', index), []);
});

test('the knowledge base passes the checker', () => {
  const result = check({});
  assert.equal(result.status, 0, result.stderr + result.stdout);
  assert.match(result.stdout, /^OK: \d+ articles/m);
});

test('without a seeds folder the copy check is skipped and says so', () => {
  const result = check({ KNOWLEDGE_SEEDS_DIR: join(tmpdir(), 'no-such-seeds-folder') });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /skipped: seeds folder not found/);
});

test('an article that repeats a source document fails, naming the article, the words and the seed', () => {
  const article = readFileSync(join(REPO_ROOT, 'knowledge', 'articles', 'job-shadowing.md'), 'utf8');
  const body = article.split('\n---\n')[1];
  const copied = words(body).slice(0, 12).join(' ');
  withSeeds({ 'source.txt': `Some other words first. ${copied.toUpperCase()}, and then more.`, 'scan.pdf': '%PDF' }, dir => {
    const result = check({ KNOWLEDGE_SEEDS_DIR: dir });
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`job-shadowing: shares 12 words in a row with source\\.txt - "${copied}"`));
    assert.match(result.stdout, /did not read scan\.pdf/);
  });
});
