// Renders the blank Five Minute Review form (the fixtures a .NET test keeps up to date from the real page: standard and
// large print) in headless Chromium as the browser's own "Save as PDF" would, and checks what a manager and the person
// reviewed get on paper: A4 pages (1 to 2 for the standard form; large print at most 4), body text of at least 12 pt
// (16 px) or 16 pt (about 21.3 px) in print, black on white, headings in order (the four steps, then Signed).
// Writes the PDFs and a picture of page 1 to artifacts/print/.
//
//   node --test tests/print/review-form.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPrinted, pointsToPixels, savePrinted, useBrowser } from './print-kit.mjs';

const variants = [
  { name: 'review-form-standard', minBodyPt: 12, pages: [1, 2] },
  { name: 'review-form-large', minBodyPt: 16, pages: [1, 4] },
];

const sections = [
  'Step 1: feedback',
  'Step 2: their view',
  'Step 3: objectives until next time',
  'Step 4: learning and how things are going',
  'Signed',
];

const chromium = useBrowser();

for (const variant of variants) {
  test(`${variant.name} prints on A4 in readable black type, with the four steps and the signed boxes in order`, async () => {
    const page = await openPrinted(chromium.browser, variant.name);
    try {
      const facts = await page.evaluate(() => {
        const textElements = [...document.body.querySelectorAll('p, li, th, td, footer')]
          .filter((element) => element.textContent.trim().length > 0);
        return {
          smallestText: Math.min(...textElements.map((element) => parseFloat(getComputedStyle(element).fontSize))),
          colours: [...new Set([...document.body.querySelectorAll('*')].map((element) => getComputedStyle(element).color))],
          background: getComputedStyle(document.body).backgroundColor,
          headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.trim() })),
          tickBoxes: document.querySelectorAll('.box').length,
          writingLines: document.querySelectorAll('.write span, .blank').length,
        };
      });

      const minPx = variant.minBodyPt * pointsToPixels;
      assert.ok(facts.smallestText >= minPx - 0.01, `smallest text is ${facts.smallestText}px; at least ${minPx.toFixed(1)}px (${variant.minBodyPt} pt) is needed`);
      assert.deepEqual(facts.colours, ['rgb(0, 0, 0)'], 'all text is black, so nothing depends on colour and it photocopies well');
      assert.equal(facts.background, 'rgb(255, 255, 255)');
      assert.deepEqual(facts.headings.map((h) => h.level), [1, 2, 2, 2, 2, 2], 'one h1, then one h2 for each step and the signed boxes');
      assert.deepEqual(facts.headings.slice(1).map((h) => h.text), sections);
      assert.ok(facts.tickBoxes >= 20, 'the fixed choices are tick boxes');
      assert.ok(facts.writingLines >= 15, 'there is space to write');

      await savePrinted(page, variant.name, variant.pages);
    } finally {
      await page.close();
    }
  });
}
