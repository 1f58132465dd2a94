import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { surveysService } from '../src/service';
import { questions, setUpQuestionnaire } from './support';

const URL = '/api/v1/questionnaires';

describe('questionnaires and versions (real Postgres and NATS)', () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(surveysService, { clock: new ManualClock('2026-11-01T02:00:00Z') });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('creates version 1, publishes version 2, and keeps version 1 readable', async () => {
    const { questionnaireId, touchpoint } = await setUpQuestionnaire(h);
    const got = await h.request('GET', `${URL}/${questionnaireId}`, { as: 'agent' });
    expect(got.json()).toMatchObject({ currentVersion: 1, current: { version: 1 } });
    expect(got.json().current.questions[0]).toMatchObject({ key: 'overall', type: 'csat', touchpoint });

    const v2 = await h.request('POST', `${URL}/${questionnaireId}/versions`, {
      as: 'lead',
      body: { questions: questions(touchpoint).slice(0, 1) },
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2 });
    expect((await h.request('GET', `${URL}/${questionnaireId}`, { as: 'lead' })).json().currentVersion).toBe(
      2,
    );
    const versions = await h.request('GET', `${URL}/${questionnaireId}/versions`, { as: 'lead' });
    expect(
      versions.json().map((v: { version: number; questions: unknown[] }) => [v.version, v.questions.length]),
    ).toEqual([
      [1, 4],
      [2, 1],
    ]);
    const none = await h.request('GET', `${URL}/${randomUUID()}/versions`, { as: 'lead' });
    expect([none.statusCode, none.json().code]).toEqual([404, 'QUESTIONNAIRE_NOT_FOUND']);
  });

  it('publishes one version for a retry with the same Idempotency-Key; the key on another questionnaire is a 422', async () => {
    const { questionnaireId, touchpoint } = await setUpQuestionnaire(h);
    const key = randomUUID();
    const body = { questions: questions(touchpoint).slice(0, 2) };
    const publish = (id: string, b: object) =>
      h.request('POST', `${URL}/${id}/versions`, {
        as: 'lead',
        body: b,
        headers: { 'idempotency-key': key },
      });
    const first = await publish(questionnaireId, body);
    const retry = await publish(questionnaireId, body);
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ version: 2 });
    const versions = await h.request('GET', `${URL}/${questionnaireId}/versions`, { as: 'lead' });
    expect(versions.json().map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const changed = await publish(questionnaireId, { questions: questions(touchpoint).slice(0, 1) });
    expect([changed.statusCode, changed.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const other = await setUpQuestionnaire(h);
    const elsewhere = await publish(other.questionnaireId, body);
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const fresh = await h.request('POST', `${URL}/${questionnaireId}/versions`, { as: 'lead', body });
    expect([fresh.statusCode, fresh.json().version]).toEqual([201, 3]);
  });

  it('names the question that breaks a rule (branching on a later question, a choice without options)', async () => {
    const qs = questions();
    qs[1] = { ...qs[1], showIf: { question: 'recommend', atMost: 3 } };
    qs[3] = { ...qs[3], options: [qs[3].options[0]] };
    const res = await h.request('POST', URL, {
      as: 'lead',
      body: { code: `q-${randomUUID().slice(0, 8)}`, title: { 'zh-CN': '问卷' }, questions: qs },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'questions[1].showIf.question',
      'questions[3].options',
    ]);
    const badType = await h.request('POST', URL, {
      as: 'lead',
      body: { code: 'q-x', title: { 'zh-CN': '问卷' }, questions: [{ ...qs[0], type: 'stars' }] },
    });
    expect(badType.json().errors.map((e: { field: string }) => e.field)).toEqual(['questions.0.type']);
  });

  it('refuses a question on an unregistered touchpoint (422) and a taken code (409)', async () => {
    const body = {
      code: `q-${randomUUID().slice(0, 8)}`,
      title: { 'zh-CN': '问卷' },
      questions: questions('nowhere'),
    };
    const res = await h.request('POST', URL, { as: 'lead', body });
    expect([res.statusCode, res.json().code]).toEqual([422, 'TOUCHPOINT_UNKNOWN']);
    const { code } = await setUpQuestionnaire(h);
    const taken = await h.request('POST', URL, {
      as: 'lead',
      body: { ...body, code, questions: questions() },
    });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'QUESTIONNAIRE_CODE_TAKEN']);
  });

  it('lets only the lead publish; 404 for an unknown questionnaire', async () => {
    const body = { code: 'q-agent', title: { 'zh-CN': '问卷' }, questions: questions() };
    expect((await h.request('POST', URL, { as: 'agent', body })).statusCode).toBe(403);
    expect((await h.request('POST', URL, { body })).statusCode).toBe(401);
    const res = await h.request('POST', `${URL}/${randomUUID()}/versions`, {
      as: 'lead',
      body: { questions: questions() },
    });
    expect([res.statusCode, res.json().code]).toEqual([404, 'QUESTIONNAIRE_NOT_FOUND']);
  });
});
