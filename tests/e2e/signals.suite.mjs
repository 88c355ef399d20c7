// Feedback signals end to end in the Playground: log → moderate → alert → learning needs analysis → "you said, we did",
// with a screenshot of each step a person sees (artifacts/e2e/signals-*.png).
// Priya Shah (the Playground's user, in the L&D Support Team in community.yml) plays every part: the L&D Support Team
// makes her liaison staff and a feedback moderator, and she adds herself to the register of leads so the alert
// reaches her. Her three concerns come from two sources, which crosses the default alert rule on the third acceptance.
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertAnswered, ARTIFACTS_DIR, COMMUNITY_STACK, sharedStack } from './harness.mjs';

const THEME = 'Dementia';
const ORGANISATION_KIND = 'Voluntary sector';
const SERVICE_AREA = 'Home care';
const SOURCES = ['PALS (Patient Advice and Liaison Service)', 'Survey or comment card', 'PALS (Patient Advice and Liaison Service)'];
const NEED = 'Home care volunteers are not sure how to support people with dementia who become distressed at visits.';
const DONE = 'Dementia Friends sessions for every home care volunteer team, and a monthly learning set for coordinators.';

let stack;
let chat;

describe('signals', () => {
  before(async () => {
    stack = await sharedStack(COMMUNITY_STACK);
  });

  afterEach(async (t) => {
    await chat?.screenshot(`signals-${t.name}-end`).catch(() => {});
    chat = undefined;
    await stack.closePages();
  });

  test('three concerns are moderated into an alert, the lead starts an analysis and tells the liaison staff what was done',
    { timeout: 180_000 }, async () => {
      const started = Date.now();
      chat = await stack.openPlayground();
      await chat.waitUntilConnected();

      // 1. In the team channel: the L&D channel (the escalation suite may have chosen it already; choosing it again is fine).
      await chat.chooseLdChannel();
      await chat.screenshot('signals-1-expert-channel');

      // 2. In the personal chat: Priya adds herself to the register of leads for dementia in the voluntary sector.
      await chat.switchTo('personal');
      assertAnswered(await chat.send('add lead'), 'add lead');
      const leadForm = await chat.waitForCard('Add a lead');
      await leadForm.getByLabel(/Work email address or Entra object id/).fill('priya.shah@community.example');
      await leadForm.getByLabel(/Role title/).fill('Community support team leader');
      await leadForm.getByLabel(/^Organisation/).fill('Harbour Lane Community Trust');
      await chat.choose(leadForm, /Kind of organisation/, ORGANISATION_KIND);
      await chat.choose(leadForm, /Topics that should reach them/, THEME, { multiple: true });
      await leadForm.getByRole('radio', { name: 'Tell me straight away' }).check();
      await chat.screenshot('signals-2-lead-form');
      await chat.press('Save', leadForm, 'save the lead');
      const register = await chat.waitForCard(/Added Priya Shah to the register|Priya Shah is back in the register/);
      assert.match(await register.innerText(), /Dementia/);
      await chat.screenshot('signals-2-lead-added');

      // 3. Three concerns about the theme, from two sources, through the feedback form.
      // The first from the command, the others from Log another on the thank-you card, as a person logging several would.
      assertAnswered(await chat.send('feedback'), 'feedback');
      for (const [index, source] of SOURCES.entries()) {
        if (index > 0) await chat.press('Log another', await chat.waitForCard('Thank you — the L&D team will check it'));
        const form = await chat.waitForCard('Record a feedback signal');
        await chat.choose(form, /Where did you hear it/, source);
        await chat.choose(form, /Which kind of organisation/, ORGANISATION_KIND);
        await chat.choose(form, /Which service/, SERVICE_AREA);
        await chat.choose(form, /What was it about/, THEME);
        await chat.choose(form, /Concern or compliment/, 'A concern');
        await chat.choose(form, /How often has it come up/, index === 0 ? '2 to 4 times' : 'Once');
        await chat.choose(form, /skills or knowledge, or something else/, 'Skills or knowledge');
        if (index === 0) {
          await form.getByLabel(/Anything else the L&D team should know/).fill('Families said volunteers did not know how to calm someone who was confused at a visit.');
          await chat.screenshot('signals-3-feedback-form');
        }
        await chat.press('Log', form, `log concern ${index + 1}`);
        await chat.waitForCard('Thank you — the L&D team will check it');
      }
      await chat.screenshot('signals-3-logged');

      // 4. In the team channel: a moderation card for each; accepting the third raises the alert.
      await chat.switchTo('team');
      const awaiting = chat.cards('Awaiting moderation').filter({ hasText: `Feedback signal: ${THEME}` });
      await chat.waitForCard(`Feedback signal: ${THEME}`);
      await chat.waitVisible(awaiting.nth(2), 'three moderation cards in the L&D channel', 20_000);
      await chat.screenshot('signals-4-moderation-queue');
      for (let accepted = 1; accepted <= 3; accepted++) {
        const card = awaiting.first();
        await chat.press('Accept', card, `accept signal ${accepted}`);
        await chat.page.waitForFunction(
          (left) => [...document.querySelectorAll('.ac-adaptiveCard')]
            .filter((c) => c.innerText.includes('Awaiting moderation') && c.innerText.includes('Feedback signal: Dementia')).length <= left,
          3 - accepted, { timeout: 20_000 });
      }
      await chat.waitForCard('Accepted by a moderator');
      await chat.screenshot('signals-4-accepted');

      // 5. In the personal chat: the alert, sent by the delivery engine.
      await chat.switchTo('personal');
      const alert = await chat.waitForCard(`Feedback theme alert: ${THEME}`, { timeoutMs: 30_000 });
      const alertText = await alert.innerText();
      assert.match(alertText, /Voluntary sector/);
      assert.match(alertText, /Home care/);
      assert.match(alertText, /fewer than 5/i, `concerns shown as a band: ${alertText}`);
      assert.doesNotMatch(alertText, /(^|[^\d£-])[1-4](?![\d,.]?\d)/m, `no count below 5 as a number on the alert: ${alertText}`);
      assert.match(alertText, /PALS/);
      assert.match(alertText, /Survey or comment card/);
      await chat.screenshot('signals-5-alert');

      await chat.press("I'll take this", alert);
      const taken = await chat.waitForCard('Taken by a lead.');
      await chat.screenshot('signals-5-taken');

      await chat.press('Learning needs analysis', taken);
      const draft = await chat.waitForCard(`Learning needs analysis: ${THEME}`);
      assert.match(await draft.innerText(), /Draft: not ready yet/);
      assert.match(await draft.getByLabel(/The service need/).inputValue(), /dementia/i);
      await chat.screenshot('signals-5-lna-draft');

      await draft.getByLabel(/The service need/).fill(NEED);
      await chat.press('Save', draft, 'save the analysis');
      const saved = await chat.waitForCard('Saved.');
      assert.equal(await saved.getByLabel(/The service need/).inputValue(), NEED);
      await chat.screenshot('signals-5-lna-saved');

      const printUrl = await saved.getByRole('link', { name: /Open a printable page/ }).getAttribute('href');
      assert.ok(printUrl, 'the draft links to its printable page');
      const printable = await chat.page.context().newPage();
      try {
        const opened = await printable.goto(printUrl);
        assert.equal(opened.status(), 200);
        assert.match(await printable.locator('h1').innerText(), new RegExp(`Learning needs analysis: ${THEME}`));
        assert.match(await printable.locator('body').innerText(), new RegExp(NEED.slice(0, 40)));
        await printable.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
        await printable.emulateMedia({ media: 'print' });
        await printable.screenshot({ path: join(ARTIFACTS_DIR, 'signals-5-lna-print.png'), fullPage: true });
      } finally {
        await printable.close();
      }

      // 6. Back to the alert, record what was done; the liaison staff who logged the signals (Priya) are told.
      await chat.press('Back to the alert', saved);
      const back = await chat.waitForCard(`Feedback theme alert: ${THEME}`);
      assert.match(await back.innerText(), /Taken by a lead\./);
      await chat.screenshot('signals-6-back-to-alert');

      await chat.press('Record what we did', back);
      const record = await chat.cards(`Feedback theme alert: ${THEME}`).filter({ has: chat.page.getByRole('button', { name: 'Save what we did' }) }).last();
      await record.waitFor();
      await record.getByLabel(/What was done/).fill(DONE);
      await chat.screenshot('signals-6-record-form');
      await chat.press('Save what we did', record);
      await chat.waitForCard('Saved. The liaison staff who passed this feedback on have been told what was done.');

      const told = await chat.waitForCard(`You said, we did: ${THEME}`, { timeoutMs: 30_000 });
      assert.match(await told.innerText(), new RegExp(DONE.slice(0, 40)));
      await chat.screenshot('signals-6-you-said-we-did');

      console.log(`# signals: the walk took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
});
