/**
 * The org file (YAML or JSON): people, the place tree with roles, notice board and chat
 * bindings, and special households. Validation names the entry, the field and the problem.
 */
import { z } from 'zod';
import { parseYaml } from '../../common/yaml.js';

/**
 * head, deputy and grid_worker are pinged and answer for their place; staff (物业管家, 社区工作人员)
 * may sign for, update and close its tickets but are never assigned; volunteers only read.
 */
export const ROLE_NAMES = ['head', 'deputy', 'grid_worker', 'staff', 'volunteer'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export const HOUSEHOLD_KINDS = [
  'hardship',
  'lone_elderly',
  'left_behind_child',
  'disabled',
  'bereaved',
  'veteran',
  'religious',
  'petitioner',
] as const;

const text = z.string().trim().min(1, 'must not be empty');
const personKeys = z.union([text, z.array(text)]).transform((v) => (Array.isArray(v) ? v : [v]));

const identitySchema = z.object({
  platform: z.enum(['console', 'wechat', 'telegram', 'wecom']),
  id: z.coerce.string().min(1),
  name: z.string().optional(),
  username: z.string().optional(),
});

const personSchema = z.object({
  key: text,
  name: text,
  phone: z.coerce
    .string()
    .regex(/^[0-9+\-() ]{3,20}$/, 'is not a phone number')
    .optional(),
  identities: z.array(identitySchema).default([]),
});

const chatSchema = z.object({
  platform: z.enum(['console', 'wechat', 'telegram', 'wecom']),
  id: z.coerce.string().min(1),
  title: z.string().optional(),
  account: z.string().optional(),
  /** all: the bot reads every message; mentions: only @-mentions, replies to it and commands. */
  listen: z.enum(['all', 'mentions']).optional(),
});

export interface PlaceEntry {
  key?: string;
  level: string;
  name: string;
  number?: string;
  /** WGS-84 coordinates (optional): a location pin within 150 m of a building means that building. */
  lat?: number;
  lng?: number;
  roles: Partial<Record<RoleName, string[]>>;
  board: Record<string, string>;
  chats: z.infer<typeof chatSchema>[];
  children: PlaceEntry[];
}

const placeSchema: z.ZodType<PlaceEntry> = z.lazy(() =>
  z.object({
    key: text.optional(),
    level: text,
    name: text,
    number: z.coerce
      .string()
      .regex(/^[0-9A-Za-z]+$/, 'must be digits or a letter, e.g. "3" or "A"')
      .optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    roles: z.partialRecord(z.enum(ROLE_NAMES), personKeys).default({}),
    board: z.record(text, z.coerce.string().min(1)).default({}),
    chats: z.array(chatSchema).default([]),
    children: z.array(placeSchema).default([]),
  }),
) as z.ZodType<PlaceEntry>;

const householdSchema = z.object({
  key: text,
  place: text,
  name: text,
  kind: z.enum(HOUSEHOLD_KINDS),
  address: z.string().optional(),
  note: z.string().optional(),
  responsible: text.optional(),
});

export const orgFileSchema = z.object({
  version: z.literal(1).default(1),
  people: z.array(personSchema).default([]),
  places: z.array(placeSchema).min(1, 'needs at least one place'),
  households: z.array(householdSchema).default([]),
});

export type OrgFile = z.infer<typeof orgFileSchema>;

/** A place with its resolved key and parent, in tree order (parents first). */
export interface FlatPlace {
  key: string;
  parentKey: string | null;
  depth: number;
  entry: PlaceEntry;
  path: string;
}

/** Thrown when an org file is wrong; `problems` lists each as "where: what". */
export class OrgFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`org file has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'OrgFileError';
  }
}

/** Parses and validates an org file's text. Throws {@link OrgFileError}. */
export function parseOrgFile(source: string, fileName = 'org file'): { org: OrgFile; places: FlatPlace[] } {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (error) {
    throw new OrgFileError([`${fileName}: not valid YAML or JSON: ${(error as Error).message}`]);
  }
  const parsed = orgFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new OrgFileError(parsed.error.issues.map((i) => `${formatPath(i.path, raw)}: ${i.message}`));
  }
  const org = parsed.data;
  const places = flatten(org.places);
  const problems = crossCheck(org, places);
  if (problems.length) throw new OrgFileError(problems);
  staffByDefault(org, places);
  return { org, places };
}

/**
 * A person the file lists without any role works there (the property's 管家, a community clerk):
 * staff at the top places of the file, so their "修好了" counts; they are never pinged. To take
 * someone's powers away, remove them from `people` (docs/decisions/0007-staff-role.md).
 */
function staffByDefault(org: OrgFile, places: FlatPlace[]): void {
  const placed = new Set<string>();
  for (const place of places)
    for (const keys of Object.values(place.entry.roles)) for (const k of keys ?? []) placed.add(k);
  const roleless = org.people.map((p) => p.key).filter((k) => !placed.has(k));
  if (!roleless.length) return;
  for (const root of places.filter((p) => p.parentKey === null)) {
    root.entry.roles = { ...root.entry.roles, staff: [...(root.entry.roles.staff ?? []), ...roleless] };
  }
}

function flatten(entries: PlaceEntry[]): FlatPlace[] {
  const out: FlatPlace[] = [];
  const walk = (list: PlaceEntry[], parent: FlatPlace | null, path: string) => {
    list.forEach((entry, index) => {
      const here = `${path}[${index}]`;
      const key = entry.key ?? (parent ? `${parent.key}/${entry.number ?? entry.name}` : (entry.number ?? entry.name));
      const flat: FlatPlace = {
        key,
        parentKey: parent?.key ?? null,
        depth: parent ? parent.depth + 1 : 0,
        entry,
        path: `${here} (${entry.name})`,
      };
      out.push(flat);
      walk(entry.children, flat, `${here}.children`);
    });
  };
  walk(entries, null, 'places');
  return out;
}

function crossCheck(org: OrgFile, places: FlatPlace[]): string[] {
  const problems: string[] = [];
  const people = new Set<string>();
  org.people.forEach((p, i) => {
    if (people.has(p.key)) problems.push(`people[${i}] (${p.name}).key: "${p.key}" is used twice`);
    people.add(p.key);
  });
  const identities = new Set<string>();
  org.people.forEach((p, i) =>
    p.identities.forEach((id, j) => {
      const k = `${id.platform}:${id.id}`;
      if (identities.has(k)) problems.push(`people[${i}].identities[${j}]: ${k} belongs to two people`);
      identities.add(k);
    }),
  );
  const keys = new Set<string>();
  const chats = new Set<string>();
  for (const place of places) {
    if (keys.has(place.key)) problems.push(`${place.path}.key: "${place.key}" is used twice`);
    keys.add(place.key);
    for (const [role, list] of Object.entries(place.entry.roles)) {
      for (const key of list ?? []) {
        if (!people.has(key)) problems.push(`${place.path}.roles.${role}: unknown person "${key}" (not in people)`);
      }
    }
    place.entry.chats.forEach((chat, i) => {
      const k = `${chat.platform}:${chat.id}`;
      if (chats.has(k)) problems.push(`${place.path}.chats[${i}]: chat ${k} is bound twice`);
      chats.add(k);
    });
  }
  org.households.forEach((h, i) => {
    if (!keys.has(h.place)) problems.push(`households[${i}] (${h.key}).place: unknown place "${h.place}"`);
    if (h.responsible && !people.has(h.responsible))
      problems.push(`households[${i}] (${h.key}).responsible: unknown person "${h.responsible}"`);
  });
  return problems;
}

/** "places[0].children[1].roles.head" with the entry's name where there is one. */
function formatPath(path: PropertyKey[], raw: unknown): string {
  let node: unknown = raw;
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part as string] : undefined;
    if (typeof part === 'number' && node && typeof node === 'object' && 'name' in node)
      out += ` (${String((node as { name: unknown }).name)})`;
  }
  return out || '(top level)';
}
