// Renders the printable learning directory (the fixtures a .NET test keeps up to date from the real page: January
// 2027 for the city council, standard and large print) in headless Chromium as the browser's own "Save as PDF" would,
// and checks what a reader at a notice board gets: A4 pages, body text of at least 12 pt (16 px) or 16 pt (about
// 21.3 px) in print, black on white, headings in order, nothing running off the page's width, and every course with
// a way to book that needs no computer. Writes the PDFs and a picture of page 1 to artifacts/print/.
//
//   node --test tests/print/directory-print.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPrinted, pointsToPixels, savePrinted, useBrowser } from './print-kit.mjs';

const variants = [
  { name: 'directory-standard', minBodyPt: 12, pages: [2, 6] },
  { name: 'directory-large', minBodyPt: 16, pages: [3, 12] },
];

const chromium = useBrowser();

for (const variant of variants) {
  test(`${variant.name} prints on A4 in readable black type, within the page's width, with a phone or email to book each course`, async () => {
    const page = await openPrinted(chromium.browser, variant.name);
    try {
      const facts = await page.evaluate(() => {
        const textElements = [...document.body.querySelectorAll('p, li, dt, dd, footer')]
          .filter((element) => element.textContent.trim().length > 0);
        const bodyRight = document.body.getBoundingClientRect().right;
        return {
          smallestText: Math.min(...textElements.map((element) => parseFloat(getComputedStyle(element).fontSize))),
          colours: [...new Set([...document.body.querySelectorAll('*')].map((element) => getComputedStyle(element).color))],
          background: getComputedStyle(document.body).backgroundColor,
          headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          overflowing: [...document.body.querySelectorAll('*')]
            .filter((element) => element.getBoundingClientRect().right > bodyRight + 0.5 || element.scrollWidth > element.clientWidth + 1)
            .map((element) => `${element.tagName}: ${element.textContent.trim().slice(0, 60)}`),
          courses: document.querySelectorAll('article').length,
          bookable: [...document.querySelectorAll('article')].filter((a) => /To book: (phone|email) |the one-stop shop can book it for you/.test(a.textContent)).length,
          samples: document.querySelectorAll('article .about').length,
        };
      });

      const minPx = variant.minBodyPt * pointsToPixels;
      assert.ok(facts.smallestText >= minPx - 0.01, `smallest text is ${facts.smallestText}px; at least ${minPx.toFixed(1)}px (${variant.minBodyPt} pt) is needed`);
      assert.deepEqual(facts.colours, ['rgb(0, 0, 0)'], 'all text is black, so nothing depends on colour and it photocopies well');
      assert.equal(facts.background, 'rgb(255, 255, 255)');
      assert.equal(facts.headings[0], 1, 'the page starts with its h1');
      assert.equal(facts.headings.filter((level) => level === 1).length, 1, 'one h1');
      facts.headings.forEach((level, i) => {
        if (i > 0) {
          assert.ok(level <= facts.headings[i - 1] + 1, `heading ${i} (h${level}) skips a level after h${facts.headings[i - 1]}`);
        }
      });
      assert.ok(facts.pageOverflow <= 0, `the page is ${facts.pageOverflow}px wider than A4`);
      assert.deepEqual(facts.overflowing, [], 'nothing runs past the page\'s edge');
      assert.ok(facts.courses >= 8, 'the sample month lists its courses');
      assert.equal(facts.bookable, facts.courses, 'every course gives a phone number or email address to book, or who can book it for you');
      assert.equal(facts.samples, facts.courses, 'the test offers are all marked as samples');

      await savePrinted(page, variant.name, variant.pages);
    } finally {
      await page.close();
    }
  });
}
