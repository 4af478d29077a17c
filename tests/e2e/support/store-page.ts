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

/** The open record's value in the editor. */
export const valueField = (page: Page): Locator => panel(page).getByLabel('Value', { exact: true });

/** Databases and their tables. */
export const sidebar = (page: Page): Locator => page.getByRole('navigation', { name: 'Databases and tables' });

/** The actions on the selected records. */
export const selectionBar = (page: Page): Locator => page.getByRole('toolbar', { name: 'Selected records' });

/** The command line on the same store, as a user runs it; returns what it printed. */
export const cli = (...args: string[]): string => execFileSync('node', ['bin/store-inspector.js', ...args]).toString();
