import { useEffect, useRef, useState } from 'react';
import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';
import { useClient } from '../app/client-context.js';
import type { TaskProgress } from '../transfer/task-progress.js';
import { useTask } from '../transfer/use-task.js';
import { apiErrorOf, failureNotice } from '../ui/api-error.js';
import type { Namespace } from '../ui/namespace.js';
import { countText, searchStore, type TableHits, tableCount } from './store-search-hits.js';
import './store-search.css';

/** Where a hit leads: the table, and which filter to set there (key or value contains, ignoring case). */
export interface SearchJump {
  namespace: Namespace;
  field: 'contains' | 'value';
  text: string;
}

interface StoreSearchProps {
  databases: readonly DatabaseInfoDto[] | undefined;
  onJump: (jump: SearchJump) => void;
}

/** A search's text and answer; `tables` is how many it counts, what its progress is out of. */
type Results = { text: string; tables: number; hits: TableHits[]; done: boolean; failed?: string };

/**
 * The whole-store search in the app bar: Enter searches every table for keys and values holding the text
 * (ASCII case ignored), listing the tables with hits; Enter again (or a hit's button) opens the first or chosen
 * table with that filter applied. Escape closes the list. The search is one task in main, with progress in
 * tables; typing on (or a new search, or leaving) cancels the one still running.
 */
export function StoreSearch({ databases, onJump }: StoreSearchProps) {
  const client = useClient();
  const task = useTask();
  const [text, setText] = useState('');
  const [results, setResults] = useState<Results>();
  /** Which search's answer counts: the latest one, unless it was stopped. */
  const latest = useRef(0);
  const list = useRef<HTMLUListElement>(null);

  const stop = () => {
    latest.current++;
    // A task that has just finished is not found: the cancel answers false and changes nothing.
    task.cancel();
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: on leaving only; task.cancel reads the running id from a ref.
  useEffect(() => task.cancel, []);

  const run = async (query: string) => {
    stop();
    const search = latest.current;
    const tables = databases ?? [];
    const counted = { text: query, tables: tableCount(tables) };
    setResults({ ...counted, hits: [], done: false });
    try {
      const hits = await task.run('store-search', (taskId) => searchStore(client, tables, query, taskId));
      if (latest.current === search) setResults({ ...counted, hits, done: true });
    } catch (error) {
      if (latest.current !== search || apiErrorOf(error, 'cancelled') !== undefined) return;
      const failed = failureNotice(error);
      // A search the page has already said was not made (a store switch) just goes away.
      setResults(failed === undefined ? undefined : { ...counted, hits: [], done: true, failed });
    }
  };

  const jump = (hit: TableHits, field: SearchJump['field']) => {
    onJump({ namespace: { database: hit.database, table: hit.table }, field, text: results?.text ?? text });
    setResults(undefined);
  };

  const first = results?.done === true && results.text === text ? results.hits[0] : undefined;
  return (
    <search className="store-search" aria-label="Search the store">
      <input
        type="search"
        aria-label="Search every table"
        placeholder="Search keys and values…"
        value={text}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          setText(event.target.value);
          // The running search is for the text as it was: nobody waits for its answer any more.
          if (task.running) {
            stop();
            setResults(undefined);
          }
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && text !== '') {
            event.preventDefault();
            if (first !== undefined) jump(first, first.values > 0 && first.keys === 0 ? 'value' : 'contains');
            else void run(text);
          } else if (event.key === 'Escape') setResults(undefined);
          else if (event.key === 'ArrowDown') list.current?.querySelector('button')?.focus();
        }}
      />
      {results !== undefined && (
        <section className="store-search-results" aria-label="Store search results">
          <p aria-live="polite">
            {!results.done
              ? searchingText(task.progress, results.tables)
              : results.failed !== undefined
                ? `The search failed: ${results.failed}`
                : results.hits.length === 0
                  ? `Nothing holds "${results.text}"`
                  : `"${results.text}" in ${results.hits.length} ${results.hits.length === 1 ? 'table' : 'tables'}`}
          </p>
          <ul ref={list}>
            {results.hits.map((hit) => (
              <li key={`${hit.database}/${hit.table}`}>
                <span className="store-search-table">
                  {hit.database} / {hit.table}
                </span>
                <button type="button" disabled={hit.keys === 0} onClick={() => jump(hit, 'contains')}>
                  {countText(hit.keys)} {hit.keys === 1 ? 'key' : 'keys'}
                </button>
                <button type="button" disabled={hit.values === 0} onClick={() => jump(hit, 'value')}>
                  {countText(hit.values)} {hit.values === 1 ? 'value' : 'values'}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </search>
  );
}

function searchingText(progress: TaskProgress | undefined, tables: number): string {
  const total = progress?.total ?? tables;
  if (progress === undefined || total <= 1) return 'Searching…';
  return `Searching… ${progress.done} of ${total} tables`;
}
