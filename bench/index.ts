import { runApiBench } from './api-bench.js';
import { parseBenchArgs } from './bench-args.js';
import { runStoreBench } from './store-bench.js';

const suites: Record<string, (args: ReturnType<typeof parseBenchArgs>) => Promise<void>> = {
  store: runStoreBench,
  ui: (args) => import('./ui-bench.js').then((bench) => bench.runUiBench(args)),
  api: runApiBench,
  gomicro: async (args) => (await import('./gomicro-bench.js')).runGoMicroBench(args),
  io: async (args) => (await import('./io-bench.js')).runIoBench(args),
  live: async (args) => (await import('./live-bench.js')).runLiveBench(args),
  cli: async (args) => (await import('./cli-bench.js')).runCliBench(args),
  analysis: async (args) => (await import('./analysis-bench.js')).runAnalysisBench(args),
  responsive: async (args) => (await import('./responsive-bench.js')).runResponsiveBench(args),
  backends: async (args) => (await import('./backends-bench.js')).runBackendsBench(args),
  query: async (args) => (await import('./query-bench.js')).runQueryBench(args),
  copy: async (args) => (await import('./copy-bench.js')).runCopyBench(args),
  sort: async (args) => (await import('./sort-bench.js')).runSortBench(args),
  'value-search': async (args) => (await import('./value-search-bench.js')).runValueSearchBench(args),
};

const args = parseBenchArgs(process.argv.slice(2));
const chosen = args.suite === '' ? Object.keys(suites) : [args.suite];
for (const name of chosen) {
  const suite = suites[name];
  if (suite === undefined) {
    console.error(`unknown benchmark "${name}"; choose one of: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  await suite(args);
}
