// Feeds every golden payload to the page's own modules (dashboard/src/contract.js and
// fleet-state.js, the code the browser runs) and prints, as JSON, what the page made of each:
// the C# test compares it with the C# reader. Usage: node page-reads-golden.mjs <dashboard/src> <golden>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [source, golden] = process.argv.slice(2);
const contract = await import(pathToFileURL(join(source, 'contract.js')));
const { FleetState } = await import(pathToFileURL(join(source, 'fleet-state.js')));

const prefix = 'edgeemotion/site-a';
const now = Date.parse('2026-11-25T12:00:00Z');
const files = {};
for (const name of readdirSync(golden).filter((n) => n.endsWith('.json') || n.endsWith('.txt')).sort()) {
  const kind = name.split(/[-.]/)[0];
  const topic = contract.parseTopic(prefix, `${prefix}/kiosk-07/${kind}`);
  const state = new FleetState();
  const accepted = state.apply(topic.device, topic.kind, readFileSync(join(golden, name), 'utf8'), now, kind === 'stats' || kind === 'status');
  const d = state.devices.get(topic.device);
  files[name] = {
    topic,
    accepted,
    status: d?.status,
    window: d?.windows[0] ?? null,
    visit: d?.visits[0] ?? null,
    stats: d?.stats ?? null,
    statsReceived: d?.statsReceived ?? 0,
    faces: d?.faces ?? null,
  };
}

const topics = ['a/b/kiosk-07/stats', 'edgeemotion/kiosk-07/emotions', 'edgeemotion/kiosk-07/extra/stats', 'edgeemotion//stats', 'edgeemotion/kiosk-07/weather'];
console.log(JSON.stringify({
  emotions: contract.EMOTIONS,
  kinds: contract.KINDS,
  fleetTopics: contract.fleetTopics('edgeemotion'),
  facesTopic: contract.facesTopic('edgeemotion', 'kiosk-07'),
  parsed: Object.fromEntries(topics.map((t) => [t, contract.parseTopic(t.startsWith('a/b') ? 'a/b' : 'edgeemotion', t)])),
  files,
}));
