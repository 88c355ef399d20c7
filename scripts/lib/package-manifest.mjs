// Builds the Teams app package: manifest/manifest.json with the real ids and host filled in, plus
// the two icons, zipped flat (Teams wants the three files at the root of the zip).
// Usage: node scripts/lib/package-manifest.mjs --bot-id <guid> [--app-id <guid>] [--host <name>]
//                                              [--version <semver>] [--out <file.zip>]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../make-icons.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';
export const PLACEHOLDER_HOST = 'learningbot.azurewebsites.net';
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The manifest with ids, host and version replaced; throws on bad input. */
export function fillManifest(template, { botId, appId = botId, host = PLACEHOLDER_HOST, version }) {
  if (!GUID.test(botId ?? '')) throw new Error(`--bot-id must be a GUID (the bot's Microsoft App ID), got "${botId}"`);
  if (!GUID.test(appId)) throw new Error(`--app-id must be a GUID, got "${appId}"`);
  if (!HOST.test(host)) throw new Error(`--host must be a host name such as learningbot.azurewebsites.net, got "${host}"`);
  const manifest = structuredClone(template);
  manifest.id = appId;
  for (const bot of manifest.bots ?? []) bot.botId = botId;
  if (version) manifest.version = version;
  const swapHost = (url) => url.replace(`//${PLACEHOLDER_HOST}`, `//${host}`);
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
    if (manifest.developer?.[key]) manifest.developer[key] = swapHost(manifest.developer[key]);
  }
  manifest.validDomains = (manifest.validDomains ?? []).map((d) => (d === PLACEHOLDER_HOST ? host : d));
  return manifest;
}

/** A minimal zip (deflate, no directories, no extra fields). */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00, so packages are reproducible
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function packageManifest({ botId, appId, host, version, out }) {
  const manifestDir = join(REPO_ROOT, 'manifest');
  const template = JSON.parse(readFileSync(join(manifestDir, 'manifest.json'), 'utf8'));
  const manifest = fillManifest(template, { botId, appId: appId ?? botId, host, version });
  const files = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: manifest.icons.color, data: readFileSync(join(manifestDir, manifest.icons.color)) },
    { name: manifest.icons.outline, data: readFileSync(join(manifestDir, manifest.icons.outline)) },
  ];
  const target = resolve(out ?? join(REPO_ROOT, 'artifacts', 'manifest', 'learningbot.zip'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, zip(files));
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      'bot-id': { type: 'string', default: process.env.BOT_ID },
      'app-id': { type: 'string', default: process.env.TEAMS_APP_ID },
      host: { type: 'string', default: process.env.BOT_HOST },
      version: { type: 'string', default: process.env.APP_VERSION },
      out: { type: 'string' },
    },
  });
  try {
    const target = packageManifest({
      botId: values['bot-id'], appId: values['app-id'], host: values.host, version: values.version, out: values.out,
    });
    console.log(target);
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
}
