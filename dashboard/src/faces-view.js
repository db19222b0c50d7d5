import { EMOTION_COLOURS } from './colours.js';
import { svg, h, clock } from './dom.js';

// The live face boxes on an empty frame of the camera's size, for aiming the camera: rectangles
// and words only, the contract carries no pixels. Boxes are SVG in frame pixels, so they scale
// with the frame; labels are HTML placed in percent, so they stay readable on a phone. Boxes older
// than a few seconds, or of a device gone offline, are not drawn: they would aim the camera at
// people who have left.
export const LIVE_MS = 5000;

// At most this many boxes are drawn: a message with 100,000 boxes (8.5 MB) froze the tab for
// 6.5 s per message building their elements, and more boxes than this hide the frame anyway.
// The first ones as sent are drawn; the caption says how many were left out.
export const MAX_DRAWN = 200;

export function facesView(faces, online, now) {
  if (!faces) {
    return h('p', { class: 'muted', 'data-faces': 'none' }, 'This device does not publish live faces (Mqtt:PublishFaces=true turns them on).');
  }
  const { width, height } = faces;
  const live = online && now - faces.received < LIVE_MS;
  const all = live ? faces.faces : [];
  const shown = all.slice(0, MAX_DRAWN);
  const leftOut = all.length - shown.length;
  const frame = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'frame', role: 'img', 'aria-label': `${all.length} faces in a ${width}x${height} frame`, 'data-boxes': shown.length });
  frame.append(svg('rect', { x: 0, y: 0, width, height, class: 'frame-bg' }));
  // The person stage's boxes (people followed by body), under the faces, in grey.
  const people = live && Array.isArray(faces.people) ? faces.people.slice(0, MAX_DRAWN) : [];
  for (const person of people) {
    const [x, y, w, hh] = Array.isArray(person.box) ? person.box.map(Number) : [0, 0, 0, 0];
    frame.append(svg('rect', { x, y, width: w, height: hh, class: 'person-box', fill: 'none', stroke: '#9aa0a6', 'stroke-width': Math.max(2, width / 200) }));
  }
  frame.dataset.people = String(people.length);
  const labels = [];
  const stroke = Math.max(2, width / 200);
  for (const face of shown) {
    const [x, y, w, hh] = Array.isArray(face.box) ? face.box.map(Number) : [0, 0, 0, 0];
    const colour = EMOTION_COLOURS[face.emotion] ?? '#ffffff';
    frame.append(svg('rect', { x, y, width: w, height: hh, fill: 'none', stroke: colour, 'stroke-width': stroke, 'stroke-dasharray': face.looking ? 'none' : `${stroke * 3} ${stroke * 2}` }));
    labels.push(
      h(
        'span',
        { class: 'face-label', style: `left:${(100 * x) / width}%;top:${(100 * y) / height}%;border-color:${colour}` },
        `${face.emotion} ${Math.round(100 * (Number(face.probability) || 0))}%${face.looking ? '' : ' · not looking'}`,
      ),
    );
  }
  return h(
    'figure',
    { class: 'faces', 'data-faces': all.length, 'data-left-out': leftOut },
    h('div', { class: 'frame-box' }, frame, labels),
    h(
      'figcaption',
      {},
      live
        ? `${all.length} face${all.length === 1 ? '' : 's'} at ${clock(Date.parse(faces.time))}, ${width}x${height}${leftOut > 0 ? `; the first ${shown.length} drawn, ${leftOut} left out` : ''}; dashed: not looking at the camera`
        : `no live faces since ${clock(Date.parse(faces.time))}${online ? '' : ' (device offline)'}, ${width}x${height}`,
    ),
  );
}
