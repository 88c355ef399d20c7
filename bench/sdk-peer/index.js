// Benchmark peer: the canonical Bot Framework JavaScript SDK echo bot.
// CloudAdapter + ConfigurationBotFrameworkAuthentication with empty credentials is the SDK's
// local (Emulator) mode: no inbound auth, outbound calls without a token.
'use strict';

const restify = require('restify');
const {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory
} = require('botbuilder');

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = `Echo: ${context.activity.text}`;
      await context.sendActivity(MessageFactory.text(text, text));
      await next();
    });
  }
}

const auth = new ConfigurationBotFrameworkAuthentication({
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
  MicrosoftAppType: 'MultiTenant',
  MicrosoftAppTenantId: ''
});
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => {
  console.error(`turn error: ${error && error.message}`);
};

const bot = new EchoBot();
const server = restify.createServer({ handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser());
server.get('/healthz', (req, res, next) => {
  res.send(200, { status: 'ok' });
  return next();
});
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});

const port = Number(process.env.PORT || 3979);
server.listen(port, process.env.HOST || '127.0.0.1', () => {
  console.log(`sdk peer listening on ${server.url}`);
});
