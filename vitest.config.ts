import { defineConfig } from 'vitest/config';

// Vitest 5's reporter calls Map.groupBy (Node 21+); Node 20 lacks it, and the reporter would
// crash on the first failing test and hide the failures. Same semantics as the standard.
const mapWithGroupBy = Map as MapConstructor & {
  groupBy?: <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;
};
mapWithGroupBy.groupBy ??= <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => {
  const out = new Map<K, T[]>();
  let i = 0;
  for (const item of items) {
    const k = key(item, i++);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/data-dir.global.ts'],
          setupFiles: ['tests/setup/data-dir.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'lab',
          include: ['tests/lab/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/data-dir.global.ts'],
          setupFiles: ['tests/setup/data-dir.ts'],
          // Lab tests share /etc/ufw, routes and namespaces: one worker, one file at a time.
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
