import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'parse-worker': resolve('src/app/exchange/parse-worker.ts'),
          // the thread holding a team workbook's PostgreSQL connection (src/app/store/pg/sync-server.ts)
          'pg-sync-worker': resolve('src/app/store/pg/sync-worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require() anything but electron: bundle everything into one CommonJS file.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // the first screen parses every byte of its scripts: minified, AG Grid and React cost about half as much
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
