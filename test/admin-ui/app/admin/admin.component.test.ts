// @vitest-environment happy-dom
// The administration's components in happy-dom, the server faked at fetch.
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../../admin-ui/src/app/admin/admin.js';
import type { ApiKeyInfo, User } from '../../../../admin-ui/src/api/index.js';
import { fakeApi, textOf, until } from '../dom.js';

const ADA: User = { id: 'u1', name: 'ada', role: 'admin', properties: [], createdAt: '2026-12-01T00:00:00Z', disabledAt: null };
const MO: User = { id: 'u2', name: 'mo', role: 'manager', properties: ['jinxiu-garden'], createdAt: '2026-12-01T00:00:00Z', disabledAt: null };
const KEY: ApiKeyInfo = { id: 'k1', name: 'erp', userId: 'u1', createdAt: '2026-12-01T00:00:00Z', lastUsedAt: null, revokedAt: null };

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

function mount<K extends 'beacon-admin' | 'beacon-admin-users' | 'beacon-admin-keys'>(tag: K, api: unknown, user: User): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  Object.assign(el, { api, user });
  document.body.append(el);
  return el;
}

describe('<beacon-admin>', () => {
  it('refuses anyone but an admin, asking the server nothing', async () => {
    const { api, calls } = fakeApi({});
    const el = mount('beacon-admin', api, MO);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-refused]')?.textContent).toBe('只有管理员可以使用系统管理。');
    expect(el.shadowRoot!.querySelector('beacon-admin-users')).toBeNull();
    expect(calls).toEqual([]);
  });
});

describe('<beacon-admin-users>', () => {
  it('shows the server’s refusal on a 403', async () => {
    const { api } = fakeApi({ 'GET /v1/users': { status: 403, body: { type: 'https://beacon.example/problems/forbidden', title: 'Forbidden', status: 403, detail: 'admins only' } } });
    const el = mount('beacon-admin-users', api, ADA);
    await until(() => textOf(el).includes('你的角色无权查看此页面'), 'the refusal');
    expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).toContain('admins only');
  });

  it('disables a user after the admin confirms, and lists them again', async () => {
    let users = [ADA, MO];
    const { api, calls } = fakeApi({
      'GET /v1/users': () => ({ body: { users } }),
      'PATCH /v1/users/u2': (call) => {
        users = [ADA, { ...MO, disabledAt: (call.body as { disabled: boolean }).disabled ? '2026-12-03T00:00:00Z' : null }];
        return { body: users[1] };
      },
    });
    vi.stubGlobal('confirm', vi.fn(() => true));
    const el = mount('beacon-admin-users', api, ADA);
    await until(() => el.shadowRoot!.querySelector('tr[data-user="mo"]') !== null, 'the users');
    const button = Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => b.textContent?.trim() === '停用 mo')!;
    button.click();
    await until(() => el.shadowRoot!.querySelector('tr[data-user="mo"][data-disabled="true"]') !== null, 'mo disabled');
    expect(calls.filter((c) => c.method === 'PATCH')).toEqual([{ method: 'PATCH', url: '/v1/users/u2', accept: 'application/json', body: { disabled: true } }]);
    expect(calls.filter((c) => c.method === 'GET' && c.url === '/v1/users')).toHaveLength(2);
  });

  it('does nothing when the admin does not confirm', async () => {
    const { api, calls } = fakeApi({ 'GET /v1/users': { body: { users: [ADA, MO] } } });
    vi.stubGlobal('confirm', vi.fn(() => false));
    const el = mount('beacon-admin-users', api, ADA);
    await until(() => el.shadowRoot!.querySelector('tr[data-user="mo"]') !== null, 'the users');
    Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => b.textContent?.trim() === '停用 mo')!.click();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('shows a reset password’s temporary password', async () => {
    const { api } = fakeApi({ 'GET /v1/users': { body: { users: [ADA, MO] } }, 'POST /v1/users/u2/password-reset': { body: { temporaryPassword: 'Tmp-4f9a-77c1-xx' } } });
    vi.stubGlobal('confirm', vi.fn(() => true));
    const el = mount('beacon-admin-users', api, ADA);
    await until(() => el.shadowRoot!.querySelector('tr[data-user="mo"]') !== null, 'the users');
    Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => b.textContent?.trim() === '重置 mo 的密码')!.click();
    await until(() => el.shadowRoot!.querySelector('[data-temporary]') !== null, 'the temporary password');
    expect(el.shadowRoot!.querySelector('[data-temporary]')!.textContent).toBe('Tmp-4f9a-77c1-xx');
  });
});

describe('<beacon-admin-keys>', () => {
  it('shows a new key’s secret once: gone when dismissed, never in the list', async () => {
    let keys = [KEY];
    const { api, calls } = fakeApi({
      'GET /v1/keys': () => ({ body: { keys } }),
      'GET /v1/users': { body: { users: [ADA] } },
      'POST /v1/keys': () => {
        const made = { ...KEY, id: 'k2', name: 'bi' };
        keys = [...keys, made];
        return { status: 201, body: { ...made, secret: 'bk_secret_value_123456' } };
      },
    });
    const el = mount('beacon-admin-keys', api, ADA);
    await until(() => el.shadowRoot!.querySelector('tr[data-key="erp"]') !== null, 'the keys');
    const form = el.shadowRoot!.querySelector<HTMLFormElement>('form.create')!;
    form.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'bi';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => el.shadowRoot!.querySelector('[data-secret]') !== null, 'the secret');
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('[data-secret]')!.value).toBe('bk_secret_value_123456');
    await until(() => el.shadowRoot!.querySelector('tr[data-key="bi"]') !== null, 'the new key listed');
    expect(el.shadowRoot!.querySelector('tbody')!.textContent).not.toContain('bk_secret_value_123456');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'bi' });
    Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => b.textContent?.trim() === '我已保存，隐藏')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-secret]')).toBeNull();
    expect(textOf(el)).not.toContain('bk_secret_value_123456');
  });

  it('revokes a key with DELETE after confirming', async () => {
    let keys = [KEY];
    const { api, calls } = fakeApi({
      'GET /v1/keys': () => ({ body: { keys } }),
      'GET /v1/users': { body: { users: [ADA] } },
      'DELETE /v1/keys/k1': () => {
        keys = [{ ...KEY, revokedAt: '2026-12-03T01:00:00Z' }];
        return { body: keys[0] };
      },
    });
    vi.stubGlobal('confirm', vi.fn(() => true));
    const el = mount('beacon-admin-keys', api, ADA);
    await until(() => el.shadowRoot!.querySelector('tr[data-key="erp"]') !== null, 'the keys');
    Array.from(el.shadowRoot!.querySelectorAll('button')).find((b) => b.textContent?.trim() === '吊销 erp')!.click();
    await until(() => el.shadowRoot!.querySelector('tr[data-key="erp"][data-revoked="true"]') !== null, 'erp revoked');
    expect(calls.some((c) => c.method === 'DELETE' && c.url === '/v1/keys/k1')).toBe(true);
    expect(textOf(el)).toContain('密钥 erp 已吊销。');
  });
});

describe('messageOf', () => {
  it('gives the server’s message and each mistake’s field once', async () => {
    const { messageOf } = await import('../../../../admin-ui/src/app/admin/admin-section.js');
    const { ApiError } = await import('../../../../admin-ui/src/api/index.js');
    const problem = { type: 'https://beacon.example/problems/invalid-request', title: 'Invalid', status: 400, detail: 'The user is not valid.' };
    expect(messageOf(new ApiError({ ...problem, errors: [{ pointer: '/password', code: 'H001', message: 'at least 12 characters' }, { pointer: '', code: 'H404', message: 'The user is not valid.' }] }))).toBe('The user is not valid. /password: at least 12 characters');
  });
});
