import { useEffect, useId, useRef, useState } from 'react';
import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';
import { useClient } from '../app/client-context.js';
import { useApiEvent } from '../app/use-api-event.js';
import { apiErrorOf } from '../ui/api-error.js';
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

type Results = { text: string; hits: TableHits[]; done: boolean; failed?: string };

/**
 * The whole-store search in the app bar: Enter searches every table for keys and values holding the text
 * (ASCII case ignored), listing the tables with hits; Enter again (or a hit's button) opens the first or chosen
 * table with that filter applied. Escape closes the list. The search is one task in main, with progress in
 * tables; typing on (or a new search, or leaving) cancels the one still running.
 */
export function StoreSearch({ databases, onJump }: StoreSearchProps) {
  const client = useClient();
  const [text, setText] = useState('');
  const [results, setResults] = useState<Results>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const base = `store-search-${useId()}`;
  const runs = useRef(0);
  /** The task still running, if any: the one a keystroke cancels. */
  const running = useRef<string | undefined>(undefined);
  const list = useRef<HTMLUListElement>(null);

  const cancel = () => {
    const taskId = running.current;
    running.current = undefined;
    // A task that has just finished is not found: the cancel answers false and changes nothing.
    if (taskId !== undefined) void client.call('task.cancel', { taskId }).catch(() => {});
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: on leaving only; cancel reads the running task from a ref.
  useEffect(() => cancel, []);
  useApiEvent((event) => {
    if (event.type === 'progress' && event.task === running.current)
      setProgress({ done: event.done, total: event.total ?? 0 });
  });

  const run = async (query: string) => {
    cancel();
    const taskId = `${base}-${++runs.current}`;
    running.current = taskId;
    const tables = databases ?? [];
    setProgress({ done: 0, total: tableCount(tables) });
    setResults({ text: query, hits: [], done: false });
    try {
      const hits = await searchStore(client, tables, query, taskId);
      if (running.current === taskId) setResults({ text: query, hits, done: true });
    } catch (error) {
      if (running.current !== taskId || apiErrorOf(error, 'cancelled') !== undefined) return;
      setResults({ text: query, hits: [], done: true, failed: error instanceof Error ? error.message : String(error) });
    } finally {
      if (running.current === taskId) running.current = undefined;
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
          if (running.current !== undefined) {
            cancel();
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
              ? searchingText(progress)
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

function searchingText(progress: { done: number; total: number } | undefined): string {
  if (progress === undefined || progress.total <= 1) return 'Searching…';
  return `Searching… ${progress.done} of ${progress.total} tables`;
}
