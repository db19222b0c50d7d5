import { EMOTION_COLOURS } from './colours.js';
import { svg, h, clock } from './dom.js';

// The live face boxes on an empty frame of the camera's size, for aiming the camera: rectangles
// and words only, the contract carries no pixels.
export function facesView(faces) {
  if (!faces) {
    return h('p', { class: 'muted', 'data-faces': 'none' }, 'This device does not publish live faces (Mqtt:PublishFaces=true turns them on).');
  }
  const { width, height } = faces;
  const font = Math.max(14, Math.round(height / 12));
  const frame = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'frame', role: 'img', 'aria-label': `${faces.faces.length} faces in a ${width}x${height} frame`, 'data-boxes': faces.faces.length });
  frame.append(svg('rect', { x: 0, y: 0, width, height, class: 'frame-bg' }));
  for (const face of faces.faces) {
    const [x, y, w, hh] = Array.isArray(face.box) ? face.box.map(Number) : [0, 0, 0, 0];
    const colour = EMOTION_COLOURS[face.emotion] ?? '#ffffff';
    const label = `${face.emotion} ${Math.round(100 * (Number(face.probability) || 0))}%${face.looking ? ' · looking' : ''}`;
    frame.append(
      svg('rect', { x, y, width: w, height: hh, fill: 'none', stroke: colour, 'stroke-width': Math.max(2, font / 6), 'stroke-dasharray': face.looking ? 'none' : `${font / 2} ${font / 4}` }),
      svg('text', { x, y: Math.max(font, y - font / 4), 'font-size': font, fill: colour, class: 'face-label' }, label),
    );
  }
  return h(
    'figure',
    { class: 'faces', 'data-faces': faces.faces.length },
    frame,
    h('figcaption', {}, `${faces.faces.length} face${faces.faces.length === 1 ? '' : 's'} at ${clock(Date.parse(faces.time))}, ${width}x${height}; dashed: not looking at the camera`),
  );
}
