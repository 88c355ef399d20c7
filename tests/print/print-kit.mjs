// What the Chromium print checks share: the fixtures and output folders, A4 at 96 px to the inch, one browser for a
// test file, loading a fixture offline in print mode, and saving it as the browser's own "Save as PDF" would.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixtures = join(root, 'tests', 'print', 'fixtures');
export const outDir = join(root, 'artifacts', 'print');

export const a4 = { width: 794, height: 1123 };
export const pointsToPixels = 96 / 72;

/** Starts one Chromium before the file's tests and closes it after them; call it at the top of a test file. */
export function useBrowser() {
  const holder = {};
  before(async () => {
    mkdirSync(outDir, { recursive: true });
    holder.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    await holder.browser?.close();
  });
  return holder;
}

/** The number of pages in a PDF: its page objects (not the /Pages tree). */
export function pageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** The size of each page of a PDF in points, from its /MediaBox entries: A4 is about 595 by 842. */
export function pageSizes(pdf) {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    .map((m) => ({ width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) }));
}

/** A page at A4 width showing the fixture `<name>.html` as printed, with every network request refused. */
export async function openPrinted(browser, name) {
  const page = await browser.newPage({ viewport: a4 });
  // No network: the page must not depend on anything remote.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(readFileSync(join(fixtures, `${name}.html`), 'utf8'), { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  return page;
}

/** Saves the page as an A4 PDF and a picture of page 1 in artifacts/print, and checks its page count is within `pages`. */
export async function savePrinted(page, name, [fewest, most]) {
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  writeFileSync(join(outDir, `${name}.pdf`), pdf);
  const pages = pageCount(pdf);
  console.log(`${name}.pdf: ${pdf.length} bytes, ${pages} pages`);
  assert.ok(pages >= fewest && pages <= most, `${name} prints on ${pages} A4 pages; ${fewest} to ${most} expected`);
  for (const size of pageSizes(pdf)) {
    assert.ok(Math.abs(size.width - 595.28) < 2 && Math.abs(size.height - 841.89) < 2, `${name} has a ${size.width} by ${size.height} pt page; A4 expected`);
  }
  await page.screenshot({ path: join(outDir, `${name}.page1.png`), clip: { x: 0, y: 0, ...a4 } });
  return { bytes: pdf.length, pages, sizes: pageSizes(pdf) };
}
