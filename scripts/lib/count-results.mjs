// Counts test outcomes from TRX files (dotnet test) or a TAP file (node --test).
// Usage: node count-results.mjs trx <dir> | node count-results.mjs tap <file>
// Prints "<passed> <failed>"; exits 2 when there is nothing to count.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [kind, target] = process.argv.slice(2);

function countTrx(dir) {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.trx')) : [];
  if (files.length === 0) return null;
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const xml = readFileSync(join(dir, file), 'utf8');
    const counters = xml.match(/<Counters\b[^>]*>/);
    if (!counters) throw new Error(`${file}: no <Counters> element`);
    const attr = (name) => Number(counters[0].match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0);
    passed += attr('passed');
    failed += attr('failed') + attr('error') + attr('timeout') + attr('aborted');
  }
  return [passed, failed];
}

function countTap(file) {
  if (!existsSync(file)) return null;
  const tap = readFileSync(file, 'utf8');
  const total = (name) => {
    const m = [...tap.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))];
    return m.length ? Number(m.at(-1)[1]) : null;
  };
  const pass = total('pass');
  if (pass === null) return null;
  return [pass, (total('fail') ?? 0) + (total('cancelled') ?? 0)];
}

const counts = kind === 'trx' ? countTrx(target) : kind === 'tap' ? countTap(target) : null;
if (!counts) process.exit(2);
console.log(counts.join(' '));
