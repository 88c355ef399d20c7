// The learning directory through the Playground: a person asks for a course in their own words and gets the
// directory card, with the shipped sample offers' next dates and a button to book with the organisation that runs it.
// The default tenant's person has no known organisation, so only offers open to everyone are shown.
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_STACK, sharedStack } from './harness.mjs';

let stack;
let chat;

/** Every object in a card with a type starting "Action.". */
function actions(node) {
  if (Array.isArray(node)) return node.flatMap(actions);
  if (node === null || typeof node !== 'object') return [];
  const own = typeof node.type === 'string' && node.type.startsWith('Action.') ? [node] : [];
  return own.concat(Object.values(node).flatMap(actions));
}

describe('directory', () => {
  before(async () => {
    stack = await sharedStack(DEFAULT_STACK);
  });

  afterEach(async () => {
    chat = undefined;
    await stack.closePages();
  });

  test('answers a course question with the offers, their next dates and a way to book', { timeout: 25_000 }, async () => {
    chat = await stack.openPlayground();
    await chat.waitUntilConnected();
    await chat.waitForCard('LearningBot');

    const sent = await chat.send('any courses on dementia?');

    assert.ok(sent.status < 400, `the bot answered HTTP ${sent.status}: ${JSON.stringify(sent.response)}`);
    const card = await chat.waitForCard('Courses you can book');
    const text = await card.innerText();
    assert.match(text, /[Dd]ementia/);
    assert.match(text, /Next dates/);
    assert.match(text, /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} \w+, \d/, 'a session date in words');
    assert.match(text, /Book with .+: https:\/\//);
    assert.match(text, /Sample offer/);
    // The Playground names an open-URL action after its title, and may add that it opens a new window.
    const book = card.getByRole('button', { name: /^Book\b/ }).or(card.getByRole('link', { name: /^Book\b/ }));
    assert.ok(await book.count() >= 1, 'a Book button on the card');
    const sentCards = chat.activityLog.filter((e) => e.direction === 'fromBot').flatMap((e) => e.activity?.attachments ?? []);
    const bookActions = sentCards.flatMap((a) => actions(a.content)).filter((a) => a.type === 'Action.OpenUrl' && a.title === 'Book');
    assert.ok(bookActions.length >= 1, 'the card carries a Book action');
    assert.ok(bookActions.every((a) => a.url.startsWith('https://')), 'each Book action opens the organisation\'s booking page');
    await chat.screenshot('directory-answer');
  });
});
