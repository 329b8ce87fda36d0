/**
 * The simulator's public API: the only module the UI, the CLI, the tests and the course
 * linter import. Everything here is plain data in and out.
 *
 *   const m = createMachine({ seed: 1, world: 'host' });
 *   const r = m.run('ip -br link');          // runs to completion in virtual time
 *   r.output, r.exitCode
 *
 *   const job = m.start('ping 10.0.0.2', (text) => term.write(text));
 *   while (!job.done) { const wait = job.step(); await realDelay(wait); }  // streaming
 *   job.interrupt();                          // Ctrl+C: ping prints its statistics
 */
export { createMachine, Machine } from './machine.ts';
export type { MachineOptions, RunResult, RunOptions, Job, Completion } from './machine.ts';
export { replayOn, scenarioCommands, transcriptBlock } from './replay.ts';
export type { ScenarioCommand } from './replay.ts';
export { exerciseSchema, checkSchema, hintSchema, variantSchema } from './check/schema.ts';
export type { Exercise, ExerciseInput, Check, Hint, Variant } from './check/schema.ts';
export { pickVariant, resolveVariant, exerciseForSeed } from './check/variants.ts';
export { evaluate, nextHint, isProbe } from './check/evaluate.ts';
export type { Evaluation, CheckResult, EvaluateOptions } from './check/evaluate.ts';
export type { ProbeMachine } from './check/probe.ts';
export { kernelJourneyGroups, kernelJourney } from './observe/journey-machine.ts';
export { headline } from './observe/journey-store.ts';
export type { JourneyGroup, JourneyEntry } from './observe/journey-store.ts';
export type { Journey, JourneyStep, JourneyOutcome } from './observe/journey.ts';
export { journeyText, stepLine, stepPlace } from './observe/journey-text.ts';
