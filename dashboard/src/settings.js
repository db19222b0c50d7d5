// The page's parameters: ?broker=ws://host:port&prefix=edgeemotion (and #/device/NAME for one
// device). Without broker, the daemon that served the page is asked (its /mqtt WebSocket).

export function readSettings(location) {
  const query = new URLSearchParams(location.search);
  const sameOrigin = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
  const broker = query.get('broker') || (location.protocol.startsWith('http') ? sameOrigin : 'ws://127.0.0.1:8080/mqtt');
  const prefix = (query.get('prefix') || 'edgeemotion').replace(/\/+$/, '');
  return { broker, prefix };
}
