import { pagingIndexOf } from '../../api/paging-index.js';
import { openStore, parseCommand } from '../cli-context.js';
import { COMMON_HELP, type Command } from '../command.js';

/**
 * The opt-in index that lets a server table page in key byte order (docs/backends.md, "Paging index"). It
 * changes a service's schema, so by default it only prints the statement; `--yes` runs it.
 */
export const indexCommand: Command = {
  name: 'index',
  summary: 'show (or with --yes add) the index a server table needs to page in key order',
  usage: `Usage: store-inspector index --store URL [-d DATABASE] [-t TABLE] [--yes]

On a Postgres table whose key sorts by a language collation, or go-micro's MySQL table, pages in key byte
order (Go's string order) sort every matching row: about 0.3 s (Postgres) to 1.5 s (MySQL) a page at 1M rows.
An index answers them. Without --yes, prints the statement that adds it (nothing when the table needs none)
and changes nothing; with --yes, runs it. The index changes nothing go-micro reads or writes.

Flags:
  --yes               add the index (after you have read the statement)

${COMMON_HELP}`,
  async run(argv, output) {
    const { values } = parseCommand(argv, { yes: { type: 'boolean' } }, 0);
    const add = (values as { yes?: boolean }).yes === true;
    const store = await openStore(values, !add);
    try {
      const { backend, namespace } = store;
      const index = await pagingIndexOf(backend, namespace);
      const where = `${namespace.database}/${namespace.table}`;
      if (index.statement === null) {
        output.err(`${where} pages in key order by an index already: nothing to add`);
        return 0;
      }
      output.out(`${index.statement};`);
      if (!add) {
        output.err(`not added: run again with --yes to add it to ${where}`);
        return 0;
      }
      const { ms } = await index.add();
      output.err(`added to ${where} in ${ms} ms`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
