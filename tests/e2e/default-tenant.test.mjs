// The suites that run against the Playground's built-in tenant, on one shared stack (Azurite, the bot, the
// Playground and Chromium), in this order.
import { after } from 'node:test';
import { stopSharedStack } from './harness.mjs';
import './welcome.suite.mjs';
import './ask.suite.mjs';
import './directory.suite.mjs';

after(stopSharedStack);
