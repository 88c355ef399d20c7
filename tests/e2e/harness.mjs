// End-to-end harness: Azurite + the bot + the Microsoft 365 Agents Playground + headless Chromium.
//
//   const stack = await startStack({ suite: 'welcome' });   // in before()
//   const chat = await stack.openPlayground();              // one new page per test
//   await chat.waitUntilConnected();
//   await chat.send('help');
//   const card = await chat.waitForCard('LearningBot');
//   await chat.clickCardButton('Five Minute Review');
//   await chat.screenshot('after-review');
//   await stack.stop();                                     // in after(); safe to call twice
//
// Every process runs in its own process group and on a free port, so parallel runs do not clash.
// The bot and the Playground start side by side, and Chromium keeps a profile on disk for the stack, so
// the Playground's large script is compiled twice while the bot starts and read from V8's code cache by
// every page the tests open (compiling it is most of the cost of opening a page).
// Set E2E_BOT_ENDPOINT=http://127.0.0.1:3978/api/messages to drive a bot you started yourself
// (for example under a debugger); Azurite and the bot are then not started.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'artifacts', 'e2e');
const BIN = join(REPO_ROOT, 'node_modules', '.bin');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
// Azurite's development account; the key is public and the same in every Azurite install.
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A port nobody listens on right now (the OS picks it). */
export async function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

async function waitFor(what, probe, { timeoutMs, intervalMs = 250, alive = () => null }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const death = alive();
    if (death) throw new Error(`${what}: ${death}`);
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    await delay(intervalMs);
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms${lastError ? ` (${lastError.message})` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// Child processes

const running = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

// Last resort if the test process ends without calling stop(): no orphans left behind.
process.once('exit', () => { for (const child of running) killGroup(child, 'SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of running) killGroup(child, 'SIGKILL');
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

class Service {
  constructor(name, command, args, { cwd, env, logDir }) {
    this.name = name;
    this.output = '';
    this.exit = null;
    this.logFile = join(logDir, `${name}.log`);
    const log = createWriteStream(this.logFile);
    this.child = spawn(command, args, {
      cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(this.child);
    const capture = (chunk) => {
      log.write(chunk);
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout.on('data', capture);
    this.child.stderr.on('data', capture);
    this.exited = new Promise((ok) => {
      this.child.once('exit', (code, signal) => {
        running.delete(this.child);
        this.exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
        log.end();
        ok();
      });
      this.child.once('error', (error) => {
        running.delete(this.child);
        this.exit = `could not start: ${error.message}`;
        log.end();
        ok();
      });
    });
  }

  /** Null while running, otherwise why it stopped plus the end of its output. */
  death() {
    return this.exit && `${this.name} ${this.exit}; last output:\n${this.output.slice(-3000)}`;
  }

  async stop() {
    if (this.exit) return;
    killGroup(this.child, 'SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), delay(5000).then(() => false)]);
    if (!stopped) {
      killGroup(this.child, 'SIGKILL');
      await this.exited;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The stack

/**
 * Starts Azurite, the bot and the Playground, and launches Chromium.
 * @param {object} options
 * @param {string} options.suite           name used for the log folder (artifacts/e2e/logs/<suite>)
 * @param {string} [options.playgroundConfig]  path of a YAML file with the Playground's mock tenant,
 *   users, group chat and team (see scripts/playground/community.yml); the built-in one otherwise
 * @param {Record<string,string>} [options.botEnv]  extra environment for the bot
 */
export async function startStack({ suite, playgroundConfig, botEnv = {} } = {}) {
  const stack = new Stack(suite ?? 'e2e');
  try {
    await stack.start({ playgroundConfig, botEnv });
    return stack;
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/**
 * The Playground's built-in tenant and user. The bot runs as deployed: questions are answered by meaning and words,
 * with the knowledge base's shipped vectors (knowledge/embeddings), so start-up embeds nothing.
 */
export const DEFAULT_STACK = Object.freeze({ suite: 'default', botEnv: {} });

/**
 * The community mock tenant (scripts/playground/community.yml): its user, Priya Shah, is also in the L&D Support
 * Team (which makes her a digest editor too), so one stack serves the conversation, escalation, review and digest suites.
 */
export const COMMUNITY_STACK = Object.freeze({
  suite: 'community',
  playgroundConfig: 'scripts/playground/community.yml',
  botEnv: {
    Roles__SupportTeam__0: '0f6a2b9c-3d4e-4a51-8b7c-9e1d2f3a4b50',
    // Tom approves the digest Priya edits: an editor never approves their own edition.
    Roles__DigestApprovers__0: '1a7b3c0d-4e5f-4b62-9c8d-0f2e3a4b5c61',
    // New sessions are told at once; the sweep behind that runs every second here, so a walk that waits a few seconds
    // after an alert has seen sweeps go by and can say the alert came once.
    LearningDirectory__AlertSweepInterval: '00:00:01',
  },
});

/** Tom Okafor, a colleague of Priya's in the community tenant, played with stack.colleague(context, TOM). */
export const TOM = Object.freeze({ id: '29:tom-okafor', name: 'Tom Okafor', aadObjectId: '1a7b3c0d-4e5f-4b62-9c8d-0f2e3a4b5c61' });

let shared;

/**
 * The stack the suites of this test file share, started by the first suite that asks: starting Azurite, the bot,
 * the Playground and a warmed Chromium costs more than most tests, so a file pays for it once. The file stops it
 * with stopSharedStack() in a root-level after().
 */
export function sharedStack(options) {
  if (shared && shared.options !== options) {
    throw new Error(`this file already shares the '${shared.options.suite}' stack; one file, one stack`);
  }
  shared ??= { options, stack: startStack(options) };
  return shared.stack;
}

export async function stopSharedStack() {
  const stack = await shared?.stack.catch(() => null);
  shared = undefined;
  await stack?.stop();
}

export class Stack {
  constructor(suite) {
    this.suite = suite;
    this.services = [];
    this.logDir = join(ARTIFACTS_DIR, 'logs', suite);
    rmSync(this.logDir, { recursive: true, force: true });
    mkdirSync(this.logDir, { recursive: true });
    this.tempDir = mkdtempSync(join(tmpdir(), `learningbot-e2e-${suite}-`));
    this.pages = [];
  }

  async start({ playgroundConfig, botEnv }) {
    const external = process.env.E2E_BOT_ENDPOINT;
    const starting = [];
    if (external) {
      this.botEndpoint = external;
    } else {
      await this.startAzurite();
      this.botUrl = `http://127.0.0.1:${await freePort()}`;
      this.botEndpoint = `${this.botUrl}/api/messages`;
      starting.push(this.startBot(botEnv));
    }
    starting.push(this.startPlayground(playgroundConfig).then(() => this.startBrowser()));
    const failure = (await Promise.allSettled(starting)).find((s) => s.status === 'rejected');
    if (failure) throw failure.reason;
  }

  async startAzurite() {
    const port = await freePort();
    const queuePort = await freePort();
    const cwd = join(this.tempDir, 'azurite');
    mkdirSync(cwd);
    // In memory: a test run needs nothing kept, and saving makes the emulator write its whole database every 5 s.
    const azurite = this.spawn('azurite', join(BIN, 'azurite'),
      ['--tableHost', '127.0.0.1', '--tablePort', String(port), '--queueHost', '127.0.0.1', '--queuePort', String(queuePort),
        '--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--silent', '--skipApiVersionCheck', '--disableTelemetry'],
      { cwd });
    await waitFor('Azurite', async () => {
      const response = await fetch(`http://127.0.0.1:${port}/${DEV_ACCOUNT}/Tables`).catch(() => null);
      return response !== null; // any HTTP answer (even 403 without auth) means it is listening
    }, { timeoutMs: 30_000, alive: () => azurite.death() });
    this.tableEndpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;
    this.queueEndpoint = `http://127.0.0.1:${queuePort}/${DEV_ACCOUNT}`;
    this.storageConnectionString =
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=${this.tableEndpoint};QueueEndpoint=${this.queueEndpoint};`;
  }

  async startBot(botEnv) {
    const configuration = process.env.E2E_BOT_CONFIGURATION ?? 'Release';
    const botDir = join(REPO_ROOT, 'bot', 'bin', configuration, 'net10.0');
    if (!existsSync(join(botDir, 'LearningBot.dll'))) {
      throw new Error(`${botDir}/LearningBot.dll not found: run "dotnet build LearningBot.sln -c ${configuration}" first`);
    }
    // Run from the build folder, as the bot runs when deployed (appsettings.json and cards/ beside it).
    const bot = this.spawn('bot', 'dotnet', ['LearningBot.dll'], {
      cwd: botDir,
      env: {
        ASPNETCORE_ENVIRONMENT: 'Development',
        DOTNET_ENVIRONMENT: 'Development',
        ASPNETCORE_URLS: this.botUrl,
        Storage__ConnectionString: this.storageConnectionString,
        MicrosoftAppId: '',
        ...botEnv,
      },
    });
    await waitFor('bot /healthz', async () => (await fetch(`${this.botUrl}/healthz`)).ok,
      { timeoutMs: 60_000, alive: () => bot.death() });
  }

  async startPlayground(playgroundConfig) {
    // Its own folder, so its devTools/ log and any config file stay out of the repository.
    const cwd = join(this.tempDir, 'playground');
    mkdirSync(cwd);
    const env = {
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: join(this.logDir, 'playground-internal.log'),
    };
    if (playgroundConfig) env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = resolve(REPO_ROOT, playgroundConfig);
    const requested = await freePort();
    const playground = this.spawn('playground', join(BIN, 'agentsplayground'),
      ['-e', this.botEndpoint, '-c', 'msteams', '-p', String(requested), '--disable-telemetry'],
      { cwd, env });
    // It moves to a random port when the requested one was taken meanwhile, and says where it went.
    let port;
    await waitFor('Playground', async () => {
      port ??= playground.output.match(/Listening on (\d+)/)?.[1];
      return port && (await fetch(`http://127.0.0.1:${port}/_debug/ping`)).ok;
    }, { timeoutMs: 60_000, alive: () => playground.death() && `${playground.death()}\n${tail(env.M365_AGENTS_PLAYGROUND_LOGFILE)}` });
    this.playgroundUrl = `http://127.0.0.1:${port}`;
    this.connectorUrl = `${this.playgroundUrl}/_connector`;
  }

  /**
   * Chromium with a profile of its own for this stack. Its first two loads of the Playground make V8 cache the
   * compiled script (it does so for a script seen twice), so the pages the tests open skip compiling it. These
   * loads never reach the bot: the calls that would start a conversation are refused.
   */
  async startBrowser() {
    this.context = await chromium.launchPersistentContext(join(this.tempDir, 'chromium'), {
      executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce',
    });
    for (const page of this.context.pages()) await page.close();
    for (let load = 0; load < 2; load++) {
      const page = await this.context.newPage();
      // Refused in the page, not with page.route: routing would turn Chromium's HTTP cache, and so its code cache, off.
      await page.addInitScript(refuseConversations);
      await page.goto(this.playgroundUrl, { timeout: 60_000 });
      // Chromium writes the code cache once the page has run the script; closing the page at once would lose it.
      await page.getByRole('heading', { name: PLAYGROUND }).waitFor({ timeout: 60_000 });
      await page.close();
    }
  }

  spawn(name, command, args, { cwd, env = {} }) {
    const service = new Service(name, command, args, { cwd, env, logDir: this.logDir });
    this.services.push(service);
    return service;
  }

  /** Why a started service stopped, or null while all run. */
  death() {
    return this.services.map((s) => s.death()).find(Boolean) ?? null;
  }

  /** The Playground's mock tenant: bot, currentUser, users, personalChat, groupChats, teams. */
  async playgroundContext() {
    const response = await fetch(`${this.playgroundUrl}/_internal/v1/testConfig`);
    if (!response.ok) throw new Error(`Playground testConfig: HTTP ${response.status}`);
    return (await response.json()).config;
  }

  /**
   * A new page on the Playground UI: a conversation of its own. Pages share the stack's Chromium profile (its
   * caches), and the Playground keeps its state on its server, so nothing a page did is seen by the next one.
   */
  async openPlayground() {
    await this.context.clearCookies();
    const page = await this.context.newPage();
    const chat = new PlaygroundPage(this, page, await this.playgroundContext());
    await chat.open();
    this.pages.push(chat);
    return chat;
  }

  /**
   * Another person of the mock tenant, played by Teams-shaped activities sent straight to the bot (the Playground has
   * one user): `context` is a page's playgroundContext, `person` { id, name, aadObjectId }.
   */
  colleague(context, person) {
    return new Colleague(this, context, person);
  }

  /**
   * Closes the pages the tests opened. Call it after each test: a Playground page left open keeps its scripts and
   * websocket running, and on a 2-core machine every open page slows the next test down.
   */
  async closePages() {
    for (const chat of this.pages.splice(0)) await chat.page.close().catch(() => {});
  }

  async stop() {
    await this.closePages();
    await this.context?.close().catch(() => {});
    this.context = undefined;
    for (const service of this.services.toReversed()) await service.stop();
    rmSync(this.tempDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Page object for the Playground UI

const PLAYGROUND = 'Microsoft 365 Agents Playground';
const BOT_SIDE = 'User Application';

/**
 * One Playground tab. Bot messages are Fluent AI output cards (`.fai-OutputCard`); Adaptive Cards
 * inside them carry the renderer's `.ac-adaptiveCard` class. Everything else is found by role/text.
 */
export class PlaygroundPage {
  constructor(stack, page, context) {
    this.stack = stack;
    this.page = page;
    this.context = context;
    /** Every activity the Playground exchanged with the bot since this page opened. */
    this.activityLog = [];
    this.logWaiters = new Set();
    page.on('websocket', (socket) => {
      if (!socket.url().includes('/_ws/log/stream')) return;
      socket.on('framereceived', ({ payload }) => this.onLogFrame(payload));
    });
  }

  onLogFrame(payload) {
    let item;
    try {
      item = JSON.parse(String(payload))?.log;
    } catch {
      return;
    }
    if (!item?.activityName) return;
    const entry = {
      direction: item.to === BOT_SIDE ? 'toBot' : item.from === BOT_SIDE ? 'fromBot' : 'other',
      type: item.activityName,
      conversationId: item.conversationId,
      activity: item.request?.body,
      status: item.response?.statusCode,
      response: item.response?.body,
      timestamp: item.timestamp,
    };
    this.activityLog.push(entry);
    for (const waiter of this.logWaiters) waiter();
  }

  async open() {
    this.openedAt = Date.now();
    await this.page.goto(this.stack.playgroundUrl);
    await this.page.getByRole('heading', { name: PLAYGROUND }).waitFor();
  }

  /**
   * Resolves with the first activity log entry matching `predicate` (already seen or still to come).
   * @param {(entry: {direction: string, type: string, conversationId: string, activity: any, status: number, response: any}) => boolean} predicate
   */
  async waitForActivity(predicate, { timeoutMs = 20_000, description = 'activity' } = {}) {
    const found = () => this.activityLog.find(predicate);
    if (found()) return found();
    return new Promise((ok, fail) => {
      const check = () => {
        const entry = found();
        if (entry) finish(() => ok(entry));
      };
      const timer = setTimeout(() => finish(() => fail(new Error(
        `no ${description} within ${timeoutMs} ms; log: ${this.describeLog()}${this.stackDeath()}`))), timeoutMs);
      const finish = (then) => {
        clearTimeout(timer);
        this.logWaiters.delete(check);
        then();
      };
      this.logWaiters.add(check);
    });
  }

  describeLog() {
    return this.activityLog.map((e) => `${e.direction}:${e.type}:${e.status}`).join(', ') || '(empty)';
  }

  stackDeath() {
    const death = this.stack.death();
    return death ? `\n${death}` : '';
  }

  /**
   * Waits until the Playground reached the bot and the bot accepted the conversationUpdate that
   * the Playground sends on connect (after an installationUpdate with action "add").
   */
  async waitUntilConnected({ timeoutMs = 30_000 } = {}) {
    const entry = await this.waitForActivity(
      (e) => e.direction === 'toBot' && e.type === 'conversationUpdate' && e.status !== undefined
        && e.timestamp >= this.openedAt - 1000,
      { timeoutMs, description: 'conversationUpdate delivered to the bot' });
    if (entry.status >= 400) {
      throw new Error(`the bot answered the conversationUpdate with HTTP ${entry.status}: ${JSON.stringify(entry.response)}`);
    }
    return entry;
  }

  get composer() {
    // In a channel every post has its own reply box; the first textbox is the composer for a new message.
    return this.page.getByRole('textbox').first();
  }

  /**
   * Types a message and sends it. In group chats and channels the bot only receives messages that
   * @mention it, so `mention` defaults to true there; it picks the bot from the typeahead menu.
   */
  async send(text, { mention = this.current !== undefined && this.current !== 'personal' } = {}) {
    const before = this.activityLog.length;
    await this.composer.click();
    if (mention) {
      const botName = this.context.bot.name;
      await this.page.keyboard.type(`@${botName.slice(0, 3)}`);
      await this.page.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(botName)}`) }).first().click();
      await this.page.keyboard.type(' ');
    }
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    return this.waitForActivity(
      (e) => this.activityLog.indexOf(e) >= before && e.direction === 'toBot' && e.type === 'message' && e.status !== undefined,
      { description: `message "${text}" delivered to the bot` });
  }

  /** Bot messages (text or cards) in the open conversation. */
  botMessages(text) {
    const all = this.page.locator('.fai-OutputCard');
    return text === undefined ? all : all.filter({ hasText: text });
  }

  /** The person's own message `text` in the open conversation (it comes before the log panel, which echoes it). */
  ownMessage(text) {
    return this.page.getByText(text, { exact: true }).first();
  }

  /** Adaptive Cards in the open conversation. */
  cards(text) {
    const all = this.page.locator('.ac-adaptiveCard');
    return text === undefined ? all : all.filter({ hasText: text });
  }

  /** The newest bot message containing `text` (string or RegExp). */
  async waitForBotMessage(text, { timeoutMs = 20_000 } = {}) {
    const message = this.botMessages(text).last();
    await this.waitVisible(message, `a bot message containing ${text}`, timeoutMs);
    return message;
  }

  /** The newest Adaptive Card containing `text` (string or RegExp). */
  async waitForCard(text, { timeoutMs = 20_000 } = {}) {
    const card = this.cards(text).last();
    await this.waitVisible(card, `an Adaptive Card containing ${text}`, timeoutMs);
    return card;
  }

  /**
   * The part of `card` about one thing (an offer, a listing): the innermost container that holds `text` and, when
   * given, a button titled `button`, for a card that repeats its buttons for each thing it lists.
   */
  part(card, text, { button } = {}) {
    let part = card.locator('.ac-container').filter({ hasText: text });
    if (button) part = part.filter({ has: this.page.getByRole('button', { name: button, exact: true }) });
    return part.last();
  }

  /** What the bot sent to `conversationId` (a channel's id covers its threads) with `text` in its text or cards. */
  botSent(conversationId, text) {
    return this.activityLog.filter((e) => e.direction === 'fromBot' && e.conversationId?.startsWith(conversationId)
      && (text === undefined || JSON.stringify([e.activity?.text, e.activity?.attachments]).includes(text)));
  }

  /** Waits until the bot has sent `conversationId` something with `text` (as botSent), seen on screen or not. */
  async waitForSent(conversationId, text, { timeoutMs = 20_000 } = {}) {
    const sent = (e) => this.botSent(conversationId, text).includes(e);
    return this.waitForActivity(sent, { timeoutMs, description: `"${text}" sent to ${conversationId}` });
  }

  /** The bot's replies to a message the Playground sent (an entry of the activity log): they carry its id as replyToId. */
  repliesTo(entry) {
    return this.activityLog.filter((e) => e.direction === 'fromBot' && entry.activity?.id && e.activity?.replyToId === entry.activity.id);
  }

  async waitVisible(locator, what, timeoutMs) {
    try {
      await locator.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch (error) {
      const shown = (await this.botMessages().allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, ' ').slice(0, 160));
      throw new Error(`${what} did not appear within ${timeoutMs} ms.\nBot messages shown: ${JSON.stringify(shown)}\n`
        + `Activity log: ${this.describeLog()}${this.stackDeath()}`, { cause: error });
    }
  }

  /**
   * Clicks the button titled `title` on the newest card that has one (or on `card` if given) and
   * waits for the bot to answer the resulting invoke or message.
   */
  async clickCardButton(title, { card } = {}) {
    const scope = card ?? this.cards().filter({ has: this.page.getByRole('button', { name: title, exact: true }) }).last();
    const before = this.activityLog.length;
    await scope.getByRole('button', { name: title, exact: true }).click();
    return this.waitForActivity(
      (e) => this.activityLog.indexOf(e) >= before && e.direction === 'toBot' && e.status !== undefined,
      { description: `the bot's answer to "${title}"` });
  }

  /** Presses a button (as clickCardButton) and checks the bot took it: it answered below 400. */
  async press(title, card, what = title) {
    const entry = await this.clickCardButton(title, { card });
    assertAnswered(entry, what);
    return entry;
  }

  /**
   * In the team channel (General): makes it the L&D channel with `set expert channel`, and waits until the
   * confirmation shows as a reply in the thread under the command. Choosing it again is fine.
   */
  async chooseLdChannel() {
    await this.switchTo('team');
    assertAnswered(await this.send('set expert channel'), 'set expert channel');
    const confirmation = 'questions for the L&D team will be posted in this channel';
    await this.waitForActivity((e) => e.direction === 'fromBot' && e.activity?.text?.includes(confirmation),
      { description: 'the expert channel confirmation' });
    await this.page.getByText(confirmation).first().waitFor();
  }

  /**
   * Picks an option in a compact choice set by its visible title, as a person would: the Playground renders it as a
   * combobox whose list of options opens in a layer of the page, outside the card. A multi-select list offers its
   * options as menu item check boxes.
   */
  async choose(card, label, title, { multiple = false } = {}) {
    await card.getByRole('combobox', { name: label }).click();
    await this.page.getByRole(multiple ? 'menuitemcheckbox' : 'option', { name: title, exact: true }).click();
    if (multiple) await this.page.keyboard.press('Escape');
  }

  /**
   * Opens a conversation: 'personal', 'group' (the first group chat) or 'team' (a channel of the
   * mock team, General by default). Opening a group chat or channel installs the bot there, which
   * sends installationUpdate and conversationUpdate to the bot.
   */
  async switchTo(where, { channel = 'General' } = {}) {
    const names = {
      personal: this.context.personalChat?.name ?? 'Personal Chat',
      group: this.context.groupChats?.[0]?.name ?? 'Group Chat',
      team: `${this.context.teams?.[0]?.name ?? 'My Team'} - ${channel}`,
    };
    if (!names[where]) throw new Error(`unknown conversation "${where}": use personal, group or team`);
    await this.page.getByRole('treeitem', { name: names[where], exact: true }).click();
    this.current = where;
  }

  /**
   * Saves artifacts/e2e/<name>.png. The conversation shows its newest messages; give `from` (a locator) to scroll it to
   * the top of the view first, when the start of a long card or the message that brought it is the point.
   */
  async screenshot(name, { from } = {}) {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    if (from) {
      await from.evaluate((element) => {
        element.scrollIntoView({ block: 'start' });
        // A little of what comes before, so a message's own box is not cut at the top.
        let scroller = element.parentElement;
        while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
        if (scroller) scroller.scrollTop -= 48;
      });
    }
    const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}

/**
 * A colleague of the Playground's user, in their own 1:1 chat with the bot on the Playground's connector. Their side
 * is not on screen: the bot's answers to their invokes come back here, and what the bot sends them is in the pages'
 * activity log.
 */
export class Colleague {
  constructor(stack, context, person) {
    this.stack = stack;
    this.context = context;
    this.person = person;
  }

  /** Makes their 1:1 chat on the Playground's connector, as Teams makes one, and says hello in it. */
  async openChat() {
    const created = await fetch(`${this.stack.connectorUrl}/v3/conversations`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        bot: { id: this.context.bot.id }, members: [{ id: this.person.id }], isGroup: false,
        tenantId: this.context.tenantId, channelData: { tenant: { id: this.context.tenantId } },
      }),
    });
    assert.ok(created.ok, `create conversation: HTTP ${created.status} ${await created.clone().text()}`);
    this.chat = (await created.json()).id;
    assert.equal((await this.send({ type: 'message', text: 'hello' })).status, 200);
    return this.chat;
  }

  /** Sends a Teams-shaped activity from their chat straight to the bot: { status, body }. */
  async send(activity) {
    const body = {
      id: `${this.person.name.split(' ')[0].toLowerCase()}-${Date.now()}-${Math.random().toString(16).slice(2)}`,
      timestamp: new Date().toISOString(),
      serviceUrl: this.stack.connectorUrl.replace('127.0.0.1', 'localhost'),
      channelId: 'msteams',
      from: this.person,
      recipient: { id: this.context.bot.id, name: this.context.bot.name },
      conversation: { id: this.chat, conversationType: 'personal', tenantId: this.context.tenantId },
      channelData: { tenant: { id: this.context.tenantId } },
      locale: 'en-GB',
      ...activity,
    };
    const response = await fetch(this.stack.botEndpoint, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** Presses an Action.Execute button: the card the bot answered with (the invoke response's value). */
  async press(verb, data) {
    const answer = await this.send({
      type: 'invoke', name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    assert.equal(answer.status, 200, `${verb}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body?.value;
  }

  /** Presses the button with `verb` on `card` as Teams sends it: its data, the card's input values, then `inputs`. */
  async pressOnCard(card, verb, inputs = {}) {
    const action = findAction(card, verb);
    assert.ok(action, `no ${verb} button on ${JSON.stringify(card).slice(0, 300)}`);
    return this.press(verb, { ...action.data, ...inputValues(card), ...inputs });
  }
}

/** The Action.Execute with `verb` anywhere in a card. */
export function findAction(node, verb) {
  if (Array.isArray(node)) return node.map((n) => findAction(n, verb)).find(Boolean);
  if (node && typeof node === 'object') {
    if (node.type === 'Action.Execute' && node.verb === verb) return node;
    return Object.values(node).map((n) => findAction(n, verb)).find(Boolean);
  }
  return undefined;
}

/** The values a card's inputs hold, by id, as a client sends them with a press. */
function inputValues(node, values = {}) {
  if (Array.isArray(node)) node.forEach((n) => inputValues(n, values));
  else if (node && typeof node === 'object') {
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id && node.value !== undefined) values[node.id] = String(node.value);
    Object.values(node).forEach((n) => inputValues(n, values));
  }
  return values;
}

/** The bot answered an activity the Playground sent (an entry of the activity log) without an error. */
export function assertAnswered(entry, what) {
  assert.ok(entry.status < 400, `${what}: the bot answered HTTP ${entry.status}: ${JSON.stringify(entry.response)}`);
}

/** Runs in a warm-up page: the Playground's calls that would start a conversation with the bot fail at once. */
function refuseConversations() {
  const refused = (url) => /\/_(debug|ws)\//.test(String(url));
  const { fetch } = window;
  window.fetch = (input, init) => (refused(input?.url ?? input) ? Promise.reject(new TypeError('warm-up')) : fetch(input, init));
  const { open } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    return open.call(this, method, refused(url) ? 'about:blank' : url, ...rest);
  };
  const { WebSocket } = window;
  window.WebSocket = function (url, ...rest) {
    if (refused(url)) throw new DOMException('warm-up', 'SecurityError');
    return new WebSocket(url, ...rest);
  };
}

/** The end of a log file, for error messages (the Playground writes why it failed only there). */
function tail(file, lines = 15) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// The Five Minute Review, as the review suites walk it

/** An ISO date `days` from today, as a date input takes it. */
export function isoDay(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A manager's review from step 1 (on screen) to the saved card, as a person fills it in: the two feedback answers,
 * step 2 by `theirView(card)` (fill what the person said, or check what is already there), one objective, three
 * learning needs with one in the manager's words, shadowing, on track and some ups and downs; then the summary,
 * checked, and Confirm and save. `press(title, shot)` presses a button on the newest card that has it and checks the
 * bot answered with a card; `shot(name)` takes a screenshot. Returns the answer to Confirm and save.
 */
export async function walkReviewSteps(chat, { person, press, shot, theirView }) {
  let card = await chat.waitForCard('Step 1 of 4');
  await card.getByRole('textbox', { name: /What has gone well/ }).fill('Clear, calm handovers; new volunteers learn a lot from shadowing Tom.');
  await card.getByRole('textbox', { name: /even better/ }).fill('Finishing notes before the end of the shift.');
  await shot('step1-filled');

  await press('Save and continue', 'step2-view');
  card = await chat.waitForCard('Step 2 of 4');
  await theirView(card);

  await press('Save and continue', 'step3-objectives');
  card = await chat.waitForCard('Step 3 of 4');
  await card.getByRole('textbox', { name: /^What/ }).first().fill('Finish the medicines awareness e-learning');
  await card.getByLabel(/By when/).first().fill(isoDay(40));
  await card.getByRole('textbox', { name: /How we will know/ }).first().fill('Certificate on the training record');
  await shot('step3-filled');

  await press('Save and continue', 'step4-learning');
  card = await chat.waitForCard('Step 4 of 4');
  await card.getByRole('checkbox', { name: 'Dementia awareness' }).check();
  await card.getByRole('checkbox', { name: 'Moving and handling' }).check();
  await card.getByRole('textbox', { name: /more specific/ }).fill('using the new hoist on the first floor');
  await card.getByRole('checkbox', { name: 'Shadowing someone' }).check();
  await card.getByRole('radio', { name: 'On track' }).check();
  await card.getByRole('radio', { name: 'Okay, some ups and downs' }).check();
  await shot('step4-filled');

  await press('Check the summary', 'summary');
  card = await chat.waitForCard('check it, then confirm');
  const summary = await card.innerText();
  assert.match(summary, /Clear, calm handovers/);
  assert.match(summary, /Finish the medicines awareness e-learning/);
  assert.match(summary, /Dementia awareness; Moving and handling/);
  assert.match(summary, /the new hoist/);

  const confirm = await press('Confirm and save', 'saved');
  const saved = await chat.waitForCard(`Review with ${person} saved`);
  assert.match(await saved.innerText(), /has been sent a copy in Teams/);
  return confirm;
}
