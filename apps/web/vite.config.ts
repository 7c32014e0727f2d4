// Builds the console into dist/: index.html (served by every node) and operator.html (the clean room's operator
// console, same components). In dev, proxies /trpc to a local node (or CONCORD_NODE_URL, e.g. the clean room).
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
      rollupOptions: { input: { index: 'index.html', operator: 'operator.html' } },
    },
    server: {
      proxy: { '/trpc': env.CONCORD_NODE_URL ?? 'http://127.0.0.1:4100' },
    },
  };
});
