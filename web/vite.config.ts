import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));
const backend = process.env.LUOSHI_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
    fs: {
      // The web app imports the server's contract files (../src/**/schema.ts, policies.ts, errors.ts).
      allow: [fileURLToPath(new URL('..', import.meta.url))],
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Long-lived vendor chunks for what every page needs; antd's components, zod (via the
        // shared schema files) and the pages themselves are split by use, so the login page does
        // not download the table, tree and date-picker code.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/,
              priority: 30,
            },
            { name: 'icons', test: /node_modules[\\/]@ant-design[\\/]icons/, priority: 25 },
            {
              name: 'antd-core',
              test: /node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color)|@emotion|stylis|@babel[\\/]runtime|classnames|clsx|dayjs)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
});
