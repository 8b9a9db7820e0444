/**
 * The database handle the services use: the Prisma client from `src/store`, or a transaction
 * of it. Services receive it; they never open connections themselves.
 */
import type { Prisma } from '../store/client.js';

export type Tx = Omit<Prisma, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** True when a write failed on a unique constraint (a duplicate delivery, a lost claim race). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === 'P2002' || /Unique constraint|UNIQUE constraint|duplicate key/i.test(e?.message ?? '');
}
