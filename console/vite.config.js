// Vite builds the console into dist/ (or ORDO_CONSOLE_OUT), which the C++ build embeds in the
// ordo binary. `npm run dev` serves it with hot reload and forwards /api to a running server
// (ORDO_URL, default http://127.0.0.1:8080), presenting that server's own origin so that its
// cross-site checks see a same-origin request.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

const target = process.env.ORDO_URL || 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components and their CSS are imported where a page uses them, so each lazy
    // page brings its own and the first download stays small.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
  ],
  build: {
    outDir: process.env.ORDO_CONSOLE_OUT || 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    // The server's Content-Security-Policy allows no inline script and no data: modules.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': {
        target,
        changeOrigin: true,
        configure(proxy) {
          proxy.on('proxyReq', (request) => request.setHeader('origin', target));
        },
      },
    },
  },
  test: { include: ['tests/unit/**/*.test.js'], environment: 'node' },
});
