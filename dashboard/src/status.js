import { h, duration } from './dom.js';
import { staleFor } from './fleet-state.js';

// Online/offline/stale in words and a shape, not by colour alone.
export function statusBadges(d, now) {
  const badges = [h('span', { class: `badge ${d.status}`, 'data-status': d.status }, d.status === 'online' ? '● online' : d.status === 'offline' ? '○ offline' : '? unknown')];
  const stale = staleFor(d, now);
  if (stale > 0) badges.push(h('span', { class: 'badge stale', 'data-stale': 'true' }, `⚠ stale: nothing for ${duration(stale)}`));
  return h('span', { class: 'badges' }, badges);
}
