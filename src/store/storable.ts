/**
 * Text every database can store. PostgreSQL refuses a NUL character in a text value (22021,
 * "invalid byte sequence for encoding UTF8: 0x00") and a lone UTF-16 surrogate has no UTF-8
 * form at all (drivers silently turn it into U+FFFD, each in its own way). Every string bound
 * to a query passes through {@link storable} once, in the driver adapter both databases are
 * opened with, so no caller (intake, the failure fallback, tickets, the outbox) can write one.
 * See docs/decisions/0009-nothing-lost.md.
 */
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';

/** What stands in for a character the database cannot store. */
export const REPLACEMENT = '\ufffd';

// NUL, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must be found
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with NUL and lone surrogates replaced by U+FFFD; the same string when there are none. */
export function storable(text: string): string {
  UNSTORABLE.lastIndex = 0;
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE, REPLACEMENT) : text;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(clean);
  return value;
}

const cleanQuery = (query: SqlQuery): SqlQuery => ({ ...query, args: query.args.map(clean) });

/** Wraps the query methods of a connection or transaction so their arguments are storable. */
function guard<T extends Pick<SqlDriverAdapter, 'queryRaw' | 'executeRaw'>>(target: T): T {
  return new Proxy(target, {
    get(obj, key) {
      if (key === 'queryRaw' || key === 'executeRaw') return (query: SqlQuery) => obj[key](cleanQuery(query) as never);
      if (key === 'startTransaction')
        return async (...args: unknown[]) =>
          guard((await (obj as unknown as SqlDriverAdapter).startTransaction(...(args as []))) as Transaction);
      const value = Reflect.get(obj, key, obj);
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}

/**
 * The driver adapter factory with every connection it opens guarded.
 * @example new PrismaClient({ adapter: storableAdapter(new PrismaPg(pool)) })
 */
export function storableAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  return new Proxy(factory, {
    get(obj, key) {
      if (key === 'connect') return async () => guard(await obj.connect());
      const value = Reflect.get(obj, key, obj);
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}
