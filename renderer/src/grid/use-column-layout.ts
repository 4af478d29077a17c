import { useEffect, useState } from 'react';
import { type ColumnLayout, parseLayout, STORAGE_KEY } from './column-layout.js';

function readStored(): ColumnLayout {
  try {
    return parseLayout(localStorage.getItem(STORAGE_KEY));
  } catch {
    // Storage may be refused (a locked-down browser profile): the defaults still work.
    return parseLayout(null);
  }
}

/** The grid's column layout, remembered in localStorage for the next window and the next visit. */
export function useColumnLayout() {
  const [layout, setLayout] = useState(readStored);
  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(layout));
    } catch {
      // Not remembered, still applied.
    }
  }, [layout]);
  return { layout, setLayout };
}
