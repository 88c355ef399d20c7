// The Five Minute Review end to end: Priya (the Playground's user) reviews Tom from the welcome card in eight
// card presses (her first review starts with a one-card guide), with a screenshot of every step. Tom's side of the
// conversation (his 1:1 chat, his acknowledgment) is played by Teams-shaped activities sent straight to the bot,
// because the Playground has one user; his acknowledgment then arrives in Priya's real Playground chat.
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS_DIR, COMMUNITY_STACK, findAction, sharedStack, TOM, walkReviewSteps } from './harness.mjs';

let tom;
let tomChat;

let stack;

describe('review', () => {
  before(async () => {
    stack = await sharedStack(COMMUNITY_STACK);
  });

  afterEach(() => stack.closePages());

  test('a manager completes a first review, guide included, in at most 8 card presses and the person acknowledges it', { timeout: 240_000 }, async () => {
    const chat = await stack.openPlayground();
    await chat.waitUntilConnected();
    // Tom's 1:1 chat with the bot, made on the Playground's connector as Teams makes one: he has talked to the bot before.
    tom = stack.colleague(chat.context, TOM);
    tomChat = await tom.openChat();

    let presses = 0;
    const press = async (title, shot) => {
      const answer = await chat.clickCardButton(title);
      presses += 1;
      assert.ok(answer.status < 400, `"${title}": HTTP ${answer.status} ${JSON.stringify(answer.response)}`);
      assert.equal(answer.response?.type, 'application/vnd.microsoft.card.adaptive', `"${title}" answered with a card: ${JSON.stringify(answer.response)}`);
      if (shot) await chat.screenshot(`review-${shot}`);
      return answer;
    };

    const welcome = await chat.waitForCard('LearningBot');
    await chat.screenshot('review-0-welcome');
    await press('Start a review', '1-team');
    const team = await chat.waitForCard('Five Minute Review');
    for (const name of ['Tom Okafor', 'Grace Lewis', 'Sam Patel']) assert.match(await team.innerText(), new RegExp(name));
    assert.match(await team.innerText(), /no Teams account/, 'volunteers without Teams are listed too');
    assert.equal(await welcome.isVisible().catch(() => false), false, 'the welcome card was replaced');

    // Priya's first review starts with a one-card guide; she reads it and presses Start.
    await press('Review Tom');
    const guide = await chat.waitForCard('Your first Five Minute Review');
    assert.match(await guide.innerText(), /About five minutes/);
    assert.match(await guide.innerText(), /This guide shows only before your first review\./);
    await chat.screenshot('review-1b-guide');
    await press('Start', '2-step1-feedback');

    const shots = {
      'step1-filled': '2-step1-filled', 'step2-view': '3-step2-view', 'step3-objectives': '4-step3-objectives',
      'step3-filled': '4-step3-filled', 'step4-learning': '5-step4-learning', 'step4-filled': '5-step4-filled',
      summary: '6-summary', saved: '7-saved',
    };
    const confirm = await walkReviewSteps(chat, {
      person: 'Tom Okafor',
      press: (title, shot) => press(title, shots[shot]),
      shot: (name) => chat.screenshot(`review-${shots[name]}`),
      theirView: (card) => card.getByRole('textbox', { name: /What Tom said/ })
        .fill('Weekend staffing makes it hard to finish notes. More shadowing would help.'),
    });
    assert.ok(presses <= 8, `${presses} card presses`);

    // The bot sent Tom his copy in his own 1:1 chat, through the Playground's connector.
    const delivered = await chat.waitForActivity(
      (e) => e.direction === 'fromBot' && e.conversationId === tomChat
        && JSON.stringify(e.activity ?? {}).includes('Your Five Minute Review with Priya Shah'),
      { description: "Tom's copy sent to his chat" });
    assert.ok(delivered.status === undefined || delivered.status < 400, `the connector took Tom's copy: ${delivered.status}`);
    const reviewId = findAction(confirm.response.value, 'review.team') && JSON.stringify(confirm.response.value).match(/reviews\/([0-9a-f]{32})\/print/)?.[1];
    assert.ok(reviewId, 'the saved card links to the printable page');

    // Tom acknowledges, with a comment, from his copy.
    const ack = await tom.send({
      type: 'invoke', name: 'adaptiveCard/action',
      value: {
        action: { type: 'Action.Execute', verb: 'review.acknowledge', data: { reviewId, managerId: chat.context.currentUser.aadObjectId, comment: 'Thanks Priya, that is fair.' } },
        trigger: 'manual',
      },
    });
    assert.equal(ack.status, 200);
    assert.match(JSON.stringify(ack.body), /You acknowledged this review/);

    // ...and it arrives in Priya's chat.
    const notice = await chat.waitForCard('acknowledged their review', { timeoutMs: 30_000 });
    assert.match(await notice.innerText(), /Thanks Priya, that is fair\./);
    await chat.screenshot('review-8-acknowledged');

    // The printable page from the saved card opens as a clean HTML page.
    const printUrl = JSON.stringify(confirm.response.value).match(/"url":"([^"]+\/print\?[^"]+)"/)?.[1];
    const printable = await chat.page.context().newPage();
    const opened = await printable.goto(printUrl.replace(/\\u0026/g, '&'));
    assert.equal(opened.status(), 200);
    assert.match(await printable.locator('h1').innerText(), /Five Minute Review/);
    await printable.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await printable.emulateMedia({ media: 'print' });
    await printable.screenshot({ path: join(ARTIFACTS_DIR, 'review-9-printable.png'), fullPage: true });

    console.log(`# review: ${presses} card presses; Tom's copy delivered to ${tomChat}`);
  });

  test('someone who is not the manager cannot open a review', { timeout: 60_000 }, async () => {
    const chat = await stack.openPlayground();
    await chat.waitUntilConnected();
    const someoneElse = stack.colleague(chat.context, TOM);
    await someoneElse.openChat();
    const refused = await someoneElse.send({
      type: 'invoke', name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'review.open', data: { personId: '2b8c4d1e-5f60-4c73-8d9e-1a3f4b5c6d72' } }, trigger: 'manual' },
    });
    assert.equal(refused.status, 200);
    assert.match(JSON.stringify(refused.body), /only the manager who runs a review/);
  });
});
