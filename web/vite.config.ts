import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.js';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The web client: built into web/dist, which the server serves at `/` (SPA fallback).
// In development `npx vite --config web/vite.config.ts` proxies the API to the local server
// (API_TARGET overrides http://127.0.0.1:3000).
export default defineConfig({
  root: webRoot,
  base: '/',
  // precompress: brotli and gzip copies of the build, served as they are (src/http/app.ts).
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    chunkSizeWarningLimit: 1100,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: process.env.API_TARGET ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
