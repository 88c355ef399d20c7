// The Teams app manifest and package, checked offline against Microsoft's published schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync, inflateSync } from 'node:zlib';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MANIFEST_DIR = join(REPO_ROOT, 'manifest');
const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
const require = createRequire(import.meta.url);
const SCHEMAS = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

const manifest = JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'));

/** Validates against the schema named in the manifest's own $schema URL. */
function schemaErrors(candidate) {
  const version = candidate.$schema.match(/\/teams\/(v[\d.]+)\/MicrosoftTeams\.schema\.json$/)?.[1];
  assert.ok(version, `unexpected $schema URL ${candidate.$schema}`);
  const schema = JSON.parse(readFileSync(join(SCHEMAS, version, 'MicrosoftTeams.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(candidate) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
}

// --- PNG and zip readers (just enough for these checks) ----------------------------------------

function readPng(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let width, height, bitDepth, colorType, interlace;
  const idat = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      [bitDepth, colorType, interlace] = [data[8], data[9], data[12]];
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  return { width, height, bitDepth, colorType, interlace, idat: Buffer.concat(idat) };
}

/** RGBA pixels of an 8-bit RGBA, non-interlaced PNG (undoing all five row filters). */
function rgbaPixels(png) {
  assert.equal(png.bitDepth, 8, 'bit depth');
  assert.equal(png.colorType, 6, 'colour type RGBA (needed for transparency)');
  assert.equal(png.interlace, 0, 'not interlaced');
  const raw = inflateSync(png.idat);
  const stride = png.width * 4;
  const out = Buffer.alloc(png.height * stride);
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= 4 ? out[y * stride + x - 4] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, filter === 4 ? paeth() : 0][filter];
      out[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return out;
}

function unzip(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'zip end-of-directory record');
  const count = bytes.readUInt16LE(end + 10);
  const files = new Map();
  for (let at = bytes.readUInt32LE(end + 16), i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const local = bytes.readUInt32LE(at + 42);
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const packed = bytes.subarray(dataStart, dataStart + size);
    files.set(name, method === 8 ? inflateRawSync(packed) : Buffer.from(packed));
    at += 46 + nameLength + extra;
  }
  return files;
}

// --- the manifest --------------------------------------------------------------------------------

test('manifest conforms to the official Teams schema it names', () => {
  assert.deepEqual(schemaErrors(manifest), []);
});

test('manifest version matches its $schema URL and is one Teams accepts (1.19 or newer)', () => {
  assert.match(manifest.$schema, /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v\d+\.\d+\/MicrosoftTeams\.schema\.json$/);
  assert.ok(manifest.$schema.includes(`/v${manifest.manifestVersion}/`), 'manifestVersion agrees with $schema');
  const [major, minor] = manifest.manifestVersion.split('.').map(Number);
  assert.ok(major === 1 && minor >= 19, `manifestVersion ${manifest.manifestVersion}`);
});

test('the bot id placeholder is used consistently for the app and the bot', () => {
  assert.equal(manifest.bots.length, 1);
  assert.equal(manifest.bots[0].botId, PLACEHOLDER);
  assert.equal(manifest.id, PLACEHOLDER);
  assert.doesNotMatch(JSON.stringify(manifest), /\$\{\{/, 'no ${{...}} placeholders');
});

test('no webApplicationInfo: the bot uses neither Teams SSO nor resource-specific consent', () => {
  // webApplicationInfo names the Entra app registration that Teams SSO (getAuthToken, token exchange) and
  // resource-specific consent (authorization.permissions.resourceSpecific) are granted to. The bot signs
  // nobody in and needs no RSC permission, and the Azure deployment runs it as a managed identity, which has
  // no app registration to name. Add it back together with the feature that needs it.
  assert.equal(manifest.webApplicationInfo, undefined);
  assert.equal(manifest.authorization, undefined);
});

test('the bot works in personal chats, group chats and teams, with commands for each', () => {
  const bot = manifest.bots[0];
  assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
  const covered = bot.commandLists.flatMap((list) => list.scopes);
  assert.deepEqual([...new Set(covered)].sort(), ['groupChat', 'personal', 'team'], 'every scope has a command list');
  const personal = bot.commandLists.find((l) => l.scopes.includes('personal')).commands.map((c) => c.title);
  for (const command of ['help', 'ask', 'review']) assert.ok(personal.includes(command), `personal command ${command}`);
  for (const list of bot.commandLists) {
    assert.ok(list.commands.some((c) => c.title === 'help'), `help offered in ${list.scopes}`);
  }
});

test('valid domains include the host the developer links point to', () => {
  for (const url of Object.values(manifest.developer).filter((v) => String(v).startsWith('http'))) {
    assert.ok(manifest.validDomains.includes(new URL(url).host), `${url} host listed in validDomains`);
  }
});

// --- the icons -----------------------------------------------------------------------------------

test('the colour icon is a 192x192 opaque PNG', () => {
  const png = readPng(readFileSync(join(MANIFEST_DIR, manifest.icons.color)));
  assert.equal(png.width, 192);
  assert.equal(png.height, 192);
  const pixels = rgbaPixels(png);
  for (let i = 3; i < pixels.length; i += 4) assert.equal(pixels[i], 255, `pixel ${(i - 3) / 4} is opaque`);
});

test('the outline icon is a 32x32 PNG, white on transparent', () => {
  const png = readPng(readFileSync(join(MANIFEST_DIR, manifest.icons.outline)));
  assert.equal(png.width, 32);
  assert.equal(png.height, 32);
  const pixels = rgbaPixels(png);
  let drawn = 0;
  let transparent = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const [r, g, b, a] = pixels.subarray(i, i + 4);
    if (a === 0) transparent++;
    else {
      drawn++;
      assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is white`);
    }
  }
  assert.ok(drawn > 50, 'the outline draws something');
  assert.ok(transparent > 500, 'the background is transparent');
});

// --- the package ---------------------------------------------------------------------------------

test('package-manifest.sh fills in the real ids and host and zips manifest and icons flat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'learningbot-manifest-'));
  try {
    const out = join(dir, 'learningbot.zip');
    const botId = '3f2b8c1e-9d4a-4e6b-8a7c-1b2d3e4f5a6b';
    execFileSync('bash', [join(REPO_ROOT, 'scripts', 'package-manifest.sh'),
      '--bot-id', botId, '--host', 'lb-prod.azurewebsites.net', '--version', '1.2.3', '--out', out]);

    const files = unzip(readFileSync(out));
    assert.deepEqual([...files.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(files.get('manifest.json').toString('utf8'));
    assert.deepEqual(schemaErrors(packaged), []);
    assert.equal(packaged.id, botId);
    assert.equal(packaged.bots[0].botId, botId);
    assert.equal(packaged.version, '1.2.3');
    assert.deepEqual(packaged.validDomains, ['lb-prod.azurewebsites.net']);
    assert.ok(Object.values(packaged.developer).filter((v) => v.startsWith('https://'))
      .every((url) => new URL(url).host === 'lb-prod.azurewebsites.net'));
    assert.doesNotMatch(files.get('manifest.json').toString('utf8'), new RegExp(PLACEHOLDER));
    assert.deepEqual(files.get('color.png'), readFileSync(join(MANIFEST_DIR, 'color.png')));
    assert.deepEqual(files.get('outline.png'), readFileSync(join(MANIFEST_DIR, 'outline.png')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('package-manifest.sh refuses an id that is not a GUID', () => {
  assert.throws(
    () => execFileSync('bash', [join(REPO_ROOT, 'scripts', 'package-manifest.sh'), '--bot-id', 'my-bot',
      '--out', join(tmpdir(), 'never-written.zip')], { stdio: 'pipe' }),
    (error) => error.status === 1 && /must be a GUID/.test(String(error.stderr)));
});
