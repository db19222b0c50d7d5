import { emotionArray } from './contract.js';

// What the page knows about every device, from the contract's messages only. Bounded: an hour of
// windows per device (plus a hard cap), the latest visits, the latest stats and faces.

export const HISTORY_MS = 60 * 60 * 1000;
const MAX_WINDOWS = 4000; // an hour of 1-second windows, with room
const MAX_VISITS = 20;
const MIN_STALE_MS = 30 * 1000;

export class FleetState {
  constructor() {
    this.devices = new Map();
    this.ignored = 0; // payloads that were not the contract's JSON
    this.listeners = new Set();
  }

  onChange(listener) {
    this.listeners.add(listener);
  }

  device(name) {
    let d = this.devices.get(name);
    if (!d) {
      d = {
        name,
        status: 'unknown',
        windows: [],
        visits: [],
        stats: null,
        statsReceived: 0,
        faces: null,
        lastWindowReceived: 0,
      };
      this.devices.set(name, d);
    }
    return d;
  }

  // One message; now = receive time (ms since the epoch). Returns false for a payload ignored.
  apply(device, kind, text, now, retained) {
    let changed;
    try {
      changed = kind === 'status' ? this.applyStatus(device, text) : this.applyJson(device, kind, JSON.parse(text), now, retained);
    } catch {
      this.ignored++;
      return false;
    }
    if (!changed) {
      this.ignored++;
      return false;
    }
    for (const listener of this.listeners) listener(device, kind);
    return true;
  }

  applyStatus(device, text) {
    const status = text.trim();
    if (status !== 'online' && status !== 'offline') return false;
    this.device(device).status = status;
    return true;
  }

  applyJson(device, kind, p, now, retained) {
    if (typeof p !== 'object' || p === null) return false;
    const d = this.device(device);
    if (typeof p.site === 'string' && p.site !== '') d.site = p.site; // for the fleet view's history links
    switch (kind) {
      case 'emotions':
        return this.addWindow(d, p, now);
      case 'visits':
        return this.addVisit(d, p);
      case 'stats':
        d.stats = p;
        // A retained stats message may be old: its own time says when the device sent it.
        d.statsReceived = retained && p.time ? Date.parse(p.time) || now : now;
        return true;
      case 'faces':
        if (!Array.isArray(p.faces) || !(p.width > 0) || !(p.height > 0)) return false;
        // people: the person stage's boxes (absent from a device with it off).
        d.faces = { width: p.width, height: p.height, time: p.time, faces: p.faces, people: Array.isArray(p.people) ? p.people : [], received: now };
        return true;
      default:
        return false;
    }
  }

  addWindow(d, p, now) {
    const start = Date.parse(p.window_start);
    const end = Date.parse(p.window_end);
    if (!Number.isFinite(start) || !Number.isFinite(end) || typeof p.seq !== 'number') return false;
    const w = {
      seq: p.seq,
      start,
      end,
      frames: Number(p.frames) || 0,
      faces: Number(p.faces) || 0,
      counts: emotionArray(p.counts),
      present: Number(p.visitors?.present) || 0,
      newVisitors: Number(p.visitors?.new) || 0,
      looking: Number(p.visitors?.looking) || 0,
      visitorEmotions: emotionArray(p.visitors?.emotions),
      hasVisitors: typeof p.visitors === 'object' && p.visitors !== null,
    };
    const windows = d.windows;
    // Delivery is at least once: a seq already held for the same window is a duplicate. Windows sent
    // late from the device's outbox are put in time order.
    let i = windows.length;
    while (i > 0 && windows[i - 1].end > w.end) i--;
    if (i > 0 && windows[i - 1].seq === w.seq && windows[i - 1].start === w.start) return true;
    windows.splice(i, 0, w);
    const newest = windows[windows.length - 1].end;
    let drop = 0;
    while (drop < windows.length && windows[drop].end < newest - HISTORY_MS) drop++;
    drop = Math.max(drop, windows.length - MAX_WINDOWS);
    if (drop > 0) windows.splice(0, drop);
    d.lastWindowReceived = now;
    return true;
  }

  addVisit(d, p) {
    const end = Date.parse(p.end);
    if (!Number.isFinite(end) || typeof p.seq !== 'number') return false;
    if (d.visits.some((v) => v.seq === p.seq && v.end === end)) return true;
    d.visits.unshift({
      seq: p.seq,
      start: Date.parse(p.start),
      end,
      dwell: Number(p.dwell_s) || 0,
      attention: Number(p.attention_s) || 0,
      emotion: String(p.emotion ?? ''),
      // Added with the person stage: a device from before sends neither (its face-time is the dwell).
      face: typeof p.face_s === 'number' ? p.face_s : Number(p.dwell_s) || 0,
      looked: typeof p.looked === 'boolean' ? p.looked : null,
    });
    d.visits.sort((a, b) => b.end - a.end);
    d.visits.length = Math.min(d.visits.length, MAX_VISITS);
    return true;
  }
}

// The window length the device uses (from its latest window), in ms.
export function windowLength(d) {
  const w = d.windows[d.windows.length - 1];
  return w ? Math.max(w.end - w.start, 1000) : 10 * 1000;
}

// An online device is stale when no window came for three window lengths (and at least 30 s):
// the contract publishes empty windows too, so silence means the device or its link is down.
export function staleFor(d, now) {
  if (d.status !== 'online') return 0;
  const heard = Math.max(d.lastWindowReceived, d.statsReceived);
  if (heard === 0) return 0;
  const silent = now - (d.lastWindowReceived || heard);
  return silent > Math.max(3 * windowLength(d), MIN_STALE_MS) ? silent : 0;
}

export function latestWindow(d) {
  return d.windows[d.windows.length - 1] ?? null;
}
