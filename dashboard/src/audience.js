// People, watchers and the look rate of a window (audience measurement's opportunities to see,
// those who looked, and their ratio). With the person stage a window's `present` counts people
// and `looking` the watchers among them; with it off, both count faces.

// Watchers per person present, as a whole percentage; null when nobody was there.
export function lookRate(present, looking) {
  return present > 0 ? Math.round((100 * looking) / present) : null;
}

export function lookRateText(present, looking) {
  const rate = lookRate(present, looking);
  return rate === null ? 'look rate –' : `look rate ${rate} %`;
}
