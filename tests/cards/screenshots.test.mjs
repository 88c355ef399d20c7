// Renders every card template (bound with its sample data by the official templating library) with the
// official adaptivecards renderer in headless Chromium, at phone width in light, dark and high-contrast themes,
// and saves artifacts/cards/<name>.png, <name>.dark.png and <name>.contrast.png so a person can look at each one.
//
//   node --test tests/cards/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { bind, parseEvents } from './reference.mjs';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'artifacts', 'cards');
const rendererScript = require.resolve('adaptivecards/dist/adaptivecards.js');
const rendererCss = join(dirname(rendererScript), 'adaptivecards.css');

const templateDirs = [
  { dir: join(root, 'cards'), prefix: '' },
  { dir: join(root, 'tests', 'cards', 'fixtures'), prefix: 'fixture-' },
];

const themes = {
  light: { suffix: '', page: '#ffffff', emphasis: '#f5f5f5', text: { default: '#242424', subtle: '#616161', attention: '#c4314b', good: '#237b4b', warning: '#835c00', accent: '#5b5fc7' } },
  contrast: { suffix: '.contrast', page: '#000000', emphasis: '#000000', text: { default: '#ffffff', subtle: '#ffffff', attention: '#ffff00', good: '#3ff23f', warning: '#ffff00', accent: '#1aebff' } },
  dark: { suffix: '.dark', page: '#292929', emphasis: '#1f1f1f', text: { default: '#ffffff', subtle: '#d6d6d6', attention: '#f9526b', good: '#92c353', warning: '#f8d22a', accent: '#7f85f5' } },
};

function hostConfig(theme) {
  const colour = (name) => ({ default: theme.text[name], subtle: theme.text[name] });
  const foregroundColors = {
    default: { default: theme.text.default, subtle: theme.text.subtle },
    accent: colour('accent'), attention: colour('attention'), good: colour('good'), warning: colour('warning'),
    dark: colour('default'), light: colour('default'),
  };
  return {
    fontFamily: 'Segoe UI, system-ui, sans-serif',
    supportsInteractivity: true,
    containerStyles: {
      default: { backgroundColor: theme.page, foregroundColors },
      emphasis: { backgroundColor: theme.emphasis, foregroundColors },
    },
    actions: { maxActions: 6, actionsOrientation: 'vertical', buttonSpacing: 8, showCard: { actionMode: 'inline' } },
  };
}

function templates() {
  return templateDirs.flatMap(({ dir, prefix }) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'))
      .sort()
      .map((f) => ({
        name: prefix + f.slice(0, -'.json'.length),
        template: join(dir, f),
        data: join(dir, f.replace(/\.json$/, '.data.json')),
      })));
}

let browser;
const pages = new Map();

before(async () => {
  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  // One phone-sized page per theme, with the renderer loaded once (loading it takes longer than rendering a card).
  // No network: the cards must not depend on anything remote.
  for (const theme of Object.values(themes)) {
    // The light theme at a phone's pixel density; the others at 1x, which is enough to check contrast and is much
    // cheaper to encode.
    const page = await browser.newPage({ viewport: { width: 390, height: 800 }, deviceScaleFactor: theme.suffix ? 1 : 2 });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(`<!doctype html><html><body style="margin:0;padding:12px;background:${theme.page}">
      <div id="host" style="max-width:366px"></div></body></html>`);
    await page.addStyleTag({ path: rendererCss });
    await page.addScriptTag({ path: rendererScript });
    pages.set(theme, page);
  }
});

after(async () => {
  await browser?.close();
});

for (const card of templates()) {
  test(`renders ${card.name}`, async () => {
    const { card: bound } = bind(JSON.parse(readFileSync(card.template, 'utf8')), JSON.parse(readFileSync(card.data, 'utf8')));
    assert.deepEqual(parseEvents(bound), []);

    for (const theme of Object.values(themes)) {
      const page = pages.get(theme);
      const rendered = await page.evaluate(({ payload, config }) => {
        const adaptiveCard = new AdaptiveCards.AdaptiveCard();
        adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(config);
        adaptiveCard.parse(payload);
        const element = adaptiveCard.render();
        document.getElementById('host').replaceChildren(element);
        const box = element.getBoundingClientRect();
        return { width: box.width, height: box.height, text: element.innerText, buttons: element.querySelectorAll('button').length };
      }, { payload: bound, config: hostConfig(theme) });

      assert.ok(rendered.height > 40 && rendered.width > 100, `${card.name} rendered ${rendered.width}×${rendered.height}`);
      assert.ok(rendered.text.trim().length > 0, `${card.name} rendered no text`);
      assert.ok(rendered.width <= 366, `${card.name} is wider than a phone: ${rendered.width}px`);

      const file = join(outDir, `${card.name}${theme.suffix}.png`);
      await page.locator('#host').screenshot({ path: file });
      assert.ok(statSync(file).size > 1000, `${file} is empty`);
    }
  });
}
