// Renders the printable digest (the fixtures a .NET test keeps up to date from the real page: standard and large
// print) in headless Chromium as the browser's own "Save as PDF" would, and checks what a reader on paper gets:
// A4 pages (2 to 4 for a normal edition; large print at most 8, since 16 pt type takes (16/12)² ≈ 1.8 times the
// space of 12 pt), body text of at least 12 pt (16 px) or 16 pt (about 21.3 px) in print, black text, headings in
// order and every link written out in words. Writes the PDFs and a picture of page 1 to artifacts/print/.
//
//   node --test tests/print/digest-print.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPrinted, pointsToPixels, savePrinted, useBrowser } from './print-kit.mjs';

const variants = [
  { name: 'digest-standard', minBodyPt: 12, pages: [2, 4] },
  { name: 'digest-large', minBodyPt: 16, pages: [2, 8] },
];

const chromium = useBrowser();

for (const variant of variants) {
  test(`${variant.name} prints on A4 in readable type, with headings in order and links in words`, async () => {
    const page = await openPrinted(chromium.browser, variant.name);
    try {
      const facts = await page.evaluate(() => {
        const textElements = [...document.body.querySelectorAll('p, li, dt, dd, a, footer')]
          .filter((element) => element.textContent.trim().length > 0);
        return {
          smallestText: Math.min(...textElements.map((element) => parseFloat(getComputedStyle(element).fontSize))),
          colours: [...new Set([...document.body.querySelectorAll('*')].map((element) => getComputedStyle(element).color))],
          background: getComputedStyle(document.body).backgroundColor,
          headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
          links: [...document.querySelectorAll('a[href]')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })),
        };
      });

      const minPx = variant.minBodyPt * pointsToPixels;
      assert.ok(facts.smallestText >= minPx - 0.01, `smallest text is ${facts.smallestText}px; at least ${minPx.toFixed(1)}px (${variant.minBodyPt} pt) is needed`);
      assert.deepEqual(facts.colours, ['rgb(0, 0, 0)'], 'all text is black, so nothing depends on colour and contrast is highest');
      assert.equal(facts.background, 'rgb(255, 255, 255)');
      assert.equal(facts.headings[0], 1, 'the page starts with its h1');
      assert.equal(facts.headings.filter((level) => level === 1).length, 1, 'one h1');
      facts.headings.forEach((level, i) => {
        if (i > 0) {
          assert.ok(level <= facts.headings[i - 1] + 1, `heading ${i} (h${level}) skips a level after h${facts.headings[i - 1]}`);
        }
      });
      assert.ok(facts.links.length >= 8, 'the sample links its items');
      for (const link of facts.links) {
        assert.equal(link.text, link.href.replace(/^https?:\/\//, '').replace(/\/$/, ''), 'each link reads as its address');
      }

      await savePrinted(page, variant.name, variant.pages);
    } finally {
      await page.close();
    }
  });
}
