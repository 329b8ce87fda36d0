import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('12-two-networks', '02-docker');

describe('lesson 12: joining two networks', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('a fixed address on back passes too', () => {
    expect(run(['docker network connect --ip 172.19.0.50 back web']).failedIds).toEqual([]);
  });
  test('the start fails: web has no way to back', () => {
    const r = run([]);
    expect(r.failedIds).toEqual(['web-second-interface', 'web-db']);
    expect(r.messages).toContain('has only one interface');
  });
  test('wrong: db connected to front, so other reaches it by name', () => {
    const r = run(['docker network connect front db']);
    expect(r.failedIds).toEqual(['web-second-interface', 'db-only-back', 'other-db-name']);
    expect(r.messages).toContain('connect `web` to `back` instead');
    expect(r.messages).toContain('container other → db:5432 (tcp) still gets through (it reaches db)');
  });
  test('wrong: other connected to back along with web', () => {
    const r = run(['docker network connect back web', 'docker network connect back other']);
    expect(r.failedIds).toEqual(['other-only-front', 'other-db-name', 'other-db-address']);
    expect(r.messages).toContain('must stay on `front` only');
  });
  test('wrong: web re-created on back alone loses front', () => {
    const r = run(['docker rm -f web', 'docker run -d --name web --network back nginx']);
    expect(r.failedIds).toEqual(['web-on-front', 'web-second-interface', 'web-other']);
    expect(r.messages).toContain('add a network instead of re-creating it');
  });
  test("wrong: a DOCKER-USER ACCEPT for web's address: the raw rule still drops it, and no name resolves", () => {
    const r = run(['iptables -I DOCKER-USER -s 172.18.0.2 -d 172.19.0.2 -j ACCEPT']);
    expect(r.failedIds).toEqual(['web-second-interface', 'web-db']);
  });
  test('wrong: opening front to back (raw flushed, DOCKER-USER ACCEPT) lets other in too', () => {
    const r = run(['iptables -t raw -F', 'iptables -I DOCKER-USER -s 172.18.0.0/16 -d 172.19.0.0/16 -j ACCEPT']);
    expect(r.failedIds).toEqual(['web-second-interface', 'web-db', 'other-db-address']);
    expect(r.messages).toContain('container other → container db (172.19.0.2):5432 (tcp) still gets through');
  });
  test('wrong: the right connect, plus opening every bridge to every other', () => {
    const r = run(['docker network connect back web', 'iptables -t raw -F', 'iptables -I DOCKER-USER -j ACCEPT']);
    expect(r.failedIds).toEqual(['other-db-address']);
  });
});
