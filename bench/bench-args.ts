/** Command-line options shared by every benchmark: `npm run bench -- store --records 1000000`. */
export interface BenchArgs {
  suite: string;
  records: number;
  keep: boolean;
  /** `--only writes` (the store suite's write and read rows) or `--only targets` (its table, not the bound run). */
  only: string | undefined;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { suite: '', records: 1_000_000, keep: false, only: undefined };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--records') args.records = Number(argv[++index]);
    else if (arg === '--keep') args.keep = true;
    else if (arg === '--only') args.only = argv[++index];
    else if (arg !== undefined && !arg.startsWith('-')) args.suite = arg;
  }
  if (!Number.isSafeInteger(args.records) || args.records < 1000)
    throw new Error('--records must be an integer >= 1000');
  return args;
}
