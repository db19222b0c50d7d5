import mqtt from 'mqtt';
import { readSettings } from './settings.js';
import { fleetTopics, facesTopic, parseTopic } from './contract.js';
import { FleetState } from './fleet-state.js';
import { FleetView } from './fleet-view.js';
import { DeviceView } from './device-view.js';
import { h } from './dom.js';
import { HistoryView } from './history-view.js';
import { isHistoryHash } from './history-link.js';
import { apiBase, isCollector } from './history-api.js';

// The page subscribes and never publishes: it reads what devices put on the broker and talks to
// no device directly. Rendering is batched to one pass per animation frame.

const settings = readSettings(window.location);
const state = new FleetState();
const main = document.getElementById('main');
const connection = document.getElementById('connection');
const dirty = new Set();
let view = null;
let viewedFaces = null;
let frameRequested = false;

function setConnection(text, kind) {
  connection.replaceChildren(h('span', { class: `conn ${kind}`, 'data-connection': kind }, text));
}

const client = mqtt.connect(settings.broker, {
  protocolVersion: 5,
  clean: true,
  clientId: `dashboard-${Math.random().toString(16).slice(2, 10)}`,
  reconnectPeriod: 2000,
  connectTimeout: 10000,
});

client.on('connect', () => {
  setConnection(`connected to ${settings.broker} · prefix ${settings.prefix}`, 'connected');
  client.subscribe(fleetTopics(settings.prefix), { qos: 1 });
  if (viewedFaces) client.subscribe(viewedFaces, { qos: 0 });
});
client.on('reconnect', () => setConnection(`reconnecting to ${settings.broker}…`, 'reconnecting'));
client.on('offline', () => setConnection(`no connection to ${settings.broker}; retrying`, 'offline'));
client.on('error', (error) => setConnection(`${settings.broker}: ${error.message}`, 'offline'));
client.on('message', (topic, payload, packet) => {
  const parsed = parseTopic(settings.prefix, topic);
  if (!parsed) return;
  if (state.apply(parsed.device, parsed.kind, new TextDecoder().decode(payload), Date.now(), packet.retain)) {
    dirty.add(parsed.device);
    requestRender();
  }
});

function requestRender() {
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    view?.render(dirty, Date.now());
    dirty.clear();
  });
}

// A device link whose name is not valid percent-encoding (#/device/%E0%A4%A) names no device:
// the fleet is shown with a line saying the link is bad, instead of nothing at all.
function linkedDevice(hash) {
  const match = /^#\/device\/(.+)$/.exec(hash);
  if (!match) return { device: null, badLink: null };
  try {
    return { device: decodeURIComponent(match[1]), badLink: null };
  } catch {
    return { device: null, badLink: hash };
  }
}

function route() {
  const history = isHistoryHash(window.location.hash);
  connection.hidden = history; // the broker's state says nothing about the collector's history
  // The History view follows its address in place (the controls change only the address).
  if (history && view instanceof HistoryView) {
    view.open(window.location.hash);
    return;
  }
  const { device, badLink } = history ? { device: null, badLink: null } : linkedDevice(window.location.hash);
  view?.destroy?.();
  if (viewedFaces) client.unsubscribe(viewedFaces);
  viewedFaces = null;
  if (history) {
    view = new HistoryView(main, apiBase(window.location));
    view.open(window.location.hash);
    return;
  }
  viewedFaces = device ? facesTopic(settings.prefix, device) : null;
  if (viewedFaces && client.connected) client.subscribe(viewedFaces, { qos: 0 });
  view = device ? new DeviceView(main, state, device) : new FleetView(main, state, badLink);
  for (const name of state.devices.keys()) dirty.add(name);
  if (device) dirty.add(device);
  requestRender();
}

window.addEventListener('hashchange', route);
// Staleness grows without messages: look again every few seconds.
setInterval(() => {
  for (const name of state.devices.keys()) dirty.add(name);
  requestRender();
}, 5000);
setConnection(`connecting to ${settings.broker}…`, 'connecting');
route();
// Opened at a collector's root: its page is the History view (the live views need ?broker=).
if (!window.location.hash && apiBase(window.location) === '') {
  isCollector('').then((collector) => {
    if (collector && !window.location.hash) window.location.hash = '#/history';
  });
}

// For the browser console (and the tests): the state the page shows, and its MQTT library.
window.edgeEmotion = { settings, state, client, mqtt };
