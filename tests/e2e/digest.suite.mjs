// The newsletter digest end to end in the Playground: draft → preview → approve → deliver → read → print, with a
// screenshot of each step a person sees (artifacts/e2e/digest-*.png) and the printed edition as a PDF
// (artifacts/e2e/digest-print.pdf).
// Priya Shah (the Playground's user, in the L&D Support Team in community.yml) edits the edition. Tom Okafor, a digest
// approver in COMMUNITY_STACK, approves it from his own chat (his side played by Teams-shaped activities: the
// Playground has one user). The earlier suites may have left good practice, alerts and articles to propose; the walk
// adds a team item of its own and checks that one, whatever else the edition holds.
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertAnswered, ARTIFACTS_DIR, COMMUNITY_STACK, sharedStack, TOM } from './harness.mjs';

const HEADLINE = 'Moving and handling refresher at Harbour Lane';
const EDITED_HEADLINE = 'Moving and handling refresher at Harbour Lane, now on 27 January';
const TEXT = 'A morning refresher on safe moving and handling for care and volunteer staff. Places are free: book through your manager.';
const LINK = 'https://learning.example.org/moving-and-handling';
const PHONE = '01632 960141'; // Digest:Print:Phone's default: the one-stop shop coordinator
const A4 = { width: 794, height: 1123 }; // at 96 dpi
const PHONE_SCREEN = { width: 390, height: 844 };

let stack;
let chat;

describe('digest', () => {
  before(async () => {
    stack = await sharedStack(COMMUNITY_STACK);
  });

  afterEach(async (t) => {
    await chat?.screenshot(`digest-${t.name}-end`).catch(() => {});
    chat = undefined;
    await stack.closePages();
  });

  test('an edition is drafted, previewed, approved by someone else, delivered, read and printed', { timeout: 180_000 }, async () => {
    const started = Date.now();
    chat = await stack.openPlayground();
    await chat.waitUntilConnected();
    // Tom has talked to the bot before, so the approval request can reach his chat.
    const tom = stack.colleague(chat.context, TOM);
    const tomChat = await tom.openChat();

    // 1. The editor starts an edition from the proposed contents and adds a team item through the form.
    assertAnswered(await chat.send('start digest'), 'start digest');
    let edition = await chat.waitForCard(/Edition \d+ \(draft\)/);
    const number = Number((await edition.innerText()).match(/Edition (\d+) \(draft\)/)[1]);
    assert.match(await edition.innerText(), /Not yet sent for approval\./);
    await chat.screenshot('digest-1-proposed');

    await chat.press('Add an item', edition);
    let form = await chat.waitForCard(/What is it\?/);
    await chat.choose(form, /What is it\?/, 'Course');
    await form.getByLabel(/^Headline/).fill(HEADLINE);
    await form.getByLabel(/^Text/).fill(TEXT);
    await form.getByLabel(/^Web address for more/).fill(LINK);
    await chat.choose(form, /Who is it for\?/, 'Everyone');
    await chat.screenshot('digest-1-add-item');
    await chat.press('Save', form, 'save the new item');
    edition = await chat.waitForCard(new RegExp(`Edition ${number} \\(draft\\)[\\s\\S]*${HEADLINE}`));
    await chat.screenshot('digest-1-item-added');

    // 2. One real edit through the form, then the preview: the reader's view, also at a phone's width.
    const item = edition.locator('.ac-container')
      .filter({ hasText: HEADLINE })
      .filter({ has: chat.page.getByRole('button', { name: 'Edit', exact: true }) })
      .last();
    await chat.press('Edit', item, 'edit the item');
    form = await chat.waitForCard('Edit an item');
    assert.equal(await form.getByLabel(/^Headline/).inputValue(), HEADLINE);
    await form.getByLabel(/^Headline/).fill(EDITED_HEADLINE);
    await chat.screenshot('digest-2-edit-item');
    await chat.press('Save', form, 'save the edit');
    edition = await chat.waitForCard(new RegExp(`Edition ${number} \\(draft\\)[\\s\\S]*${EDITED_HEADLINE}`));
    await chat.screenshot('digest-2-item-edited');

    await chat.press('Preview', edition);
    const preview = await chat.waitForCard('Preview: this is exactly what readers will see');
    const previewText = await preview.innerText();
    assert.match(previewText, new RegExp(EDITED_HEADLINE));
    assert.match(previewText, /More: learning\.example\.org\/moving-and-handling/);
    await chat.screenshot('digest-2-preview');
    const desktop = chat.page.viewportSize();
    await chat.page.setViewportSize(PHONE_SCREEN);
    await chat.screenshot('digest-2-preview-phone');
    await chat.page.setViewportSize(desktop);

    // 3. Back to editing, and send for approval.
    await chat.press('Back to editing', preview);
    edition = await chat.waitForCard(new RegExp(`Edition ${number} \\(draft\\)`));
    await chat.press('Send for approval', edition);
    edition = await chat.waitForCard(new RegExp(`Edition ${number} \\(awaiting approval\\)`));
    assert.match(await edition.innerText(), /Waiting for approval from Tom Okafor\./);
    assert.equal(await edition.getByRole('button', { name: 'Edit', exact: true }).count(), 0, 'nothing can be changed while it waits');
    await chat.screenshot('digest-3-awaiting-approval');

    // 4. The request reaches Tom's chat through the delivery engine, showing the edition as readers will see it.
    const request = await chat.waitForActivity(
      (e) => e.direction === 'fromBot' && e.conversationId === tomChat && JSON.stringify(e.activity ?? {}).includes('digest.approval.approve'),
      { timeoutMs: 30_000, description: "the approval request in Tom's chat" });
    const approvalCard = request.activity.attachments[0].content;
    assert.match(JSON.stringify(approvalCard), new RegExp(EDITED_HEADLINE));

    // Four eyes: Priya, who edited it, pressing Approve on the same card is refused.
    const personalChat = chat.activityLog.find((e) => e.direction === 'toBot' && e.type === 'message')?.conversationId;
    const priya = stack.colleague(chat.context, chat.context.currentUser);
    priya.chat = personalChat; // her Playground chat, not a new one, so what the bot sends her still reaches the page
    const refused = await priya.pressOnCard(approvalCard, 'digest.approval.approve');
    assert.match(JSON.stringify(refused), /Sorry, (only the people who approve newsletter digests|you can't approve this edition)/);

    const approved = await tom.pressOnCard(approvalCard, 'digest.approval.approve');
    assert.match(JSON.stringify(approved), /Approved by Tom Okafor/);

    // Priya is told in her chat.
    const news = await chat.waitForCard(`Edition ${number} is approved`, { timeoutMs: 30_000 });
    await chat.screenshot('digest-4-approved-news');

    // 5. She opens the edition and sends it now to everyone who has the app.
    await chat.press('Open the edition', news);
    edition = await chat.waitForCard(new RegExp(`Edition ${number} \\(approved\\)`));
    assert.match(await edition.innerText(), /Approved by Tom Okafor on/);
    await chat.press('Send or schedule', edition);
    const send = await chat.waitForCard('Who gets it');
    await send.getByRole('checkbox', { name: 'Everyone who has the app' }).check();
    await send.getByRole('radio', { name: 'Now' }).check();
    await chat.screenshot('digest-5-send-form');
    await chat.press('Schedule', send);
    await chat.waitForCard(`Edition ${number} is on its way`);
    await chat.screenshot('digest-5-on-its-way');

    const headlines = await chat.waitForCard(`Learning digest: Edition ${number}`, { timeoutMs: 30_000 });
    await headlines.getByRole('button', { name: 'Read the full digest' }).waitFor();
    assert.match(await (await chat.waitForCard(/Your learning digest[\s\S]*Finished/, { timeoutMs: 30_000 })).innerText(), /Sent to everyone \(fewer than 5 people\) · 0 not sent/);
    await chat.screenshot('digest-5-delivered');

    // 6. The full edition, from the headlines card.
    const read = await chat.press('Read the full digest', headlines);
    // The card's web addresses (Action.OpenUrl) are links to a screen reader; its other actions are buttons.
    const reader = chat.cards(`Learning digest: Edition ${number}`).filter({ has: chat.page.getByRole('link', { name: 'Print this edition' }) }).last();
    await chat.waitVisible(reader, 'the full edition', 20_000);
    const readerText = await reader.innerText();
    assert.match(readerText, new RegExp(EDITED_HEADLINE));
    assert.doesNotMatch(readerText, /Preview: this is exactly what readers will see/);
    assert.ok(await reader.getByRole('link', { name: 'Large print' }).isVisible(), 'the reader\'s card offers large print');
    assert.ok(await reader.getByRole('button', { name: 'Past editions' }).isVisible(), 'the reader\'s card offers past editions');
    await chat.screenshot('digest-6-full-edition');

    // 7. The print page from the reader's card, at A4 and as a PDF.
    const printUrl = openUrl(read.response?.value, 'Print this edition');
    assert.ok(printUrl, `the reader's card links to the print page: ${JSON.stringify(read.response).slice(0, 300)}`);
    const printable = await chat.page.context().newPage();
    try {
      const opened = await printable.goto(printUrl);
      assert.equal(opened.status(), 200);
      assert.match(await printable.locator('h1').innerText(), new RegExp(`Learning digest: Edition ${number}`));
      const page = await printable.locator('body').innerText();
      assert.match(page, new RegExp(EDITED_HEADLINE));
      assert.ok(page.includes(PHONE), 'the print page gives the one-stop shop phone');
      await printable.setViewportSize(A4);
      await printable.emulateMedia({ media: 'print' });
      await printable.screenshot({ path: join(ARTIFACTS_DIR, 'digest-7-print.png'), fullPage: true });
      await printable.pdf({ path: join(ARTIFACTS_DIR, 'digest-print.pdf'), format: 'A4', printBackground: true });
    } finally {
      await printable.close();
    }

    assertAnswered(await chat.send('past digests'), 'past digests');
    await chat.waitForCard(`Open Edition ${number}`);
    await chat.screenshot('digest-7-past-editions');

    console.log(`# digest: the walk took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});

/** The address of the Action.OpenUrl titled `title` anywhere in a card. */
function openUrl(node, title) {
  if (Array.isArray(node)) return node.map((n) => openUrl(n, title)).find(Boolean);
  if (node && typeof node === 'object') {
    if (node.type === 'Action.OpenUrl' && node.title === title) return node.url;
    return Object.values(node).map((n) => openUrl(n, title)).find(Boolean);
  }
  return undefined;
}
