import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('11-user-defined-bridges', '02-docker');

const appnet = 'docker network create appnet';
const db = 'docker run -d --name db --network appnet alpine nc -lk -p 5432';
const api = 'docker run -d --name api --network appnet alpine sleep infinity';
const other = 'docker run -d --name other alpine sleep infinity';

describe('lesson 11: user-defined bridges, DNS and isolation', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('creation order does not matter: api first, db second (db gets .3)', () => {
    expect(run([appnet, api, db, other]).failedIds).toEqual([]);
  });
  test('the start fails: no containers yet', () => {
    const r = run([]);
    expect(r.failedIds).toEqual([
      'db-on-appnet', 'api-on-appnet', 'api-embedded-dns', 'other-on-default', 'api-db-by-name', 'other-no-name', 'other-isolated',
    ]);
    expect(r.messages).toContain('container other does not exist');
  });
  test('wrong: everything on the default bridge (pitfall 1: no names there, and no wall between them)', () => {
    const r = run([
      'docker run -d --name db alpine nc -lk -p 5432',
      'docker run -d --name api alpine sleep infinity',
      other,
    ]);
    expect(r.failedIds).toEqual(['db-on-appnet', 'api-on-appnet', 'api-embedded-dns', 'api-db-by-name', 'other-isolated']);
    expect(r.messages).toContain('only on user-defined networks, never on the default bridge');
  });
  test('wrong: other on appnet as well', () => {
    const r = run([appnet, db, api, 'docker run -d --name other --network appnet alpine sleep infinity']);
    expect(r.failedIds).toEqual(['other-on-default', 'other-no-name', 'other-isolated']);
    expect(r.messages).toContain('is a port of br-');
    expect(r.messages).toContain('container other → db:5432 (tcp) still gets through');
  });
  test('wrong: db is redis, which listens on 6379, not 5432', () => {
    const r = run([appnet, 'docker run -d --name db --network appnet redis', api, other]);
    expect(r.failedIds).toEqual(['api-db-by-name']);
    expect(r.messages).toContain('must listen on 5432');
  });
  test('wrong: db on a network of its own, so api cannot resolve or reach it', () => {
    const r = run([appnet, 'docker network create dbnet', 'docker run -d --name db --network dbnet alpine nc -lk -p 5432', api, other]);
    expect(r.failedIds).toEqual(['api-db-by-name']);
    expect(r.messages).toContain('same user-defined network');
  });
  test("wrong: opening the walls (DOCKER-USER ACCEPT, raw flushed) lets other reach db's address", () => {
    const r = run([...exercise.solution, 'iptables -I DOCKER-USER -j ACCEPT', 'iptables -t raw -F']);
    expect(r.failedIds).toEqual(['other-isolated']);
    expect(r.messages).toContain('container other → container db (172.18.0.2):5432 (tcp) still gets through');
  });
  test('only the raw DROP flushed: the filter DOCKER chain still keeps other out', () => {
    expect(run([...exercise.solution, 'iptables -t raw -F']).failedIds).toEqual([]);
  });
});
