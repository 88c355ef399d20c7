// Course alerts end to end in the Playground: "add a session -> the interested person is told". Priya Shah (the
// Playground's user) asks about dementia courses, asks to hear about new dates of one course and of the topic, and sees
// both in "my course alerts"; her colleague Tom asks about the topic too. Then Priya, on the L&D Support Team and so a
// directory editor, adds a session to that course with "my offers", and each of them gets one message about the new
// date from the delivery engine: one for Priya although two of her alerts match. Screenshots: course-alerts-*.png.
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMUNITY_STACK, escapeRegExp as escape, isoDay, sharedStack, TOM } from './harness.mjs';

const COURSE = 'Dementia care on the ward (tier 2)';
const PLACE = 'Training Room, Harbour Lane Centre, Peterborough';
const ALERT = 'A new date for a course you asked about';

let stack;
let chat;

describe('course alerts', () => {
  before(async () => {
    stack = await sharedStack(COMMUNITY_STACK);
  });

  afterEach(async (t) => {
    await chat?.screenshot(`course-alerts-${t.name}-end`).catch(() => {});
    chat = undefined;
    await stack.closePages();
  });

  test('a session added in Teams reaches each person who asked about the course once', { timeout: 120_000 }, async () => {
    const started = Date.now();
    chat = await stack.openPlayground();
    await chat.waitUntilConnected();
    await chat.waitForCard('LearningBot');
    const priyasChat = chat.context.personalChat.id;

    // 1. Priya asks about dementia courses and asks to hear about new dates of the hospital's ward course.
    await chat.send('any courses on dementia?');
    const answer = await chat.waitForCard('Courses you can book');
    const course = chat.part(answer, COURSE, { button: 'Tell me about new dates' });
    await chat.screenshot('course-alerts-1-directory-answer', { from: course });
    const registered = await chat.press('Tell me about new dates', course);
    assert.match(registered.response?.value ?? '', new RegExp(`^Done: I'll tell you when a new date is added for ${escape(COURSE)}\\.`));
    await chat.page.getByText(/^Done: I'll tell you when a new date is added for Dementia care on the ward/).waitFor();
    await chat.screenshot('course-alerts-2-course-alert-added');

    // 2. And in words, about the topic.
    await chat.send('tell me about new dementia courses');
    await chat.waitForCard("Done: I'll tell you when a new date is added for a course on dementia.");
    await chat.screenshot('course-alerts-3-topic-alert-added');

    // 3. Her alerts: the course and the topic.
    await chat.send('my course alerts');
    const mine = await chat.waitForCard('Your course alerts');
    const listed = await mine.innerText();
    assert.match(listed, new RegExp(`New dates of ${escape(COURSE)}`));
    assert.match(listed, /New dates of courses on dementia/);
    assert.equal(await mine.getByRole('button', { name: 'Stop', exact: true }).count(), 2);
    await chat.screenshot('course-alerts-4-my-course-alerts');

    // Tom, in his own chat, asks about the topic.
    const tom = stack.colleague(chat.context, TOM);
    await tom.openChat();
    assert.equal((await tom.send({ type: 'message', text: 'tell me about new dementia courses' })).status, 200);
    await chat.waitForSent(tom.chat, 'a course on dementia');

    // 4. Priya, as a directory editor, adds a session to the course.
    await chat.send('my offers');
    const offers = await chat.waitForCard('Offers you can edit');
    await chat.press('Sessions', chat.part(offers, COURSE, { button: 'Sessions' }));
    const sessions = await chat.waitForCard(`Sessions: ${COURSE}`);
    await chat.screenshot('course-alerts-5-sessions');
    await chat.press('Add a session', sessions);
    const form = await chat.waitForCard(`Add a session of ${COURSE}`);
    await form.getByLabel(/^Date/).fill(isoDay(60));
    await form.getByLabel(/^Place \(/).fill(PLACE);
    await form.getByLabel(/^Places left/).fill('12');
    await chat.screenshot('course-alerts-6-session-form');
    const savedAt = Date.now();
    await chat.press('Save', form, 'save the session');
    const saved = await chat.waitForCard(/Added the session on/);
    assert.match(await saved.innerText(), new RegExp(escape(PLACE)));
    await chat.screenshot('course-alerts-7-session-added');

    // 5. The alert: in Priya's chat on screen, and in Tom's.
    const alert = await chat.waitForCard(ALERT, { timeoutMs: 30_000 });
    const alertText = await alert.innerText();
    assert.match(alertText, new RegExp(escape(COURSE)));
    assert.match(alertText, new RegExp(`${escape(PLACE)}\\. 12 places left`));
    assert.match(alertText, /Book with City General Hospital NHS Foundation Trust/);
    await chat.waitForSent(tom.chat, ALERT);
    console.log(`# course alerts: told ${((Date.now() - savedAt) / 1000).toFixed(1)} s after pressing Save`);

    // Exactly once each: sweeps run every second on this stack, so a few seconds on no second alert can come.
    await chat.page.waitForTimeout(3000);
    assert.equal(chat.botSent(priyasChat, ALERT).length, 1, 'one alert for Priya, though two of her alerts match');
    assert.equal(chat.botSent(tom.chat, ALERT).length, 1, 'one alert for Tom');
    assert.equal(await chat.cards(ALERT).count(), 1);
    await chat.screenshot('course-alerts-8-told');

    // 6. Stop these alerts, on the alert, stops both of Priya's.
    await chat.press('Stop these alerts', alert);
    const stopped = await chat.waitForCard(/Stopped: new dates of/);
    assert.match(await stopped.innerText(), /Stopped: new dates of Dementia care on the ward \(tier 2\); new dates of courses on dementia\./);
    assert.equal(await stopped.getByRole('button', { name: 'Stop', exact: true }).count(), 0);
    await chat.screenshot('course-alerts-9-stopped');

    console.log(`# course alerts: the walk took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});

