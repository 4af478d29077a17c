/**
 * The page's landmarks as a user finds them (role and accessible name), in one place so that a renamed
 * label breaks one line, not every spec.
 */
import { execFileSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';

/** The record list. */
export const grid = (page: Page): Locator => page.getByRole('grid', { name: 'Records' });

/** The keys of the rows the grid has rendered, top to bottom. */
export const keysInGrid = (page: Page): Promise<string[]> =>
  grid(page).getByRole('row').locator('.cell-key').allTextContents();

/** The record editor beside the grid. */
export const panel = (page: Page): Locator => page.getByRole('complementary', { name: 'Record details' });

/** The open record's value in the editor (CodeMirror's content element, a labelled textbox). */
export const valueField = (page: Page): Locator => panel(page).getByLabel('Value', { exact: true });

/**
 * The text the value field shows: CodeMirror's rendered lines joined by newlines (a textbox that is not
 * a textarea has no value to read). Only lines in view are rendered: enough for the small values of specs.
 */
export const valueText = (page: Page): Promise<string> =>
  valueField(page).evaluate((field) =>
    Array.from(
      field.querySelectorAll('.cm-line'),
      (line: { textContent: string | null }) => line.textContent ?? '',
    ).join('\n'),
  );

/**
 * Replaces the value field's text as a user pasting it would: select all, then paste. Playwright's
 * fill() types into a contenteditable through the browser's own editing, which CodeMirror reads back
 * with a stray empty line; a paste event is handled by CodeMirror itself, exactly.
 */
export async function fillValue(page: Page, text: string): Promise<void> {
  await valueField(page).click();
  await page.keyboard.press('ControlOrMeta+a');
  // Runs in the page; the specs compile without the DOM library, hence the loose types.
  await valueField(page).evaluate((field, pasted) => {
    const dom = globalThis as unknown as PageClipboard;
    const clipboardData = new dom.DataTransfer();
    clipboardData.setData('text/plain', pasted);
    field.dispatchEvent(new dom.ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }) as Event);
  }, text);
}

interface PageClipboard {
  DataTransfer: new () => { setData: (type: string, data: string) => void };
  ClipboardEvent: new (type: string, init: object) => unknown;
}

/** Databases and their tables. */
export const sidebar = (page: Page): Locator => page.getByRole('navigation', { name: 'Databases and tables' });

/** The actions on the selected records. */
export const selectionBar = (page: Page): Locator => page.getByRole('toolbar', { name: 'Selected records' });

/** The command line on the same store, as a user runs it; returns what it printed. */
export const cli = (...args: string[]): string => execFileSync('node', ['bin/store-inspector.js', ...args]).toString();
