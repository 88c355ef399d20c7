// "Ask the L&D team" end to end in the Playground: the L&D team member chooses the expert channel, a question is
// escalated from the personal chat, assigned and answered in the team channel, and the answer arrives in the personal
// chat, where "I still need help" keeps it on the card and takes what is missing back to the channel. The Playground
// user (Priya Shah in community.yml) is both the asker and the L&D team member (COMMUNITY_STACK names her in
// Roles__SupportTeam__0).
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAnswered, COMMUNITY_STACK, sharedStack } from './harness.mjs';

const QUESTION = 'Can our bank care workers get funding for the Level 3 Diploma in Adult Care?';
const ANSWER = 'Yes: the support scheme funds the Level 3 Diploma for bank staff who average 16 hours a week. Send me their names and I will book them onto the January cohort.';
const STILL_MISSING = 'The January cohort is full for two of them: is the March cohort funded too?';

let stack;
let chat;

describe('escalation', () => {
  before(async () => {
    stack = await sharedStack(COMMUNITY_STACK);
  });

  afterEach(async (t) => {
    await chat?.screenshot(`escalation-${t.name}-end`).catch(() => {});
    chat = undefined;
    await stack.closePages();
  });

  test('a question goes to the L&D channel, is assigned and answered there, and the answer arrives in the personal chat',
    { timeout: 240_000 }, async () => {
      chat = await stack.openPlayground();
      await chat.waitUntilConnected();

      // 1. In the team channel, the L&D team member makes it the expert channel.
      await chat.chooseLdChannel();
      await chat.screenshot('escalation-1-expert-channel-set');

      // 2. In the personal chat, ask the L&D team a question.
      await chat.switchTo('personal');
      assertAnswered(await chat.send('ask the L&D team'), 'ask the L&D team');
      const form = await chat.waitForCard('Ask the L&D team');
      await form.locator('textarea').first().fill(QUESTION);
      await chat.screenshot('escalation-2-ask-form');
      assertAnswered(await chat.clickCardButton('Send to the L&D team', { card: form }), 'send the question');
      const sent = await chat.waitForCard('Your question is with the L&D team');
      const sentText = await sent.innerText();
      const reference = sentText.match(/LD-[2-9A-Z]{4}-[2-9A-Z]{4}/)?.[0];
      assert.ok(reference, `a ticket reference on the confirmation: ${sentText}`);
      assert.match(sentText, /You'll have an answer by the end of \w+day \d+ \w+/);
      await chat.screenshot('escalation-3-question-sent');

      // 3. In the team channel, the ticket card is there: assign it, then answer it.
      await chat.switchTo('team');
      const ticket = await chat.waitForCard(reference);
      assert.match(await ticket.innerText(), new RegExp(QUESTION.slice(0, 40)));
      await chat.screenshot('escalation-4-ticket-in-channel');
      assertAnswered(await chat.clickCardButton('Assign to me', { card: ticket }), 'assign to me');
      const assigned = await chat.waitForCard('Assigned to Priya Shah');
      await chat.screenshot('escalation-5-assigned');

      await assigned.locator('textarea').first().fill(ANSWER);
      assertAnswered(await chat.clickCardButton('Send answer', { card: assigned }), 'send answer');
      await chat.waitForCard('Answered by Priya Shah');
      await chat.screenshot('escalation-6-answered-in-channel');

      // The channel card was updated in place (PUT), and the status change and answer went 1:1, proactively.
      const personalChatId = chat.context.personalChat?.id ?? 'a:personal-priya-learningbot';
      await chat.waitForSent(personalChatId, 'Answer from Priya Shah');
      assert.ok(chat.botSent(personalChatId).filter((e) => e.activity?.attachments?.length).length >= 2,
        'the picked-up notice and the answer went to the personal chat');

      // 4. Back in the personal chat: the status change and the answer have arrived.
      await chat.switchTo('personal');
      const answer = await chat.waitForCard('The L&D team answered your question', { timeoutMs: 30_000 });
      const answerText = await answer.innerText();
      assert.ok(answerText.includes(ANSWER.slice(0, 60)), `the answer text: ${answerText}`);
      assert.ok(answerText.includes(reference));
      await chat.waitForCard('Your question has been picked up');
      await chat.screenshot('escalation-7-answer-in-personal-chat');

      // The asker rates it.
      assertAnswered(await chat.clickCardButton('👍 Yes, it helped', { card: answer }), 'rate the answer');
      await chat.waitForCard("Thanks, I've told the L&D team it helped.");
      await chat.screenshot('escalation-8-rated');

      // 5. Later the asker finds something missing: the answer stays on the card, which asks what is missing.
      await chat.press('I still need help', chat.cards('The L&D team answered your question').last());
      const missing = await chat.waitForCard("What's missing?");
      assert.ok((await missing.innerText()).includes(ANSWER.slice(0, 60)), 'the answer is still on the card');
      await missing.getByRole('textbox', { name: /What's missing/ }).fill(STILL_MISSING);
      await chat.screenshot('escalation-9-whats-missing');
      await chat.press('Send to the L&D team', missing, 'say what is missing');
      const reopened = await chat.waitForCard("I've told the L&D team you still need help");
      const reopenedText = await reopened.innerText();
      assert.ok(reopenedText.includes(ANSWER.slice(0, 60)), `the answer stays after sending: ${reopenedText}`);
      assert.ok(reopenedText.includes(reference));
      await chat.screenshot('escalation-10-still-need-help-sent');

      // 6. The channel's ticket card says the asker still needs help, and why.
      await chat.switchTo('team');
      const reopenedTicket = await chat.waitForCard(`The asker still needs help: ${STILL_MISSING}`);
      const reopenedTicketText = await reopenedTicket.innerText();
      assert.ok(reopenedTicketText.includes(reference));
      assert.doesNotMatch(reopenedTicketText, /found the answer helpful/, 'the rating of the answer is taken back');
      await chat.screenshot('escalation-11-channel-still-needs-help');
    });
});
