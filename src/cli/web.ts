/** `gridbot web-link PERSON` and `gridbot apikey create NAME`: the console's ways in from a shell. */
import type { Config } from '../common/config.js';
import { createApiKey, createLoginLink, LOGIN_LINK_MINUTES } from '../services/web-access.js';
import type { Database } from '../store/client.js';

/** A one-time login link for a person with a role (by key or name), for the first administrator. */
export async function webLink(db: Database, config: Config, who: string): Promise<string> {
  const person = await db.prisma.person.findFirst({ where: { OR: [{ key: who }, { name: who }] } });
  if (!person) throw new Error(`no person with key or name "${who}"`);
  if (!(await db.prisma.role.count({ where: { personId: person.id, role: { not: 'staff' } } })))
    throw new Error(`${person.name} holds no role, so the console would show them nothing`);
  const { url } = await createLoginLink(db.prisma, config, person.id, new Date());
  return `${url}\n(valid ${LOGIN_LINK_MINUTES} minutes, once; ${person.name})`;
}

/** A new Open311 API key, printed once; `place` (key or name) limits it to a subtree. */
export async function apiKeyCreate(db: Database, name: string, place?: string): Promise<string> {
  let placeId: number | null = null;
  if (place) {
    const found = await db.prisma.place.findMany({ where: { OR: [{ key: place }, { name: place }] }, take: 2 });
    if (found.length !== 1)
      throw new Error(`place "${place}" ${found.length ? 'is ambiguous, use its key' : 'not found'}`);
    placeId = found[0].id;
  }
  if (await db.prisma.apiKey.findUnique({ where: { name } })) throw new Error(`an API key named "${name}" exists`);
  const key = await createApiKey(db.prisma, name, placeId, new Date());
  return `${key}\n(API key "${name}"${place ? ` for ${place}` : ''}; shown once — pass it as ?api_key=…)`;
}
