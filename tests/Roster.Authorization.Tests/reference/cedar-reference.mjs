// Decides Roster's differential test cases with the reference Cedar engine (npm @cedar-policy/cedar-wasm,
// pinned in package.json). Usage: node cedar-reference.mjs cases.json answers.json
//
// cases.json:   [{ "policies": "<Cedar text>", "entities": [<Cedar JSON entities>],
//                  "requests": [{ "principal": {"type","id"}, "action": …, "resource": …, "context": {…} }] }]
// answers.json: [{ "parsed": bool, "parseErrors": [string],
//                  "answers": [{ "decision": "allow"|"deny", "reasons": [id], "errored": [id] }
//                            | { "failure": [string] }] }]
// One process decides every case, so the WebAssembly module is loaded once per test run; each policy set is
// parsed once (preparsePolicySet) and then decides its requests (statefulIsAuthorized, the same authorizer
// as isAuthorized without parsing the policies again for every request).
import { readFileSync, writeFileSync } from 'node:fs';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node cedar-reference.mjs cases.json answers.json');
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

const cases = JSON.parse(readFileSync(input, 'utf8'));
writeFileSync(output, JSON.stringify(cases.map(decide)));
