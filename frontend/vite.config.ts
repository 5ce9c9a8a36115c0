import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath, URL } from 'node:url';

// `/api` goes to localnet during development (the agent talks to the page's own origin, so no
// CORS preflight); set LOCALNET_URL to point elsewhere.
const localnet = process.env.LOCALNET_URL ?? 'http://127.0.0.1:4943';
const canisters = fileURLToPath(new URL('../canisters', import.meta.url));

export default defineConfig({
    plugins: [react()],
    resolve: {
        alias: [
            // Generated Candid bindings, shared with the relay and scripts (scripts/bindings.mjs).
            { find: /^@declarations\/([\w-]+)$/, replacement: `${canisters}/$1/declarations/index.ts` },
            { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) }
        ],
        // The bindings live outside this package; their @dfinity/* imports must be the app's copies.
        dedupe: ['@dfinity/agent', '@dfinity/candid', '@dfinity/principal']
    },
    server: { proxy: { '/api': { target: localnet, changeOrigin: true } } },
    preview: { proxy: { '/api': { target: localnet, changeOrigin: true } } },
    build: {
        target: 'es2022',
        sourcemap: false,
        chunkSizeWarningLimit: 600
    },
    test: {
        environment: 'happy-dom',
        include: ['src/**/*.test.{ts,tsx}'],
        setupFiles: ['src/test/setup.ts'],
        testTimeout: 20_000
    }
});
