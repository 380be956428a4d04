/**
 * Group-robot webhooks: the message formats of DingTalk and WeCom robots, DingTalk's signing
 * (加签), address checks, and one POST with a time limit. No I/O but `postWebhook`.
 */
import crypto from 'node:crypto';
import type { WebhookKind } from './schema.ts';

/** A message before it is put in a robot's format. */
export interface Message {
  title: string;
  /** Markdown. */
  text: string;
}

/** The JSON body a robot of `kind` takes for `m`. */
export function robotPayload(kind: Exclude<WebhookKind, 'email'>, m: Message): Record<string, unknown> {
  if (kind === 'dingtalk') return { msgtype: 'markdown', markdown: { title: m.title, text: m.text } };
  return { msgtype: 'markdown', markdown: { content: m.text } };
}

/** DingTalk's signature: base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), before URL encoding. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return crypto.createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The URL to POST to: with a secret, DingTalk wants `timestamp` and `sign` as query parameters. */
export function signedUrl(kind: WebhookKind, url: string, secret: string | null, timestampMs: number): string {
  if (kind !== 'dingtalk' || !secret) return url;
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(dingtalkSign(secret, timestampMs))}`;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why a robot URL is refused, or null: HTTPS only (plain HTTP only to this machine, for testing),
 * no user name or password in it, no fragment.
 */
export function urlProblem(raw: string): { zh: string; en: string } | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { zh: '不是有效的网址', en: 'not a valid URL' };
  }
  if (u.protocol === 'http:' && !LOOPBACK.has(u.hostname)) return { zh: '须使用 https 地址（http 仅限本机 127.0.0.1/localhost 测试）', en: 'must be https (plain http only to 127.0.0.1/localhost, for testing)' };
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { zh: '须使用 https 地址', en: 'must be an https URL' };
  if (u.username || u.password) return { zh: '网址中不能包含用户名或密码', en: 'must not contain a user name or password' };
  if (u.hash) return { zh: '网址中不能包含 # 片段', en: 'must not contain a #fragment' };
  return null;
}

export const EMAIL_PATTERN = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export interface PostResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export const WEBHOOK_TIMEOUT_MS = 5000;

/**
 * POSTs the JSON body. Success is a 2xx answer whose JSON, if any, has no non-zero `errcode`
 * (both robots answer 200 with an error code when they refuse a message).
 */
export async function postWebhook(url: string, body: unknown, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<PostResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, status: null, error: why.slice(0, 300) };
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) return { ok: false, status: res.status, error: `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
  try {
    const j = JSON.parse(text) as { errcode?: number; errmsg?: string };
    if (j && typeof j.errcode === 'number' && j.errcode !== 0) return { ok: false, status: res.status, error: `errcode ${j.errcode}: ${String(j.errmsg ?? '').slice(0, 200)}` };
  } catch {
    /* not JSON: the 2xx is the answer */
  }
  return { ok: true, status: res.status, error: null };
}

/** Backoff before attempt n+1 after n failed attempts: 1, 2, 4, 8… minutes, at most an hour. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(60, 2 ** Math.max(0, failedAttempts - 1)) * 60_000;
}

/** Attempts after which a delivery is given up. */
export const MAX_ATTEMPTS = 5;
