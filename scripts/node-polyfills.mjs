// vitest 5 calls Map.groupBy (Node 21+) while printing failures; Node 20 lacks it, which would hide
// the real assertion behind a TypeError. Loaded through NODE_OPTIONS by scripts/test.ts.
if (typeof Map.groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value(items, keyOf) {
      const groups = new Map();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(item);
      }
      return groups;
    },
  });
}
if (typeof Object.groupBy !== 'function') {
  Object.defineProperty(Object, 'groupBy', {
    configurable: true,
    writable: true,
    value(items, keyOf) {
      const groups = Object.create(null);
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        if (!(key in groups)) groups[key] = [];
        groups[key].push(item);
      }
      return groups;
    },
  });
}
