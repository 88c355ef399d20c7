// The one-stop shop through the Playground: a question typed in the personal chat gets an answer card
// that can be rated; a question the knowledge base cannot answer gets an honest "not sure" with the
// way to a person; the Ask button on the menu opens the question form.
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_STACK, sharedStack } from './harness.mjs';

let stack;
let chat;

describe('ask', () => {
  before(async () => {
    stack = await sharedStack(DEFAULT_STACK);
  });

  afterEach(async (t) => {
    await chat?.screenshot(`ask-${t.name}`).catch(() => {});
    chat = undefined;
    await stack.closePages();
  });

  async function connectedChat() {
    chat = await stack.openPlayground();
    await chat.waitUntilConnected();
    await chat.waitForCard('LearningBot');
    return chat;
  }

  test('answers a typed question with an article card and thanks the person for a rating', { timeout: 120_000 }, async () => {
    const chat = await connectedChat();

    await chat.send('how do I find a mentor?');

    const card = await chat.waitForCard('Finding or becoming a mentor');
    const text = await card.innerText();
    assert.match(text, /Owner: L&D Support Team/);
    assert.match(text, /Related articles/);
    assert.equal(await card.getByRole('button', { name: 'Read more' }).count(), 1);
    await chat.screenshot('ask-answer-card');

    const rated = await chat.clickCardButton('👍 Yes', { card });

    assert.ok(rated.status < 400, `the bot answered HTTP ${rated.status}: ${JSON.stringify(rated.response)}`);
    const thanked = await chat.waitForCard('Thanks for your feedback');
    assert.match(await thanked.innerText(), /Finding or becoming a mentor/);
    assert.equal(await thanked.getByRole('button', { name: '👍 Yes', exact: true }).count(), 0, 'rating buttons are gone');
  });

  test('says it is not sure about a question it cannot answer and offers the L&D team', { timeout: 120_000 }, async () => {
    const chat = await connectedChat();

    await chat.send("what's the wifi password at the training centre");

    const card = await chat.waitForCard(/not sure/i);
    assert.match(await card.innerText(), /wifi password/);
    assert.equal(await card.getByRole('button', { name: 'Ask the L&D team', exact: true }).count(), 1);
  });

  test('opens the question form from the menu and answers what is typed in it', { timeout: 120_000 }, async () => {
    const chat = await connectedChat();

    await chat.clickCardButton('Ask a question');
    const form = await chat.waitForCard('What would you like to know?');
    await form.getByRole('textbox').fill('what is the five minute review');
    await chat.clickCardButton('Ask', { card: form });

    // A regular expression, as a string matches case-insensitively and the form itself holds the words typed.
    const answer = await chat.waitForCard(/You asked: what is the five minute review/);
    assert.match(await answer.innerText(), /The Five Minute Review/);
  });

  test('answers a question asked by @mentioning the bot in a team channel', { timeout: 120_000 }, async () => {
    const chat = await connectedChat();
    await chat.switchTo('team', { channel: 'General' });

    await chat.send('what is an action learning set?');

    const card = await chat.waitForCard('Action learning sets');
    assert.match(await card.innerText(), /Was this helpful\?/);
  });
});
