/** `gridbot invite PERSON`: a binding code that links a person's chat account to them. */
import { randomInt } from 'node:crypto';
import { T } from '../common/text/index.js';
import { INVITE_ALPHABET, INVITE_LENGTH } from '../services/binding.js';
import type { Database } from '../store/client.js';

/** A code people can read out and type: no 0/O, 1/I/L. */
function newCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

export async function createInvite(db: Database, who: string, days: number): Promise<string> {
  const person = await db.prisma.person.findFirst({ where: { OR: [{ key: who }, { name: who }] } });
  if (!person) throw new Error(`no person with key or name "${who}"`);
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode();
    const taken = await db.prisma.bindingCode.findUnique({ where: { code } });
    if (taken) continue;
    await db.prisma.bindingCode.create({ data: { code, personId: person.id, expiresAt } });
    return T.invite(person.name, code, days);
  }
  throw new Error('could not find a free code, try again');
}
