// "Ask the L&D team" end to end in the Playground: the L&D team member chooses the expert channel,
// a question is escalated from the personal chat, assigned and answered in the team channel, and the
// answer arrives in the personal chat. The Playground user (Priya Shah in community.yml) is both the
// asker and the L&D team member (COMMUNITY_STACK names her in Roles__SupportTeam__0).
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAnswered, COMMUNITY_STACK, sharedStack } from './harness.mjs';

const QUESTION = 'Can our bank care workers get funding for the Level 3 Diploma in Adult Care?';
const ANSWER = 'Yes: the support scheme funds the Level 3 Diploma for bank staff who average 16 hours a week. Send me their names and I will book them onto the January cohort.';

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
      const cardsTo = (conversation) => chat.activityLog.filter((e) => e.direction === 'fromBot'
        && e.conversationId?.startsWith(conversation) && e.activity?.attachments?.length);
      await chat.waitForActivity((e) => e.direction === 'fromBot' && e.conversationId === personalChatId
        && JSON.stringify(e.activity?.attachments ?? []).includes('Answer from Priya Shah'), { description: 'the answer sent 1:1' });
      assert.ok(cardsTo(personalChatId).length >= 2, 'the picked-up notice and the answer went to the personal chat');

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
    });
});
