/**
 * Access to the web console without passwords: one-time login links that the bot sends by
 * direct message, sessions kept in the database, and API keys for the Open311 read API.
 * Tokens are random; only their SHA-256 is stored, so a copy of the database opens nothing.
 * Login links are also signed, so a forged or mistyped link is refused before any lookup.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Config, webBaseUrl } from '../common/config.js';
import { dirname, join } from 'node:path';
import { type Db, isUniqueViolation, providerOf, sqlitePath } from '../store/client.js';

/** How long a login link stays valid. */
export const LOGIN_LINK_MINUTES = 15;
/** How long a browser stays signed in. */
export const SESSION_DAYS = 7;

const SECRET_NAME = 'web.secret';

/** Where the console keeps files (estate plans, digest charts): configured, else beside the SQLite file. */
export function webDataDir(config: Config): string {
  if (config.web.dataDir) return config.web.dataDir;
  return providerOf(config.databaseUrl) === 'sqlite'
    ? join(dirname(sqlitePath(config.databaseUrl)), 'web')
    : 'data/web';
}
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const random = (bytes: number) => randomBytes(bytes).toString('base64url');

/** The key that signs login links: from configuration, else generated once per database. */
export async function consoleSecret(db: Db, config: Config): Promise<string> {
  if (config.web.secret) return config.web.secret;
  const found = await db.modelState.findUnique({ where: { name: SECRET_NAME } });
  if (found) return found.data;
  try {
    await db.modelState.create({ data: { name: SECRET_NAME, data: random(32) } });
  } catch (error) {
    // Another instance made it first; both then use that one.
    if (!isUniqueViolation(error)) throw error;
  }
  return (await db.modelState.findUniqueOrThrow({ where: { name: SECRET_NAME } })).data;
}

const sign = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('base64url');

/** True when the person holds a role other than staff: only they may use the console (staff see no households). */
export async function mayUseConsole(db: Db, personId: number | null): Promise<boolean> {
  return !!personId && (await db.role.count({ where: { personId, role: { not: 'staff' } } })) > 0;
}

/**
 * A one-time login link for a person, valid {@link LOGIN_LINK_MINUTES} minutes.
 * @example const { url } = await createLoginLink(db, config, person.id, now)
 */
export async function createLoginLink(
  db: Db,
  config: Config,
  personId: number,
  now: Date,
): Promise<{ url: string; expiresAt: Date }> {
  const secret = await consoleSecret(db, config);
  const value = random(24);
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_MINUTES * 60_000);
  await db.webLogin.create({ data: { tokenHash: sha256(value), personId, expiresAt, createdAt: now } });
  return { url: `${webBaseUrl(config)}/login/${value}.${sign(secret, value)}`, expiresAt };
}

export type LinkCheck = { ok: true; personId: number; name: string } | { ok: false };

/** Whether a link token is genuine and unused (it is not used up by looking). */
export async function checkLoginLink(db: Db, config: Config, token: string, now: Date): Promise<LinkCheck> {
  const value = await verified(db, config, token);
  if (!value) return { ok: false };
  const row = await db.webLogin.findUnique({ where: { tokenHash: sha256(value) }, include: { person: true } });
  if (!row || row.usedAt || row.expiresAt <= now) return { ok: false };
  return { ok: true, personId: row.personId, name: row.person.name };
}

/** Uses a link up: exactly one caller gets the person, however many try at once. */
export async function useLoginLink(db: Db, config: Config, token: string, now: Date): Promise<LinkCheck> {
  const value = await verified(db, config, token);
  if (!value) return { ok: false };
  const tokenHash = sha256(value);
  const { count } = await db.webLogin.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (!count) return { ok: false };
  const row = await db.webLogin.findUniqueOrThrow({ where: { tokenHash }, include: { person: true } });
  return { ok: true, personId: row.personId, name: row.person.name };
}

async function verified(db: Db, config: Config, token: string): Promise<string | null> {
  const [value, signature] = token.split('.');
  if (!value || !signature || value.length > 64) return null;
  const expected = Buffer.from(sign(await consoleSecret(db, config), value));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}

export interface Session {
  id: number;
  personId: number;
  name: string;
  csrf: string;
}

/** Opens a session; the returned token goes into the cookie and nowhere else. */
export async function startSession(db: Db, personId: number, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = random(32);
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.webSession.create({
    data: { tokenHash: sha256(token), personId, csrf: random(24), expiresAt, createdAt: now },
  });
  return { token, expiresAt };
}

/** The live session a cookie names, or null. */
export async function sessionOf(db: Db, token: string | undefined, now: Date): Promise<Session | null> {
  if (!token || token.length > 64) return null;
  const row = await db.webSession.findUnique({ where: { tokenHash: sha256(token) }, include: { person: true } });
  if (!row || row.expiresAt <= now) return null;
  return { id: row.id, personId: row.personId, name: row.person.name, csrf: row.csrf };
}

/** Logs out: the cookie's session ends here and on every other instance. */
export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.webSession.deleteMany({ where: { tokenHash: sha256(token) } });
}

/** True when `given` is the session's CSRF token. */
export function csrfMatches(session: Session, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Makes an Open311 API key; the key is returned once and only its hash is kept. */
export async function createApiKey(db: Db, name: string, placeId: number | null, now: Date): Promise<string> {
  const key = `gbk_${random(24)}`;
  await db.apiKey.create({ data: { name, keyHash: sha256(key), placeId, createdAt: now } });
  return key;
}

/** The key's scope when it is valid (null place: everything), else null. */
export async function checkApiKey(
  db: Db,
  key: string | undefined,
  now: Date,
): Promise<{ id: number; placeId: number | null } | null> {
  if (!key || key.length > 80) return null;
  const row = await db.apiKey.findUnique({ where: { keyHash: sha256(key) } });
  if (!row || row.revokedAt) return null;
  // Recording the last use is best effort; a read must not fail on it.
  await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => {});
  return { id: row.id, placeId: row.placeId };
}

/** The identity a person acts through in the console, so web actions are audited like chat ones. */
export async function webIdentity(db: Db, personId: number): Promise<{ id: number; name: string }> {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId } });
  const key = { platform: 'web', externalId: `person:${personId}` };
  const identity = await db.identity.upsert({
    where: { platform_externalId: key },
    create: { ...key, displayName: person.name, personId },
    update: { displayName: person.name, personId },
  });
  return { id: identity.id, name: person.name };
}
