import { EMOTIONS } from './contract.js';
import { EMOTION_COLOURS } from './colours.js';
import { h } from './dom.js';

// One stacked bar of seven counts with a legend that names each share in words.
export function emotionMix(counts, label) {
  const total = counts.reduce((a, b) => a + b, 0);
  const bar = h('div', { class: 'mix-bar', role: 'img', 'aria-label': label });
  const legend = h('ul', { class: 'mix-legend' });
  if (total === 0) {
    bar.append(h('span', { class: 'mix-empty' }, 'no faces'));
    return h('div', { class: 'mix' }, bar);
  }
  EMOTIONS.forEach((name, i) => {
    if (counts[i] === 0) return;
    const share = (100 * counts[i]) / total;
    bar.append(h('span', { class: 'mix-part', style: `width:${share}%;background:${EMOTION_COLOURS[name]}`, title: `${name} ${share.toFixed(0)} %` }));
    legend.append(h('li', {}, h('span', { class: 'swatch', style: `background:${EMOTION_COLOURS[name]}` }), `${name} ${share.toFixed(0)} %`));
  });
  bar.setAttribute('aria-label', `${label}: ${[...legend.children].map((li) => li.textContent).join(', ')}`);
  return h('div', { class: 'mix' }, bar, legend);
}
