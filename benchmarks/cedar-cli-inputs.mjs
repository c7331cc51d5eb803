// Writes the inputs of benchmarks/cedar-cli.sh into a folder: policies.cedar, entities.json, request.json and a
// policy test suite suite.json of N requests whose expected decisions and reasons are computed here, from the
// same rules the policies state, so that the timed run must also pass every request.
//
//   node cedar-cli-inputs.mjs FOLDER REQUESTS
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder, requestArg] = process.argv.slice(2);
const requestCount = Number(requestArg ?? 10000);
const users = 1000, groups = 20, folders = 10, docs = 500;

// A small deterministic generator (mulberry32), so that every run times the same inputs.
let state = 20261122;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (n) => Math.floor(random() * n);

const user = (i) => ({ group: i % groups, level: i % 4 });
const doc = (j) => ({ owner: (j * 7) % users, level: j % 5, folder: j % folders });

const policies = [
  '// Documents: group members view their folders, owners view and edit, clearance limits editing.',
  '@id("owner")\npermit (principal, action in [Action::"view", Action::"edit"], resource)\nwhen { resource.owner == principal };',
  '@id("clearance")\nforbid (principal, action == Action::"edit", resource)\nwhen { resource.level > context.clearance };',
  '@id("seniors-view-archive")\npermit (principal is User, action == Action::"view", resource in Folder::"f0")\nwhen { principal.level >= 2 };',
  ...Array.from({ length: groups }, (_, g) =>
    `@id("group-${g}")\npermit (principal in Group::"g${g}", action == Action::"view", resource in Folder::"f${g % folders}");`),
].join('\n\n') + '\n';

const uid = (type, id) => ({ type, id });
const entities = [
  ...Array.from({ length: groups }, (_, g) => ({ uid: uid('Group', `g${g}`), attrs: {}, parents: [] })),
  ...Array.from({ length: folders }, (_, f) => ({ uid: uid('Folder', `f${f}`), attrs: {}, parents: [] })),
  ...Array.from({ length: users }, (_, i) => ({
    uid: uid('User', `u${i}`), attrs: { level: user(i).level }, parents: [uid('Group', `g${user(i).group}`)],
  })),
  ...Array.from({ length: docs }, (_, j) => ({
    uid: uid('Doc', `d${j}`),
    attrs: { owner: { __entity: uid('User', `u${doc(j).owner}`) }, level: doc(j).level },
    parents: [uid('Folder', `f${doc(j).folder}`)],
  })),
];

// The policies' rules, in JavaScript: forbids first, then permits; reasons sorted by id as Roster reports them.
function expected(i, action, j, clearance) {
  const u = user(i), d = doc(j);
  if (action === 'edit' && d.level > clearance) return { decision: 'deny', reasons: ['clearance'] };
  const reasons = [];
  if (d.owner === i) reasons.push('owner');
  if (action === 'view' && d.folder === 0 && u.level >= 2) reasons.push('seniors-view-archive');
  if (action === 'view' && d.folder === u.group % folders) reasons.push(`group-${u.group}`);
  reasons.sort();
  return { decision: reasons.length ? 'allow' : 'deny', reasons };
}

const requests = Array.from({ length: requestCount }, (_, n) => {
  // Every fourth request is the owner's, so that owner decisions are frequent.
  const j = pick(docs), i = n % 4 === 0 ? doc(j).owner : pick(users);
  const action = random() < 0.5 ? 'view' : 'edit', clearance = pick(5);
  return {
    name: `request ${n}`, principal: `User::"u${i}"`, action: `Action::"${action}"`, resource: `Doc::"d${j}"`,
    context: { clearance }, ...expected(i, action, j, clearance), errors: [],
  };
});

writeFileSync(join(folder, 'policies.cedar'), policies);
writeFileSync(join(folder, 'entities.json'), JSON.stringify(entities));
const { name, decision, reasons, errors, ...first } = requests[0];
writeFileSync(join(folder, 'request.json'), JSON.stringify(first));
writeFileSync(join(folder, 'suite.json'), JSON.stringify({ name: 'documents', policies: 'policies.cedar', entities: 'entities.json', requests }));
const allowed = requests.filter((r) => r.decision === 'allow').length;
console.log(`${policies.split('@id').length - 1} policies, ${entities.length} entities, ${requests.length} requests (${allowed} allowed)`);
