import { expect, test } from './support/serve-fixture.js';

test('the built renderer loads in Chromium and shows the open store', async ({ page, served }) => {
  await served.writer.write({ key: 'user/1', value: 'Ada' });
  await page.goto(served.url);
  await expect(page.getByRole('status')).toContainText(served.storePath);
});
