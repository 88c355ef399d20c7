// Binds Adaptive Card templates with the official JavaScript libraries, for conformance tests.
//
//   node tests/cards/reference.mjs <template.json> <data.json>
//     prints { card, warnings, events } for one template.
//   node tests/cards/reference.mjs --check < { template, data, bound }
//     binds like the first form, but reports the events for `bound` (a card bound elsewhere).
//   node tests/cards/reference.mjs --batch < cases.json
//     reads [{ template, data }, ...] (JSON values, not paths) and prints one result per case,
//     where a failed bind gives { error } instead of { card }.
//
// `events` are the parse and validation events the adaptivecards library raised for the bound card.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { Template } = require('adaptivecards-templating');
// The package's lib/ folder is ESM that Node cannot resolve; the UMD bundle loads fine.
const AC = require('adaptivecards/dist/adaptivecards.js');

function describe(event) {
  return {
    phase: AC.ValidationPhase[event.phase] ?? event.phase,
    event: AC.ValidationEvent[event.event] ?? event.event,
    message: event.message,
  };
}

export function parseEvents(card) {
  const events = [];
  if (card?.type !== 'AdaptiveCard') {
    return [{ phase: 'Parse', event: 'NotACard', message: 'the bound result is not an AdaptiveCard object' }];
  }
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    events.push(describe(context.getEventAt(i)));
  }
  for (const event of adaptiveCard.validateProperties().validationEvents) {
    events.push(describe(event));
  }
  return events;
}

export function bind(template, data) {
  const expander = new Template(template);
  const card = expander.expand({ $root: data });
  return { card, warnings: expander.getLastTemplateExpansionWarnings() };
}

function bindCase({ template, data }, withEvents) {
  try {
    const { card, warnings } = bind(template, data);
    return withEvents ? { card, warnings, events: parseEvents(card) } : { card, warnings };
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
}

function main(args) {
  if (args[0] === '--batch') {
    const cases = JSON.parse(readFileSync(0, 'utf8'));
    return cases.map((c) => bindCase(c, false));
  }
  if (args[0] === '--check') {
    const { template, data, bound } = JSON.parse(readFileSync(0, 'utf8'));
    return { ...bindCase({ template, data }, false), events: parseEvents(bound) };
  }
  if (args.length === 2) {
    const template = JSON.parse(readFileSync(args[0], 'utf8'));
    const data = JSON.parse(readFileSync(args[1], 'utf8'));
    return bindCase({ template, data }, true);
  }
  process.stderr.write('usage: reference.mjs <template.json> <data.json> | --check < check.json | --batch < cases.json\n');
  process.exit(2);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(JSON.stringify(main(process.argv.slice(2))));
}
