import { describe, expect, it } from 'vitest';
import { hashPassword, hashToken, newToken, verifyPassword } from '../../../server/store/index.js';

describe('hashPassword', () => {
  it('makes a salted scrypt hash that verifies the password and nothing else', async () => {
    const hash = await hashPassword('正确的密码 horse');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await hashPassword('正确的密码 horse')).not.toBe(hash);
    expect(await verifyPassword('正确的密码 horse', hash)).toBe(true);
    expect(await verifyPassword('wrong', hash)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });
});

describe('newToken and hashToken', () => {
  it('gives long random tokens and a stable SHA-256 to store in their place', () => {
    const token = newToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(newToken()).not.toBe(token);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });
});
