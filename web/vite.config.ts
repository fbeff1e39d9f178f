import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
/** Where the dev server and `vite preview` send /api: a running Beian (`npm start`), or BEIAN_API_URL. */
const api = { '/api': { target: process.env.BEIAN_API_URL ?? 'http://127.0.0.1:3000' } };

/**
 * The console build: root web/, output web/dist (served by src/platform/http/web-console.ts when it exists).
 * The dev server proxies /api to a running Beian; the Host header is kept (no changeOrigin), so the API's
 * same-origin check on unsafe requests sees the console's own origin.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Routes are split by their dynamic imports. React and antd, which every page uses, get long-lived chunks
        // of their own; the rules engine (with the phone-number metadata and the public suffix list) stays with
        // the pages that check drafts, so the dashboard never downloads it.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|dayjs)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});
