// The suites that run against the community mock tenant (scripts/playground/community.yml), on one shared stack,
// in this order: the conversation kinds first, as they watch the bot being installed in each; the digest last, as it
// proposes what the others left (and must not depend on it).
import { after } from 'node:test';
import { stopSharedStack } from './harness.mjs';
import './conversations.suite.mjs';
import './escalation.suite.mjs';
import './review.suite.mjs';
import './review-person.suite.mjs';
import './signals.suite.mjs';
import './good-practice.suite.mjs';
import './course-alerts.suite.mjs';
import './digest.suite.mjs';

after(stopSharedStack);
