/**
 * The tables a SQL server backend (Postgres, MySQL) has found in go-micro's shape, each checked once: a call
 * on a namespace maps it to the server's names, checks the table on first use (and learns how its keys sort),
 * refuses a table of another shape by name, and turns a lost server into an error that names it.
 */
import type { Namespace } from '../../store/namespaces.js';

export interface TableChecks<Named, Table> {
  /** Runs `work`, turning a connection failure into BackendUnavailableError naming the server. */
  explained<R>(work: () => Promise<R>): Promise<R>;
  /** The server's names for a namespace (go-micro's folding), or StoreInputError. */
  nameOf(namespace: Namespace): Named;
  /** One text per table, for the cache. */
  keyOf(named: Named): string;
  /** The table as found in go-micro's shape, or undefined. */
  check(named: Named): Promise<Table | undefined>;
  /** Why a table of another shape (or none) is refused. */
  refusal(named: Named): Error;
  now(): number;
}

export class CheckedTables<Named, Table> {
  private readonly checked = new Map<string, Table>();

  constructor(private readonly checks: TableChecks<Named, Table>) {}

  /** Runs `work` on the namespace's go-micro table at the client's now (go-micro decides expiry in Go). */
  on<R>(namespace: Namespace, work: (table: Table, now: number) => Promise<R>): Promise<R> {
    return this.checks.explained(async () => {
      const named = this.named(namespace);
      const table = this.checked.get(this.checks.keyOf(named)) ?? (await this.check(named));
      return work(table, this.checks.now());
    });
  }

  /** The server's names for a namespace (go-micro's folding), or StoreInputError: unchecked, for a table to create. */
  named(namespace: Namespace): Named {
    return this.checks.nameOf(namespace);
  }

  /** Work on the server rather than one table (listing, creating). */
  server<R>(work: (now: number) => Promise<R>): Promise<R> {
    return this.checks.explained(() => work(this.checks.now()));
  }

  /** Checks the table again on its next use: after an index that changes how it pages. */
  forget(namespace: Namespace): void {
    this.checked.delete(this.checks.keyOf(this.named(namespace)));
  }

  private async check(named: Named): Promise<Table> {
    const table = await this.checks.check(named);
    if (table === undefined) throw this.checks.refusal(named);
    this.checked.set(this.checks.keyOf(named), table);
    return table;
  }
}
