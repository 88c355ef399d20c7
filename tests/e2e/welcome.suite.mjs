// The foundation every capability builds on: welcome card, help, the "coming soon" placeholder, and small talk
// answered as a person expects (the menu when someone is lost, a short "you're welcome", silence for 👍) — driven
// through the Playground.
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_STACK, sharedStack } from './harness.mjs';

// Each capability on the menu: its heading and the label of its button.
const CAPABILITIES = [
  ['Ask a learning question', 'Ask a question'],
  ['Five Minute Review', 'Start a review'],
  ['Record a feedback signal', 'Record a signal'],
  ['Share good practice', 'Share practice'],
  ['Latest digest', 'Read the digest'],
];

let stack;
let chat;

describe('welcome', () => {
  before(async () => {
    stack = await sharedStack(DEFAULT_STACK);
  });

  afterEach(async (t) => {
    await chat?.screenshot(`welcome-${t.name}`).catch(() => {});
    chat = undefined;
    await stack.closePages();
  });

  async function connectedChat() {
    chat = await stack.openPlayground();
    await chat.waitUntilConnected();
    return chat;
  }

  async function assertWelcomeCard(card) {
    assert.match(await card.innerText(), /LearningBot/);
    const text = await card.innerText();
    for (const [heading, button] of CAPABILITIES) {
      assert.ok(text.includes(heading), `heading "${heading}"`);
      assert.equal(await card.getByRole('button', { name: button, exact: true }).count(), 1, `button "${button}"`);
    }
  }

  test('shows the welcome card when the user opens a personal chat', { timeout: 90_000 }, async () => {
    const chat = await connectedChat();

    await assertWelcomeCard(await chat.waitForCard('LearningBot'));
  });

  test('shows the welcome card again when the user types help', { timeout: 90_000 }, async () => {
    const chat = await connectedChat();
    await chat.waitForCard('LearningBot');
    const cardsBefore = await chat.cards('LearningBot').count();

    await chat.send('help');

    await chat.page.waitForFunction(
      (n) => [...document.querySelectorAll('.ac-adaptiveCard')].filter((c) => c.innerText.includes('LearningBot')).length > n,
      cardsBefore, { timeout: 20_000 });
    await assertWelcomeCard(chat.cards('LearningBot').last());
  });

  test('replaces the card with the latest digest, or says plainly none has been sent yet, when Read the digest is chosen', { timeout: 90_000 }, async () => {
    const chat = await connectedChat();
    await chat.waitForCard('LearningBot');
    const cardsBefore = await chat.cards().count();

    const answer = await chat.clickCardButton('Read the digest');

    assert.ok(answer.status < 400, `the bot answered HTTP ${answer.status}: ${JSON.stringify(answer.response)}`);
    await chat.waitForCard(/No digest has been sent yet/i);
    assert.equal(await chat.cards().count(), cardsBefore, 'the card is replaced, not followed by a new one');
    assert.equal(await chat.cards('LearningBot').filter({ hasText: 'Record a feedback signal' }).count(), 0,
      'the welcome card is gone');
  });

  test('answers small talk as a person expects: the menu for "what can u do", a short thanks, and nothing for 👍', { timeout: 90_000 }, async () => {
    const chat = await connectedChat();
    await chat.waitForCard('LearningBot');

    const asked = await chat.send('what can u do');
    const menu = await chat.waitForCard('LearningBot');
    await chat.page.waitForFunction(
      () => [...document.querySelectorAll('.ac-adaptiveCard')].filter((c) => c.innerText.includes('LearningBot')).length === 2,
      null, { timeout: 20_000 });
    await assertWelcomeCard(menu);
    assert.equal(chat.repliesTo(asked).length, 1, 'one reply: the menu');
    await chat.screenshot('small-talk-1-what-can-u-do', { from: chat.ownMessage('what can u do') });

    const thanked = await chat.send('thanks!');
    const reply = await chat.waitForBotMessage(/You're welcome/);
    const text = await reply.innerText();
    assert.match(text, /You're welcome/);
    assert.doesNotMatch(text, /Ask a learning question|Hello/, 'a short reply, not the welcome card');
    assert.deepEqual(chat.repliesTo(thanked).map((e) => e.activity.attachments?.length ?? 0), [0], 'one reply, text only');
    await chat.screenshot('small-talk-2-thanks');

    // send() returns once the bot has finished the message's turn, and replies go out within the turn: any reply to 👍
    // would be in the log before "bye" is even typed.
    const thumbs = await chat.send('👍');
    const bye = await chat.send('bye');
    await chat.waitForBotMessage(/Bye for now/);
    assert.deepEqual(chat.repliesTo(thumbs), [], 'nothing at all for 👍');
    assert.equal(chat.repliesTo(bye).length, 1);
    assert.equal(await chat.cards('LearningBot').count(), 2, 'no welcome card for 👍 or bye');
    await chat.screenshot('small-talk-3-thumbs-up-then-bye');
  });
});
