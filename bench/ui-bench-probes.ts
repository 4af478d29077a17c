/**
 * Code that runs inside the page for the UI benchmark. It is typed loosely on purpose: the bench
 * is compiled without the DOM library, and these functions only ever run in Chromium.
 */

// biome-ignore lint/suspicious/noExplicitAny: the page's globals are not typed in a Node program.
type PageGlobal = any;

/** Collects long tasks (over 50 ms) from the moment the page starts. */
function watchLongTasks(): void {
  const page = globalThis as PageGlobal;
  page.__longTasks = [] as number[];
  new page.PerformanceObserver((list: PageGlobal) => {
    for (const entry of list.getEntries()) page.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

/** Resolves once the grid has loaded again and its first row starts with `prefix` (rejects after 10 s). */
function gridShowsPrefix(prefix: string): Promise<number> {
  const page = globalThis as PageGlobal;
  return new Promise((resolve, reject) => {
    page.setTimeout(() => reject(new Error(`the grid never showed keys starting with ${prefix}`)), 10_000);
    let sawBusy = false;
    const check = () => {
      const grid = page.document.querySelector('[role=grid]');
      if (grid === null) return;
      const busy = grid.getAttribute('aria-busy') === 'true';
      sawBusy ||= busy;
      const first = grid.querySelector('[role=row][aria-rowindex="2"] [role=gridcell]');
      if (sawBusy && !busy && first?.textContent?.startsWith(prefix)) {
        observer.disconnect();
        resolve(page.performance.now());
      }
    };
    const observer = new page.MutationObserver(check);
    observer.observe(page.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** Scrolls the grid down `rows` rows, a screenful a frame; then waits for the last rows to load. */
function scrollRows(rows: number): Promise<{ frames: number; ms: number; maxDomRows: number; longestTask: number }> {
  const page = globalThis as PageGlobal;
  const scroller = page.document.querySelector('.grid-scroller');
  const grid = page.document.querySelector('[role=grid]');
  const total = Number(grid.getAttribute('aria-rowcount')) - 1;
  const rowHeight = 28;
  const scale = (scroller.scrollHeight - scroller.clientHeight) / (total * rowHeight - scroller.clientHeight);
  const target = rows * rowHeight * scale;
  const step = scroller.clientHeight * 0.9;
  page.__longTasks.length = 0;
  const start = page.performance.now();
  let frames = 0;
  let maxDomRows = 0;
  return new Promise((resolve) => {
    const frame = () => {
      frames++;
      maxDomRows = Math.max(maxDomRows, grid.querySelectorAll('[role=row]').length);
      if (scroller.scrollTop < target) {
        scroller.scrollTop = Math.min(target, scroller.scrollTop + step);
        page.requestAnimationFrame(frame);
      } else if (grid.querySelector('[role=row][aria-busy]') !== null) {
        page.requestAnimationFrame(frame);
      } else {
        const longestTask = Math.max(0, ...page.__longTasks);
        resolve({ frames, ms: page.performance.now() - start, maxDomRows, longestTask });
      }
    };
    page.requestAnimationFrame(frame);
  });
}

/** Drags the scrollbar to `fraction` of the way down at once; times it until the rows there have loaded. */
function jumpTo(fraction: number): Promise<{ ms: number; firstKey: string; longestTask: number }> {
  const page = globalThis as PageGlobal;
  const scroller = page.document.querySelector('.grid-scroller');
  const grid = page.document.querySelector('[role=grid]');
  const target = (Number(grid.getAttribute('aria-rowcount')) - 1) * fraction;
  page.__longTasks.length = 0;
  const start = page.performance.now();
  scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * fraction;
  return new Promise((resolve) => {
    const check = () => {
      const first = grid.querySelector('[role=row][aria-rowindex]:not([aria-rowindex="1"])');
      const loaded =
        first !== null && !first.hasAttribute('aria-busy') && grid.querySelector('[aria-busy=true]') === null;
      if (loaded && Math.abs(Number(first.getAttribute('aria-rowindex')) - target) < 100) {
        const longestTask = Math.max(0, ...page.__longTasks);
        const firstKey = first.querySelector('[role=gridcell]').textContent;
        resolve({ ms: page.performance.now() - start, firstKey, longestTask });
      } else {
        page.requestAnimationFrame(check);
      }
    };
    page.requestAnimationFrame(check);
  });
}

/** Clicks the first row and times it until the value field shows the value. */
function openFirstRow(): Promise<{ ms: number; longestTask: number }> {
  const page = globalThis as PageGlobal;
  page.__longTasks.length = 0;
  const start = page.performance.now();
  page.document.querySelector('[role=grid] [role=row][aria-rowindex="2"]').click();
  return new Promise((resolve) => {
    const check = () => {
      const line = page.document.querySelector('aside .cm-content .cm-line');
      if (line !== null && line.textContent.length > 0) {
        const ms = page.performance.now() - start;
        page.setTimeout(() => resolve({ ms, longestTask: Math.max(0, ...page.__longTasks) }), 300);
      } else {
        page.requestAnimationFrame(check);
      }
    };
    check();
  });
}

/**
 * Starts timing at the next keydown anywhere in the page and resolves once the value field's content
 * has changed and a frame has been painted after it: what a person waits for between key and glyph.
 */
function armKeystroke(): void {
  const page = globalThis as PageGlobal;
  const content = page.document.querySelector('aside .cm-content');
  page.__longTasks.length = 0;
  page.__keystroke = new Promise((resolve, reject) => {
    const timeout = page.setTimeout(() => reject(new Error('the keystroke never changed the field')), 10_000);
    let start = 0;
    const onKey = () => {
      start = page.performance.now();
    };
    page.document.addEventListener('keydown', onKey, { capture: true, once: true });
    const observer = new page.MutationObserver(() => {
      observer.disconnect();
      page.clearTimeout(timeout);
      page.requestAnimationFrame(() =>
        page.setTimeout(() => {
          const ms = page.performance.now() - start;
          // Long tasks are reported a little after they end.
          page.setTimeout(() => resolve({ ms, longestTask: Math.max(0, ...page.__longTasks) }), 100);
        }, 0),
      );
    });
    observer.observe(content, { subtree: true, childList: true, characterData: true });
  });
}

/** The keystroke armKeystroke watches for: from keydown to the frame after the field changed. */
function keystrokeSettled(): Promise<{ ms: number; longestTask: number }> {
  return (globalThis as PageGlobal).__keystroke;
}

/**
 * Clicks `button` (found by its text inside the record panel) and resolves when `done` (a selector)
 * matches inside the panel, with the longest task meanwhile: "Load all" and the mode switches.
 */
function clickUntil([button, done]: readonly [string, string]): Promise<{ ms: number; longestTask: number }> {
  const page = globalThis as PageGlobal;
  const panel = page.document.querySelector('aside');
  const target = Array.from(panel.querySelectorAll('button')).find(
    (candidate: PageGlobal) => candidate.textContent.trim() === button,
  ) as PageGlobal;
  page.__longTasks.length = 0;
  const start = page.performance.now();
  target.click();
  return new Promise((resolve, reject) => {
    page.setTimeout(() => reject(new Error(`${done} never showed after ${button}`)), 60_000);
    const check = () => {
      if (panel.querySelector(done) !== null) {
        const ms = page.performance.now() - start;
        page.setTimeout(() => resolve({ ms, longestTask: Math.max(0, ...page.__longTasks) }), 300);
      } else {
        page.requestAnimationFrame(check);
      }
    };
    check();
  });
}

/**
 * Where the last call named `name` spent its time, from the page's resource timing: waiting for the server's
 * first byte, then receiving the answer (the rest of Load all is the page's own work).
 */
function lastCallTiming(name: string): { firstByte: number; receive: number; bytes: number } | null {
  const page = globalThis as PageGlobal;
  const entries = page.performance
    .getEntriesByType('resource')
    .filter((entry: PageGlobal) => entry.name.endsWith(`/api/call/${name}`));
  const last = entries[entries.length - 1];
  if (last === undefined) return null;
  return {
    firstByte: last.responseStart - last.requestStart,
    receive: last.responseEnd - last.responseStart,
    bytes: last.encodedBodySize,
  };
}

export const PAGE_PROBES = {
  watchLongTasks,
  gridShowsPrefix,
  scrollRows,
  jumpTo,
  openFirstRow,
  armKeystroke,
  keystrokeSettled,
  clickUntil,
  lastCallTiming,
};
