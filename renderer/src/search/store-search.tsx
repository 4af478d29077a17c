import { useRef, useState } from 'react';
import type { DatabaseInfoDto } from '../../../electron/api/contract/schemas.js';
import { useClient } from '../app/client-context.js';
import type { Namespace } from '../ui/namespace.js';
import { countText, searchStore, type TableHits } from './store-search-hits.js';
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

type Results = { text: string; hits: TableHits[]; done: boolean };

/**
 * The whole-store search in the app bar: Enter searches every table for keys and values holding the text
 * (ASCII case ignored), listing the tables with hits; Enter again (or a hit's button) opens the first or chosen
 * table with that filter applied. Escape closes the list.
 */
export function StoreSearch({ databases, onJump }: StoreSearchProps) {
  const client = useClient();
  const [text, setText] = useState('');
  const [results, setResults] = useState<Results>();
  const generation = useRef(0);
  const list = useRef<HTMLUListElement>(null);

  const run = async (query: string) => {
    const mine = ++generation.current;
    setResults({ text: query, hits: [], done: false });
    const hits = await searchStore(client, databases ?? [], query, () => generation.current !== mine);
    if (generation.current === mine) setResults({ text: query, hits, done: true });
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
        onChange={(event) => setText(event.target.value)}
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
              ? 'Searching…'
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
