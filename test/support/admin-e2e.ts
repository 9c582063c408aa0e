/** What only the administration end-to-end tests need; the browser set-up they share with the others is in browser.ts. */
import type { Page } from 'playwright-core';

/** The page's own fetch with its session cookie and CSRF token: what a script in the page could send. */
export async function uploadFromPage(page: Page, categoryCode: string, bytes: Buffer): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ code, data }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), 'photo.jpg');
      const res = await fetch(`/api/v1/candidate/materials/${code}/images`, { method: 'POST', body: form, headers: { 'X-CSRF-Token': me.csrfToken } });
      return { status: res.status, body: await res.json() };
    },
    { code: categoryCode, data: [...bytes] },
  );
}
