// The good-practice exchange end to end in the Playground: share → the editors ask for changes → edit → approve,
// with a screenshot of each step a person sees (artifacts/e2e/good-practice-*.png).
// Priya Shah (the Playground's user, in the L&D Support Team in community.yml) shares an example in her personal chat
// and, as a good-practice editor, moderates it in the L&D channel. Then Tom Okafor shares one about dementia (his side
// played by Teams-shaped activities: the Playground has one user), Priya approves it, and as a lead for dementia she
// gets the alert in her personal chat and says her team is trying it too.
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAnswered, COMMUNITY_STACK, sharedStack, TOM } from './harness.mjs';

const TITLE = 'A one-page medicines summary at discharge';
const TOPIC = 'Medicines';
const CHANGES = 'Please say how many discharges the figures cover.';
const TOMS_TITLE = 'Life story books with families at home visits';

let stack;
let chat;

describe('good practice', () => {
  before(async () => {
    stack = await sharedStack(COMMUNITY_STACK);
  });

  afterEach(async (t) => {
    await chat?.screenshot(`good-practice-${t.name}-end`).catch(() => {});
    chat = undefined;
    await stack.closePages();
  });

  test('an example is shared, sent back for changes, edited and approved', { timeout: 180_000 }, async () => {
    chat = await stack.openPlayground();
    await chat.waitUntilConnected();

    // The L&D channel, where the editors check examples (choosing it again is fine).
    await chat.chooseLdChannel();

    // 1. Share, in four steps.
    await chat.switchTo('personal');
    assertAnswered(await chat.send('share'), 'share');
    let form = await chat.waitForCard('Step 1 of 4');
    await form.getByLabel(/A short title/).fill(TITLE);
    await form.getByLabel(/What was the problem/).fill('Care homes often received people back from hospital without a clear list of their medicines.');
    await form.getByLabel(/What did you do, and who was involved/).fill('Ward pharmacists and the discharge team wrote a one-page summary that goes with every person.');
    await chat.screenshot('good-practice-1-story');
    await chat.press('Next', form, 'step 1');

    form = await chat.waitForCard('Step 2 of 4');
    await form.getByLabel(/What changed/).fill('Calls from care homes about medicines fell from about 30 a month to 8.');
    await form.getByLabel(/What would you do differently/).fill('We would ask the care homes what they needed before we started; our first version missed it.');
    await chat.press('Next', form, 'step 2');

    form = await chat.waitForCard('Step 3 of 4');
    await chat.choose(form, /Who should colleagues contact/, 'Me, through Teams');
    await form.getByLabel(/Your organisation's name/).fill('Riverside Community Hospital');
    await chat.choose(form, /Kind of organisation/, 'Acute hospital trust');
    await form.getByText(TOPIC, { exact: true }).click();
    await form.getByText(/My organisation is happy/).click();
    await chat.choose(form, /How should it be credited/, 'My organisation only');
    await chat.screenshot('good-practice-1-details');
    await chat.press('Next', form, 'step 3');

    form = await chat.waitForCard('Step 4 of 4');
    assert.match(await form.innerText(), /Riverside Community Hospital/);
    await chat.screenshot('good-practice-1-check');
    await chat.press('Send to the editors', form, 'send');
    await chat.waitForCard('Thank you: your example is with the good-practice editors');
    await chat.screenshot('good-practice-1-sent');

    // 2. In the L&D channel: the editor asks for changes.
    await chat.switchTo('team');
    let moderation = await chat.waitForCard(`Good practice to check: ${TITLE}`, { timeoutMs: 30_000 });
    assert.match(await moderation.innerText(), /Awaiting an editor/);
    await chat.screenshot('good-practice-2-moderation');
    await chat.press('Ask for changes', moderation);
    moderation = await chat.waitForCard(`Good practice to check: ${TITLE}`);
    await moderation.getByLabel(/What should the contributor change/).fill(CHANGES);
    await chat.press('Send back for changes', moderation);
    await chat.waitForCard('Changes asked for: waiting for the contributor');
    await chat.screenshot('good-practice-2-changes-asked');

    // 3. In the personal chat: the contributor is told, edits the same draft and sends it again.
    await chat.switchTo('personal');
    const notice = await chat.waitForCard('The good-practice editors asked for changes', { timeoutMs: 30_000 });
    assert.match(await notice.innerText(), new RegExp(CHANGES.slice(0, 30)));
    await chat.screenshot('good-practice-3-changes-notice');
    await chat.press('Edit your example', notice);
    // The draft opens where it was left, at the check step, with the editors' comment on it.
    form = await chat.waitForCard('Step 4 of 4');
    assert.match(await form.innerText(), new RegExp(CHANGES.slice(0, 30)));
    await chat.screenshot('good-practice-3-edit');
    await chat.press('Change what changed', form);
    form = await chat.waitForCard('Step 2 of 4');
    await form.getByLabel(/What changed/).fill('Calls from care homes about medicines fell from about 30 a month to 8, over 410 discharges in six months.');
    await chat.press('Next', form, 'step 2 again');
    await chat.press('Next', await chat.waitForCard('Step 3 of 4'), 'step 3 again');
    form = await chat.waitForCard('Step 4 of 4');
    assert.match(await form.innerText(), /410 discharges/);
    await chat.press('Send to the editors', form, 'send again');
    await chat.waitForCard('Thank you: your example is with the good-practice editors');

    // 4. In the L&D channel: the same card, sent again, is approved.
    await chat.switchTo('team');
    moderation = await chat.waitForCard('Sent again with the changes asked for', { timeoutMs: 30_000 });
    assert.match(await moderation.innerText(), /410 discharges/);
    await chat.press('Approve', moderation);
    await chat.waitForCard('Approved by an editor');
    await chat.screenshot('good-practice-4-approved');

    await chat.switchTo('personal');
    await chat.waitForCard('Your example has been approved', { timeoutMs: 30_000 });
    await chat.screenshot('good-practice-4-approved-notice');
  });

  test('an approved example reaches a lead for its topic, who says they are trying it too', { timeout: 180_000 }, async () => {
    chat = await stack.openPlayground();
    await chat.waitUntilConnected();
    await chat.chooseLdChannel();

    // Priya is a lead for dementia who hears straight away (the feedback-signals walk may have added her already).
    await chat.switchTo('personal');
    await chat.send('add lead');
    const leadForm = await chat.waitForCard('Add a lead');
    await leadForm.getByLabel(/Work email address or Entra object id/).fill('priya.shah@community.example');
    await leadForm.getByLabel(/Role title/).fill('Community support team leader');
    await leadForm.getByLabel(/^Organisation/).fill('Harbour Lane Community Trust');
    await chat.choose(leadForm, /Kind of organisation/, 'Voluntary sector');
    await chat.choose(leadForm, /Topics that should reach them/, 'Dementia', { multiple: true });
    await leadForm.getByRole('radio', { name: 'Tell me straight away' }).check();
    await chat.press('Save', leadForm, 'save the lead');
    await chat.waitForCard(/Added Priya Shah to the register|Priya Shah is back in the register|already in the register/);

    // Tom shares an example about dementia from his own chat.
    const tom = stack.colleague(chat.context, TOM);
    await tom.openChat();
    let card = await tom.press('practice.share', {});
    card = await tom.pressOnCard(card, 'practice.next', {
      title: TOMS_TITLE,
      problem: 'Volunteers visiting people with dementia at home found it hard to start a conversation.',
      whatWeDid: 'Families and volunteers made a short life story book together at the first visit.',
    });
    card = await tom.pressOnCard(card, 'practice.next', {
      whatChanged: 'Volunteers said visits felt easier; families asked for books for respite stays too.',
    });
    card = await tom.pressOnCard(card, 'practice.next', {
      contact: 'me', organisationName: 'Harbour Lane Community Trust', organisationKind: 'voluntary-sector',
      topics: 'dementia', consent: 'true', attribution: 'organisation-only',
    });
    assert.match(JSON.stringify(card), /Step 4 of 4/);
    assert.match(JSON.stringify(await tom.pressOnCard(card, 'practice.submit')), /with the good-practice editors/);

    // Priya approves it in the L&D channel.
    await chat.switchTo('team');
    const moderation = await chat.waitForCard(`Good practice to check: ${TOMS_TITLE}`, { timeoutMs: 30_000 });
    await chat.press('Approve', moderation);
    await chat.waitForCard(new RegExp(`${TOMS_TITLE}[\\s\\S]*Approved by an editor`));

    // The alert reaches her personal chat, through the delivery engine.
    await chat.switchTo('personal');
    const alert = await chat.waitForCard('Good practice for you', { timeoutMs: 30_000 });
    const alertText = await alert.innerText();
    assert.match(alertText, new RegExp(TOMS_TITLE));
    assert.match(alertText, /Harbour Lane Community Trust/);
    assert.doesNotMatch(alertText, /Tom Okafor/, 'credited to the organisation only');
    await chat.screenshot('good-practice-5-lead-alert');

    await chat.press("We're trying this too", alert);
    await chat.waitForCard(/Recorded:.*trying this too/);
    await chat.screenshot('good-practice-6-trying-too');
  });
});
