import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The web app is built into dist/web beside the compiled API, which serves it at `/`.
 * The React plugin is the SWC one (Fast Refresh in `npm run dev`): @vitejs/plugin-react 6 still
 * fails npm's peer resolution (its optional @rolldown/plugin-babel pulls Babel 8 RC beside Jest's
 * Babel 7), and SWC is already what compiles the API's tests.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: false,
  // Its hint to switch to @vitejs/plugin-react is answered above.
  plugins: [react({ disableOxcRecommendation: true })],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: `${repositoryRoot}dist/web`,
    emptyOutDir: true,
    reportCompressedSize: false,
    // antd and ECharts are large by nature; they get chunks of their own and load in parallel.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; a browser bundle has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|dayjs)[\\/]/ },
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
