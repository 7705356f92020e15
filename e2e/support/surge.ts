/**
 * A fresh project with an ingest key, made through the HTTP API as the admin, and the events of
 * a 50502 surge to send it (a certificate expiry, one broken load-balancer node): the code's
 * ordinary trickle, then a surge from hundreds of phones. The server's own alert cycle (every
 * CW_ALERT_CYCLE_SECONDS, 15 s by default) is what opens the incident.
 */
import { expect, type APIRequestContext } from "@playwright/test";

import { storageStateOf } from "./logins";

const MINUTE = 60_000;

type Playwright = { request: { newContext: (o: object) => Promise<APIRequestContext> } };

/** An API request context signed in as the admin (sessions need the Origin on writes). */
export function adminApi(playwright: Playwright, baseURL: string) {
  return playwright.request.newContext({
    baseURL,
    storageState: storageStateOf("admin"),
    extraHTTPHeaders: { origin: baseURL },
  });
}

/** A new project (`prefix` and a unique suffix) and an ingest key of it. */
export async function createProjectWithKey(
  playwright: Playwright,
  baseURL: string,
  prefix: string,
): Promise<{ project: string; key: string }> {
  const admin = await adminApi(playwright, baseURL);
  const project = `${prefix}-${Date.now().toString(36)}`;
  expect((await admin.post("/api/v1/projects", { data: { slug: project } })).status()).toBe(201);
  const created = await admin.post(`/api/v1/projects/${project}/keys`, {
    data: { scopes: ["ingest"], name: "e2e surge" },
  });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: string };
  await admin.dispose();
  return { project, key };
}

const HOSTS = ["a1.smartlife.example", "a2.smartlife.example", "m1.smartlife.example"];
/** Two load-balancer nodes a host: a1 is .10 and .11, a2 .20 and .21, m1 .30 and .31. */
const NODES = [10, 20, 30, 11, 21, 31].map((n) => `203.0.113.${n}`);

/**
 * 50502's ordinary trickle: one a minute from 60 phones over `minutes`, ending six minutes ago
 * (the detector judges a code once it has an hour of history), on every host and node.
 */
function trickle(nowMs: number, minutes: number) {
  return Array.from({ length: minutes }, (_, i) => ({
    code: 50502,
    timestamp: nowMs - (minutes + 6) * MINUTE + i * MINUTE + ((i * 7919) % 50_000),
    deviceId: `e2e-phone-${i % 60}`,
    host: HOSTS[i % HOSTS.length],
    remoteIp: NODES[i % NODES.length],
    apiLevel: 24 + (i % 10),
    appVersion: "5.2.1",
    exception: "javax.net.ssl.SSLHandshakeException",
    message: "SSL handshake aborted: I/O error during system call, Connection reset by peer",
  }));
}

/** ~150 a minute from 200 phones over the last three minutes, with `failure(i)`'s fields. */
function surge(nowMs: number, failure: (i: number) => object) {
  return Array.from({ length: 450 }, (_, i) => ({
    code: 50502,
    timestamp: nowMs - 3 * MINUTE + i * 400,
    deviceId: `e2e-phone-${1000 + (i % 200)}`,
    apiLevel: 24 + (i % 10),
    appVersion: "5.2.1",
    exception: "javax.net.ssl.SSLHandshakeException",
    ...failure(i),
  }));
}

/**
 * 50502 events ending at `nowMs`: an hour of the trickle, then a surge with "Certificate
 * expired" on every host, from phones whose clocks are right.
 */
export function certificateExpiry(nowMs: number) {
  const expiry = new Date(nowMs - 4 * MINUTE).toUTCString();
  return [
    ...trickle(nowMs, 60),
    ...surge(nowMs, (i) => ({
      host: HOSTS[i % HOSTS.length],
      remoteIp: NODES[i % NODES.length],
      message: `java.security.cert.CertificateExpiredException: Certificate expired at ${expiry}`,
    })),
  ];
}

/** The node `loadBalancerNode` breaks: the second of a1's two. */
export const BROKEN_NODE = { host: HOSTS[0]!, ip: NODES[3]! };

/**
 * 50502 events ending at `nowMs`: three hours of the trickle (a code page's breakdown compares
 * the last hour with the days before the hour it begins in), then a surge from the one node that
 * serves a broken chain: "Trust anchor for certification path not found.", one host, one IP.
 */
export function loadBalancerNode(nowMs: number) {
  return [
    ...trickle(nowMs, 180),
    ...surge(nowMs, () => ({
      host: BROKEN_NODE.host,
      remoteIp: BROKEN_NODE.ip,
      message:
        "java.security.cert.CertPathValidatorException: Trust anchor for certification path not found.",
    })),
  ];
}

/** Sends `events` with the project's ingest key, as a phone fleet would. */
export async function ingest(
  playwright: Playwright,
  baseURL: string,
  key: string,
  events: object[],
): Promise<void> {
  const device = await playwright.request.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { authorization: `Bearer ${key}` },
  });
  const sent = await device.post("/api/v1/events", { data: { events } });
  expect(sent.status(), await sent.text()).toBe(202);
  const body = (await sent.json()) as { accepted: number };
  expect(body.accepted).toBe(events.length);
  await device.dispose();
}
