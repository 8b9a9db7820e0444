/**
 * The database handle the services use: the Prisma client from `src/store`, or a transaction
 * of it. Services receive it; they never open connections themselves.
 */
import type { Prisma } from '../store/client.js';

export type Tx = Omit<Prisma, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export { isUniqueViolation } from '../store/client.js';
