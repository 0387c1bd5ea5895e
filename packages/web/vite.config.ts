import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** `npm run build -w @patchbay/web` (scripts/build.ts) builds, then precompresses; `patchbay serve` serves dist/. */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The form and chart libraries come with the screens that use them (lazy routes), not with the catalogue.
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
