/**
 * The console's build (issue #9; docs/console.md). `npm run build:web` writes `web/dist`, which the
 * API server serves at `/`. `npm run dev:web` starts Vite's dev server with hot reload, proxying
 * the API paths to a Tokenward server (TOKENWARD_API, default http://127.0.0.1:8080).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.TOKENWARD_API ?? 'http://127.0.0.1:8080';
const proxied = ['/admin', '/api', '/scim', '/docs', '/healthz', '/readyz', '/metrics', '/users'];

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under assets/: the server caches them as immutable.
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, changeOrigin: false }])),
  },
});
