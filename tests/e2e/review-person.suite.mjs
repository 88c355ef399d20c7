// The Five Minute Review as the reviewed person's tool too. Tom asks Priya (his manager, the Playground's user) for a
// review with his own view; Priya starts it from the card she is sent, finds his view on step 2 and saves it; Tom
// acknowledges it from `my reviews` and Priya is told. Then Priya records a review she held on paper and opens the
// blank form to print. Tom's side is played by Teams-shaped activities sent straight to the bot (the Playground has
// one user): what the bot sends him is read from the activity log. Runs after review.suite.mjs, so this is not
// Priya's first review and no guide is shown.
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS_DIR, COMMUNITY_STACK, findAction, isoDay, sharedStack, TOM, walkReviewSteps } from './harness.mjs';

const TOM_VIEW = 'The new rota helps. I would like to learn more about dementia care.';
const TOM_COMMENT = 'Thanks Priya, the objective suits me.';

let stack;

describe('review, as the person reviewed', () => {
  before(async () => {
    stack = await sharedStack(COMMUNITY_STACK);
  });

  afterEach(() => stack.closePages());

  /** Presses a button on Priya's screen, checks the bot answered with a card, and takes review-person-<shot>. */
  function presser(chat) {
    return async (title, shot) => {
      const answer = await chat.clickCardButton(title);
      assert.ok(answer.status < 400, `"${title}": HTTP ${answer.status} ${JSON.stringify(answer.response)}`);
      assert.equal(answer.response?.type, 'application/vnd.microsoft.card.adaptive', `"${title}" answered with a card: ${JSON.stringify(answer.response)}`);
      if (shot) await chat.screenshot(`review-person-${shot}`);
      return answer;
    };
  }

  /** The newest card the bot sent to the colleague's chat containing `text`, sent after log entry `since`. */
  async function cardSentTo(chat, conversationId, text, since) {
    const entry = await chat.waitForActivity(
      (e) => chat.activityLog.indexOf(e) >= since && e.direction === 'fromBot' && e.conversationId === conversationId
        && JSON.stringify(e.activity?.attachments ?? []).includes(text),
      { timeoutMs: 30_000, description: `a card with "${text}" sent to ${conversationId}` });
    return entry.activity.attachments[0].content;
  }

  test('a person asks for a review, their manager holds it, and they acknowledge it in my reviews', { timeout: 120_000 }, async () => {
    const chat = await stack.openPlayground();
    await chat.waitUntilConnected();
    const press = presser(chat);
    const tom = stack.colleague(chat.context, TOM);
    const tomChat = await tom.openChat();

    // 1. Tom asks for a review, with a reason and his own view.
    let since = chat.activityLog.length;
    assert.equal((await tom.send({ type: 'message', text: 'ask for a review' })).status, 200);
    const askCard = await cardSentTo(chat, tomChat, 'Send my request', since);
    assert.match(JSON.stringify(askCard), /I'll send your request to Priya Shah/);
    const sent = await tom.pressOnCard(askCard, 'review.request', { reason: 'objectives', reasonWords: '', ownView: TOM_VIEW });
    assert.match(JSON.stringify(sent), /sent your request to Priya Shah|on its way to Priya Shah/);
    assert.match(JSON.stringify(sent), /Your view will be ready for them on step 2/);

    // Priya's chat gets the request, without Tom's view on it.
    const request = await chat.waitForCard('Tom Okafor would like a Five Minute Review', { timeoutMs: 30_000 });
    const requestText = await request.innerText();
    assert.match(requestText, /I'd like to talk about my objectives/);
    assert.doesNotMatch(requestText, /new rota/, "Tom's view waits for the review");
    await chat.screenshot('review-person-1-request');

    // She starts it from the card: step 1 at once (no guide: she has held a review before), Tom's view on step 2.
    await press('Start the review', '2-step1');
    const shots = {
      'step1-filled': '2-step1-filled', 'step3-objectives': '4-step3-objectives',
      'step3-filled': '4-step3-filled', 'step4-learning': '5-step4-learning', 'step4-filled': '5-step4-filled',
      summary: '6-summary', saved: '7-saved',
    };
    const confirm = await walkReviewSteps(chat, {
      person: 'Tom Okafor',
      press: (title, shot) => press(title, shots[shot]),
      shot: (name) => chat.screenshot(`review-person-${shots[name]}`),
      theirView: async (card) => {
        const text = await card.innerText();
        assert.match(text, /In Tom's own words, sent before the review:/);
        assert.match(text, /The new rota helps\. I would like to learn more about dementia care\./);
        await card.getByText(/In Tom's own words/).scrollIntoViewIfNeeded();
        await chat.screenshot('review-person-3-step2-their-view');
        // Last time's objective (from the review suite) asks how it went.
        await chat.choose(card, /How did it go/, 'Partly done');
      },
    });
    const reviewId = JSON.stringify(confirm.response.value).match(/reviews\/([0-9a-f]{32})\/print/)?.[1];
    assert.ok(reviewId, 'the saved card links to the printable page');

    // 2. Tom's copy reaches his chat; he types my reviews and acknowledges the new review from there.
    await cardSentTo(chat, tomChat, 'Your Five Minute Review with Priya Shah', 0);
    since = chat.activityLog.length;
    assert.equal((await tom.send({ type: 'message', text: 'my reviews' })).status, 200);
    const mine = await cardSentTo(chat, tomChat, 'Your Five Minute Reviews', since);
    const mineText = JSON.stringify(mine);
    assert.match(mineText, /2 reviews, newest first\./);
    assert.match(mineText, /with Priya Shah/);
    assert.match(mineText, /Not yet acknowledged/);
    assert.match(mineText, /Acknowledged on/, 'the review from before shows as acknowledged');
    const acknowledge = findAll(mine, (a) => a.verb === 'review.mine.open' && a.data?.reviewId === reviewId && a.data?.show === 'acknowledge');
    assert.equal(acknowledge.length, 1, 'an Acknowledge button for the new review only');

    const copy = await tom.press('review.mine.open', acknowledge[0].data);
    assert.match(JSON.stringify(copy), /Please read it, add a comment if you want to, and acknowledge it/);
    const acknowledged = await tom.pressOnCard(copy, 'review.acknowledge', { comment: TOM_COMMENT });
    assert.match(JSON.stringify(acknowledged), /You acknowledged this review on .*Priya has been told\./);

    const notice = await chat.waitForCard('Tom Okafor acknowledged their review', { timeoutMs: 30_000 });
    assert.match(await notice.innerText(), /Thanks Priya, the objective suits me\./);
    await chat.screenshot('review-person-8-acknowledged');

    // 3. Priya's own reviews: she has none yet, and the card says so.
    await chat.send('my reviews');
    const priyasOwn = await chat.waitForCard('Your Five Minute Reviews');
    assert.match(await priyasOwn.innerText(), /You have no Five Minute Reviews yet\./);
    await chat.screenshot('review-person-9-my-reviews-none');
  });

  test('a manager records a review held on paper, and prints the blank form', { timeout: 90_000 }, async () => {
    const chat = await stack.openPlayground();
    await chat.waitUntilConnected();
    const press = presser(chat);

    // 4. From her team card, Priya records the review she held with Margaret (a volunteer without Teams) on paper.
    await chat.send('review');
    const team = await chat.waitForCard('Record a paper review');
    const margaret = team.locator('.ac-container')
      .filter({ hasText: "Margaret O'Neill" })
      .filter({ has: chat.page.getByRole('button', { name: 'Record a paper review', exact: true }) })
      .last();
    assert.match(await margaret.innerText(), /Due: first review/);
    await chat.screenshot('review-person-10-team');
    const opened = await chat.clickCardButton('Record a paper review', { card: margaret });
    assert.ok(opened.status < 400, `Record a paper review: HTTP ${opened.status}`);

    const form = await chat.waitForCard('Record a review held on paper');
    await form.getByLabel(/Date the review was held/).fill(isoDay(-2));
    await form.getByRole('textbox', { name: /^What/ }).first().fill('Complete the befriending refresher session');
    await form.getByLabel(/By when/).first().fill(isoDay(30));
    await form.getByRole('checkbox', { name: 'We both signed the paper form' }).check();
    await chat.screenshot('review-person-11-paper-filled');

    await press('Save the review', '12-paper-saved');
    const saved = await chat.waitForCard("Review with Margaret O'Neill saved");
    const savedText = await saved.innerText();
    assert.match(savedText, /and signed on paper; recorded on/);
    assert.match(savedText, /Complete the befriending refresher session/);
    assert.match(savedText, /Margaret doesn't use Teams, so print this review and give them a copy\./);

    await press('Back to my team');
    const after = await chat.waitForCard('Record a paper review');
    const margaretNow = after.locator('.ac-container')
      .filter({ hasText: "Margaret O'Neill" })
      .filter({ has: chat.page.getByRole('button', { name: 'Record a paper review', exact: true }) })
      .last();
    assert.match(await margaretNow.innerText(), /Done: next due/);
    await chat.screenshot('review-person-13-team-done');

    // The blank form, from review form → its link, printed to A4.
    await chat.send('review form');
    const forms = await chat.waitForCard('Five Minute Review on paper');
    await chat.screenshot('review-person-14-paper-forms');
    const formUrl = await findOpenUrl(chat, 'Open the blank form');
    const page = await chat.page.context().newPage();
    try {
      const response = await page.goto(formUrl);
      assert.equal(response.status(), 200);
      assert.match(await page.locator('h1').first().innerText(), /Five Minute Review/);
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: join(ARTIFACTS_DIR, 'review-form.pdf'), format: 'A4', printBackground: false });
      await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'review-person-15-blank-form.png'), fullPage: true });
    } finally {
      await page.close();
    }
    assert.ok(await forms.isVisible());
  });
});

/** Every Action.Execute in a card that `match` accepts. */
function findAll(node, match, found = []) {
  if (Array.isArray(node)) node.forEach((n) => findAll(n, match, found));
  else if (node && typeof node === 'object') {
    if (node.type === 'Action.Execute' && match(node)) found.push(node);
    Object.values(node).forEach((n) => findAll(n, match, found));
  }
  return found;
}

/** The address of the newest Action.OpenUrl titled `title` the bot sent to Priya's chat. */
async function findOpenUrl(chat, title) {
  const entry = await chat.waitForActivity(
    (e) => e.direction === 'fromBot' && JSON.stringify(e.activity?.attachments ?? []).includes(`"title":"${title}"`),
    { description: `a card with "${title}"` });
  const url = findOpenUrlIn(entry.activity.attachments, title);
  assert.ok(url, `"${title}" has an address`);
  return url;
}

function findOpenUrlIn(node, title) {
  if (Array.isArray(node)) return node.map((n) => findOpenUrlIn(n, title)).find(Boolean);
  if (node && typeof node === 'object') {
    if (node.type === 'Action.OpenUrl' && node.title === title) return node.url;
    return Object.values(node).map((n) => findOpenUrlIn(n, title)).find(Boolean);
  }
  return undefined;
}
