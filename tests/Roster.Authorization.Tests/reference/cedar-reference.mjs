// Decides Roster's differential test cases with the reference Cedar engine (npm @cedar-policy/cedar-wasm,
// pinned in package.json). Usage: node cedar-reference.mjs cases.json answers.json
//                             or: node cedar-reference.mjs --schemas schemas.json answers.json
//
// cases.json:   [{ "policies": "<Cedar text>", "entities": [<Cedar JSON entities>],
//                  "requests": [{ "principal": {"type","id"}, "action": …, "resource": …, "context": {…} }] }]
// answers.json: [{ "parsed": bool, "parseErrors": [string],
//                  "answers": [{ "decision": "allow"|"deny", "reasons": [id], "errored": [id] }
//                            | { "failure": [string] }] }]
// One process decides every case, so the WebAssembly module is loaded once per test run; each policy set is
// parsed once (preparsePolicySet) and then decides its requests (statefulIsAuthorized, the same authorizer
// as isAuthorized without parsing the policies again for every request).
//
// --validate: items.json is [{ "schema": <a JSON schema>, "policies": "<Cedar text>" }]; answers.json is one entry
// for each: { "invalid": [ids of the policies with validation errors, in strict mode], "warned": [ids of those
// with warnings] } or { "errors": [string]
// } when the reference cannot validate (a policy or the schema does not parse).
//
// --schemas: schemas.json is [{ "json": <a JSON schema> } | { "text": "<Cedar schema text>" }]; answers.json is
// one entry for each: { "text": <the JSON schema as schemaToText writes it, for a JSON item>,
// "json": <schemaToJson of that text> } or { "errors": [string] } when the reference refuses the schema.
import { readFileSync, writeFileSync } from 'node:fs';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';

const mode = ['--schemas', '--validate'].includes(process.argv[2]) ? process.argv[2] : '';
const [input, output] = process.argv.slice(mode ? 3 : 2);
if (!input || !output) {
  console.error('usage: node cedar-reference.mjs [--schemas | --validate] cases.json answers.json');
  process.exit(2);
}

const messages = (errors) => errors.map((e) => e.message);

function decide(testCase, index) {
  const id = `case${index}`;
  const parse = cedar.preparsePolicySet(id, { staticPolicies: testCase.policies });
  if (parse.type !== 'success') {
    return { parsed: false, parseErrors: messages(parse.errors), answers: [] };
  }
  const answers = testCase.requests.map((request) => {
    const answer = cedar.statefulIsAuthorized({ ...request, preparsedPolicySetId: id, entities: testCase.entities });
    if (answer.type !== 'success') return { failure: messages(answer.errors) };
    const { decision, diagnostics } = answer.response;
    return { decision, reasons: diagnostics.reason, errored: diagnostics.errors.map((e) => e.policyId) };
  });
  return { parsed: true, parseErrors: [], answers };
}

function convertSchema(item) {
  let text = item.text;
  if (item.json !== undefined) {
    const written = cedar.schemaToText(item.json);
    if (written.type !== 'success') return { errors: messages(written.errors) };
    text = written.text;
  }
  const read = cedar.schemaToJson(text);
  if (read.type !== 'success') return { text, errors: messages(read.errors) };
  return { text, json: read.json };
}

function validate(item) {
  const answer = cedar.validate({
    schema: item.schema,
    policies: { staticPolicies: item.policies },
    validationSettings: { mode: 'strict' },
  });
  if (answer.type !== 'success') return { errors: messages(answer.errors) };
  const ids = (list) => [...new Set(list.map((e) => e.policyId))].sort();
  return { invalid: ids(answer.validationErrors), warned: ids(answer.validationWarnings) };
}

const items = JSON.parse(readFileSync(input, 'utf8'));
const answer = { '--schemas': convertSchema, '--validate': validate }[mode] ?? decide;
writeFileSync(output, JSON.stringify(items.map(answer)));
