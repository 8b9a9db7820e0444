// The Open311 GeoReport v2 read API: field names as the specification lists them, API keys
// (none or a wrong one is refused), a key limited to a place, and nothing private in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/services/web-access.js';
import { texts } from '../support/harness.js';
import { startWebHarness, type WebHarness } from '../support/web.js';

/** GeoReport v2 (wiki.open311.org/GeoReport_v2): the fields of a service and of a service request. */
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

let h: WebHarness;
let key: string;
let building3Key: string;

const get = async (path: string) => {
  const res = await fetch(new URL(path, h.web.url));
  return { status: res.status, body: (await res.json()) as Record<string, unknown>[] };
};

describe('Open311 GeoReport v2', () => {
  beforeAll(async () => {
    h = await startWebHarness();
    expect(texts(await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了，有事打13912345678'))).toMatch(/#1/);
    expect(texts(await h.say('1-1群', '居民小赵', '1栋1单元楼下的垃圾三天没人收了'))).toMatch(/#2/);
    expect(texts(await h.say('2-1群', '居民小孙', '2栋1单元电梯坏了'))).toMatch(/#3/);
    await h.db.prisma.ticket.update({ where: { id: 3 }, data: { mustReport: 'instability' } });
    const now = h.clock.now();
    key = await createApiKey(h.db.prisma, 'city', null, now);
    const b3 = await h.db.prisma.place.findUniqueOrThrow({ where: { key: 'xingfu/g1/b3' } });
    await h.db.prisma.place.update({ where: { id: b3.id }, data: { lat: 36.65, lng: 117.12 } });
    building3Key = await createApiKey(h.db.prisma, 'b3', b3.id, now);
  });
  afterAll(async () => h?.close());

  it('refuses a request without a key and one with a wrong key', async () => {
    for (const path of ['/open311/v2/services.json', '/open311/v2/requests.json', '/open311/v2/requests/1.json']) {
      const none = await get(path);
      expect(none.status).toBe(401);
      expect(none.body[0]).toMatchObject({ code: 401 });
      const wrong = await get(`${path}?api_key=gbk_wrong`);
      expect(wrong.status).toBe(403);
      expect(Object.keys(wrong.body[0]).sort()).toEqual(['code', 'description']);
    }
  });

  it('lists services with the specification’s fields', async () => {
    const { status, body } = await get(`/open311/v2/services.json?api_key=${key}`);
    expect(status).toBe(200);
    for (const s of body) expect(Object.keys(s).sort()).toEqual([...SERVICE_FIELDS].sort());
    expect(body.map((s) => s.service_code)).toContain('facility');
    expect(body.find((s) => s.service_code === 'facility')).toMatchObject({
      service_name: '设施报修',
      type: 'realtime',
      metadata: false,
    });
  });

  it('lists requests with the specification’s fields, without phone numbers, reporters or sensitive items', async () => {
    const { status, body } = await get(`/open311/v2/requests.json?api_key=${key}`);
    expect(status).toBe(200);
    expect(body.map((r) => r.service_request_id)).toEqual(['1', '2']);
    for (const r of body) {
      expect(Object.keys(r).sort()).toEqual([...REQUEST_FIELDS].sort());
      expect(r.status).toBe('open');
      expect(r.requested_datetime).toMatch(ISO);
      expect(r.updated_datetime).toMatch(ISO);
    }
    expect(body[0]).toMatchObject({ service_code: 'facility', address: '第一网格 3栋2单元', lat: 36.65, long: 117.12 });
    const all = JSON.stringify(body);
    expect(all).not.toMatch(/13912345678|居民小王|居民小赵/);
    expect(body[0].description).toMatch(/\[电话\]/);
  });

  it('filters by service code, status and id, and answers one request by its id', async () => {
    expect(
      (await get(`/open311/v2/requests.json?api_key=${key}&service_code=sanitation`)).body.map(
        (r) => r.service_request_id,
      ),
    ).toEqual(['2']);
    expect((await get(`/open311/v2/requests.json?api_key=${key}&status=closed`)).body).toEqual([]);
    expect(
      (await get(`/open311/v2/requests.json?api_key=${key}&service_request_id=2,3`)).body.map(
        (r) => r.service_request_id,
      ),
    ).toEqual(['2']);
    const one = await get(`/open311/v2/requests/1.json?api_key=${key}`);
    expect(one.status).toBe(200);
    expect(one.body).toHaveLength(1);
    expect(Object.keys(one.body[0]).sort()).toEqual([...REQUEST_FIELDS].sort());
    expect((await get(`/open311/v2/requests/3.json?api_key=${key}`)).status).toBe(404);
  });

  it('keeps a key made for a place to that place', async () => {
    const { body } = await get(`/open311/v2/requests.json?api_key=${building3Key}`);
    expect(body.map((r) => r.service_request_id)).toEqual(['1']);
    expect((await get(`/open311/v2/requests/2.json?api_key=${building3Key}`)).status).toBe(404);
  });
});
