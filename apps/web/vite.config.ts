// Builds the console into dist/ (served by every node); in dev, proxies /trpc to a local node.
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'CONCORD_');
  return {
    plugins: [react()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // Skipping gzip size reporting keeps `pnpm --filter @concord/web build` fast (it runs before `pnpm start`).
      reportCompressedSize: false,
      modulePreload: { polyfill: false },
    },
    server: {
      proxy: { '/trpc': env.CONCORD_NODE_URL ?? 'http://127.0.0.1:4100' },
    },
  };
});
