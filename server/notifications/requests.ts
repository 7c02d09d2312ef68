// A delivery as the HTTP request each kind of channel expects.
// - webhook: the event as JSON; `X-Beacon-Timestamp` (Unix seconds) and
//   `X-Beacon-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the channel's
//   secret>`, so a receiver checks both who sent it and that it is fresh (refuse a
//   timestamp more than 5 minutes old: a replay); `Idempotency-Key` names the delivery,
//   the same on every retry, so a receiver can drop a repeat.
// - wecom (企业微信群机器人): POST to the robot's webhook URL (…/cgi-bin/webhook/send?key=…),
//   `{"msgtype":"markdown","markdown":{"content":…}}`, content at most 4,096 bytes; the
//   answer's `errcode` 0 is success.
// - dingtalk (钉钉自定义机器人): POST to …/robot/send?access_token=…, with the 加签 scheme
//   when a secret is set: `timestamp` (ms) and `sign` = URL-encoded Base64 of HMAC-SHA256
//   over "<timestamp>\n<secret>" keyed by the secret, added to the query;
//   `{"msgtype":"markdown","markdown":{"title":…,"text":…}}`; `errcode` 0 is success.
import { createHmac } from 'node:crypto';
import type { ClaimedDelivery } from '../store/index.js';

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const WECOM_MAX_BYTES = 4096;
/** The robots' message title by event kind. */
const TITLES: Record<string, string> = { warning: '预警', 'duty-missed': '职责未按时完成' };

function summaryLines(d: ClaimedDelivery): string[] {
  const p = d.event.payload;
  const text = (k: string) => (typeof p[k] === 'string' || typeof p[k] === 'number' ? String(p[k]) : '');
  if (d.event.kind === 'warning') {
    return [`**${text('label')}**（${text('level')}）`, `工单 Ticket: ${text('ticketId')}`, `项目 Property: ${d.event.propertyId}`, `责任单位 Unit: ${d.event.unit}`, `扣分 Points: ${text('points')}`, `时间 At: ${text('reachedAt')}`, `通知 Notify: ${d.event.roles.join(', ')}`];
  }
  if (d.event.kind === 'duty-missed') {
    const state = text('state') === 'late' ? '逾期完成 late' : '未完成 missing';
    return [`**${text('label')}**（${text('level')}）`, `职责 Duty: ${text('dutyLabel')}（${text('dutyId')}）`, `应完成 Due: ${text('occurrence')} ${text('dueAt')}`, `状态 State: ${state}`, `项目 Property: ${d.event.propertyId}`, `责任单位 Unit: ${d.event.unit}`, `扣分 Points: ${text('points')}`, `通知 Notify: ${d.event.roles.join(', ')}`];
  }
  return [`**${d.event.kind}**`, `项目 Property: ${d.event.propertyId}`, `责任单位 Unit: ${d.event.unit}`, `通知 Notify: ${d.event.roles.join(', ')}`];
}

/** Cut to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch + '…') > max) break;
    out += ch;
  }
  return `${out}…`;
}

export function dingtalkSign(secret: string, timestampMs: number): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64'));
}

export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

export function requestFor(d: ClaimedDelivery, nowMs: number): OutgoingRequest {
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const title = `Beacon ${TITLES[d.event.kind] ?? d.event.kind}`;
  if (d.channel.kind === 'wecom') {
    const content = truncateBytes([`### ${title}`, ...summaryLines(d)].join('\n'), WECOM_MAX_BYTES);
    return { url: d.channel.url, headers: json, body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }) };
  }
  if (d.channel.kind === 'dingtalk') {
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { title, text: [`### ${title}`, ...summaryLines(d)].join('\n\n') } });
    if (d.channel.secret === null) return { url: d.channel.url, headers: json, body };
    const url = new URL(d.channel.url);
    url.searchParams.set('timestamp', String(nowMs));
    // Already URL-encoded as DingTalk documents; set raw so it is not encoded twice.
    return { url: `${url.toString()}&sign=${dingtalkSign(d.channel.secret, nowMs)}`, headers: json, body };
  }
  const body = JSON.stringify({ id: d.event.key, kind: d.event.kind, property: d.event.propertyId, unit: d.event.unit, roles: d.event.roles, createdAt: d.event.createdAt, data: d.event.payload });
  const timestamp = Math.floor(nowMs / 1000);
  const headers: Record<string, string> = { ...json, 'idempotency-key': `${d.outboxId}:${d.channel.id}`, 'x-beacon-timestamp': String(timestamp) };
  if (d.channel.secret !== null) headers['x-beacon-signature'] = webhookSignature(d.channel.secret, timestamp, body);
  return { url: d.channel.url, headers, body };
}

/** Whether an answer is success: 2xx, and for the robots `errcode` 0 in the JSON body. */
export function succeeded(kind: ClaimedDelivery['channel']['kind'], status: number, body: string): { ok: boolean; error: string | null } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}` };
  if (kind === 'webhook') return { ok: true, error: null };
  try {
    const answer = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
    return answer.errcode === 0 ? { ok: true, error: null } : { ok: false, error: `errcode ${String(answer.errcode)}: ${String(answer.errmsg ?? '')}`.slice(0, 500) };
  } catch {
    return { ok: false, error: 'the answer is not JSON' };
  }
}
