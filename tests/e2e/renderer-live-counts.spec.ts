import type { Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';

/** Issue 11: one live count shown everywhere (item 10); a pause that holds everything still (item 9). */

const grid = (page: Page) => page.getByRole('grid', { name: 'Records' });

interface Counts {
  header: number;
  sidebar: number;
  status: number;
}

/**
 * The three places a table's live count shows, read in the same frame (one script in the page; a string,
 * since these specs are compiled without the DOM's types).
 */
const READ_COUNTS = `(() => {
  const number = (text, pattern) => {
    const match = pattern.exec(text ?? '');
    return match === null ? Number.NaN : Number(match[1].replace(/,/g, ''));
  };
  const status = [...document.querySelectorAll('.status-bar [role="status"] span')]
    .find((span) => / records? in the store$/.test(span.textContent ?? ''));
  return {
    header: number(document.querySelector('.match-count')?.textContent, /^([\\d,]+) records?$/),
    sidebar: number(document.querySelector('.table-count')?.textContent, /([\\d,]+)/),
    status: number(status?.textContent, /^([\\d,]+) records? in the store$/),
  };
})()`;

const counts = (page: Page) => page.evaluate<Counts>(READ_COUNTS);

test('after records expire, header, sidebar and status bar show the same count at once', async ({ page, served }) => {
  for (let i = 0; i < 3; i++) await served.writer.write({ key: `stay/${i}`, value: 'x' });
  for (let i = 0; i < 5; i++) await served.writer.write({ key: `go/${i}`, value: 'x' }, { ttl: 2_500 });
  const expiresAt = Date.now() + 2_500;
  await page.goto(served.url);
  await expect.poll(() => counts(page)).toEqual({ header: 8, sidebar: 8, status: 8 });
  const seen: { at: number; header: number; sidebar: number; status: number }[] = [];
  while (Date.now() < expiresAt + 4_000) {
    seen.push({ at: Date.now() - expiresAt, ...(await counts(page)) });
    await page.waitForTimeout(100);
  }
  const disagreeing = seen.filter((s) => s.header !== s.sidebar || s.sidebar !== s.status);
  expect(disagreeing, 'samples where the three counts differed').toEqual([]);
  // The expiry shows within about two seconds everywhere (the grid's rows leave within one).
  const settled = seen.filter((s) => s.at > 2_500);
  expect(settled.length).toBeGreaterThan(0);
  for (const sample of settled) expect(sample).toMatchObject({ header: 3, sidebar: 3, status: 3 });
});

test('paused, nothing on screen moves; the button says Resume (N waiting)', async ({ page, served }) => {
  await served.writer.write({ key: 'k/1', value: '1' });
  await served.writer.write({ key: 'k/fleeting', value: 'x' }, { ttl: 3_000 });
  await page.goto(served.url);
  await expect(grid(page).getByRole('row', { name: /k\/fleeting/ })).toBeVisible();
  await page.getByRole('button', { name: 'Pause live updates' }).click();
  const resume = page.getByRole('button', { name: /^Resume \(\d+ waiting\)$/ });
  await expect(resume).toHaveText('Resume (0 waiting)');
  await expect(resume).toHaveAttribute('aria-pressed', 'true');
  const before = await counts(page);
  const countdown = grid(page)
    .getByRole('row', { name: /k\/fleeting/ })
    .getByRole('gridcell')
    .nth(4);
  const shown = await countdown.textContent();
  await served.writer.write({ key: 'k/2', value: '2' });
  await served.writer.write({ key: 'k/3', value: '3' });
  await expect(resume).toHaveText('Resume (2 waiting)');
  // Past the fleeting record's expiry: still on screen as it was, counts and countdown held.
  await page.waitForTimeout(3_500);
  await expect(grid(page).getByRole('row', { name: /k\/fleeting/ })).toBeVisible();
  await expect(countdown).toHaveText(shown ?? '');
  await expect(grid(page).getByRole('row', { name: /k\/2/ })).toBeHidden();
  expect(await counts(page)).toEqual(before);

  await resume.click();
  await expect(page.getByRole('button', { name: 'Pause live updates' })).toHaveAttribute('aria-pressed', 'false');
  await expect(grid(page).getByRole('row', { name: /k\/3/ })).toBeVisible();
  await expect(grid(page).getByRole('row', { name: /k\/fleeting/ })).toBeHidden();
  await expect.poll(() => counts(page)).toEqual({ header: 3, sidebar: 3, status: 3 });
});
