import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * One build for everything that ships:
 *  - main:     the Electron main process and the `front-desk` CLI (which also runs the browser host),
 *              sharing the core; runtime dependencies (better-sqlite3, zod, commander) stay external;
 *  - preload:  one sandbox-compatible CommonJS file with nothing external;
 *  - renderer: the React app, served by Electron's app:// protocol or by the browser host.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'core/cli/main.ts'),
          // The sync worker thread (parsing and fetching beside the writes): core/sync/worker/start-worker.ts finds it here.
          'sync-worker': resolve(__dirname, 'core/sync/worker/worker-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
