// Checks the knowledge base before a change is committed:
//   node knowledge/check-knowledge.mjs
// Exits with code 1 and lists every problem found; prints a summary when all is well.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIN_SHARED_WORDS, seedsFolder, loadSeeds, indexSeeds, sharedRuns } from './copy-check.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const articlesDir = join(root, 'articles');
const whosWhoPath = join(root, 'whos-who.json');
const questionsPath = join(root, '..', 'tests', 'LearningBot.Tests', 'OneStopShop', 'questions.json');

const AUDIENCES = new Set(['worker', 'volunteer', 'manager', 'lead', 'sponsor']);
const ORGANISATIONS = new Set(['all', 'primary-care', 'acute-trust', 'mental-health-trust',
  'ambulance-trust', 'council', 'voluntary-sector', 'independent-sector']);
const PERSON_KINDS = new Set(['ld-lead', 'clinical-lead', 'occupational-lead', 'network-lead', 'ld-support']);
const REQUIRED = ['id', 'title', 'summary', 'tags', 'audience', 'organisations', 'owner', 'review-by', 'related'];
const LISTS = new Set(['tags', 'audience', 'organisations', 'related']);
// Written one per line ("- how do I ..."), since a phrasing may hold a comma.
const LINE_LISTS = new Set(['asked']);
const normalisePhrasing = text => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
// Filled in from the bot's settings when an article is shown (bot/OneStopShop/Knowledge/ArticlePlaceholders.cs).
const PLACEHOLDERS = new Set(['{answer-within}']);

const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

function parseArticle(file, text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0] !== '---') { fail(file, 'must start with a --- line'); return null; }
  const end = lines.indexOf('---', 1);
  if (end < 0) { fail(file, 'front matter has no closing --- line'); return null; }
  const meta = {};
  let openList = null;
  for (const line of lines.slice(1, end)) {
    if (line.startsWith('- ')) {
      if (openList) meta[openList].push(line.slice(2).trim());
      else fail(file, `a "- item" line must follow "asked:": ${line}`);
      continue;
    }
    openList = null;
    const colon = line.indexOf(':');
    if (colon <= 0) { fail(file, `front matter line is not "key: value": ${line}`); continue; }
    const key = line.slice(0, colon).trim();
    const raw = line.slice(colon + 1).trim();
    if (key in meta) fail(file, `duplicate key ${key}`);
    if (LINE_LISTS.has(key)) {
      if (raw !== '') { fail(file, `${key} takes one "- item" line per entry, below "${key}:"`); continue; }
      meta[key] = [];
      openList = key;
    } else if (LISTS.has(key)) {
      if (!raw.startsWith('[') || !raw.endsWith(']')) { fail(file, `${key} must be a [a, b] list`); continue; }
      meta[key] = raw.slice(1, -1).split(',').map(s => s.trim()).filter(Boolean);
    } else {
      if (raw.includes(': ')) fail(file, `${key} should not contain ": " (keeps the format simple)`);
      meta[key] = raw;
    }
  }
  return { meta, body: lines.slice(end + 1).join('\n') };
}

const files = readdirSync(articlesDir).filter(f => f.endsWith('.md')).sort();
const articles = new Map();
for (const file of files) {
  const parsed = parseArticle(file, readFileSync(join(articlesDir, file), 'utf8'));
  if (parsed) articles.set(basename(file, '.md'), parsed);
}

const today = new Date().toISOString().slice(0, 10);
const askedBy = new Map();
for (const [name, { meta, body }] of articles) {
  for (const key of REQUIRED) if (!(key in meta)) fail(name, `missing ${key}`);
  if (meta.id !== name) fail(name, `id "${meta.id}" must match the file name`);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) fail(name, 'id must be lower-case words joined by hyphens');
  if ((meta.summary ?? '').length > 300) fail(name, `summary is ${meta.summary.length} characters (max 300)`);
  if ((meta.title ?? '').length > 80) fail(name, 'title is longer than 80 characters');
  for (const a of meta.audience ?? []) if (!AUDIENCES.has(a)) fail(name, `unknown audience "${a}"`);
  for (const o of meta.organisations ?? []) if (!ORGANISATIONS.has(o)) fail(name, `unknown organisation "${o}"`);
  if ((meta.tags ?? []).length < 3) fail(name, 'give at least three tags');
  for (const r of meta.related ?? []) {
    if (!articles.has(r)) fail(name, `related id "${r}" has no article`);
    if (r === name) fail(name, 'an article cannot be related to itself');
  }
  const asked = meta.asked ?? [];
  if (asked.length < 6 || asked.length > 10) fail(name, `give 6 to 10 "asked" phrasings (found ${asked.length})`);
  for (const phrasing of asked) {
    const key = normalisePhrasing(phrasing);
    if (!key) fail(name, 'an "asked" phrasing is empty');
    else if (askedBy.has(key) && askedBy.get(key) !== name) fail(name, `"${phrasing}" is also a phrasing of ${askedBy.get(key)}`);
    else askedBy.set(key, name);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meta['review-by'] ?? '')) fail(name, 'review-by must be YYYY-MM-DD');
  else if (meta['review-by'] < today) fail(name, `review-by ${meta['review-by']} has passed; review the article`);
  const words = body.split(/\s+/).filter(w => /[A-Za-z0-9]/.test(w)).length;
  if (words < 150 || words > 450) fail(name, `body has ${words} words (150-450)`);
  for (const p of `${meta.title ?? ''}\n${body}`.match(/\{[a-z-]+\}/g) ?? []) {
    if (!PLACEHOLDERS.has(p)) fail(name, `unknown placeholder ${p} (known: ${[...PLACEHOLDERS].join(', ')})`);
  }
  if (/\{[a-z-]+\}/.test(`${meta.title ?? ''} ${meta.summary ?? ''}`)) fail(name, 'placeholders belong in the body only (the title and summary also appear where they are not filled in)');
  if (/\b\d{3}\s?\d{3}\s?\d{4}\b/.test(body)) fail(name, 'body looks like it contains a record number; remove personal data');
}

// Who's who
const people = new Set();
const personKeys = new Map();
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
if (existsSync(whosWhoPath)) {
  const who = JSON.parse(readFileSync(whosWhoPath, 'utf8'));
  if (!who.note) fail('whos-who.json', 'keep the top-level "note" marking sample data');
  for (const p of who.people ?? []) {
    const where = `whos-who.json person ${p.id}`;
    if (people.has(p.id)) fail(where, 'duplicate id');
    people.add(p.id);
    for (const key of ['id', 'name', 'role', 'kind', 'organisation', 'organisationKind', 'email', 'phone', 'topics'])
      if (p[key] === undefined || p[key] === '') fail(where, `missing ${key}`);
    if (!PERSON_KINDS.has(p.kind)) fail(where, `unknown kind "${p.kind}"`);
    if (!ORGANISATIONS.has(p.organisationKind)) fail(where, `unknown organisationKind "${p.organisationKind}"`);
    if ((p.kind === 'clinical-lead' || p.kind === 'occupational-lead') && !p.specialty) fail(where, 'leads need a specialty');
    if (!/@example\.org$/.test(p.email ?? '')) fail(where, 'sample emails must use @example.org');
    if (p.personKey !== undefined) {
      if (!GUID.test(p.personKey)) fail(where, 'personKey must be an Entra object id (a GUID)');
      if (personKeys.has(p.personKey)) fail(where, `personKey ${p.personKey} is also used by ${personKeys.get(p.personKey)}`);
      personKeys.set(p.personKey, p.id);
    }
    if (p.specialties !== undefined) {
      if (!Array.isArray(p.specialties) || p.specialties.length === 0) fail(where, 'specialties must be a list of at least one theme id');
      else for (const s of p.specialties) if (!/^[a-z]+(-[a-z]+)*$/.test(s)) fail(where, `specialty "${s}" is not a theme id (bot/Leads/SignalThemes.cs)`);
    }
  }
  for (const n of who.networks ?? []) {
    if (!people.has(n.lead)) fail(`whos-who.json network ${n.id}`, `lead "${n.lead}" is not in people`);
    for (const key of ['id', 'name', 'purpose', 'howToJoin']) if (!n[key]) fail(`whos-who.json network ${n.id}`, `missing ${key}`);
  }
} else fail('whos-who.json', 'file is missing');

// Evaluation questions
let counts = { article: 0, escalate: 0, person: 0 };
if (existsSync(questionsPath)) {
  const questions = JSON.parse(readFileSync(questionsPath, 'utf8'));
  const seen = new Set();
  for (const q of questions) {
    const where = `questions.json "${q.question}"`;
    if (!q.question?.trim()) fail('questions.json', 'empty question');
    if (seen.has(q.question.toLowerCase())) fail(where, 'duplicate question');
    seen.add(q.question.toLowerCase());
    if (askedBy.has(normalisePhrasing(q.question))) fail(where, `is also an "asked" phrasing of ${askedBy.get(normalisePhrasing(q.question))}; phrasings must be written apart from the evaluation questions`);
    if (q.kind === 'person') {
      counts.person++;
      if (!people.has(q.expectedPerson)) fail(where, `expectedPerson "${q.expectedPerson}" is not in the who's who`);
    } else if (q.kind === 'escalate') {
      counts.escalate++;
      if ((q.expected ?? []).length !== 0) fail(where, 'escalate questions expect no article');
    } else {
      counts.article++;
      if (!Array.isArray(q.expected) || q.expected.length < 1 || q.expected.length > 2) fail(where, 'expected must list one or two article ids');
      for (const id of q.expected ?? []) if (!articles.has(id)) fail(where, `expected id "${id}" has no article`);
      const titles = [...articles.values()].map(a => (a.meta.title ?? '').toLowerCase());
      if (titles.includes(q.question.toLowerCase().replace(/\?$/, ''))) fail(where, 'question copies an article title');
    }
  }
}

// Our own words: no run of MIN_SHARED_WORDS or more words taken from a source document.
const notes = [];
const seeds = seedsFolder(join(root, '..'));
if (!seeds) {
  notes.push('Copy check skipped: seeds folder not found (set KNOWLEDGE_SEEDS_DIR or place the source documents in ../shared/seeds/).');
} else {
  const { seeds: documents, unread } = loadSeeds(seeds);
  const index = indexSeeds(documents);
  for (const name of unread) notes.push(`Copy check did not read ${name}: only .txt and .md source documents are compared.`);
  for (const [name, { meta, body }] of articles) {
    for (const text of [meta.title ?? '', meta.summary ?? '', ...(meta.asked ?? []), body]) {
      for (const run of sharedRuns(text, index)) {
        fail(name, `shares ${run.words.split(' ').length} words in a row with ${run.seed} - "${run.words}"; say it in our own words`);
      }
    }
  }
  notes.push(`Copy check: ${articles.size} articles compared with ${documents.length} source documents (runs of ${MIN_SHARED_WORDS}+ words).`);
}
for (const note of notes) console.log(note);

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s) found.`);
  process.exit(1);
}
console.log(`OK: ${articles.size} articles, ${people.size} people, ` +
  `${counts.article} article questions, ${counts.escalate} escalate questions, ${counts.person} person questions.`);
