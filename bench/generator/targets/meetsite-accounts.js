// Gets MeetSite cookies the way a person does: the real Register / Log in forms (with their
// antiforgery tokens), then meetings from the dashboard's "New meeting" form.
import { request } from 'undici';
import { CookieJar } from './cookie-jar.js';

export const AUTH_COOKIE = 'meetsite.auth';
const PASSWORD = 'bench horse battery staple';

async function getPage(origin, jar, path) {
  const res = await request(origin + path, { headers: { cookie: jar.header() } });
  jar.take(res.headers['set-cookie']);
  const html = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode}`);
  const token = /name="__RequestVerificationToken" type="hidden" value="([^"]+)"/.exec(html);
  if (!token) throw new Error(`GET ${path}: no antiforgery token`);
  return token[1].replaceAll('&#x2B;', '+').replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
}

/** Loads `pagePath`, posts its form with `fields`, returns the response status and Location. */
async function submit(origin, jar, pagePath, fields, postPath = pagePath) {
  const token = await getPage(origin, jar, pagePath);
  const body = new URLSearchParams({ ...fields, __RequestVerificationToken: token }).toString();
  const res = await request(origin + postPath, {
    method: 'POST',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', origin },
    body,
  });
  jar.take(res.headers['set-cookie']);
  await res.body.dump();
  return { status: res.statusCode, location: res.headers.location };
}

/** A logged-in cookie jar for bench user `index`: registers it on first use, logs in after that. */
export async function signIn(origin, index) {
  const email = `bench-${index}@bench.test`;
  const jar = new CookieJar();
  const registered = await submit(origin, jar, '/Account/Register', {
    'Input.Email': email,
    'Input.DisplayName': `Bench ${index}`,
    'Input.Password': PASSWORD,
    'Input.ConfirmPassword': PASSWORD,
  });
  if (!jar.has(AUTH_COOKIE)) {
    const login = await submit(origin, jar, '/Account/Login', { 'Input.Email': email, 'Input.Password': PASSWORD });
    if (!jar.has(AUTH_COOKIE)) throw new Error(`log in as ${email} failed: register ${registered.status}, log in ${login.status}`);
  }
  return jar;
}

/**
 * Creates a meeting from the dashboard and returns its code. Benchmarks measure the relay and the page, not
 * admission: the meeting lets people in without asking (the dashboard's box), as the waiting room is on by
 * default and would hold every guest (and refuse the generators' protocol 1 joins with needs-protocol-2).
 */
export async function newMeeting(origin, jar) {
  const res = await submit(origin, jar, '/Dashboard', { OpenToAll: 'true' }, '/Dashboard?handler=New');
  if (res.status !== 302 || !res.location?.startsWith('/m/')) throw new Error(`new meeting: ${res.status} ${res.location}`);
  return res.location.slice('/m/'.length);
}
