// What the MQTT contract (schema 1) defines and the page relies on: the seven emotion keys in
// their order, and the topics {prefix}/{device}/{kind}.

export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

export const KINDS = ['status', 'emotions', 'visits', 'stats', 'faces'];

// Every device's topics but faces, which only the device on screen is subscribed to (up to two
// messages a second per device is traffic a fleet view does not need).
export function fleetTopics(prefix) {
  return ['status', 'emotions', 'visits', 'stats'].map((kind) => `${prefix}/+/${kind}`);
}

export function facesTopic(prefix, device) {
  return `${prefix}/${device}/faces`;
}

// {prefix}/{device}/{kind} -> {device, kind}, or null for a topic outside the contract. The prefix
// may itself have several levels; the device is exactly one.
export function parseTopic(prefix, topic) {
  if (!topic.startsWith(prefix + '/')) return null;
  const rest = topic.slice(prefix.length + 1).split('/');
  if (rest.length !== 2 || !KINDS.includes(rest[1]) || rest[0] === '') return null;
  return { device: rest[0], kind: rest[1] };
}

// The seven counts of an emotion object, in contract order (a missing key counts 0).
export function emotionArray(object) {
  return EMOTIONS.map((name) => Number(object?.[name]) || 0);
}
