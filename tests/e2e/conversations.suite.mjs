// What the Playground, standing in for Teams, sends the bot in each kind of conversation.
// These pin the channel behaviour the bot's router relies on (conversation types, install events,
// mentions) so a Playground upgrade that changes it is noticed here first. It runs with the
// community mock tenant, whose ids have the same shapes as Teams ids (28:bot, 29:user, 19:channel).
import { afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMUNITY_STACK, sharedStack } from './harness.mjs';

let stack;
let chat;

describe('conversations', () => {
  before(async () => {
    stack = await sharedStack(COMMUNITY_STACK);
  });

  afterEach(async (t) => {
    await chat?.screenshot(`conversations-${t.name}`).catch(() => {});
    chat = undefined;
    await stack.closePages();
  });

  const toBot = (type, conversationType) => (e) =>
    e.direction === 'toBot' && e.type === type && e.activity?.conversation?.conversationType === conversationType;

  test('installs the bot in a personal chat on connect', { timeout: 90_000 }, async () => {
    chat = await stack.openPlayground();
    const update = await chat.waitUntilConnected();

    const install = await chat.waitForActivity(toBot('installationUpdate', 'personal'));
    assert.equal(install.activity.action, 'add');
    assert.equal(install.activity.channelId, 'msteams');
    const bot = chat.context.bot;
    assert.ok(update.activity.membersAdded.some((m) => m.id === bot.id), 'the bot is among the members added');
    assert.ok(update.activity.membersAdded.some((m) => m.id === chat.context.currentUser.id), 'so is the user');
    assert.equal(update.activity.recipient.id, bot.id);
    assert.equal(update.activity.serviceUrl, stack.connectorUrl.replace('127.0.0.1', 'localhost'));
  });

  test('a group chat delivers only messages that mention the bot, with a mention entity', { timeout: 90_000 }, async () => {
    chat = await stack.openPlayground();
    await chat.waitUntilConnected();

    await chat.switchTo('group');
    await chat.waitForActivity(toBot('conversationUpdate', 'groupChat'));
    const sent = await chat.send('help');

    assert.equal(sent.activity.conversation.conversationType, 'groupChat');
    assert.equal(sent.activity.conversation.isGroup, true);
    const mention = sent.activity.entities.find((e) => e.type === 'mention');
    assert.equal(mention.mentioned.id, chat.context.bot.id);
    assert.equal(sent.activity.text, `${mention.text} help`);
  });

  test('a team channel carries the team and channel in channelData', { timeout: 90_000 }, async () => {
    chat = await stack.openPlayground();
    await chat.waitUntilConnected();

    await chat.switchTo('team', { channel: 'General' });
    const update = await chat.waitForActivity(toBot('conversationUpdate', 'channel'));
    const sent = await chat.send('help');

    const team = chat.context.teams[0];
    assert.equal(update.activity.channelData.eventType, 'teamMemberAdded');
    assert.equal(sent.activity.channelData.team.id, team.id);
    assert.equal(sent.activity.conversation.conversationType, 'channel');
    // A new post starts a thread: the conversation id is the channel id plus ";messageid=<post id>".
    const [channelId, thread] = sent.activity.conversation.id.split(';');
    assert.equal(channelId, team.id, 'General has the team id');
    assert.match(thread, /^messageid=\d+$/);
    assert.ok(sent.activity.entities.some((e) => e.type === 'mention' && e.mentioned.id === chat.context.bot.id));
  });
});
