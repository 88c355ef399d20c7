// The foundation every capability builds on: welcome card, help, the "coming soon" placeholder,
// and a friendly answer to anything the bot does not understand — driven through the Playground.
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

  test('answers a thanks briefly, never with a greeting or the welcome card', { timeout: 90_000 }, async () => {
    const chat = await connectedChat();
    await chat.waitForCard('LearningBot');

    await chat.send('thanks!');

    const reply = await chat.waitForBotMessage(/You're welcome/);
    const text = await reply.innerText();
    assert.match(text, /You're welcome/);
    assert.doesNotMatch(text, /Ask a learning question|Hello/, 'a short reply, not the welcome card');
  });
});
