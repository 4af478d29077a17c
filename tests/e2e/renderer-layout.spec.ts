import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/serve-fixture.js';

/** Issue 11, items 13, 14, 16, 17: the layout, measured as a person would see it, in both themes. */

test.use({ viewport: { width: 1280, height: 760 }, timezoneId: 'UTC', locale: 'en-US' });

const panel = (page: Page) => page.getByRole('complementary', { name: 'Record details' });
const grid = (page: Page) => page.getByRole('grid', { name: 'Records' });

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (found === null) throw new Error('not laid out');
  return found;
}

/** How a button is painted. */
interface Look {
  background: string;
  color: string;
  opacity: string;
}

function look(locator: Locator): Promise<Look> {
  return locator.evaluate((element) => {
    const style = element.ownerDocument.defaultView?.getComputedStyle(element);
    return { background: style?.backgroundColor ?? '', color: style?.color ?? '', opacity: style?.opacity ?? '' };
  });
}

/** A field's inner width, and what the widest text it can show in this locale needs in its own font and icon. */
function roomForText(locator: Locator, text: string): Promise<{ room: number; needed: number }> {
  return locator.evaluate((element, widest) => {
    const style = element.ownerDocument.defaultView?.getComputedStyle(element);
    const context = element.ownerDocument.createElement('canvas').getContext('2d');
    if (style === undefined || context === null) throw new Error('no style or canvas');
    context.font = style.font;
    const padding = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight);
    return { room: element.clientWidth - padding, needed: context.measureText(widest).width + 20 };
  }, text);
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const width of [1280, 1000]) {
      test(`"Expires at" shows its whole date and time (21:48 with its PM), ${width} px wide`, async ({
        page,
        served,
      }) => {
        await page.setViewportSize({ width, height: 760 });
        const at = new Date();
        at.setUTCDate(at.getUTCDate() + 1);
        at.setUTCMonth(11, 28);
        at.setUTCHours(21, 48, 59, 0);
        await served.writer.write({ key: 'cache/x', value: 'hello' }, { expiry: at });
        await page.goto(served.url);
        await page.getByRole('row', { name: /cache\/x/ }).click();
        const input = panel(page).getByLabel('Expires at');
        // The widest text the field can show in this locale, in the field's own font, beside its picker icon.
        const { room, needed } = await roomForText(input, '12/28/2026, 09:48:59 PM');
        expect(room).toBeGreaterThanOrEqual(needed);
        // ...and inside the pane, not past its edge.
        const field = await box(input);
        const pane = await box(panel(page));
        expect(field.x + field.width).toBeLessThanOrEqual(pane.x + pane.width);
        expect(await panel(page).evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      });
    }

    test('a 10,000-character key keeps the editor heading and the toast within bounds', async ({ page, served }) => {
      const key = `long/${'k'.repeat(10_000)}`;
      await served.writer.write({ key, value: 'v' });
      await page.goto(served.url);
      await page.getByRole('row', { name: /long\// }).click();
      const heading = panel(page).getByRole('heading', { level: 2 });
      await expect(heading).toBeVisible();
      const pane = await box(panel(page));
      const title = await box(heading);
      expect(title.height).toBeLessThanOrEqual(80);
      expect(title.x + title.width).toBeLessThanOrEqual(pane.x + pane.width);
      await expect(panel(page).getByRole('button', { name: 'Save' })).toBeInViewport();
      await panel(page).getByRole('button', { name: 'Duplicate' }).click();
      await page
        .getByRole('dialog', { name: /Duplicate/ })
        .getByRole('button', { name: 'Duplicate' })
        .click();
      const toast = page.locator('.toast');
      await expect(toast).toContainText('Created long/kkk');
      const shown = await box(toast);
      expect(shown.width).toBeLessThanOrEqual(600);
      expect(shown.height).toBeLessThanOrEqual(48);
    });

    test('disabled primary buttons look disabled (read-only: Save, New record)', async ({ page, served }) => {
      await served.writer.write({ key: 'a', value: 'v' });
      await page.goto(served.url);
      const newRecord = page.getByRole('button', { name: 'New record' }).first();
      const enabled = (await look(newRecord)).background;
      await page.getByRole('button', { name: 'Read-only' }).click();
      await expect(newRecord).toBeDisabled();
      await page.getByRole('row', { name: /^a/ }).click();
      const save = panel(page).getByRole('button', { name: 'Save' });
      const revert = panel(page).getByRole('button', { name: 'Revert' });
      await expect(save).toBeDisabled();
      // Disabled, a primary button looks like any other disabled button, not like an enabled primary.
      expect(await look(save)).toEqual(await look(revert));
      expect((await look(newRecord)).background).not.toBe(enabled);
    });

    test('the selection bar leaves the grid where it is; a toast covers no grid row', async ({ page, served }) => {
      for (let i = 0; i < 40; i++) await served.writer.write({ key: `row/${String(i).padStart(2, '0')}`, value: 'v' });
      await page.goto(served.url);
      const before = await box(grid(page));
      await grid(page)
        .getByRole('row', { name: /row\/01/ })
        .click();
      await grid(page)
        .getByRole('row', { name: /row\/05/ })
        .click({ modifiers: ['Shift'] });
      const bar = page.getByRole('toolbar', { name: 'Selected records' });
      await expect(bar).toContainText('5 selected');
      expect(await box(grid(page))).toEqual(before);
      await bar.getByRole('button', { name: 'Set TTL…' }).click();
      await page
        .getByRole('dialog', { name: /Set a TTL/ })
        .getByRole('button', { name: 'Set TTL' })
        .click();
      const toast = page.locator('.toast');
      await expect(toast).toContainText('Set a TTL on 5 records');
      expect(overlaps(await box(toast), await box(grid(page)))).toBe(false);
    });
  });
}
