/** `gridbot invite PERSON`: a binding code that links a person's chat account to them. */
import { randomInt } from 'node:crypto';
import { T } from '../common/text/index.js';
import type { Database } from '../store/client.js';

export async function createInvite(db: Database, who: string, days: number): Promise<string> {
  const person = await db.prisma.person.findFirst({ where: { OR: [{ key: who }, { name: who }] } });
  if (!person) throw new Error(`no person with key or name "${who}"`);
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = String(randomInt(100_000, 1_000_000));
    const taken = await db.prisma.bindingCode.findUnique({ where: { code } });
    if (taken) continue;
    await db.prisma.bindingCode.create({ data: { code, personId: person.id, expiresAt } });
    return T.invite(person.name, code, days);
  }
  throw new Error('could not find a free code, try again');
}
