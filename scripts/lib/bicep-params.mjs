// Checks a deployment parameters file against the ARM template that `bicep build` made from it:
// every parameter in the file exists in the template, and every value has the declared type and
// meets its allowed values, lengths and ranges (array items too, through the template's types).
// Parameters the template requires but the file leaves out are listed: they must be given on the
// command line (infra/README.md shows how).
// Usage: node bicep-params.mjs <template.json> <parameters.json>. Exits 1 on any problem.
import { readFileSync } from 'node:fs';

const [templatePath, parametersPath] = process.argv.slice(2);
const template = JSON.parse(readFileSync(templatePath, 'utf8'));
const file = JSON.parse(readFileSync(parametersPath, 'utf8'));
const problems = [];

function resolve(schema) {
  const ref = schema?.$ref?.match(/^#\/definitions\/(.+)$/);
  return ref ? { ...template.definitions?.[ref[1]], ...schema, $ref: undefined } : schema;
}

function typeOf(value) {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'number';
  if (typeof value === 'boolean') return 'bool';
  return typeof value; // string, object
}

function check(where, declared, value) {
  const schema = resolve(declared);
  const want = schema.type?.toLowerCase().replace(/^secure/, '');
  if (want && typeOf(value) !== want) {
    problems.push(`${where}: expected ${want}, got ${typeOf(value)}`);
    return;
  }
  if (schema.allowedValues && !schema.allowedValues.includes(value)) {
    problems.push(`${where}: ${JSON.stringify(value)} is not one of ${schema.allowedValues.join(', ')}`);
  }
  const length = typeof value === 'string' || Array.isArray(value) ? value.length : null;
  if (length !== null && schema.minLength !== undefined && length < schema.minLength) {
    problems.push(`${where}: length ${length} is below the minimum ${schema.minLength}`);
  }
  if (length !== null && schema.maxLength !== undefined && length > schema.maxLength) {
    problems.push(`${where}: length ${length} is above the maximum ${schema.maxLength}`);
  }
  if (typeof value === 'number' && schema.minValue !== undefined && value < schema.minValue) {
    problems.push(`${where}: ${value} is below the minimum ${schema.minValue}`);
  }
  if (typeof value === 'number' && schema.maxValue !== undefined && value > schema.maxValue) {
    problems.push(`${where}: ${value} is above the maximum ${schema.maxValue}`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => check(`${where}[${i}]`, schema.items, item));
  }
}

const declared = template.parameters ?? {};
for (const [name, entry] of Object.entries(file.parameters ?? {})) {
  if (!(name in declared)) {
    problems.push(`${name}: not a parameter of the template`);
  } else if ('reference' in entry) {
    // a Key Vault reference: checked by Azure at deployment time
  } else if (!('value' in entry)) {
    problems.push(`${name}: has neither "value" nor "reference"`);
  } else {
    check(name, declared[name], entry.value);
  }
}

const fromCommandLine = Object.entries(declared)
  .filter(([name, p]) => !('defaultValue' in p) && !p.nullable && !(name in (file.parameters ?? {})))
  .map(([name]) => name);
if (fromCommandLine.length) {
  console.log(`required on the command line: ${fromCommandLine.join(', ')}`);
}

for (const problem of problems) console.error(`${parametersPath}: ${problem}`);
process.exit(problems.length ? 1 : 0);
