// The one-stop shop through the Playground: a question typed in the personal chat gets an answer card that can be
// rated, whose related articles open in its place with a way back; a question the knowledge base cannot answer gets an
// honest "not sure" that echoes it (cut short when long) with the way to a person; the Ask button on the menu opens the
// question form.
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

  test('answers a typed question with an article card, opens a related article and goes back, and thanks the person for a rating', { timeout: 120_000 }, async () => {
    const chat = await connectedChat();

    await chat.send('how do I find a mentor?');

    const card = await chat.waitForCard('Finding or becoming a mentor');
    const text = await card.innerText();
    assert.match(text, /Owner: L&D Support Team/);
    assert.match(text, /Related articles/);
    assert.equal(await card.getByRole('button', { name: 'Read more' }).count(), 1);
    await chat.screenshot('ask-answer-card');

    // A related article takes the card's place with a way back, and the way back brings the answer again.
    const cardsShown = await chat.cards().count();
    await chat.press('Coaching for performance and development', card);
    const related = await chat.waitForCard(/Back to the answer/);
    assert.match(await related.innerText(), /^Coaching for performance and development/);
    assert.equal(await chat.cards(/You asked: how do I find a mentor/).count(), 0, 'the article took the answer card\'s place');
    await chat.screenshot('ask-related-article');
    await chat.press('Back to the answer', related);
    const again = await chat.waitForCard(/You asked: how do I find a mentor\?/);
    assert.match(await again.innerText(), /Finding or becoming a mentor/);
    assert.equal(await chat.cards().count(), cardsShown, 'each step replaced the card: nothing piles up');
    await chat.screenshot('ask-back-to-the-answer');

    const rated = await chat.clickCardButton('👍 Yes', { card: again });

    assert.ok(rated.status < 400, `the bot answered HTTP ${rated.status}: ${JSON.stringify(rated.response)}`);
    const thanked = await chat.waitForCard('Thanks for your feedback');
    assert.match(await thanked.innerText(), /Finding or becoming a mentor/);
    assert.equal(await thanked.getByRole('button', { name: '👍 Yes', exact: true }).count(), 0, 'rating buttons are gone');
  });

  // Few of the question's words are in the article, so this is the embedding model at work: whether the bot is
  // confident enough to answer outright or lists its best matches, the exchange's article comes first.
  test('finds the article for a question in everyday words by its meaning', { timeout: 120_000 }, async () => {
    const chat = await connectedChat();

    await chat.send('our ward came up with a brilliant fix for handovers - how do other wards get to hear about it?');

    const card = await chat.waitForCard(/You asked: our ward came up with a brilliant fix/);
    const text = await card.innerText();
    const firstArticle = text.split('\n').map((line) => line.trim())
      .find((line) => /^[A-Z]/.test(line) && !/^(I'm|You asked|I couldn't|These articles|Was this|Owner|Still stuck|Ask the)/.test(line));
    assert.equal(firstArticle, 'Sharing good practice through the exchange', text);
    await chat.screenshot('ask-everyday-words');
  });

  test('says it is not sure about a question it cannot answer, echoes it first and cut short, and offers the L&D team', { timeout: 120_000 }, async () => {
    const chat = await connectedChat();
    const question = 'what time does the staff canteen close on Thursdays, as I have a training session on the second floor of the '
      + 'old building near the main car park that afternoon and would like a sandwich and a coffee before it starts';

    await chat.send(question);

    const card = await chat.waitForCard(/not sure/i);
    const text = await card.innerText();
    const echo = text.match(/^I'm not sure I can answer that\s+You asked: (.*)$/m)?.[1];
    assert.ok(echo, `the question is echoed straight under the heading: ${text}`);
    assert.ok(echo.endsWith('…') && echo.length < question.length, `a long question is cut with an ellipsis: ${echo}`);
    assert.ok(question.startsWith(echo.slice(0, -1).trimEnd()), `the echo is the start of the question: ${echo}`);
    assert.doesNotMatch(text, /coffee before it starts/);
    assert.equal(await card.getByRole('button', { name: 'Ask the L&D team', exact: true }).count(), 1);
    await chat.screenshot('ask-not-sure-long-question');
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
